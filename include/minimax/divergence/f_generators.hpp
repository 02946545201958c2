#pragma once
/// \file
/// \brief The generators \f$f\f$ of the f-divergences, as compile-time types in minimax::f.
///
/// An f-divergence is \f$D_f(P\|Q) = \sum_x q(x)\, f\!\left(p(x)/q(x)\right)\f$ (or the integral of
/// the same perspective for densities) for a convex \f$f\f$ with \f$f(1) = 0\f$. The f-GAN
/// (Nowozin et al. 2016) uses the variational form
/// \f[ D_f(P\|Q) = \sup_T\; \mathbb{E}_P[T] - \mathbb{E}_Q[f^*(T)], \qquad T^* = f'(p/q), \f]
/// with the critic's raw output \f$v\f$ mapped into \f$\operatorname{dom} f^*\f$ by an output
/// activation \f$g_f\f$. Each generator type here bundles all of it as static functions:
///
/// | type | \f$f(u)\f$ | \f$f^*(t)\f$ | \f$\operatorname{dom} f^*\f$ | \f$f'(u)\f$ | \f$g_f(v)\f$ |
/// |---|---|---|---|---|---|
/// | f::kl | \f$u\log u\f$ | \f$e^{t-1}\f$ | \f$\mathbb{R}\f$ | \f$1+\log u\f$ | \f$v\f$ |
/// | f::reverse_kl | \f$-\log u\f$ | \f$-1-\log(-t)\f$ | \f$t<0\f$ | \f$-1/u\f$ | \f$-e^{-v}\f$ |
/// | f::pearson | \f$(u-1)^2\f$ | \f$t^2/4+t\f$ | \f$\mathbb{R}\f$ | \f$2(u-1)\f$ | \f$v\f$ |
/// | f::neyman | \f$(1-u)^2/u\f$ | \f$2-2\sqrt{1-t}\f$ | \f$t<1\f$ | \f$1-1/u^2\f$ | \f$1-e^{v}\f$ |
/// | f::squared_hellinger | \f$(\sqrt u-1)^2\f$ | \f$t/(1-t)\f$ | \f$t<1\f$ | \f$1-1/\sqrt u\f$ | \f$1-e^{v}\f$ |
/// | f::jensen_shannon | \f$u\log u-(u+1)\log\frac{u+1}{2}\f$ | \f$-\log(2-e^t)\f$ | \f$t<\log 2\f$ | \f$\log\frac{2u}{u+1}\f$ | \f$\log 2-\log(1+e^{-v})\f$ |
/// | f::gan | \f$u\log u-(u+1)\log(u+1)\f$ | \f$-\log(1-e^t)\f$ | \f$t<0\f$ | \f$\log\frac{u}{u+1}\f$ | \f$-\log(1+e^{-v})\f$ |
/// | f::total_variation | \f$\lvert u-1\rvert/2\f$ | \f$t\f$ | \f$\lvert t\rvert\le 1/2\f$ | \f$\operatorname{sign}(u-1)/2\f$ | \f$\tanh(v)/2\f$ |
///
/// Factors: with this Jensen–Shannon generator \f$D_f = 2\,\mathrm{JSD}\f$; the GAN generator has
/// \f$f(1) = -\log 4\f$ (it is not normalised) and \f$D_f = 2\,\mathrm{JSD} - \log 4\f$, whose optimal
/// critic is \f$T^* = \log D^*\f$ with \f$D^* = p/(p+q)\f$.
///
/// Limits of the perspective \f$q\,f(p/q)\f$, which every generator's `perspective(p, q)` applies:
/// \f$q = 0\f$ gives \f$p \lim_{u\to\infty} f(u)/u\f$ (`slope_at_infinity()`), \f$p = 0\f$ gives
/// \f$q\,f(0^+)\f$ (`at_zero()`), and \f$p = q = 0\f$ gives 0.
///
/// Every function is MINIMAX_HOST_DEVICE and never throws: an argument outside a function's domain
/// gives NaN (for \f$f\f$, \f$f'\f$ and the perspective) or \f$+\infty\f$ (for \f$f^*\f$, the
/// convex-analysis convention outside the effective domain).
///
/// ## Optional members
///
/// Beyond the FGenerator contract a generator may declare any of these static members; each is
/// detected with `requires` and, where declared, used by every algorithm in place of the generic
/// path (the library's generators declare them the same way a user's would; no algorithm lists
/// generator types). Missing members cost speed or accuracy in corner cases, never correctness.
///
/// | member | meaning and contract | used by | declared by |
/// |---|---|---|---|
/// | `static constexpr const char* name` | a short name, e.g. `"KL"` | proofs' titles (else `"f"`) | all eight |
/// | `T pmf_divergence(const char* function, detail::contiguous_vector<T>& p, detail::contiguous_vector<T>& q, detail::chunk_masses<T>* masses = nullptr)` | the whole pmf kernel: validates p and q as detail::for_each_block does (errors naming `function`), returns \f$D_f\f$; with `masses`, returns the chunk's masses there instead of checking them | minimax::f_divergence and the named pmf divergences; the Thrust backend's host systems, chunk by chunk | kl, reverse_kl, jensen_shannon, total_variation, squared_hellinger |
/// | a fifth parameter `T* lone_mass` of pmf_divergence | where given, the mass of the pairs with one zero is stored there and left out of the value (for the caller to add \f$f(0^+)\,\cdot\f$ the total over all chunks) | the Thrust host systems | jensen_shannon |
/// | `MINIMAX_HOST_DEVICE T pmf_term(T p, T q)` | for validated finite \f$p, q \ge 0\f$: a term whose sum over two pmfs is \f$D_f\f$ (it may differ from \f$q f(p/q)\f$ by terms that cancel in the sum, as KL's \f$p\log(p/q) - p + q\f$), with the perspective's limits at zeros; no checks of its arguments needed | the pmf path when there is no pmf_divergence (a block loop with no per-element validation); the Thrust element-wise path (GPUs, computed ranges) | kl, reverse_kl, jensen_shannon |
/// | `static constexpr bool pmf_lone_mass` | true: pairs with exactly one zero contribute \f$(p+q)\,f(0^+)\f$ (which must equal \f$\lim f(u)/u\f$); their mass is summed first and multiplied once, so disjoint supports give exactly \f$2f(0^+)\f$, and pmf_term is called for \f$p, q > 0\f$ only; the value is clamped to \f$f(0^+) + \lim f(u)/u\f$ | the Thrust element-wise path | jensen_shannon |
/// | `T log_space_term(T lp, T lq)` | \f$q f(p/q)\f$ from finite \f$\ell_p = \log p\f$, \f$\ell_q = \log q\f$, without forming \f$e^{\ell_p}/e^{\ell_q}\f$ (accurate where the densities underflow or nearly agree) | the density quadrature (else `perspective(exp(lp), exp(lq))`) | all eight |
/// | `static constexpr bool kink_where_densities_cross` | true: \f$q f(p/q)\f$ is not smooth where \f$p = q\f$ | the density quadrature cuts there too | total_variation |
/// | `T derivative_at_log_ratio(T l)` | \f$f'(e^\ell)\f$ for finite \f$\ell\f$, exact where forming \f$e^\ell\f$ would lose digits | the optimal f-GAN critic | kl, jensen_shannon, gan |
/// | `T conjugate_of_derivative_at_log_ratio(T l)` | \f$f^*(f'(e^\ell))\f$ for finite \f$\ell\f$ (by Fenchel–Young \f$= e^\ell f'(e^\ell) - f(e^\ell)\f$) | the f-GAN variational bound at \f$T^*\f$ | kl, neyman, squared_hellinger, jensen_shannon, gan |
/// | `static constexpr bool equals_virtual_training_criterion` | true: \f$D_f = 2\,\mathrm{JSD} - \log 4 = C(G)\f$ and \f$f'(p/q) = \log D^*\f$ | proofs::f_gan_bound adds those two steps | gan |
///
/// detail::has_pmf_divergence, detail::has_pmf_term, detail::has_log_space_term and their siblings
/// (end of this file) tell whether a generator declares one. docs/f_divergences.md, "Your own
/// generator", walks through a user-defined generator (the triangular discrimination).

