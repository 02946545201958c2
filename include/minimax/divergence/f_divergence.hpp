#pragma once
/// \file
/// \brief \f$D_f(P\|Q) = \sum_i q_i f(p_i/q_i)\f$ between probability mass functions, for any
/// generator of minimax::f.
///
/// Arguments: plain Eigen vectors (any `Eigen::DenseBase` with one row or one column, scalar
/// `float`, `double` or `long double`) or objects with a `probabilities()` member returning one
/// (such as minimax::pmf). Plain vectors are validated in the same pass as the sum: every entry
/// finite and \f$\ge 0\f$, sizes equal and non-zero, and each vector summing to 1 within
/// \f$\sqrt{\varepsilon}\f$ of its scalar type (about \f$1.5\cdot10^{-8}\f$ for `double`,
/// \f$3.5\cdot10^{-4}\f$ for `float`). Nothing is normalised: a vector off by more than that is
/// rejected with minimax::domain_error; a negative, NaN or infinite entry, an empty vector or
/// a size mismatch with minimax::invalid_argument.
///
/// Terms are summed in blocks of 128 (vectorised inside a block, at most 128 additions in a chain)
/// and the block sums are added with Neumaier's compensation, so the rounding error of the sum does
/// not grow with the number of bins: it is bounded by about \f$128\,\varepsilon\sum_i|t_i|\f$ in
/// the worst case (a few \f$\varepsilon\f$ typically) for terms \f$t_i\f$, plus the error of each
/// term. The terms are formed so that each keeps its relative accuracy, also where \f$p_i \approx
/// q_i\f$ and where \f$p_i/q_i\f$ would over- or underflow (see the generators' `perspective`s):
/// KL sums the non-negative terms \f$p\log(p/q) - p + q\f$ (detail::kl_term, within
/// \f$12\varepsilon\f$ relative each), JSD the pairs of detail::jsd_pair (\f$16\varepsilon\f$;
/// \f$24\varepsilon\f$ in the vectorised double loop, whose logarithm is within 2 ulps), squared
/// Hellinger \f$((p-q)/(\sqrt p+\sqrt q))^2\f$ (\f$4\varepsilon\f$). As these terms are all \f$\ge 0\f$,
/// the sum's rounding is relative too: KL, JSD and squared Hellinger are within about
/// \f$(24 + 128)\,\varepsilon\f$ relative of their exact values (a few tens of \f$\varepsilon\f$
/// typically), however small they are, and never negative. (Where \f$p_i\f$ is subnormal or below
/// \f$q_i\cdot 2^{-1022}\f$, the vectorised double KL adds an absolute error below \f$10^{-304}\f$.)

#include <Eigen/Core>
#include <bit>
#include <cmath>
#include <cstdint>
#include <concepts>
#include <cstddef>
#include <limits>
#include <string>
#include <type_traits>

#include "minimax/core/error.hpp"
#include "minimax/core/summation.hpp"
#include "minimax/divergence/f_generators.hpp"

