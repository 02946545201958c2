#pragma once
/// \file
/// \brief \f$\int_a^b f(x)\,dx\f$ by Boost.Math's double-exponential and Gauss–Kronrod rules, with
/// the method chosen from the bounds, validated input and a uniform result.

#include <boost/math/quadrature/exp_sinh.hpp>
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <boost/math/quadrature/sinh_sinh.hpp>
#include <boost/math/quadrature/tanh_sinh.hpp>
#include <cmath>
#include <cstddef>
#include <exception>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

#include "minimax/core/concepts.hpp"
#include "minimax/core/error.hpp"
#include "minimax/core/estimate.hpp"
#include "minimax/quadrature/interval.hpp"

namespace minimax {

/// \brief The rule integrate() used.
enum class quadrature_method {
  tanh_sinh,     ///< finite \f$[a, b]\f$: \f$x = \tfrac{a+b}{2} + \tfrac{b-a}{2}\tanh(\tfrac\pi2\sinh t)\f$
  exp_sinh,      ///< half-infinite \f$[a, \infty)\f$ or \f$(-\infty, b]\f$: \f$x = a + e^{\frac\pi2\sinh t}\f$
  sinh_sinh,     ///< the real line: \f$x = \sinh(\tfrac\pi2\sinh t)\f$
  gauss_kronrod  ///< adaptive Gauss–Kronrod bisection (integrate_gauss_kronrod())
};

/// \brief The method's name, e.g. "tanh_sinh".
inline std::string_view to_string(quadrature_method method) noexcept {
  switch (method) {
    case quadrature_method::tanh_sinh: return "tanh_sinh";
    case quadrature_method::exp_sinh: return "exp_sinh";
    case quadrature_method::sinh_sinh: return "sinh_sinh";
    case quadrature_method::gauss_kronrod: return "gauss_kronrod";
  }
  return "?";
}

/// \brief The abscissa and weight tables of the double-exponential rules, kept between calls of
/// integrate() that name it in quadrature_options::workspace.
///
/// Boost's tanh_sinh, exp_sinh and sinh_sinh rules compute their tables on construction and extend
/// them level by level as a refinement needs them. Without a workspace every call of integrate()
/// builds the rule it uses afresh (a few microseconds, more for deep refinements) and keeps nothing:
/// the library holds no hidden state. A loop of many integrals can own one workspace and pass it in
/// the options; the results are the same to the last bit, only the tables are reused. A workspace
/// is not thread-safe: give each thread its own.
template <Real T = double>
class quadrature_workspace {
 public:
  quadrature_workspace() = default;
  quadrature_workspace(const quadrature_workspace&) = delete;
  quadrature_workspace& operator=(const quadrature_workspace&) = delete;
  /// Moves the rules and their tables (a workspace is not copied: its tables may be large).
  quadrature_workspace(quadrature_workspace&&) noexcept = default;
  /// Moves the rules and their tables.
  quadrature_workspace& operator=(quadrature_workspace&&) noexcept = default;

  /// \brief The rule `Rule` (`boost::math::quadrature::tanh_sinh<T>`, `exp_sinh<T>` or
  /// `sinh_sinh<T>`) for a refinement limit, built on first use and kept with its tables.
  template <class Rule>
  Rule& rule(std::size_t max_refinements) {
    auto& slot = rules<Rule>()[max_refinements];
    if (!slot) slot = std::make_unique<Rule>(max_refinements);
    return *slot;
  }

  /// \brief The number of rules built so far (one per rule kind and refinement limit used).
  std::size_t size() const noexcept { return tanh_sinh_.size() + exp_sinh_.size() + sinh_sinh_.size(); }

 private:
  template <class Rule>
  auto& rules() {
    namespace bq = boost::math::quadrature;
    if constexpr (std::is_same_v<Rule, bq::tanh_sinh<T>>) {
      return tanh_sinh_;
    } else if constexpr (std::is_same_v<Rule, bq::exp_sinh<T>>) {
      return exp_sinh_;
    } else {
      static_assert(std::is_same_v<Rule, bq::sinh_sinh<T>>,
                    "minimax::quadrature_workspace::rule: Rule must be Boost's tanh_sinh<T>, exp_sinh<T> or sinh_sinh<T>");
      return sinh_sinh_;
    }
  }