#include <cmath>
#include <concepts>
#include <limits>

#include "minimax/core/config.hpp"
#include "minimax/core/log1pexp.hpp"
#include "minimax/core/sigmoid.hpp"
#include "minimax/core/xlogy.hpp"

namespace minimax {

namespace detail {
template <class T>
MINIMAX_HOST_DEVICE constexpr T ln2() noexcept {
  return T(0.693147180559945309417232121458176568L);
}
template <class T>
MINIMAX_HOST_DEVICE constexpr T inf() noexcept {
  return std::numeric_limits<T>::infinity();
}
template <class T>
MINIMAX_HOST_DEVICE constexpr T nan() noexcept {
  return std::numeric_limits<T>::quiet_NaN();
}
/// The shared edge cases of q f(p/q); returns true and sets `out` when (p, q) is one of them.
template <class F, class T>
MINIMAX_HOST_DEVICE bool perspective_edge(T p, T q, T& out) noexcept {
  if (!(p >= T(0)) || !(q >= T(0)) || p == inf<T>() || q == inf<T>()) {
    out = nan<T>();
    return true;
  }
  if (q == T(0)) {
    out = p == T(0) ? T(0) : p * F::template slope_at_infinity<T>();
    return true;
  }
  if (p == T(0)) {
    out = q * F::template at_zero<T>();
    return true;
  }
  return false;
}

/// \brief \f$\log(p/q)\f$ for finite \f$p, q > 0\f$, without forming a ratio that over- or underflows
/// and with full relative accuracy near \f$p = q\f$.
///
/// For \f$q/2 \le p \le 2q\f$: \f$\operatorname{log1p}((p-q)/q)\f$, where \f$p - q\f$ is exact
/// (Sterbenz), so the result is within \f$2\varepsilon\f$ relative of \f$\log(p/q)\f$ however close
/// \f$p\f$ is to \f$q\f$ (\f$\log\f$ of the rounded ratio loses \f$\varepsilon/|\log(p/q)|\f$ there).
/// Otherwise \f$\log(p/q)\f$ when \f$p/q\f$ is a finite normal number (\f$|\log(p/q)| \ge \log 2\f$,
/// so within \f$2\varepsilon\f$ relative), else \f$\log p - \log q\f$ (the ratio would overflow or
/// underflow; then \f$|\log p - \log q| > 700\f$ and the difference is within \f$3\varepsilon\f$).
template <class T>
MINIMAX_HOST_DEVICE T log_ratio(T p, T q) noexcept {
  using std::log;
  using std::log1p;
  if (p <= T(2) * q && q <= T(2) * p) return log1p((p - q) / q);
  const T r = p / q;
  if (r >= std::numeric_limits<T>::min() && r <= std::numeric_limits<T>::max()) return log(r);
  return log(p) - log(q);
}

/// \brief \f$A(z) = \sum_{k\ge1} z^k/(2k+1)\f$ for \f$0 \le z \le 1/9\f$ (so that
/// \f$\operatorname{atanh}(s) = s(1 + A(s^2))\f$), to 17 terms: truncation below \f$10^{-18}\f$ relative.
template <class T>
MINIMAX_HOST_DEVICE T atanh_tail(T z) noexcept {
  T a = T(1) / T(35);
  a = a * z + T(1) / T(33);
  a = a * z + T(1) / T(31);
  a = a * z + T(1) / T(29);
  a = a * z + T(1) / T(27);
  a = a * z + T(1) / T(25);
  a = a * z + T(1) / T(23);
  a = a * z + T(1) / T(21);
  a = a * z + T(1) / T(19);
  a = a * z + T(1) / T(17);
  a = a * z + T(1) / T(15);
  a = a * z + T(1) / T(13);
  a = a * z + T(1) / T(11);
  a = a * z + T(1) / T(9);
  a = a * z + T(1) / T(7);
  a = a * z + T(1) / T(5);
  a = a * z + T(1) / T(3);
  return a * z;
}

/// \brief \f$S(z) = \sum_{k\ge1} z^{k-1}/(k(2k-1))\f$ for \f$0 \le z \le 1/9\f$, so that
/// \f$(1+x)\log(1+x) + (1-x)\log(1-x) = x^2 S(x^2)\f$; 16 terms, truncation below \f$10^{-17}\f$ relative.
template <class T>
MINIMAX_HOST_DEVICE T jsd_series(T z) noexcept {
  T a = T(1) / T(496);
  a = a * z + T(1) / T(435);
  a = a * z + T(1) / T(378);
  a = a * z + T(1) / T(325);
  a = a * z + T(1) / T(276);
  a = a * z + T(1) / T(231);
  a = a * z + T(1) / T(190);
  a = a * z + T(1) / T(153);
  a = a * z + T(1) / T(120);
  a = a * z + T(1) / T(91);
  a = a * z + T(1) / T(66);
  a = a * z + T(1) / T(45);
  a = a * z + T(1) / T(28);
  a = a * z + T(1) / T(15);
  a = a * z + T(1) / T(6);
  return a * z + T(1);
}

/// \brief The Kullback–Leibler term \f$p\log(p/q) - p + q = q\,\phi(p/q)\f$, \f$\phi(u) = u\log u - u + 1
/// \ge 0\f$, for finite \f$p, q \ge 0\f$: never negative, with the limits \f$0\f$ at \f$p = q = 0\f$,
/// \f$q\f$ at \f$p = 0\f$, \f$+\infty\f$ at \f$q = 0 < p\f$ (NaN for a negative, NaN or infinite argument).
///
/// Summed over two pmfs these terms give \f$\mathrm{KL}(P\|Q) + \sum q - \sum p\f$: KL itself for
/// masses that are equal, and a sum of non-negative terms, so it cannot go below 0 by rounding.
/// For \f$q/2 \le p \le 2q\f$, with \f$s = (p-q)/(p+q)\f$ (numerator exact), it is
/// \f$(p-q)\,(s + (1+s)A(s^2))\f$ with \f$A\f$ from atanh_tail() (every factor of one sign: within
/// \f$4\varepsilon\f$ relative, also as \f$p \to q\f$, where it is \f$(p-q)^2/(2q)\f$ to first order);
/// otherwise \f$p(\log(p/q) - 1) + q\f$ with log_ratio() (within \f$12\varepsilon\f$ relative: the
/// cancellation is at most a factor 6, at \f$p/q = 1/2\f$ and 2). Never overflows unless the value does.
template <class T>
MINIMAX_HOST_DEVICE T kl_term(T p, T q) noexcept {
  if (!(p >= T(0)) || !(q >= T(0)) || p == inf<T>() || q == inf<T>()) return nan<T>();
  if (q == T(0)) return p == T(0) ? T(0) : inf<T>();
  if (p == T(0)) return q;
  if (p <= T(2) * q && q <= T(2) * p) {
    const T m = p + q;
    const T s = m <= std::numeric_limits<T>::max() ? (p - q) / m : (p / T(2) - q / T(2)) / (p / T(2) + q / T(2));
    return (p - q) * (s + (T(1) + s) * atanh_tail(s * s));
  }
  return p * (log_ratio(p, q) - T(1)) + q;
}

/// \brief The Jensen–Shannon pair \f$p\log\frac{2p}{p+q} + q\log\frac{2q}{p+q} \ge 0\f$ for finite
/// \f$p, q > 0\f$ (the caller handles zeros).
///
/// With \f$x = (p-q)/(p+q)\f$ the value is \f$\tfrac{p+q}{2}\,[(1+x)\log(1+x) + (1-x)\log(1-x)]\f$.
/// For \f$|x| \le 1/3\f$ it is \f$\tfrac12(p-q)\,x\,S(x^2)\f$ with \f$S\f$ from jsd_series() (all
/// factors of one sign, \f$p-q\f$ exact: within \f$4\varepsilon\f$ relative, also as \f$p\to q\f$,
/// where the logarithmic form loses all digits); otherwise the logarithmic form with log_ratio()
/// against \f$(p+q)/2\f$ (within \f$16\varepsilon\f$ relative: the two terms cancel by at most a
/// factor 6). A rounded negative value is replaced by 0. \f$p + q\f$ overflowing is handled by halving.
template <class T>
MINIMAX_HOST_DEVICE T jsd_pair(T p, T q) noexcept {
  T scale(1);
  if (!(p + q <= std::numeric_limits<T>::max())) {  // halving is exact for numbers this large
    p /= T(2);
    q /= T(2);
    scale = T(2);
  }
  const T m = p + q;
  const T d = p - q;
  T value;
  if (T(3) * (d < T(0) ? -d : d) <= m) {
    const T x = d / m;
    value = d * x / T(2) * jsd_series(x * x);
  } else {
    const T h = m / T(2);
    value = p * log_ratio(p, h) + q * log_ratio(q, h);
  }
  return value > T(0) ? scale * value : T(0);
}

template <class T>
struct contiguous_vector;  // f_divergence.hpp: a pmf argument as a contiguous view
template <class T>
struct chunk_masses;  // f_divergence.hpp: the masses of a chunk of a longer pmf pair

/// \brief \f$p\log\frac{2p}{p+q} + q\log\frac{2q}{p+q}\f$ from finite \f$\ell_p = \log p\f$,
/// \f$\ell_q = \log q\f$ (f::jensen_shannon's log_space_term; minus \f$(p+q)\log 2\f$ for f::gan's when
/// `gan`).
///
/// With \f$m = (p+q)/2\f$ and \f$r = (p-q)/(p+q)\f$ the value is \f$m\,\varphi(|r|)\f$,
/// \f$\varphi(a) = (1+a)\log(1+a) + (1-a)\log(1-a)\f$, summed as its series for \f$a < 0.1\f$ (where the
/// logarithms would cancel to a relative \f$\varepsilon/a\f$); \f$t = e^{-|\ell_p - \ell_q|}\f$ keeps every
/// factor accurate. Clamped at 0 (from below for JS, from above for GAN).
template <class T>
T jsd_log_space(T lp, T lq, bool gan) {
  using std::abs;
  using std::exp;
  using std::expm1;
  using std::log1p;
  const T top = lp > lq ? lp : lq;
  const T d = abs(lp - lq);
  const T t = exp(-d);
  const T a = -expm1(-d) / (T(1) + t);
  T phi;
  if (a < T(0.1)) {
    const T a2 = a * a;
    T power = a2;
    phi = T(0);
    for (int k = 1; k <= 9; ++k) {
      phi += power / T(k * (2 * k - 1));
      power *= a2;
    }
  } else {
    // 1 - a = 2t/(1+t) and log(1 - a) = log 2 - d - log1p(t), exact even where t underflows.
    phi = (T(1) + a) * log1p(a) + T(2) * t / (T(1) + t) * (ln2<T>() - d - log1p(t));
  }
  const T m = exp(top) * (T(1) + t) / T(2);
  if (!gan) return phi > T(0) ? m * phi : T(0);
  const T v = m * (phi - T(2) * ln2<T>());
  return v < T(0) ? v : T(0);
}

/// \brief \f$(e^a - e^b)^2/e^b\f$ for finite a, b: \f$e^b\operatorname{expm1}(a-b)^2\f$ where
/// \f$|a - b| < 1\f$ (no cancellation near \f$a = b\f$), else \f$e^{2a-b} - 2e^a + e^b\f$ (the log-space
/// terms of f::pearson, a = log p, and f::neyman, a = log q).
template <class T>
T chi2_log_space(T a, T b) {
  using std::abs;
  using std::exp;
  using std::expm1;
  if (abs(a - b) < T(1)) {
    const T d = expm1(a - b);
    return exp(b) * d * d;
  }
  return exp(T(2) * a - b) - T(2) * exp(a) + exp(b);
}
}  // namespace detail

/// The generators of the f-divergences (see \ref f_generators.hpp for the table and conventions).
namespace f {

/// \brief Kullback–Leibler: \f$f(u) = u\log u\f$, \f$D_f = \mathrm{KL}(P\|Q) = \sum p\log(p/q)\f$.
///
/// \f$f^*(t) = e^{t-1}\f$ on \f$\mathbb{R}\f$; \f$f'(u) = 1 + \log u\f$; \f$g_f(v) = v\f$;
/// \f$f(0^+) = 0\f$; \f$\lim f(u)/u = +\infty\f$, so \f$q = 0 < p\f$ gives \f$+\infty\f$.
struct kl {
  /// \f$f(u) = u\log u\f$ (with \f$0\log 0 = 0\f$); NaN for \f$u < 0\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static T f(T u) noexcept {
    return u < T(0) ? detail::nan<T>() : xlogy(u, u);
  }
  /// \f$f^*(t) = e^{t-1}\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static T conjugate(T t) noexcept {
    using std::exp;
    return exp(t - T(1));
  }
  /// \f$f'(u) = 1 + \log u\f$ (\f$-\infty\f$ at 0).
  template <class T>
  MINIMAX_HOST_DEVICE static T derivative(T u) noexcept {
    using std::log;
    return u < T(0) ? detail::nan<T>() : T(1) + log(u);
  }
  /// \f$g_f(v) = v\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static T activation(T v) noexcept {
    return v;
  }
  /// \f$f(0^+) = 0\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T at_zero() noexcept {
    return T(0);
  }
  /// \f$\lim_{u\to\infty} f(u)/u = +\infty\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T slope_at_infinity() noexcept {
    return detail::inf<T>();
  }
  /// Lower end of \f$\operatorname{dom} f^*\f$: \f$-\infty\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T conjugate_domain_lower() noexcept {
    return -detail::inf<T>();
  }
  /// Upper end of \f$\operatorname{dom} f^*\f$: \f$+\infty\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T conjugate_domain_upper() noexcept {
    return detail::inf<T>();
  }
  /// Whether \f$\operatorname{dom} f^*\f$ contains its finite ends (none here).
  static constexpr bool conjugate_domain_closed = false;
  /// \brief \f$q f(p/q) = p\log(p/q)\f$ (SciPy's `rel_entr`), with the limits of \ref f_generators.hpp.
  ///
  /// Computed as \f$p\cdot\f$detail::log_ratio(p, q): the ratio is never formed where it would
  /// overflow or underflow (so \f$q\f$ subnormal and \f$p\f$ of order 1 give a finite value, and only
  /// \f$q = 0 < p\f$ gives \f$+\infty\f$), and near \f$p = q\f$ the logarithm is a log1p of the exact
  /// difference. Within \f$3\varepsilon\f$ relative of the exact value for every finite
  /// \f$p, q > 0\f$ whose result is a normal number.
  template <class T>
  MINIMAX_HOST_DEVICE static T perspective(T p, T q) noexcept {
    T out;
    if (detail::perspective_edge<kl>(p, q, out)) return out;
    return p * detail::log_ratio(p, q);
  }

  // Optional members (see "Optional members" in \ref f_generators.hpp):
  /// The name in proofs and messages.
  static constexpr const char* name = "KL";
  /// The pmf kernel: detail::kl_kernel (vectorised sum of the terms \f$p\log(p/q) - p + q \ge 0\f$).
  template <class T>
  static T pmf_divergence(const char* function, detail::contiguous_vector<T>& p, detail::contiguous_vector<T>& q,
                          detail::chunk_masses<T>* masses = nullptr) {
    return kl_kernel(function, p, q, masses);
  }
  /// \f$p\log(p/q) - p + q\f$ (detail::kl_term): its sum over two pmfs is KL, each term \f$\ge 0\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static T pmf_term(T p, T q) noexcept {
    return detail::kl_term(p, q);
  }
  /// \f$e^{\ell_p}(\ell_p - \ell_q)\f$.
  template <class T>
  static T log_space_term(T lp, T lq) {
    using std::exp;
    return exp(lp) * (lp - lq);
  }
  /// \f$f'(e^\ell) = 1 + \ell\f$.
  template <class T>
  static T derivative_at_log_ratio(T l) {
    return T(1) + l;
  }
  /// \f$f^*(f'(e^\ell)) = e^\ell\f$.
  template <class T>
  static T conjugate_of_derivative_at_log_ratio(T l) {
    using std::exp;
    return exp(l);
  }
};