namespace minimax {

namespace detail {

/// Eigen dense objects.
template <class P>
concept eigen_dense = std::is_base_of_v<Eigen::DenseBase<std::remove_cvref_t<P>>, std::remove_cvref_t<P>>;

/// Objects that carry a validated probability vector (minimax::pmf).
template <class P>
concept has_probabilities = requires(const P& p) {
  { p.probabilities() } -> eigen_dense;
};

/// An argument the pmf divergences accept.
template <class P>
concept pmf_argument = eigen_dense<P> || has_probabilities<P>;

template <class P>
struct pmf_scalar {
  using type = typename std::remove_cvref_t<decltype(std::declval<const P&>().probabilities())>::Scalar;
};
template <eigen_dense P>
struct pmf_scalar<P> {
  using type = typename std::remove_cvref_t<P>::Scalar;
};
/// The scalar type of a pmf argument.
template <class P>
using pmf_scalar_t = typename pmf_scalar<P>::type;

/// A contiguous view of a vector argument: maps it when it is contiguous, copies it otherwise.
template <class T>
struct contiguous_vector {
  const T* data = nullptr;
  Eigen::Index size = 0;
  bool validated = false;  // true for objects that validated themselves (minimax::pmf)
  Eigen::Array<T, Eigen::Dynamic, 1> storage;
};

template <class T, class D>
void view_dense(const char* function, const char* name, const Eigen::DenseBase<D>& x, contiguous_vector<T>& out) {
  if (x.rows() != 1 && x.cols() != 1 && x.size() != 0) {
    raise_invalid_argument(function, std::string(name) + " must be a vector (one row or one column)",
                           std::to_string(x.rows()) + "x" + std::to_string(x.cols()));
  }
  if constexpr (bool(D::Flags & Eigen::DirectAccessBit)) {
    if (x.derived().innerStride() == 1) {
      out.data = x.derived().data();
      out.size = x.size();
      return;
    }
  }
  out.storage.resize(x.size());
  Eigen::Index i = 0;
  for (Eigen::Index r = 0; r < x.rows(); ++r)
    for (Eigen::Index c = 0; c < x.cols(); ++c) out.storage(i++) = x.derived()(r, c);
  out.data = out.storage.data();
  out.size = x.size();
}

template <class T, class P>
void view_pmf(const char* function, const char* name, const P& x, contiguous_vector<T>& out) {
  if constexpr (eigen_dense<P>) {
    view_dense(function, name, x, out);
  } else {
    view_dense(function, name, x.probabilities(), out);
    out.validated = true;
  }
}

/// The tolerance on \f$|\sum p - 1|\f$: \f$\sqrt{\varepsilon}\f$ of T.
template <class T>
T mass_tolerance() {
  using std::sqrt;
  return sqrt(std::numeric_limits<T>::epsilon());
}

/// Finds the first entry that is negative, NaN or infinite and reports it.
template <class T>
[[noreturn]] void report_bad_entry(const char* function, const char* name, const T* x, Eigen::Index first,
                                   Eigen::Index n) {
  for (Eigen::Index i = first; i < first + n; ++i) {
    if (!(x[i] >= T(0)) || !(x[i] - x[i] == T(0))) {
      raise_invalid_argument(function,
                             std::string(name) + "[" + std::to_string(i) + "] must be non-negative and finite",
                             x[i]);
    }
  }
  // Every entry is finite and non-negative yet their sum overflowed.
  raise_invalid_argument(function, std::string(name) + " must have a finite sum", "+inf");
}

template <class T>
void check_mass(const char* function, const char* name, T mass) {
  using std::abs;
  if (!(abs(mass - T(1)) <= mass_tolerance<T>())) {
    raise_domain_error(function,
                       std::string(name) + " must sum to 1 (within " + to_text(mass_tolerance<T>()) + ")",
                       mass);
  }
}

/// Block length of the reductions: long enough to amortise the per-block work, short enough that
/// the vectorised sum inside a block stays accurate.
inline constexpr Eigen::Index block_length = 128;

/// \brief Validates p (and q if given) and calls `block(pa, qa, small_q)` on consecutive blocks,
/// where pa and qa are `Eigen::Map`s of Arrays and `small_q` tells whether the block of q holds an
/// entry below \f$4\cdot\f$ the smallest normal number (a zero, typically: the kernels that divide
/// by q or take its log then use the scalar loop with the conventions). The masses
/// are accumulated from the same blocks.
/// The masses of a part of a pmf pair, returned instead of checked when a kernel runs on one chunk
/// of a longer vector (the Thrust backend's host systems run the kernels chunk by chunk).
template <class T>
struct chunk_masses {
  T p{0};  ///< \f$\sum p\f$ over the chunk
  T q{0};  ///< \f$\sum q\f$ over the chunk
};

template <class T, class Block>
void for_each_block(const char* function, contiguous_vector<T>& p, contiguous_vector<T>* q, Block&& block,
                    chunk_masses<T>* masses = nullptr) {
  using map = Eigen::Map<const Eigen::Array<T, Eigen::Dynamic, 1>>;
  require_non_empty(function, "p", static_cast<std::size_t>(p.size));
  if (q != nullptr) require_same_size(function, "p and q", static_cast<std::size_t>(p.size),
                                      static_cast<std::size_t>(q->size));
  neumaier_sum<T> mass_p, mass_q;
  for (Eigen::Index start = 0; start < p.size; start += block_length) {
    const Eigen::Index len = start + block_length <= p.size ? block_length : p.size - start;
    const map pa(p.data + start, len);
    // A finite sum of entries whose minimum is >= 0 proves every entry finite and >= 0: a NaN or
    // an infinity would make the sum NaN or infinite.
    const T min_p = pa.minCoeff();
    if (!p.validated) {
      const T s = pa.sum();
      if (!(s - s == T(0)) || !(min_p >= T(0))) report_bad_entry(function, "p", p.data, start, len);
      mass_p += s;
    }
    if (q != nullptr) {
      const map qa(q->data + start, len);
      const T min_q = qa.minCoeff();
      if (!q->validated) {
        const T s = qa.sum();
        if (!(s - s == T(0)) || !(min_q >= T(0))) report_bad_entry(function, "q", q->data, start, len);
        mass_q += s;
      }
      block(pa, qa, !(min_q >= T(4) * std::numeric_limits<T>::min()));
    } else {
      block(pa, pa, !(min_p >= T(4) * std::numeric_limits<T>::min()));
    }
  }
  if (masses != nullptr) {
    masses->p = mass_p.value();
    masses->q = mass_q.value();
    return;
  }
  if (!p.validated) check_mass(function, "p", mass_p.value());
  if (q != nullptr && !q->validated) check_mass(function, "q", mass_q.value());
}

/// \brief \f$\log x\f$ for a finite normal \f$x > 0\f$ (no other input is allowed), within 2 ulps,
/// written so that compilers vectorise a loop of it.
///
/// \f$x = 2^k m\f$ with \f$m \in [\sqrt{1/2}, \sqrt 2)\f$, found by integer arithmetic on the bits
/// (adding the offset that moves \f$\sqrt{1/2}\f$ to the start of an exponent range); then
/// \f$\log m = 2\operatorname{atanh} s\f$, \f$s = (m-1)/(m+1)\f$, \f$|s| \le 0.172\f$, by its
/// Taylor series to \f$s^{21}\f$ (truncation below \f$10^{-17}\f$ relative), and
/// \f$\log x = k\log 2 + \log m\f$ with \f$\log 2\f$ split in two so that \f$k\log 2_{\rm hi}\f$ is exact.
inline double log_normal_positive(double x) noexcept {
  const std::uint64_t u = std::bit_cast<std::uint64_t>(x) + 0x00095f619980c433ULL;
  const std::uint64_t e = u >> 52;  // biased exponent of x / sqrt(1/2)
  const double m = std::bit_cast<double>((u & 0x000fffffffffffffULL) + 0x3fe6a09e667f3bcdULL);
  // e converted exactly through the 2^52 magic number (no integer-to-double instruction needed)
  const double k = std::bit_cast<double>(e | 0x4330000000000000ULL) - (4503599627370496.0 + 1023.0);
  const double f = m - 1.0;  // exact
  const double s = f / (2.0 + f);
  const double z = s * s;
  double p = 1.0 / 21;
  p = p * z + 1.0 / 19;
  p = p * z + 1.0 / 17;
  p = p * z + 1.0 / 15;
  p = p * z + 1.0 / 13;
  p = p * z + 1.0 / 11;
  p = p * z + 1.0 / 9;
  p = p * z + 1.0 / 7;
  p = p * z + 1.0 / 5;
  p = p * z + 1.0 / 3;
  const double two_s = 2.0 * s;
  const double log_m = two_s + two_s * z * p;
  return k * 0.6931471803691238 + (log_m + k * 1.9082149292705877e-10);  // ln 2 = hi + lo, hi has 11 zero bits
}

/// \cond INTERNAL
#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__) && !defined(__AVX2__) && !defined(__CUDACC__)
#define MINIMAX_DETAIL_LOG_DISPATCH 1
/// Whether the processor runs AVX2 and FMA (checked once).
inline bool cpu_has_avx2_fma() noexcept {
  static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return has;
}
#endif

// Each fused loop below exists twice: for the baseline instruction set and, where the processor has
// them, for AVX2 + FMA (chosen at run time). q >= 4 DBL_MIN (or q = p for the entropy) and
// p, q <= 1 + tolerance, so every log argument is normal and finite when p is. Where p = 0 (or is
// subnormal) log_normal_positive's integer arithmetic still returns a finite number, of size below
// 750: the term is 0 * finite = 0, as 0 log 0 = 0 says (or below 1e-304, far under the rounding of
// the sum).
#define MINIMAX_DETAIL_FUSED_LOOP(name, ...)                                                              \
  inline void name##_baseline(const double* p, const double* q, double* out, Eigen::Index n) noexcept {  \
    for (Eigen::Index i = 0; i < n; ++i) __VA_ARGS__                                                               \
  }                                                                                                          \
  MINIMAX_DETAIL_AVX2_LOOP(name, __VA_ARGS__)                                                                       \
  inline void name(const double* p, const double* q, double* out, Eigen::Index n) noexcept {             \
    MINIMAX_DETAIL_AVX2_CALL(name)                                                                           \
    name##_baseline(p, q, out, n);                                                                           \
  }
#ifdef MINIMAX_DETAIL_LOG_DISPATCH
#define MINIMAX_DETAIL_AVX2_LOOP(name, ...)                                                                 \
  __attribute__((target("avx2,fma"))) inline void name##_avx2(const double* p, const double* q, double* out, \
                                                               Eigen::Index n) noexcept {                   \
    for (Eigen::Index i = 0; i < n; ++i) __VA_ARGS__                                                               \
  }