  std::map<std::size_t, std::unique_ptr<boost::math::quadrature::tanh_sinh<T>>> tanh_sinh_;
  std::map<std::size_t, std::unique_ptr<boost::math::quadrature::exp_sinh<T>>> exp_sinh_;
  std::map<std::size_t, std::unique_ptr<boost::math::quadrature::sinh_sinh<T>>> sinh_sinh_;
};

/// \brief What integrate() may spend and when it stops.
template <Real T = double>
struct quadrature_options {
  /// \brief Stop once the change between two refinements is at most this times
  /// \f$\int|f|\f$. Default \f$\sqrt\varepsilon\f$ (\f$1.5\times10^{-8}\f$ for double): double-exponential
  /// rules double their correct digits per level, so the value returned is then typically accurate to
  /// near \f$\varepsilon\f$ for smooth integrands, far better than the criterion.
  T relative_tolerance = std::sqrt(std::numeric_limits<T>::epsilon());
  /// \brief The most levels of step halving (double-exponential rules) or of interval bisection
  /// (Gauss–Kronrod). Default 12.
  std::size_t max_refinements = 12;
  /// \brief Where the double-exponential rules' tables are kept between calls (see
  /// quadrature_workspace); null (the default): each call builds its own and keeps nothing. Not
  /// used by integrate_gauss_kronrod(), whose rule is a fixed table.
  quadrature_workspace<T>* workspace = nullptr;
};

/// \brief A value of \f$\int_a^b f\f$ with its error estimate: a minimax::basic_estimate (`value`, the
/// integral's estimate; `error_estimate`, its estimated absolute error: for the double-exponential
/// rules \f$|Q_k - Q_{k-1}|\f$ of the last two levels, for Gauss–Kronrod \f$|G - K|\f$ summed over
/// the pieces) with the quadrature's diagnostics. In double precision it is a minimax::estimate.
template <Real T = double>
struct quadrature_result : basic_estimate<T> {
  T l1_norm = 0;  ///< estimate of \f$\int_a^b |f|\f$ (the scale the tolerance is relative to)
  quadrature_method method;  ///< the rule used
  std::size_t evaluations = 0;  ///< number of evaluations of f
};

namespace detail {

/// The working type: that of the bounds, widened to the integrand's result type when that is a wider
/// floating type (so `integrate(f, -INFINITY, INFINITY)` with a double f integrates in double).
template <class F, class A, class B, class Bounds = deduced_real_t<A, B>, class = void>
struct integration_real {
  using type = Bounds;
};
template <class F, class A, class B, class Bounds>
struct integration_real<F, A, B, Bounds, std::enable_if_t<std::is_floating_point_v<std::invoke_result_t<F&, Bounds>>>> {
  using type = std::common_type_t<Bounds, std::invoke_result_t<F&, Bounds>>;
};
template <class F, class A, class B>
using integration_real_t = typename integration_real<F, A, B>::type;

/// The rule for one call: the workspace's when the options name one, else one built in `local`.
template <class Rule, class T>
Rule& rule_for(const quadrature_options<T>& options, std::optional<Rule>& local) {
  if (options.workspace != nullptr) return options.workspace->template rule<Rule>(options.max_refinements);
  return local.emplace(options.max_refinements);
}

template <class T>
void validate_integration(const char* function, T a, T b, const quadrature_options<T>& options) {
  if (a != a) raise_invalid_argument(function, "the lower bound a must not be NaN", a);
  if (b != b) raise_invalid_argument(function, "the upper bound b must not be NaN", b);
  if (a > b) {
    raise_invalid_argument(function, "the bounds must satisfy a <= b",
                           "a = " + detail::to_text(a) + ", b = " + detail::to_text(b));
  }
  if (a == b && std::isinf(a)) raise_invalid_argument(function, "an empty interval must have finite ends", a);
  require_non_negative(function, "options.relative_tolerance", options.relative_tolerance);
  if (options.max_refinements == 0) raise_invalid_argument(function, "options.max_refinements must be positive", 0);
}

/// \brief A non-owning reference to a callable `T(T)`. integrate() hands the Boost rules this one
/// type instead of the integrand's own: each lambda is a type of its own, and each would instantiate
/// the rules anew (a second or more of compilation per integrand); through the reference they are
/// instantiated once per T. The price is one indirect call per evaluation.
template <class T>
class integrand_ref {
 public:
  /// Refers to `f`, which must outlive the reference.
  template <class F>
  explicit integrand_ref(F& f) noexcept
      : object_(static_cast<void*>(std::addressof(f))),
        call_([](void* object, T x) -> T { return static_cast<T>((*static_cast<F*>(object))(x)); }) {}
  /// \f$f(x)\f$.
  T operator()(T x) const { return call_(object_, x); }