/// \brief Reverse Kullback–Leibler: \f$f(u) = -\log u\f$, \f$D_f = \mathrm{KL}(Q\|P)\f$.
///
/// \f$f^*(t) = -1 - \log(-t)\f$ on \f$t < 0\f$; \f$f'(u) = -1/u\f$; \f$g_f(v) = -e^{-v}\f$;
/// \f$f(0^+) = +\infty\f$ (so \f$p = 0 < q\f$ gives \f$+\infty\f$); \f$\lim f(u)/u = 0\f$.
struct reverse_kl {
  /// \f$f(u) = -\log u\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static T f(T u) noexcept {
    using std::log;
    return u < T(0) ? detail::nan<T>() : -log(u);
  }
  /// \f$f^*(t) = -1 - \log(-t)\f$ for \f$t < 0\f$, \f$+\infty\f$ otherwise.
  template <class T>
  MINIMAX_HOST_DEVICE static T conjugate(T t) noexcept {
    using std::log;
    if (t != t) return t;
    return t < T(0) ? -T(1) - log(-t) : detail::inf<T>();
  }
  /// \f$f'(u) = -1/u\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static T derivative(T u) noexcept {
    return u < T(0) ? detail::nan<T>() : -T(1) / u;
  }
  /// \f$g_f(v) = -e^{-v}\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static T activation(T v) noexcept {
    using std::exp;
    return -exp(-v);
  }
  /// \f$f(0^+) = +\infty\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T at_zero() noexcept {
    return detail::inf<T>();
  }
  /// \f$\lim_{u\to\infty} f(u)/u = 0\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T slope_at_infinity() noexcept {
    return T(0);
  }
  /// Lower end of \f$\operatorname{dom} f^*\f$: \f$-\infty\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T conjugate_domain_lower() noexcept {
    return -detail::inf<T>();
  }
  /// Upper end of \f$\operatorname{dom} f^*\f$: 0 (excluded).
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T conjugate_domain_upper() noexcept {
    return T(0);
  }
  /// Whether \f$\operatorname{dom} f^*\f$ contains its finite ends (no: \f$t < 0\f$).
  static constexpr bool conjugate_domain_closed = false;
  /// \brief \f$q f(p/q) = q\log(q/p)\f$, with the limits of \ref f_generators.hpp.
  ///
  /// As f::kl::perspective with the arguments swapped: \f$q\cdot\f$detail::log_ratio(q, p), within
  /// \f$3\varepsilon\f$ relative for finite \f$p, q > 0\f$ with a normal result, no overflow of \f$q/p\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static T perspective(T p, T q) noexcept {
    T out;
    if (detail::perspective_edge<reverse_kl>(p, q, out)) return out;
    return q * detail::log_ratio(q, p);
  }

  // Optional members (see "Optional members" in \ref f_generators.hpp):
  /// The name in proofs and messages.
  static constexpr const char* name = "reverse KL";
  /// The pmf kernel: detail::kl_kernel with p and q swapped (the masses returned in the caller's order).
  template <class T>
  static T pmf_divergence(const char* function, detail::contiguous_vector<T>& p, detail::contiguous_vector<T>& q,
                          detail::chunk_masses<T>* masses = nullptr) {
    const T value = kl_kernel(function, q, p, masses);
    if (masses != nullptr) {
      const T swap = masses->p;
      masses->p = masses->q;
      masses->q = swap;
    }
    return value;
  }
  /// \f$q\log(q/p) - q + p\f$ (detail::kl_term(q, p)).
  template <class T>
  MINIMAX_HOST_DEVICE static T pmf_term(T p, T q) noexcept {
    return detail::kl_term(q, p);
  }
  /// \f$e^{\ell_q}(\ell_q - \ell_p)\f$.
  template <class T>
  static T log_space_term(T lp, T lq) {
    using std::exp;
    return exp(lq) * (lq - lp);
  }
};