#define MINIMAX_DETAIL_AVX2_CALL(name) \
  if (cpu_has_avx2_fma()) return name##_avx2(p, q, out, n);
#else
#define MINIMAX_DETAIL_AVX2_LOOP(name, ...)
#define MINIMAX_DETAIL_AVX2_CALL(name)
#endif

// out[i] = p log(p/q) - p + q >= 0, as kl_term: a series in s = (p-q)/(p+q) for q/2 <= p <= 2q,
// p (log(p/q) - 1) + q otherwise; both are computed and one is kept, so the loop vectorises. (Where
// p = 0 the second is 0 * finite + q = q and the first is discarded.)
MINIMAX_DETAIL_FUSED_LOOP(kl_terms, {
  const double pi = p[i], qi = q[i];
  const double d = pi - qi;
  const double s = d / (pi + qi);
  const double near = d * (s + (1.0 + s) * atanh_tail(s * s));
  const double far = pi * (log_normal_positive(pi / qi) - 1.0) + qi;
  out[i] = (pi <= 2.0 * qi && qi <= 2.0 * pi) ? near : far;
})
// out[i] = p log q (q = p gives the entropy's terms).
MINIMAX_DETAIL_FUSED_LOOP(p_log_q_terms, { out[i] = p[i] * log_normal_positive(q[i]); })
// out[i] = max(0, p log(2p/m) + q log(2q/m)) where p, q > 0, else 0; out[n + i] = m where p q = 0.
// (With a zero the arguments of the logs may be 0 or NaN: log_normal_positive's integer arithmetic
// returns a finite value for them, multiplied by 0 or discarded by the blend.)
// Pairs with |p - q| <= (p + q)/3 use jsd_pair's series (accurate where the logarithms cancel);
// the others the logarithms of p/h and q/h, h = (p + q)/2 (within 24 eps relative: measured 17).
MINIMAX_DETAIL_FUSED_LOOP(jsd_terms, {
  const double pi = p[i], qi = q[i];
  const double m = pi + qi;
  const double h = 0.5 * m;
  const double d = pi - qi;
  const double x = d / m;
  const double series = 0.5 * d * x * jsd_series(x * x);
  const double logs = pi * log_normal_positive(pi / h) + qi * log_normal_positive(qi / h);
  const double t = 3.0 * (d < 0.0 ? -d : d) <= m ? series : logs;
  const double smaller = pi < qi ? pi : qi;  // > 0 exactly when both are
  const double kept = t > 0.0 ? t : 0.0;
  out[i] = smaller > 0.0 ? kept : 0.0;
  out[n + i] = smaller > 0.0 ? 0.0 : m;
})