 private:
  void* object_;
  T (*call_)(void*, T);
};

/// Wraps f: counts evaluations, throws at the first NaN, records where f was not finite. The
/// infinite-range rules first probe f at the largest finite double to check that f decays; there a
/// NaN is the product of an overflow and an underflow (\f$x^2 p(x)\f$ gives \f$\infty\cdot 0\f$), and it
/// reads as 0, the limit of a decaying integrand.
template <class T>
struct checked_integrand {
  const char* function;
  integrand_ref<T> f;
  std::size_t evaluations = 0;
  T non_finite_at = std::numeric_limits<T>::quiet_NaN();
  T operator()(T x) {
    ++evaluations;
    const T y = f(x);
    if (y != y && std::abs(x) == std::numeric_limits<T>::max()) return T(0);
    if (y != y) raise_domain_error(function, "the integrand returned NaN at x", x);
    if (std::isinf(y) && non_finite_at != non_finite_at) non_finite_at = x;
    return y;
  }
};

/// Runs a Boost rule, turning its exceptions into minimax::domain_error that say where f failed.
template <class T, class Body>
quadrature_result<T> run_rule(const char* function, integrand_ref<T> f, quadrature_method method, Body body) {
  checked_integrand<T> g{function, f};
  quadrature_result<T> result{{T(0), T(0)}, T(0), method, 0};
  try {
    result.value = body(g, result.error_estimate, result.l1_norm);
  } catch (const minimax::invalid_argument&) {
    throw;
  } catch (const minimax::domain_error&) {
    throw;
  } catch (const std::exception& e) {
    const std::string where = g.non_finite_at == g.non_finite_at
                                  ? " (the integrand was infinite at x = " + detail::to_text(g.non_finite_at) + ")"
                                  : std::string();
    raise_domain_error(function, std::string(to_string(method)) + " failed" + where, std::string_view(e.what()));
  }
  result.evaluations = g.evaluations;
  if (!std::isfinite(result.value)) {
    raise_domain_error(function, "the integral is not finite", result.value);
  }
  return result;
}

/// integrate()'s work once f is behind an integrand_ref: instantiated once per T, whatever f is.
template <class T>
quadrature_result<T> integrate_double_exponential(integrand_ref<T> f, T a, T b, const quadrature_options<T>& options) {
  constexpr const char* function = "minimax::integrate";
  const T tol = options.relative_tolerance;
  namespace bq = boost::math::quadrature;
  if (std::isfinite(a) && std::isfinite(b)) {
    std::optional<bq::tanh_sinh<T>> local;
    auto& rule = rule_for(options, local);
    return run_rule<T>(function, f, quadrature_method::tanh_sinh, [&](checked_integrand<T>& g, T& error, T& l1) {
      // The two-argument form: Boost passes x = a + d or x = b - d, formed from the distance d to the
      // nearer end, and that distance. (Boost 1.74's one-argument form rebuilds x near a as
      // (a+b)/2 + (b-a)z/2 whenever |a| >= 1/2, which rounds onto a itself after a few refinements and
      // trips its assertion `position != a`.) An abscissa closer to an end than half an ulp of it
      // rounds onto the end; it is not evaluated and counts 0, as Boost's own guard intends for the
      // one-argument form, so f is never evaluated at an end.
      T value = rule.integrate([&g, a, b](T x, T) -> T { return (x > a && x < b) ? g(x) : T(0); }, a, b, tol, &error,
                               &l1);
      error *= (b - a) / 2;  // Boost reports the error of the rule on [-1, 1]; scale it as it scales L1
      return value;
    });
  }
  if (std::isinf(a) && std::isinf(b)) {
    std::optional<bq::sinh_sinh<T>> local;
    auto& rule = rule_for(options, local);
    return run_rule<T>(function, f, quadrature_method::sinh_sinh, [&](checked_integrand<T>& g, T& error, T& l1) {
      return rule.integrate([&g](T x) { return g(x); }, tol, &error, &l1);
    });
  }
  std::optional<bq::exp_sinh<T>> local;
  auto& rule = rule_for(options, local);
  return run_rule<T>(function, f, quadrature_method::exp_sinh, [&](checked_integrand<T>& g, T& error, T& l1) {
    return rule.integrate([&g](T x) { return g(x); }, a, b, tol, &error, &l1);
  });
}

/// integrate_gauss_kronrod()'s work once f is behind an integrand_ref: once per T and Points.
template <unsigned Points, class T>
quadrature_result<T> integrate_gauss_kronrod_ref(integrand_ref<T> f, T a, T b, const quadrature_options<T>& options) {
  const bool half_infinite = std::isinf(a) != std::isinf(b);
  return run_rule<T>("minimax::integrate_gauss_kronrod", f, quadrature_method::gauss_kronrod,
                     [&](checked_integrand<T>& g, T& error, T& l1) {
                       T value = boost::math::quadrature::gauss_kronrod<T, Points>::integrate(
                           [&g](T x) { return g(x); }, a, b, static_cast<unsigned>(options.max_refinements),
                           options.relative_tolerance, &error, &l1);
                       // Boost doubles the value and L1 of the mapped integral, not the error
                       if (half_infinite) error *= 2;
                       return value;
                     });
}

}  // namespace detail

/// \brief \f$\int_a^b f(x)\,dx\f$ for \f$-\infty \le a \le b \le \infty\f$, the rule chosen from the bounds:
/// tanh_sinh on a finite interval (it tolerates integrable endpoint singularities such as
/// \f$\log x\f$ or \f$x^{-1/2}\f$ at 0, never evaluating f at an end), exp_sinh on a half-infinite
/// one, sinh_sinh on \f$(-\infty, \infty)\f$. \f$a = b\f$ gives 0.
///
/// The double-exponential rules assume f is smooth inside the interval and, on an infinite one, that
/// it decays; a density concentrated far from 0 relative to its width (a normal with
/// \f$|\mu| \gg \sigma\f$) should be integrated over its support split at the mode, or over a finite
/// window.
///
/// On an infinite range the rules first evaluate f at \f$\pm\f$ the largest finite number to check
/// that it decays; a NaN there (typically \f$\infty \cdot 0\f$, as in \f$x^2 p(x)\f$) is read as 0.
///
/// f is a callable `T(T)`; T is the bounds' type (integers count as double), widened to f's result type.
/// \throws minimax::invalid_argument when a or b is NaN, a > b, a = b = \f$\pm\infty\f$, or the options
/// are invalid; minimax::domain_error when f returns NaN (the message gives the x), or the rule fails
/// (for example when f is infinite inside the interval) or the integral is not finite.
template <class F, class A, class B, class T = detail::integration_real_t<F, A, B>>
quadrature_result<T> integrate(F f, A a_in, B b_in, const quadrature_options<T>& options = {}) {
  static_assert(std::is_invocable_v<F&, T>, "minimax::integrate: the integrand must be callable as f(x) with a real x");
  static_assert(std::is_convertible_v<std::invoke_result_t<F&, T>, T>,
                "minimax::integrate: the integrand must return a real number");
  constexpr const char* function = "minimax::integrate";
  const T a = static_cast<T>(a_in);
  const T b = static_cast<T>(b_in);
  detail::validate_integration(function, a, b, options);
  if (a == b) return {{T(0), T(0)}, T(0), quadrature_method::tanh_sinh, 0};
  return detail::integrate_double_exponential<T>(detail::integrand_ref<T>(f), a, b, options);
}

/// \brief \f$\int_I f\f$ over an interval (for example a distribution's support()); as integrate(f, a, b).
template <class F, Real T>
quadrature_result<T> integrate(F f, const interval<T>& domain, const quadrature_options<T>& options = {}) {
  return integrate(std::move(f), domain.lower, domain.upper, options);
}

/// \brief \f$\int_a^b f\f$ by adaptive Gauss–Kronrod with `Points` Kronrod nodes (15, 21, 31, 41, 51, 61):
/// the interval is bisected (at most `options.max_refinements` times deep) until
/// \f$|G - K| \le\f$ tolerance \f$\times \int|f|\f$ on each piece. Infinite bounds are mapped to a finite
/// interval. Suited to smooth integrands with features in the interior; it evaluates f at the
/// bounds' images, never at an infinite end.
/// \throws as integrate().
template <unsigned Points, class F, class A, class B, class T = detail::integration_real_t<F, A, B>>
quadrature_result<T> integrate_gauss_kronrod(F f, A a_in, B b_in, const quadrature_options<T>& options = {}) {
  static_assert(Points == 15 || Points == 21 || Points == 31 || Points == 41 || Points == 51 || Points == 61,
                "minimax::integrate_gauss_kronrod: Points must be 15, 21, 31, 41, 51 or 61");
  static_assert(std::is_invocable_v<F&, T>,
                "minimax::integrate_gauss_kronrod: the integrand must be callable as f(x) with a real x");
  constexpr const char* function = "minimax::integrate_gauss_kronrod";
  const T a = static_cast<T>(a_in);
  const T b = static_cast<T>(b_in);
  detail::validate_integration(function, a, b, options);
  if (a == b) return {{T(0), T(0)}, T(0), quadrature_method::gauss_kronrod, 0};
  return detail::integrate_gauss_kronrod_ref<Points, T>(detail::integrand_ref<T>(f), a, b, options);
}

}  // namespace minimax