/// \brief Pearson \f$\chi^2\f$: \f$f(u) = (u-1)^2\f$, \f$D_f = \sum (p-q)^2/q\f$.
///
/// \f$f^*(t) = t^2/4 + t\f$ on \f$\mathbb{R}\f$; \f$f'(u) = 2(u-1)\f$; \f$g_f(v) = v\f$;
/// \f$f(0^+) = 1\f$; \f$\lim f(u)/u = +\infty\f$.
struct pearson {
  /// \f$f(u) = (u-1)^2\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static T f(T u) noexcept {
    return u < T(0) ? detail::nan<T>() : (u - T(1)) * (u - T(1));
  }
  /// \f$f^*(t) = t^2/4 + t\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static T conjugate(T t) noexcept {
    return t * t / T(4) + t;
  }
  /// \f$f'(u) = 2(u-1)\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static T derivative(T u) noexcept {
    return u < T(0) ? detail::nan<T>() : T(2) * (u - T(1));
  }
  /// \f$g_f(v) = v\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static T activation(T v) noexcept {
    return v;
  }
  /// \f$f(0^+) = 1\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T at_zero() noexcept {
    return T(1);
  }
  /// \f$\lim_{u\to\infty} f(u)/u = +\infty\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T slope_at_infinity() noexcept {
    return detail::inf<T>();
  }
  /// Lower end of \f$\operatorname{dom} f^*\f$: \f$-\infty\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T conjugate_domain_lower() noexcept {
    return -detail::inf<T>();
  }
  /// Upper end of \f$\operatorname{dom} f^*\f$: \f$+\infty\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T conjugate_domain_upper() noexcept {
    return detail::inf<T>();
  }
  /// Whether \f$\operatorname{dom} f^*\f$ contains its finite ends (none here).
  static constexpr bool conjugate_domain_closed = false;
  /// \brief \f$q f(p/q) = (p-q)^2/q\f$, with the limits of \ref f_generators.hpp.
  ///
  /// Formed as \f$a\cdot(a/q)\f$ with \f$a = |p-q|\f$, and as \f$a^2/q\f$ only where \f$a/q\f$
  /// overflows (then \f$a > 8\cdot10^{-16}\f$ and \f$a^2\f$ is normal): neither an underflowing
  /// \f$a^2\f$ nor an overflowing \f$a/q\f$ spoils a representable result. Within \f$2\varepsilon\f$
  /// relative (\f$p - q\f$ is exact near \f$p = q\f$), \f$+\infty\f$ only where the value overflows.
  template <class T>
  MINIMAX_HOST_DEVICE static T perspective(T p, T q) noexcept {
    T out;
    if (detail::perspective_edge<pearson>(p, q, out)) return out;
    const T a = p > q ? p - q : q - p;
    const T r = a / q;
    return r <= std::numeric_limits<T>::max() ? a * r : a * a / q;
  }

  // Optional members (see "Optional members" in \ref f_generators.hpp):
  /// The name in proofs and messages.
  static constexpr const char* name = "Pearson chi2";
  /// \f$(p - q)^2/q\f$ from the logs: detail::chi2_log_space(\f$\ell_p, \ell_q\f$).
  template <class T>
  static T log_space_term(T lp, T lq) {
    return detail::chi2_log_space(lp, lq);
  }
};