#undef MINIMAX_DETAIL_FUSED_LOOP
#undef MINIMAX_DETAIL_AVX2_LOOP
#undef MINIMAX_DETAIL_AVX2_CALL
/// \endcond

/// Whether the fused double loops apply to T.
template <class T>
inline constexpr bool fused_double = std::is_same_v<T, double> && std::numeric_limits<double>::is_iec559;

/// Scratch space for one block of a kernel.
template <class T>
struct block_scratch {
  alignas(64) T a[2 * block_length];
};

/// Checks a logarithm base and returns \f$\log b\f$.
template <class T>
T log_of_base(const char* function, T base) {
  using std::log;
  if (!(base > T(0)) || !(base - base == T(0)) || base == T(1)) {
    raise_invalid_argument(function, "the log base must be positive, finite and not 1", base);
  }
  return log(base);
}

template <class P, class Q>
void check_same_scalar() {
  static_assert(std::is_same_v<pmf_scalar_t<P>, pmf_scalar_t<Q>>,
                "minimax: both distributions of a divergence must have the same scalar type (float, double or "
                "long double); convert one with .template cast<T>()");
  static_assert(std::is_floating_point_v<pmf_scalar_t<P>>,
                "minimax: probability vectors must hold float, double or long double");
}

/// The generic kernel: \f$\sum_i F::\mathrm{perspective}(p_i, q_i)\f$ (scalar loop).
template <class F, class T>
T f_divergence_generic(const char* function, contiguous_vector<T>& p, contiguous_vector<T>& q,
                       chunk_masses<T>* masses = nullptr) {
  neumaier_sum<T> total;
  for_each_block(function, p, &q, [&](const auto& pa, const auto& qa, bool) {
    T s(0);
    for (Eigen::Index i = 0; i < pa.size(); ++i) s += F::perspective(pa[i], qa[i]);
    total += s;
  }, masses);
  return total.value();
}