/// \brief Neyman \f$\chi^2\f$: \f$f(u) = (1-u)^2/u\f$, \f$D_f = \sum (p-q)^2/p\f$.
///
/// \f$f^*(t) = 2 - 2\sqrt{1-t}\f$ on \f$t < 1\f$ (the formula extends to \f$t = 1\f$ but the f-GAN
/// activation never reaches it); \f$f'(u) = 1 - 1/u^2\f$; \f$g_f(v) = 1 - e^{v}\f$;
/// \f$f(0^+) = +\infty\f$; \f$\lim f(u)/u = 1\f$.
struct neyman {
  /// \f$f(u) = (1-u)^2/u\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static T f(T u) noexcept {
    return u < T(0) ? detail::nan<T>() : (T(1) - u) * (T(1) - u) / u;
  }
  /// \f$f^*(t) = 2 - 2\sqrt{1-t}\f$ for \f$t < 1\f$, \f$+\infty\f$ otherwise.
  template <class T>
  MINIMAX_HOST_DEVICE static T conjugate(T t) noexcept {
    using std::sqrt;
    if (t != t) return t;
    return t < T(1) ? T(2) - T(2) * sqrt(T(1) - t) : detail::inf<T>();
  }
  /// \f$f'(u) = 1 - 1/u^2\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static T derivative(T u) noexcept {
    return u < T(0) ? detail::nan<T>() : T(1) - T(1) / (u * u);
  }
  /// \f$g_f(v) = 1 - e^{v}\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static T activation(T v) noexcept {
    using std::expm1;
    return -expm1(v);
  }
  /// \f$f(0^+) = +\infty\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T at_zero() noexcept {
    return detail::inf<T>();
  }
  /// \f$\lim_{u\to\infty} f(u)/u = 1\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T slope_at_infinity() noexcept {
    return T(1);
  }
  /// Lower end of \f$\operatorname{dom} f^*\f$: \f$-\infty\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T conjugate_domain_lower() noexcept {
    return -detail::inf<T>();
  }
  /// Upper end of \f$\operatorname{dom} f^*\f$: 1 (excluded).
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T conjugate_domain_upper() noexcept {
    return T(1);
  }
  /// Whether \f$\operatorname{dom} f^*\f$ contains its finite ends (no: \f$t < 1\f$).
  static constexpr bool conjugate_domain_closed = false;
  /// \brief \f$q f(p/q) = (q-p)^2/p\f$, with the limits of \ref f_generators.hpp.
  ///
  /// Formed as f::pearson::perspective with the arguments swapped (\f$a\cdot(a/p)\f$, \f$a^2/p\f$
  /// where \f$a/p\f$ overflows): within \f$2\varepsilon\f$ relative, \f$+\infty\f$ only on overflow.
  template <class T>
  MINIMAX_HOST_DEVICE static T perspective(T p, T q) noexcept {
    T out;
    if (detail::perspective_edge<neyman>(p, q, out)) return out;
    const T a = p > q ? p - q : q - p;
    const T r = a / p;
    return r <= std::numeric_limits<T>::max() ? a * r : a * a / p;
  }

  // Optional members (see "Optional members" in \ref f_generators.hpp):
  /// The name in proofs and messages.
  static constexpr const char* name = "Neyman chi2";
  /// \f$(q - p)^2/p\f$ from the logs: detail::chi2_log_space(\f$\ell_q, \ell_p\f$).
  template <class T>
  static T log_space_term(T lp, T lq) {
    return detail::chi2_log_space(lq, lp);
  }
  /// \f$f^*(f'(e^\ell)) = 2 - 2e^{-\ell}\f$, as \f$-2\operatorname{expm1}(-\ell)\f$.
  template <class T>
  static T conjugate_of_derivative_at_log_ratio(T l) {
    using std::expm1;
    return -2 * expm1(-l);
  }
};