/// \brief \f$\sum_i (p_i\log(p_i/q_i) - p_i + q_i)\f$, each term \f$\ge 0\f$ (kl_term), vectorised
/// for double: \f$\mathrm{KL}(P\|Q)\f$ when \f$\sum p = \sum q\f$; \f$p\log(p/0) = +\infty\f$.
template <class T>
T kl_kernel(const char* function, contiguous_vector<T>& p, contiguous_vector<T>& q, chunk_masses<T>* masses = nullptr) {
  using map = Eigen::Map<Eigen::Array<T, Eigen::Dynamic, 1>>;
  neumaier_sum<T> total;
  block_scratch<T> w;
  for_each_block(function, p, &q, [&](const auto& pa, const auto& qa, bool small_q) {
    if (!small_q) {  // vectorised: the terms, then their sum
      const Eigen::Index n = pa.size();
      if constexpr (fused_double<T>) {
        kl_terms(pa.data(), qa.data(), w.a, n);
        total += map(w.a, n).sum();
        return;
      }
    }
    T s(0);
    for (Eigen::Index i = 0; i < pa.size(); ++i) s += kl_term(pa[i], qa[i]);
    total += s;
  }, masses);
  return total.value();
}

/// \f$-\sum p\log q\f$ (cross entropy; q = p gives the entropy), vectorised.
template <class T>
T cross_entropy_kernel(const char* function, contiguous_vector<T>& p, contiguous_vector<T>* q) {
  using map = Eigen::Map<Eigen::Array<T, Eigen::Dynamic, 1>>;
  neumaier_sum<T> total;
  block_scratch<T> w;
  for_each_block(function, p, q, [&](const auto& pa, const auto& qa, bool small_q) {
    if (!small_q || (q == nullptr && fused_double<T>)) {
      const Eigen::Index n = pa.size();
      if constexpr (fused_double<T>) {
        p_log_q_terms(pa.data(), qa.data(), w.a, n);
        total += map(w.a, n).sum();
      } else {
        total += (pa * qa.log()).sum();
      }
      return;
    }
    using std::log;
    T s(0);
    for (Eigen::Index i = 0; i < pa.size(); ++i)
      if (pa[i] > T(0)) s += pa[i] * log(qa[i]);  // 0 log q = 0, also for q = 0
    total += s;
  });
  return -total.value();
}

/// \brief \f$2\,\mathrm{JSD}\f$, vectorised. Pairs with one zero contribute \f$(p+q)\log 2\f$ and
/// are collected as a mass, so disjoint supports give exactly \f$2\log 2\cdot\f$(that mass); the
/// other pairs contribute \f$p\log\frac{2p}{p+q} + q\log\frac{2q}{p+q}\f$, clamped at 0 (its exact
/// value, \f$(p+q)(\log 2 - h(p/(p+q)))\f$, is never negative).
template <class T>
T two_jsd_kernel(const char* function, contiguous_vector<T>& p, contiguous_vector<T>& q,
                 chunk_masses<T>* masses = nullptr, T* lone_out = nullptr) {
  using map = Eigen::Map<Eigen::Array<T, Eigen::Dynamic, 1>>;
  neumaier_sum<T> overlap, lone_mass;
  block_scratch<T> w;
  for_each_block(function, p, &q, [&](const auto& pa, const auto& qa, bool) {
    const Eigen::Index n = pa.size();
    if constexpr (fused_double<T>) {
      jsd_terms(pa.data(), qa.data(), w.a, n);
      overlap += map(w.a, n).sum();
      lone_mass += map(w.a + n, n).sum();
      return;
    }
    T s(0), lone(0);
    for (Eigen::Index i = 0; i < pa.size(); ++i) {
      const T a = pa[i], b = qa[i];
      if (a > T(0) && b > T(0)) {
        s += jsd_pair(a, b);
      } else {
        lone += a + b;
      }
    }
    overlap += s;
    lone_mass += lone;
  }, masses);
  if (lone_out != nullptr) {  // a chunk of a longer pair: the lone mass is summed across chunks first
    *lone_out = lone_mass.value();
    return overlap.value();
  }
  return ln2<T>() * lone_mass.value() + overlap.value();
}