/// \brief Squared Hellinger: \f$f(u) = (\sqrt u - 1)^2\f$, \f$D_f = \sum(\sqrt p - \sqrt q)^2\f$.
///
/// This is \f$2H^2\f$ in the convention \f$H^2 = \tfrac12\sum(\sqrt p-\sqrt q)^2\f$ (see
/// squared_hellinger()). \f$f^*(t) = t/(1-t)\f$ on \f$t < 1\f$; \f$f'(u) = 1 - 1/\sqrt u\f$;
/// \f$g_f(v) = 1 - e^{v}\f$; \f$f(0^+) = 1\f$; \f$\lim f(u)/u = 1\f$.
struct squared_hellinger {
  /// \f$f(u) = (\sqrt u - 1)^2\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static T f(T u) noexcept {
    using std::sqrt;
    return u < T(0) ? detail::nan<T>() : (sqrt(u) - T(1)) * (sqrt(u) - T(1));
  }
  /// \f$f^*(t) = t/(1-t)\f$ for \f$t < 1\f$, \f$+\infty\f$ otherwise.
  template <class T>
  MINIMAX_HOST_DEVICE static T conjugate(T t) noexcept {
    if (t != t) return t;
    return t < T(1) ? t / (T(1) - t) : detail::inf<T>();
  }
  /// \f$f'(u) = 1 - 1/\sqrt u\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static T derivative(T u) noexcept {
    using std::sqrt;
    return u < T(0) ? detail::nan<T>() : T(1) - T(1) / sqrt(u);
  }
  /// \f$g_f(v) = 1 - e^{v}\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static T activation(T v) noexcept {
    using std::expm1;
    return -expm1(v);
  }
  /// \f$f(0^+) = 1\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T at_zero() noexcept {
    return T(1);
  }
  /// \f$\lim_{u\to\infty} f(u)/u = 1\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T slope_at_infinity() noexcept {
    return T(1);
  }
  /// Lower end of \f$\operatorname{dom} f^*\f$: \f$-\infty\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T conjugate_domain_lower() noexcept {
    return -detail::inf<T>();
  }
  /// Upper end of \f$\operatorname{dom} f^*\f$: 1 (excluded).
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T conjugate_domain_upper() noexcept {
    return T(1);
  }
  /// Whether \f$\operatorname{dom} f^*\f$ contains its finite ends (no: \f$t < 1\f$).
  static constexpr bool conjugate_domain_closed = false;
  /// \brief \f$q f(p/q) = (\sqrt p - \sqrt q)^2\f$, with the limits of \ref f_generators.hpp.
  ///
  /// Formed as \f$\big((p-q)/(\sqrt p + \sqrt q)\big)^2\f$: \f$p - q\f$ is exact near \f$p = q\f$,
  /// where \f$\sqrt p - \sqrt q\f$ would cancel, so the result is within \f$4\varepsilon\f$ relative
  /// everywhere (the difference of square roots loses \f$\varepsilon\,q/|p-q|\f$).
  template <class T>
  MINIMAX_HOST_DEVICE static T perspective(T p, T q) noexcept {
    using std::sqrt;
    T out;
    if (detail::perspective_edge<squared_hellinger>(p, q, out)) return out;
    const T d = (p - q) / (sqrt(p) + sqrt(q));
    return d * d;
  }

  // Optional members (see "Optional members" in \ref f_generators.hpp):
  /// The name in proofs and messages.
  static constexpr const char* name = "squared Hellinger";
  /// The pmf kernel: detail::hellinger_kernel (vectorised \f$((p-q)/(\sqrt p+\sqrt q))^2\f$).
  template <class T>
  static T pmf_divergence(const char* function, detail::contiguous_vector<T>& p, detail::contiguous_vector<T>& q,
                          detail::chunk_masses<T>* masses = nullptr) {
    return hellinger_kernel(function, p, q, masses);
  }
  /// \f$(\sqrt p - \sqrt q)^2 = \max(p, q)\operatorname{expm1}(-|\ell_p - \ell_q|/2)^2\f$: no cancellation
  /// where \f$p \approx q\f$.
  template <class T>
  static T log_space_term(T lp, T lq) {
    using std::abs;
    using std::exp;
    using std::expm1;
    const T d = expm1(-abs(lp - lq) / T(2));
    return exp(lp > lq ? lp : lq) * d * d;
  }
  /// \f$f^*(f'(e^\ell)) = e^{\ell/2} - 1\f$, as \f$\operatorname{expm1}(\ell/2)\f$ (the critic
  /// \f$1 - e^{-\ell/2}\f$ rounds to 1 for \f$\ell > 74\f$).
  template <class T>
  static T conjugate_of_derivative_at_log_ratio(T l) {
    using std::expm1;
    return expm1(l / 2);
  }
};

/// \brief Jensen–Shannon: \f$f(u) = u\log u - (u+1)\log\frac{u+1}{2}\f$, \f$D_f = 2\,\mathrm{JSD}\f$.
///
/// \f$f^*(t) = -\log(2 - e^{t})\f$ on \f$t < \log 2\f$; \f$f'(u) = \log\frac{2u}{u+1}\f$;
/// \f$g_f(v) = \log 2 - \log(1 + e^{-v})\f$; \f$f(0^+) = \log 2\f$;
/// \f$\lim f(u)/u = \lim \log\frac{2u}{u+1} = \log 2\f$.
struct jensen_shannon {
  /// \f$f(u) = u\log u - (u+1)\log\frac{u+1}{2}\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static T f(T u) noexcept {
    if (!(u >= T(0))) return detail::nan<T>();
    return perspective(u, T(1));
  }
  /// \f$f^*(t) = -\log(2 - e^{t}) = -\log 2 - \log(1 - e^{t - \log 2})\f$ for \f$t < \log 2\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static T conjugate(T t) noexcept {
    if (t != t) return t;
    if (!(t < detail::ln2<T>())) return detail::inf<T>();
    return -detail::ln2<T>() - log1mexp(t - detail::ln2<T>());
  }
  /// \f$f'(u) = \log\frac{2u}{u+1}\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static T derivative(T u) noexcept {
    using std::log;
    return u < T(0) ? detail::nan<T>() : log(T(2) * u / (u + T(1)));
  }
  /// \f$g_f(v) = \log 2 - \log(1 + e^{-v}) = \log 2 + \log\sigma(v)\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static T activation(T v) noexcept {
    return detail::ln2<T>() + log_sigmoid(v);
  }
  /// \f$f(0^+) = \log 2\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T at_zero() noexcept {
    return detail::ln2<T>();
  }
  /// \f$\lim_{u\to\infty} f(u)/u = \log 2\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T slope_at_infinity() noexcept {
    return detail::ln2<T>();
  }
  /// Lower end of \f$\operatorname{dom} f^*\f$: \f$-\infty\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T conjugate_domain_lower() noexcept {
    return -detail::inf<T>();
  }
  /// Upper end of \f$\operatorname{dom} f^*\f$: \f$\log 2\f$ (excluded).
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T conjugate_domain_upper() noexcept {
    return detail::ln2<T>();
  }
  /// Whether \f$\operatorname{dom} f^*\f$ contains its finite ends (no: \f$t < \log 2\f$).
  static constexpr bool conjugate_domain_closed = false;
  /// \brief \f$q f(p/q) = p\log\frac{2p}{p+q} + q\log\frac{2q}{p+q} \ge 0\f$.
  ///
  /// The exact value is \f$(p+q)(\log 2 - h(p/(p+q)))\ge 0\f$ with \f$h\f$ the binary entropy. It is
  /// computed by detail::jsd_pair: a series in \f$x = (p-q)/(p+q)\f$ with terms of one sign for
  /// \f$|x| \le 1/3\f$ (so \f$p \approx q\f$ keeps full relative accuracy instead of cancelling to
  /// rounding noise), logarithms of ratios that cannot over- or underflow otherwise; within
  /// \f$16\varepsilon\f$ relative for finite \f$p, q > 0\f$ with a normal result.
  template <class T>
  MINIMAX_HOST_DEVICE static T perspective(T p, T q) noexcept {
    T out;
    if (detail::perspective_edge<jensen_shannon>(p, q, out)) return out;
    return detail::jsd_pair(p, q);
  }

  // Optional members (see "Optional members" in \ref f_generators.hpp):
  /// The name in proofs and messages.
  static constexpr const char* name = "Jensen-Shannon";
  /// \brief The pmf kernel: \f$2\,\mathrm{JSD}\f$ by detail::two_jsd_kernel, clamped to \f$2\log 2\f$. Where
  /// `lone_mass` is given (a chunk of a longer pair), the mass of the pairs with one zero is stored
  /// there and left out of the value, unclamped, for the caller to add \f$\log 2\,\cdot\f$ their total.
  template <class T>
  static T pmf_divergence(const char* function, detail::contiguous_vector<T>& p, detail::contiguous_vector<T>& q,
                          detail::chunk_masses<T>* masses = nullptr, T* lone_mass = nullptr) {
    const T v = two_jsd_kernel(function, p, q, masses, lone_mass);
    if (lone_mass != nullptr) return v;
    const T hi = T(2) * detail::ln2<T>();
    return v < hi ? v : hi;
  }
  /// Pairs with exactly one zero contribute \f$(p + q)\log 2\f$: the kernels sum their mass first, so
  /// disjoint supports give exactly \f$2\log 2\f$.
  static constexpr bool pmf_lone_mass = true;
  /// detail::jsd_pair for \f$p, q > 0\f$ (the pairs with a zero are the lone mass).
  template <class T>
  MINIMAX_HOST_DEVICE static T pmf_term(T p, T q) noexcept {
    return detail::jsd_pair(p, q);
  }
  /// detail::jsd_log_space: a series where the densities nearly agree.
  template <class T>
  static T log_space_term(T lp, T lq) {
    return detail::jsd_log_space(lp, lq, false);
  }
  /// \f$f'(e^\ell) = \log 2 + \log\sigma(\ell)\f$.
  template <class T>
  static T derivative_at_log_ratio(T l) {
    return detail::ln2<T>() + log_sigmoid(l);
  }
  /// \f$f^*(f'(e^\ell)) = \log(1 + e^\ell) - \log 2\f$.
  template <class T>
  static T conjugate_of_derivative_at_log_ratio(T l) {
    return log1pexp(l) - detail::ln2<T>();
  }
};

/// \brief The original GAN's generator: \f$f(u) = u\log u - (u+1)\log(u+1)\f$.
///
/// \f$D_f = 2\,\mathrm{JSD} - \log 4\f$ (and \f$f(1) = -\log 4\f$: this generator is not
/// normalised). \f$f^*(t) = -\log(1 - e^{t})\f$ on \f$t < 0\f$; \f$f'(u) = \log\frac{u}{u+1}\f$,
/// so \f$T^* = \log D^*\f$; \f$g_f(v) = -\log(1 + e^{-v}) = \log\sigma(v)\f$; \f$f(0^+) = 0\f$;
/// \f$\lim f(u)/u = 0\f$.
struct gan {
  /// \f$f(u) = u\log u - (u+1)\log(u+1)\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static T f(T u) noexcept {
    if (!(u >= T(0))) return detail::nan<T>();
    return perspective(u, T(1));
  }
  /// \f$f^*(t) = -\log(1 - e^{t})\f$ for \f$t < 0\f$, \f$+\infty\f$ otherwise.
  template <class T>
  MINIMAX_HOST_DEVICE static T conjugate(T t) noexcept {
    if (t != t) return t;
    if (!(t < T(0))) return detail::inf<T>();
    return -log1mexp(t);
  }
  /// \f$f'(u) = \log\frac{u}{u+1}\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static T derivative(T u) noexcept {
    using std::log;
    return u < T(0) ? detail::nan<T>() : log(u / (u + T(1)));
  }
  /// \f$g_f(v) = -\log(1 + e^{-v}) = \log\sigma(v)\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static T activation(T v) noexcept {
    return log_sigmoid(v);
  }
  /// \f$f(0^+) = 0\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T at_zero() noexcept {
    return T(0);
  }
  /// \f$\lim_{u\to\infty} f(u)/u = 0\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T slope_at_infinity() noexcept {
    return T(0);
  }
  /// Lower end of \f$\operatorname{dom} f^*\f$: \f$-\infty\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T conjugate_domain_lower() noexcept {
    return -detail::inf<T>();
  }
  /// Upper end of \f$\operatorname{dom} f^*\f$: 0 (excluded).
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T conjugate_domain_upper() noexcept {
    return T(0);
  }
  /// Whether \f$\operatorname{dom} f^*\f$ contains its finite ends (no: \f$t < 0\f$).
  static constexpr bool conjugate_domain_closed = false;
  /// \brief \f$q f(p/q) = p\log\frac{p}{p+q} + q\log\frac{q}{p+q}\f$, clamped at 0 from above.
  ///
  /// The exact value is \f$-(p+q)\,h(p/(p+q)) \le 0\f$, so a positive result is rounding.
  ///
  /// Both terms are \f$\le 0\f$ and formed with detail::log_ratio against \f$m = p+q\f$ (halved
  /// first where \f$p + q\f$ overflows, the perspective being homogeneous), so no ratio over- or
  /// underflows; within \f$4\varepsilon\f$ relative for finite \f$p, q > 0\f$ with a normal result.
  template <class T>
  MINIMAX_HOST_DEVICE static T perspective(T p, T q) noexcept {
    T out;
    if (detail::perspective_edge<gan>(p, q, out)) return out;
    T scale(1);
    if (!(p + q <= std::numeric_limits<T>::max())) {
      p /= T(2);
      q /= T(2);
      scale = T(2);
    }
    const T m = p + q;
    const T value = p * detail::log_ratio(p, m) + q * detail::log_ratio(q, m);
    return value < T(0) ? scale * value : T(0);
  }

  // Optional members (see "Optional members" in \ref f_generators.hpp):
  /// The name in proofs and messages.
  static constexpr const char* name = "GAN";
  /// \f$D_f = 2\,\mathrm{JSD} - \log 4 = C(G)\f$ and \f$f'(p/q) = \log D^*\f$: the f-GAN proof adds both steps.
  static constexpr bool equals_virtual_training_criterion = true;
  /// detail::jsd_log_space minus \f$(p+q)\log 2\f$.
  template <class T>
  static T log_space_term(T lp, T lq) {
    return detail::jsd_log_space(lp, lq, true);
  }
  /// \f$f'(e^\ell) = \log\sigma(\ell)\f$ \f$(= \log D^*)\f$.
  template <class T>
  static T derivative_at_log_ratio(T l) {
    return log_sigmoid(l);
  }
  /// \f$f^*(f'(e^\ell)) = -\log(1 - \sigma(\ell)) = \log(1 + e^\ell)\f$.
  template <class T>
  static T conjugate_of_derivative_at_log_ratio(T l) {
    return log1pexp(l);
  }
};