/// \f$\tfrac12\sum|p-q|\f$, vectorised.
template <class T>
T total_variation_kernel(const char* function, contiguous_vector<T>& p, contiguous_vector<T>& q,
                         chunk_masses<T>* masses = nullptr) {
  neumaier_sum<T> total;
  for_each_block(function, p, &q, [&](const auto& pa, const auto& qa, bool) { total += (pa - qa).abs().sum(); }, masses);
  return total.value() / T(2);
}

/// \f$\sum(\sqrt p-\sqrt q)^2\f$, vectorised, each term as \f$((p-q)/(\sqrt p+\sqrt q))^2\f$ (no
/// cancellation near \f$p = q\f$; pairs \f$p = q = 0\f$ give 0).
template <class T>
T hellinger_kernel(const char* function, contiguous_vector<T>& p, contiguous_vector<T>& q,
                   chunk_masses<T>* masses = nullptr) {
  neumaier_sum<T> total;
  for_each_block(function, p, &q,
                 [&](const auto& pa, const auto& qa, bool) {
                   const auto root_sum = pa.sqrt() + qa.sqrt();
                   total += (root_sum > T(0)).select(((pa - qa) / root_sum).square(), T(0)).sum();
                 }, masses);
  return total.value();
}

/// Dispatches D_f to the fastest kernel for F.
template <class F, class T>
T f_divergence_pmf(const char* function, contiguous_vector<T>& p, contiguous_vector<T>& q) {
  if constexpr (std::is_same_v<F, f::kl>) {
    return kl_kernel(function, p, q);
  } else if constexpr (std::is_same_v<F, f::reverse_kl>) {
    return kl_kernel(function, q, p);
  } else if constexpr (std::is_same_v<F, f::jensen_shannon>) {
    const T v = two_jsd_kernel(function, p, q);
    const T hi = T(2) * ln2<T>();
    return v < hi ? v : hi;
  } else if constexpr (std::is_same_v<F, f::total_variation>) {
    return total_variation_kernel(function, p, q);
  } else if constexpr (std::is_same_v<F, f::squared_hellinger>) {
    return hellinger_kernel(function, p, q);
  } else {
    return f_divergence_generic<F>(function, p, q);
  }
}

/// Evaluates D_f of two pmf arguments with the function name used in messages.
template <class F, class P, class Q>
auto f_divergence_of(const char* function, const P& p, const Q& q) {
  check_same_scalar<P, Q>();
  using T = pmf_scalar_t<P>;
  contiguous_vector<T> pv, qv;
  view_pmf(function, "p", p, pv);
  view_pmf(function, "q", q, qv);
  return f_divergence_pmf<F>(function, pv, qv);
}

}  // namespace detail

/// \brief The f-divergence \f$D_f(P\|Q) = \sum_i q_i\, f(p_i/q_i)\f$ of two pmfs, in nats.
///
/// F is a generator type of minimax::f (see \ref f_generators.hpp for the table). Terms with
/// \f$q_i = 0\f$ are \f$p_i \lim_{u\to\infty} f(u)/u\f$ (\f$+\infty\f$ for f::kl and f::pearson), terms
/// with \f$p_i = 0\f$ are \f$q_i f(0^+)\f$, and \f$p_i = q_i = 0\f$ contributes nothing. Note the
/// factors: `f_divergence<f::jensen_shannon>` is \f$2\,\mathrm{JSD}\f$, `f_divergence<f::gan>` is
/// \f$2\,\mathrm{JSD} - \log 4\f$.
///
/// \param p, q Eigen vectors (or minimax::pmf) of the same size, validated as described in
///   \ref f_divergence.hpp.
/// \throws minimax::invalid_argument for an empty vector, a size mismatch, or an entry that is
///   negative, NaN or infinite; minimax::domain_error when a vector does not sum to 1.
template <class F, class P, class Q>
  requires detail::pmf_argument<P> && detail::pmf_argument<Q>
auto f_divergence(const P& p, const Q& q) {
  static_assert(FGenerator<F>,
                "minimax::f_divergence<F>: F must be a generator type such as minimax::f::kl, with static "
                "f, conjugate, derivative, activation, perspective, at_zero, slope_at_infinity and the "
                "conjugate domain (see the FGenerator concept)");
  return detail::f_divergence_of<F>("minimax::f_divergence", p, q);
}

}  // namespace minimax