/// \brief Total variation: \f$f(u) = \lvert u-1\rvert/2\f$, \f$D_f = \tfrac12\sum\lvert p-q\rvert\f$.
///
/// \f$f^*(t) = t\f$ on \f$\lvert t\rvert \le 1/2\f$ (closed), \f$+\infty\f$ outside;
/// \f$f'(u) = \operatorname{sign}(u-1)/2\f$ (the subgradient 0 is returned at \f$u = 1\f$);
/// \f$g_f(v) = \tanh(v)/2\f$; \f$f(0^+) = 1/2\f$; \f$\lim f(u)/u = 1/2\f$.
struct total_variation {
  /// \f$f(u) = \lvert u-1\rvert/2\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static T f(T u) noexcept {
    using std::abs;
    return u < T(0) ? detail::nan<T>() : abs(u - T(1)) / T(2);
  }
  /// \f$f^*(t) = t\f$ for \f$\lvert t\rvert \le 1/2\f$, \f$+\infty\f$ otherwise.
  template <class T>
  MINIMAX_HOST_DEVICE static T conjugate(T t) noexcept {
    using std::abs;
    if (t != t) return t;
    return abs(t) <= T(0.5) ? t : detail::inf<T>();
  }
  /// \f$f'(u) = \operatorname{sign}(u-1)/2\f$, 0 at \f$u = 1\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static T derivative(T u) noexcept {
    if (!(u >= T(0))) return detail::nan<T>();
    return u > T(1) ? T(0.5) : (u < T(1) ? T(-0.5) : T(0));
  }
  /// \f$g_f(v) = \tanh(v)/2\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static T activation(T v) noexcept {
    using std::tanh;
    return tanh(v) / T(2);
  }
  /// \f$f(0^+) = 1/2\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T at_zero() noexcept {
    return T(0.5);
  }
  /// \f$\lim_{u\to\infty} f(u)/u = 1/2\f$.
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T slope_at_infinity() noexcept {
    return T(0.5);
  }
  /// Lower end of \f$\operatorname{dom} f^*\f$: \f$-1/2\f$ (included).
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T conjugate_domain_lower() noexcept {
    return T(-0.5);
  }
  /// Upper end of \f$\operatorname{dom} f^*\f$: \f$1/2\f$ (included).
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T conjugate_domain_upper() noexcept {
    return T(0.5);
  }
  /// Whether \f$\operatorname{dom} f^*\f$ contains its finite ends (yes: \f$\lvert t\rvert\le 1/2\f$).
  static constexpr bool conjugate_domain_closed = true;
  /// \f$q f(p/q) = \lvert p-q\rvert/2\f$, with the limits of \ref f_generators.hpp.
  template <class T>
  MINIMAX_HOST_DEVICE static T perspective(T p, T q) noexcept {
    using std::abs;
    T out;
    if (detail::perspective_edge<total_variation>(p, q, out)) return out;
    return abs(p - q) / T(2);
  }

  // Optional members (see "Optional members" in \ref f_generators.hpp):
  /// The name in proofs and messages.
  static constexpr const char* name = "total variation";
  /// The pmf kernel: detail::total_variation_kernel (vectorised \f$\tfrac12\sum|p-q|\f$).
  template <class T>
  static T pmf_divergence(const char* function, detail::contiguous_vector<T>& p, detail::contiguous_vector<T>& q,
                          detail::chunk_masses<T>* masses = nullptr) {
    return total_variation_kernel(function, p, q, masses);
  }
  /// \f$|p - q|/2 = \max(p, q)(1 - e^{-|\ell_p - \ell_q|})/2\f$.
  template <class T>
  static T log_space_term(T lp, T lq) {
    using std::abs;
    using std::exp;
    using std::expm1;
    return -exp(lp > lq ? lp : lq) * expm1(-abs(lp - lq)) / T(2);
  }
  /// \f$|p - q|\f$ has a kink where the densities cross: the density quadrature cuts there.
  static constexpr bool kink_where_densities_cross = true;
};

/// \brief Whether \f$t\f$ lies in the effective domain of \f$f^*\f$ of the generator F.
template <class F, class T>
MINIMAX_HOST_DEVICE bool in_conjugate_domain(T t) noexcept {
  const T lo = F::template conjugate_domain_lower<T>();
  const T hi = F::template conjugate_domain_upper<T>();
  if constexpr (F::conjugate_domain_closed) {
    return t >= lo && t <= hi;
  } else {
    return (t > lo || lo == -detail::inf<T>()) && (t < hi || hi == detail::inf<T>()) && t == t &&
           t - t == T(0);
  }
}

}  // namespace f

/// \brief The contract of an f-divergence generator (the types in minimax::f satisfy it).
///
/// A type F is an FGenerator when it provides, as static members templated on the scalar type:
/// `f(u)`, `conjugate(t)`, `derivative(u)`, `activation(v)`, `perspective(p, q)`, `at_zero<T>()`,
/// `slope_at_infinity<T>()`, `conjugate_domain_lower<T>()`, `conjugate_domain_upper<T>()` and the
/// constant `conjugate_domain_closed`. The function f must be convex on \f$[0,\infty)\f$.
///
/// That is enough for every algorithm: pmfs, densities, critics and proofs all work from these. A
/// generator may also declare the optional members listed under "Optional members" in
/// \ref f_generators.hpp (`name`, `pmf_divergence`, `pmf_term`, `pmf_lone_mass`, `log_space_term`,
/// `kink_where_densities_cross`, `derivative_at_log_ratio`, `conjugate_of_derivative_at_log_ratio`,
/// `equals_virtual_training_criterion`): each is detected with `requires` (the traits
/// detail::has_pmf_term and its siblings) and, where present, used instead of the generic path, for the
/// library's generators and a user's alike. docs/f_divergences.md, "Your own generator", shows one.
template <class F>
concept FGenerator = requires(double x) {
  { F::f(x) } -> std::convertible_to<double>;
  { F::conjugate(x) } -> std::convertible_to<double>;
  { F::derivative(x) } -> std::convertible_to<double>;
  { F::activation(x) } -> std::convertible_to<double>;
  { F::perspective(x, x) } -> std::convertible_to<double>;
  { F::template at_zero<double>() } -> std::convertible_to<double>;
  { F::template slope_at_infinity<double>() } -> std::convertible_to<double>;
  { F::template conjugate_domain_lower<double>() } -> std::convertible_to<double>;
  { F::template conjugate_domain_upper<double>() } -> std::convertible_to<double>;
  { F::conjugate_domain_closed } -> std::convertible_to<bool>;
};

namespace detail {
/// F declares `name` (a `const char*`).
template <class F>
concept has_generator_name = requires {
  { F::name } -> std::convertible_to<const char*>;
};
/// F declares `pmf_divergence(function, p, q, masses)` (a whole pmf kernel).
template <class F, class T>
concept has_pmf_divergence = requires(const char* function, contiguous_vector<T>& v, chunk_masses<T>* m) {
  { F::pmf_divergence(function, v, v, m) } -> std::convertible_to<T>;
};
/// F's pmf_divergence also takes the lone-mass output (`pmf_divergence(function, p, q, masses, &lone)`).
template <class F, class T>
concept has_pmf_divergence_with_lone_mass =
    requires(const char* function, contiguous_vector<T>& v, chunk_masses<T>* m, T* lone) {
      { F::pmf_divergence(function, v, v, m, lone) } -> std::convertible_to<T>;
    };
/// F declares `pmf_term(p, q)`.
template <class F, class T>
concept has_pmf_term = requires(T x) {
  { F::pmf_term(x, x) } -> std::convertible_to<T>;
};
/// F declares `pmf_lone_mass = true`.
template <class F>
constexpr bool pmf_lone_mass() {
  if constexpr (requires { F::pmf_lone_mass; }) {
    return F::pmf_lone_mass;
  } else {
    return false;
  }
}
/// F declares `log_space_term(lp, lq)`.
template <class F, class T>
concept has_log_space_term = requires(T x) {
  { F::log_space_term(x, x) } -> std::convertible_to<T>;
};
/// F declares `kink_where_densities_cross = true`.
template <class F>
constexpr bool kink_where_densities_cross() {
  if constexpr (requires { F::kink_where_densities_cross; }) {
    return F::kink_where_densities_cross;
  } else {
    return false;
  }
}
/// F declares `derivative_at_log_ratio(l)`.
template <class F, class T>
concept has_derivative_at_log_ratio = requires(T x) {
  { F::derivative_at_log_ratio(x) } -> std::convertible_to<T>;
};
/// F declares `conjugate_of_derivative_at_log_ratio(l)`.
template <class F, class T>
concept has_conjugate_of_derivative_at_log_ratio = requires(T x) {
  { F::conjugate_of_derivative_at_log_ratio(x) } -> std::convertible_to<T>;
};
/// F declares `equals_virtual_training_criterion = true`.
template <class F>
constexpr bool equals_virtual_training_criterion() {
  if constexpr (requires { F::equals_virtual_training_criterion; }) {
    return F::equals_virtual_training_criterion;
  } else {
    return false;
  }
}
/// F's `name`, or "f".
template <class F>
constexpr const char* generator_name() {
  if constexpr (has_generator_name<F>) {
    return F::name;
  } else {
    return "f";
  }
}
}  // namespace detail

}  // namespace minimax
