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
/// \f$12\varepsilon\f$ relative each; \f$16\varepsilon\f$ in the vectorised double loop, measured 15,
/// where the logarithm's form applies from \f$p/q = \sqrt 2\f$ on instead of 2), JSD the pairs of detail::jsd_pair (\f$16\varepsilon\f$;
/// \f$24\varepsilon\f$ in the vectorised double loop, whose logarithm is within 2 ulps), squared
/// Hellinger \f$((p-q)/(\sqrt p+\sqrt q))^2\f$ (\f$4\varepsilon\f$). As these terms are all \f$\ge 0\f$,
/// the sum's rounding is relative too: KL, JSD and squared Hellinger are within about
/// \f$(24 + 128)\,\varepsilon\f$ relative of their exact values (a few tens of \f$\varepsilon\f$
/// typically), however small they are, and never negative. (Where \f$p_i\f$ or \f$q_i\f$ is
/// subnormal, the vectorised double KL and JSD add an absolute error below \f$10^{-304}\f$.)
///
/// For double the KL and JSD kernels make one pass per block: the terms (one division each, the
/// logarithms from the bits of p and q: detail::split_ratio), their sum, the masses and the checks
/// of the entries together (detail::fused_kernel); a block whose entries fail the checks is redone
/// exactly, so errors are reported as for the other kernels.

#include <Eigen/Core>
#include <bit>
#include <cmath>
#include <cstdint>
#include <concepts>
#include <cstddef>
#include <cstring>
#include <limits>
#include <string>
#include <type_traits>

#include "minimax/core/error.hpp"
#include "minimax/core/summation.hpp"
#include "minimax/divergence/f_generators.hpp"
#include "minimax/prob/concepts.hpp"

namespace minimax {

namespace detail {

#if defined(__cpp_lib_bit_cast)
using std::bit_cast;
#else
/// std::bit_cast where the standard library lacks it (libc++ before 14, as in WebAssembly builds).
template <class To, class From>
  requires(sizeof(To) == sizeof(From) && std::is_trivially_copyable_v<To> && std::is_trivially_copyable_v<From>)
To bit_cast(const From& from) noexcept {
  To to;
  std::memcpy(&to, &from, sizeof to);
  return to;
}
#endif

/// An argument the pmf divergences accept (minimax::Pmf; the name kept for the library's detail code).
template <class P>
concept pmf_argument = Pmf<P>;

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
  const std::uint64_t u = detail::bit_cast<std::uint64_t>(x) + 0x00095f619980c433ULL;
  const std::uint64_t e = u >> 52;  // biased exponent of x / sqrt(1/2)
  const double m = detail::bit_cast<double>((u & 0x000fffffffffffffULL) + 0x3fe6a09e667f3bcdULL);
  // e converted exactly through the 2^52 magic number (no integer-to-double instruction needed)
  const double k = detail::bit_cast<double>(e | 0x4330000000000000ULL) - (4503599627370496.0 + 1023.0);
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
/// Whether the processor runs AVX-512 F, DQ and VL besides AVX2 and FMA (checked once).
inline bool cpu_has_avx512() noexcept {
  static const bool has = cpu_has_avx2_fma() && __builtin_cpu_supports("avx512f") &&
                          __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl");
  return has;
}
#endif
#if defined(__GNUC__) || defined(__clang__)
#define MINIMAX_DETAIL_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define MINIMAX_DETAIL_ALWAYS_INLINE inline
#endif
#ifdef __FMA__
inline constexpr bool baseline_has_fma = true;
#else
inline constexpr bool baseline_has_fma = false;
#endif

/// a * b + c, fused (one rounding) when Fma says the instruction is there.
template <bool Fma>
MINIMAX_DETAIL_ALWAYS_INLINE double mul_add(double a, double b, double c) noexcept {
  if constexpr (Fma) {
    return __builtin_fma(a, b, c);
  } else {
    return a * b + c;
  }
}

/// c ? x : y without a branch: GCC does not if-convert a floating-point comparison under
/// -ftrapping-math (its default), so a plain conditional would keep the loops from vectorising.
MINIMAX_DETAIL_ALWAYS_INLINE double select(bool c, double x, double y) noexcept {
  const std::uint64_t mask = 0 - static_cast<std::uint64_t>(c);
  return detail::bit_cast<double>((detail::bit_cast<std::uint64_t>(x) & mask) | (detail::bit_cast<std::uint64_t>(y) & ~mask));
}

/// \f$a/b = 2^k\,\frac{\rm num + den}{\rm den - num}\f$ for normal \f$a, b > 0\f$: the mantissas of
/// a and b, one of them doubled so that their ratio lies in \f$[\sqrt{1/2}, \sqrt 2]\f$ (up to the
/// rounding of the comparison), give num = their difference (exact: Sterbenz) and den = their sum,
/// so that \f$\log(a/b) = k\log 2 + 2\operatorname{atanh}(\mathrm{num}/\mathrm{den})\f$ with
/// \f$|\mathrm{num}/\mathrm{den}| \le 0.172\f$. No ratio and no division: integer operations on the bits.
/// Where \f$k = 0\f$, a and b were scaled by the same power of two, so num/den is \f$(a-b)/(a+b)\f$ as
/// computed from a and b themselves.
struct ratio_parts {
  double k, num, den;
};
MINIMAX_DETAIL_ALWAYS_INLINE ratio_parts split_ratio(double a, double b) noexcept {
  constexpr std::uint64_t mantissa = 0x000fffffffffffffULL, one = 0x3ff0000000000000ULL;
  constexpr std::uint64_t magic = 0x4330000000000000ULL;  // 2^52: its low bits hold an integer exactly
  const std::uint64_t ba = detail::bit_cast<std::uint64_t>(a), bb = detail::bit_cast<std::uint64_t>(b);
  double ma = detail::bit_cast<double>((ba & mantissa) | one);  // in [1, 2)
  double mb = detail::bit_cast<double>((bb & mantissa) | one);
  double k = detail::bit_cast<double>((ba >> 52) | magic) - detail::bit_cast<double>((bb >> 52) | magic);  // exact
  constexpr double sqrt2 = 1.4142135623730951;
  const bool up = ma > sqrt2 * mb;
  const bool down = sqrt2 * ma < mb;
  mb = select(up, mb + mb, mb);
  ma = select(down, ma + ma, ma);
  k = select(up, k + 1.0, select(down, k - 1.0, k));
  return {k, ma - mb, ma + mb};
}

/// \f$A(z) = \sum_{k=1}^{10} z^k/(2k+1)\f$: atanh_tail to 10 terms, enough for \f$z \le 0.0331\f$
/// (\f$|s| \le 0.182\f$; truncation below \f$10^{-17}\f$ relative).
template <bool Fma>
MINIMAX_DETAIL_ALWAYS_INLINE double atanh_tail_short(double z) noexcept {
  // Estrin's scheme: a short dependency chain, so that consecutive elements overlap.
  const double z2 = z * z, z4 = z2 * z2;
  const double e0 = mul_add<Fma>(1.0 / 5, z, 1.0 / 3), e1 = mul_add<Fma>(1.0 / 9, z, 1.0 / 7);
  const double e2 = mul_add<Fma>(1.0 / 13, z, 1.0 / 11), e3 = mul_add<Fma>(1.0 / 17, z, 1.0 / 15);
  const double e4 = mul_add<Fma>(1.0 / 21, z, 1.0 / 19);
  const double f0 = mul_add<Fma>(e1, z2, e0), f1 = mul_add<Fma>(e3, z2, e2);
  const double g = mul_add<Fma>(mul_add<Fma>(e4, z4, f1), z4, f0);
  return g * z;
}

/// jsd_series (16 terms, \f$z \le 1/9\f$) with fused multiply-adds where there are (Estrin's scheme).
template <bool Fma>
MINIMAX_DETAIL_ALWAYS_INLINE double jsd_series_fused(double z) noexcept {
  const double z2 = z * z, z4 = z2 * z2, z8 = z4 * z4;
  const double e0 = mul_add<Fma>(1.0 / 6, z, 1.0), e1 = mul_add<Fma>(1.0 / 28, z, 1.0 / 15);
  const double e2 = mul_add<Fma>(1.0 / 66, z, 1.0 / 45), e3 = mul_add<Fma>(1.0 / 120, z, 1.0 / 91);
  const double e4 = mul_add<Fma>(1.0 / 190, z, 1.0 / 153), e5 = mul_add<Fma>(1.0 / 276, z, 1.0 / 231);
  const double e6 = mul_add<Fma>(1.0 / 378, z, 1.0 / 325), e7 = mul_add<Fma>(1.0 / 496, z, 1.0 / 435);
  const double f0 = mul_add<Fma>(e1, z2, e0), f1 = mul_add<Fma>(e3, z2, e2);
  const double f2 = mul_add<Fma>(e5, z2, e4), f3 = mul_add<Fma>(e7, z2, e6);
  return mul_add<Fma>(mul_add<Fma>(f3, z4, f2), z8, mul_add<Fma>(f1, z4, f0));
}

/// \f$k\log 2 + 2s(1 + A)\f$ with \f$\log 2\f$ split so that \f$k\log 2_{\rm hi}\f$ is exact (\f$|k| < 2^{11}\f$).
template <bool Fma>
MINIMAX_DETAIL_ALWAYS_INLINE double log_from_parts(double k, double s, double a) noexcept {
  const double two_s = s + s;
  const double log_m = mul_add<Fma>(two_s, a, two_s);
  return mul_add<Fma>(k, 0.6931471803691238, mul_add<Fma>(k, 1.9082149292705877e-10, log_m));
}

/// \brief The KL term \f$p\log(p/q) - p + q \ge 0\f$ for \f$0 \le p \le 2\f$ finite and
/// \f$q = 0\f$ or \f$4\,\mathrm{DBL\_MIN} \le q \le 2\f$ (0 at p = q = 0, \f$+\infty\f$ at q = 0 < p), with one division and no call: split_ratio gives
/// \f$p/q = 2^k(1+s)/(1-s)\f$. Where \f$k = 0\f$ (\f$p/q\f$ within about \f$[\sqrt{1/2}, \sqrt 2]\f$)
/// \f$s = (p-q)/(p+q)\f$ and the term is \f$(p-q)(s + (1+s)A(s^2))\f$ (kl_term's series: every factor of
/// one sign); otherwise it is \f$p(\log(p/q) - 1) + q\f$ with \f$\log(p/q) = k\log 2 + 2s(1+A)\f$ (the
/// two parts cancel by at most a factor 6.5). A p below DBL_MIN (0 included) is raised to DBL_MIN for
/// the logarithm only: the term is q exactly for p = 0, within \f$10^{-306}\f$ for a subnormal p.
template <bool Fma>
MINIMAX_DETAIL_ALWAYS_INLINE double kl_term_fused(double p, double q) noexcept {
  constexpr double smallest = std::numeric_limits<double>::min();
  const ratio_parts r = split_ratio(select(p < smallest, smallest, p), q);
  const double s = r.num / r.den;
  const double a = atanh_tail_short<Fma>(s * s);
  const double near = (p - q) * mul_add<Fma>(1.0 + s, a, s);
  const double far = mul_add<Fma>(p, log_from_parts<Fma>(r.k, s, a) - 1.0, q);
  const double term = select(r.k == 0.0, near, far);
  // q = 0 (whose bits give a finite, meaningless split): 0 where p = 0, +inf where p > 0
  return select(q == 0.0, select(p == 0.0, 0.0, std::numeric_limits<double>::infinity()), term);
}

/// \brief The Jensen–Shannon pair for \f$p, q \ge 0\f$ finite, \f$\le 2\f$: out = max(0, \f$p\log\frac{2p}{p+q} +
/// q\log\frac{2q}{p+q}\f$) where both are \f$> 0\f$ (else 0), lone = \f$p + q\f$ where one is 0 (else 0).
///
/// Pairs with \f$|p - q| \le (p + q)/3\f$ use jsd_pair's series in \f$x = (p-q)/(p+q)\f$; the others
/// \f$\log(p/h)\f$ and \f$\log(q/h)\f$, \f$h = (p+q)/2\f$, from split_ratio. The three quotients
/// (x, and the two atanh arguments) share one division: \f$1/m\f$ where the series applies,
/// \f$1/(\mathrm{den}_1\mathrm{den}_2)\f$ elsewhere. Sums below \f$2^{-900}\f$ are scaled by \f$2^{600}\f$
/// first (exactly), so the reciprocal stays finite; a p or q below DBL_MIN is raised to DBL_MIN for the
/// logarithm only (an error below \f$10^{-306}\f$).
template <bool Fma>
MINIMAX_DETAIL_ALWAYS_INLINE void jsd_pair_fused(double p, double q, double& out, double& lone) noexcept {
  constexpr double smallest = std::numeric_limits<double>::min();
  const double m = p + q;
  const double d = p - q;
  const double scale = select(m < 0x1p-900, 0x1p600, 1.0);
  const double ms = m * scale, ps = p * scale, qs = q * scale;
  const double h = 0.5 * ms;
  const ratio_parts r1 = split_ratio(select(ps < smallest, smallest, ps), h);
  const ratio_parts r2 = split_ratio(select(qs < smallest, smallest, qs), h);
  const bool near = 3.0 * std::abs(d) <= m;
  const double inv = 1.0 / select(near, ms, r1.den * r2.den);
  const double x = (d * scale) * inv;
  const double s1 = r1.num * r2.den * inv, s2 = r2.num * r1.den * inv;
  const double series = 0.5 * d * x * jsd_series_fused<Fma>(x * x);
  const double log1 = log_from_parts<Fma>(r1.k, s1, atanh_tail_short<Fma>(s1 * s1));
  const double log2 = log_from_parts<Fma>(r2.k, s2, atanh_tail_short<Fma>(s2 * s2));
  const double logs = p * log1 + q * log2;  // not fused: JSD(P, Q) = JSD(Q, P) exactly
  const double t = select(near, series, logs);
  const double smaller = select(p < q, p, q);  // > 0 exactly when both are
  const double kept = select(t > 0.0, t, 0.0);
  out = select(smaller > 0.0, kept, 0.0);
  lone = select(smaller > 0.0, 0.0, m);
}

// Each fused loop below exists twice: for the baseline instruction set and, where the processor has
// them, for AVX2 + FMA (chosen at run time); the body is one always-inlined template, so that both
// loops vectorise and the second uses fused multiply-adds. q >= 4 DBL_MIN for the KL loop (or q = p
// for the entropy) and p, q <= 1 + tolerance, so every log argument is normal and finite when p is.
// Where p = 0 (or is subnormal) log_normal_positive's integer arithmetic still returns a finite
// number, of size below 750: the term is 0 * finite = 0, as 0 log 0 = 0 says (or below 1e-304, far
// under the rounding of the sum).
#define MINIMAX_DETAIL_FUSED_LOOP(name, ...)                                                                     \
  template <bool Fma>                                                                                            \
  MINIMAX_DETAIL_ALWAYS_INLINE void name##_body(const double* p, const double* q, double* out,                   \
                                                Eigen::Index n) noexcept {                                       \
    for (Eigen::Index i = 0; i < n; ++i) __VA_ARGS__                                                             \
  }                                                                                                              \
  inline void name##_baseline(const double* p, const double* q, double* out, Eigen::Index n) noexcept {          \
    name##_body<baseline_has_fma>(p, q, out, n);                                                                 \
  }                                                                                                              \
  MINIMAX_DETAIL_AVX2_LOOP(name)                                                                                 \
  inline void name(const double* p, const double* q, double* out, Eigen::Index n) noexcept {                     \
    MINIMAX_DETAIL_AVX2_CALL(name)                                                                               \
    name##_baseline(p, q, out, n);                                                                               \
  }
#ifdef MINIMAX_DETAIL_LOG_DISPATCH
#define MINIMAX_DETAIL_AVX2_LOOP(name)                                                                  \
  __attribute__((target("avx2,fma"))) inline void name##_avx2(const double* p, const double* q, double* out, \
                                                               Eigen::Index n) noexcept {                   \
    name##_body<true>(p, q, out, n);                                                                         \
  }
#define MINIMAX_DETAIL_AVX2_CALL(name) \
  if (cpu_has_avx2_fma()) return name##_avx2(p, q, out, n);
#else
#define MINIMAX_DETAIL_AVX2_LOOP(name)
#define MINIMAX_DETAIL_AVX2_CALL(name)
#endif

// out[i] = p log(p/q) - p + q >= 0 (kl_term_fused).
MINIMAX_DETAIL_FUSED_LOOP(kl_terms, { out[i] = kl_term_fused<Fma>(p[i], q[i]); })
// out[i] = p log q (q = p gives the entropy's terms).
MINIMAX_DETAIL_FUSED_LOOP(p_log_q_terms, { out[i] = p[i] * log_normal_positive(q[i]); })
// out[i] = the Jensen-Shannon pair, out[n + i] = the lone mass (jsd_pair_fused).
MINIMAX_DETAIL_FUSED_LOOP(jsd_terms, { jsd_pair_fused<Fma>(p[i], q[i], out[i], out[n + i]); })

/// One block of a fused kernel (kl_block, jsd_block: the baseline, AVX2 + FMA and, where the
/// processor has it, AVX-512 clones of the same body, chosen once at run time; the AVX2 and AVX-512
/// clones compute the same fused operations in the same order, so they give the same bits): the sums
/// of its terms (and of the JSD's lone masses), the masses of p and q, and whether the block needs the exact path (an entry with its sign bit set, or for KL
/// a q in \f$(0, 4\,\mathrm{DBL\_MIN})\f$; a NaN or an infinity shows in the masses).
struct fused_block {
  double terms, lone, mass_p, mass_q;
  bool recheck;
};

/// The sums of a block's terms (out[0, n), and the lone masses out[n, 2n) for the JSD) and of p and
/// q, and the recheck flag (Eigen's reductions: the baseline instruction set).
template <bool Jsd>
inline fused_block accumulate_block(const double* p, const double* q, const double* out, Eigen::Index n) noexcept {
  using map = Eigen::Map<const Eigen::Array<double, Eigen::Dynamic, 1>>;
  const map pa(p, n), qa(q, n);
  const double min_p = pa.minCoeff(), min_q = qa.minCoeff();
  bool recheck = !(min_p >= 0.0) || !(min_q >= 0.0) || std::signbit(min_p) || std::signbit(min_q);
  if constexpr (!Jsd) recheck = recheck || (min_q > 0.0 && min_q < 4 * std::numeric_limits<double>::min());
  return {map(out, n).sum(), Jsd ? map(out + n, n).sum() : 0.0, pa.sum(), qa.sum(), recheck};
}

#ifdef MINIMAX_DETAIL_LOG_DISPATCH
/// Four doubles, and four 64-bit integers, as the compilers' vector extensions: a function with
/// `target("avx2")` compiles their operations to AVX2 instructions, and no intrinsics header is
/// needed (<immintrin.h> alone costs a third of a second in every unit that includes this one).
using lanes4d = double __attribute__((vector_size(32)));
/// \copydoc lanes4d
using lanes4i = long long __attribute__((vector_size(32)));

/// accumulate_block with AVX2 (four lanes each).
template <bool Jsd>
__attribute__((target("avx2"))) inline fused_block accumulate_block_avx2(const double* p, const double* q,
                                                                          const double* out, Eigen::Index n) noexcept {
  lanes4d t{}, l{}, mp{}, mq{};
  lanes4i negative{}, small{};
  const lanes4d zero{}, tiny = zero + 4 * std::numeric_limits<double>::min();
  const Eigen::Index whole = n - n % 4;
  for (Eigen::Index i = 0; i < whole; i += 4) {
    lanes4d a, b, terms;
    std::memcpy(&a, p + i, sizeof a);  // unaligned loads
    std::memcpy(&b, q + i, sizeof b);
    std::memcpy(&terms, out + i, sizeof terms);
    t += terms;
    if constexpr (Jsd) {
      lanes4d lone;
      std::memcpy(&lone, out + n + i, sizeof lone);
      l += lone;
    }
    mp += a;
    mq += b;
    negative |= __builtin_bit_cast(lanes4i, a) | __builtin_bit_cast(lanes4i, b);
    if constexpr (!Jsd) small |= (b > zero) & (b < tiny);  // each comparison is all ones where true
  }
  fused_block b{(t[0] + t[1]) + (t[2] + t[3]), (l[0] + l[1]) + (l[2] + l[3]), (mp[0] + mp[1]) + (mp[2] + mp[3]),
                (mq[0] + mq[1]) + (mq[2] + mq[3]), false};
  const lanes4i flagged = negative | small;
  std::uint64_t flags = static_cast<std::uint64_t>(flagged[0] | flagged[1] | flagged[2] | flagged[3]);
  for (Eigen::Index i = whole; i < n; ++i) {
    b.terms += out[i];
    if constexpr (Jsd) b.lone += out[n + i];
    b.mass_p += p[i];
    b.mass_q += q[i];
    flags |= (detail::bit_cast<std::uint64_t>(p[i]) | detail::bit_cast<std::uint64_t>(q[i]));
    if constexpr (!Jsd) flags |= (q[i] > 0.0 && q[i] < 4 * std::numeric_limits<double>::min()) ? 1ULL << 63 : 0;
  }
  b.recheck = (flags >> 63) != 0;
  return b;
}
#endif

#define MINIMAX_DETAIL_FUSED_BLOCK(name, jsd)                                                                  \
  inline fused_block name##_baseline(const double* p, const double* q, double* out, Eigen::Index n) noexcept { \
    name##_terms_body<baseline_has_fma>(p, q, out, n);                                                         \
    return accumulate_block<jsd>(p, q, out, n);                                                                \
  }                                                                                                            \
  MINIMAX_DETAIL_AVX2_BLOCK(name, jsd)                                                                         \
  inline fused_block name##_block(const double* p, const double* q, double* out, Eigen::Index n) noexcept {     \
    MINIMAX_DETAIL_AVX512_CALL(name)                                                                           \
    MINIMAX_DETAIL_AVX2_CALL(name)                                                                             \
    return name##_baseline(p, q, out, n);                                                                      \
  }
#ifdef MINIMAX_DETAIL_LOG_DISPATCH
#define MINIMAX_DETAIL_AVX2_BLOCK(name, jsd)                                                                  \
  __attribute__((target("avx2,fma"))) inline fused_block name##_avx2(const double* p, const double* q,        \
                                                                      double* out, Eigen::Index n) noexcept { \
    name##_terms_body<true>(p, q, out, n);                                                                     \
    return accumulate_block_avx2<jsd>(p, q, out, n);                                                           \
  }                                                                                                            \
  __attribute__((target("avx512f,avx512dq,avx512vl,avx2,fma"))) inline fused_block name##_avx512(             \
      const double* p, const double* q, double* out, Eigen::Index n) noexcept {                                \
    name##_terms_body<true>(p, q, out, n);                                                                     \
    return accumulate_block_avx2<jsd>(p, q, out, n);                                                           \
  }
#define MINIMAX_DETAIL_AVX512_CALL(name) \
  if (cpu_has_avx512()) return name##_avx512(p, q, out, n);
#else
#define MINIMAX_DETAIL_AVX2_BLOCK(name, jsd)
#define MINIMAX_DETAIL_AVX512_CALL(name)
#endif
MINIMAX_DETAIL_FUSED_BLOCK(kl, false)
MINIMAX_DETAIL_FUSED_BLOCK(jsd, true)

#undef MINIMAX_DETAIL_FUSED_BLOCK
#undef MINIMAX_DETAIL_AVX2_BLOCK
#undef MINIMAX_DETAIL_AVX512_CALL
#undef MINIMAX_DETAIL_FUSED_LOOP
#undef MINIMAX_DETAIL_AVX2_LOOP
#undef MINIMAX_DETAIL_AVX2_CALL
#undef MINIMAX_DETAIL_ALWAYS_INLINE
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

/// \brief The double KL and JSD kernels in one pass per block: the terms, their sum and the masses
/// of p and q from one call of kl_block or jsd_block (no separate validation pass). A block whose
/// entries are not all finite and \f$\ge 0\f$ (or, for KL, holds a q in \f$(0, 4\,\mathrm{DBL\_MIN})\f$,
/// or a -0.0) is redone exactly: its entries checked and reported as for_each_block does, its terms by
/// the scalar kl_term or jsd_pair.
template <bool Jsd>
double fused_kernel(const char* function, contiguous_vector<double>& p, contiguous_vector<double>& q,
                    chunk_masses<double>* masses, double* lone_out) {
  require_non_empty(function, "p", static_cast<std::size_t>(p.size));
  require_same_size(function, "p and q", static_cast<std::size_t>(p.size), static_cast<std::size_t>(q.size));
  neumaier_sum<double> total, lone_mass, mass_p, mass_q;
  block_scratch<double> w;
  for (Eigen::Index start = 0; start < p.size; start += block_length) {
    const Eigen::Index len = start + block_length <= p.size ? block_length : p.size - start;
    const double* pb = p.data + start;
    const double* qb = q.data + start;
    fused_block b = Jsd ? jsd_block(pb, qb, w.a, len) : kl_block(pb, qb, w.a, len);
    if (b.recheck || !(b.mass_p - b.mass_p == 0.0) || !(b.mass_q - b.mass_q == 0.0)) {
      b = fused_block{0.0, 0.0, 0.0, 0.0, false};
      for (Eigen::Index i = 0; i < len; ++i) {
        if (!(pb[i] >= 0.0) || !(pb[i] - pb[i] == 0.0)) report_bad_entry(function, "p", p.data, start, len);
        b.mass_p += pb[i];
      }
      if (!(b.mass_p - b.mass_p == 0.0)) report_bad_entry(function, "p", p.data, start, len);
      for (Eigen::Index i = 0; i < len; ++i) {
        if (!(qb[i] >= 0.0) || !(qb[i] - qb[i] == 0.0)) report_bad_entry(function, "q", q.data, start, len);
        b.mass_q += qb[i];
      }
      if (!(b.mass_q - b.mass_q == 0.0)) report_bad_entry(function, "q", q.data, start, len);
      for (Eigen::Index i = 0; i < len; ++i) {
        if constexpr (Jsd) {
          if (pb[i] > 0.0 && qb[i] > 0.0) {
            b.terms += jsd_pair(pb[i], qb[i]);
          } else {
            b.lone += pb[i] + qb[i];
          }
        } else {
          b.terms += kl_term(pb[i], qb[i]);
        }
      }
    }
    total += b.terms;
    lone_mass += b.lone;
    mass_p += b.mass_p;
    mass_q += b.mass_q;
  }
  if (masses != nullptr) {
    masses->p = p.validated ? 0.0 : mass_p.value();
    masses->q = q.validated ? 0.0 : mass_q.value();
  } else {
    if (!p.validated) check_mass(function, "p", mass_p.value());
    if (!q.validated) check_mass(function, "q", mass_q.value());
  }
  if constexpr (Jsd) {
    if (lone_out != nullptr) {  // a chunk of a longer pair: the lone mass is summed across chunks first
      *lone_out = lone_mass.value();
      return total.value();
    }
    return ln2<double>() * lone_mass.value() + total.value();
  } else {
    return total.value();
  }
}

/// \brief \f$\sum_i (p_i\log(p_i/q_i) - p_i + q_i)\f$, each term \f$\ge 0\f$ (kl_term), vectorised
/// for double (fused_kernel): \f$\mathrm{KL}(P\|Q)\f$ when \f$\sum p = \sum q\f$; \f$p\log(p/0) = +\infty\f$.
template <class T>
T kl_kernel(const char* function, contiguous_vector<T>& p, contiguous_vector<T>& q, chunk_masses<T>* masses = nullptr) {
  if constexpr (fused_double<T>) {
    return fused_kernel<false>(function, p, q, masses, nullptr);
  } else {
    neumaier_sum<T> total;
    for_each_block(function, p, &q, [&](const auto& pa, const auto& qa, bool) {
      T s(0);
      for (Eigen::Index i = 0; i < pa.size(); ++i) s += kl_term(pa[i], qa[i]);
      total += s;
    }, masses);
    return total.value();
  }
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
  if constexpr (fused_double<T>) {
    return fused_kernel<true>(function, p, q, masses, lone_out);
  } else {
    neumaier_sum<T> overlap, lone_mass;
    for_each_block(function, p, &q, [&](const auto& pa, const auto& qa, bool) {
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

/// \brief \f$\sum_i F::\mathrm{pmf\_term}(p_i, q_i)\f$ for a generator that declares `pmf_term` (see
/// "Optional members" in \ref f_generators.hpp): blocks validated once, the terms written to a scratch
/// block (a loop that vectorises where the term is branch-free) and summed vectorised. With
/// `pmf_lone_mass`, pairs with one zero are summed as a mass and multiplied once by \f$f(0^+)\f$ (or
/// returned in `lone_out`, for chunks of a longer pair), and the value is clamped to
/// \f$f(0^+) + \lim f(u)/u\f$.
template <class F, class T>
T pmf_term_kernel(const char* function, contiguous_vector<T>& p, contiguous_vector<T>& q,
                  chunk_masses<T>* masses = nullptr, T* lone_out = nullptr) {
  using map = Eigen::Map<Eigen::Array<T, Eigen::Dynamic, 1>>;
  neumaier_sum<T> total, lone_mass;
  block_scratch<T> w;
  for_each_block(function, p, &q, [&](const auto& pa, const auto& qa, bool) {
    const Eigen::Index n = pa.size();
    if constexpr (pmf_lone_mass<F>()) {
      T lone(0);
      for (Eigen::Index i = 0; i < n; ++i) {
        const T a = pa[i], b = qa[i];
        const bool both = a > T(0) && b > T(0);
        w.a[i] = both ? F::pmf_term(a, b) : T(0);
        if (!both) lone += a + b;
      }
      lone_mass += lone;
    } else {
      for (Eigen::Index i = 0; i < n; ++i) w.a[i] = F::pmf_term(pa[i], qa[i]);
    }
    total += map(w.a, n).sum();
  }, masses);
  if constexpr (pmf_lone_mass<F>()) {
    if (lone_out != nullptr) {
      *lone_out = lone_mass.value();
      return total.value();
    }
    const T v = F::template at_zero<T>() * lone_mass.value() + total.value();
    const T hi = F::template at_zero<T>() + F::template slope_at_infinity<T>();
    return v < hi ? v : hi;
  } else {
    return total.value();
  }
}

/// \brief Dispatches D_f to the fastest kernel F declares: its own `pmf_divergence`, else a sum of
/// its `pmf_term`s, else the generic perspective loop (see "Optional members" in \ref f_generators.hpp).
template <class F, class T>
T f_divergence_pmf(const char* function, contiguous_vector<T>& p, contiguous_vector<T>& q) {
  if constexpr (has_pmf_divergence<F, T>) {
    return F::pmf_divergence(function, p, q);
  } else if constexpr (has_pmf_term<F, T>) {
    return pmf_term_kernel<F>(function, p, q);
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
  requires Pmf<P> && Pmf<Q>
auto f_divergence(const P& p, const Q& q) {
  static_assert(FGenerator<F>,
                "minimax::f_divergence<F>: F must be a generator type such as minimax::f::kl, with static "
                "f, conjugate, derivative, activation, perspective, at_zero, slope_at_infinity and the "
                "conjugate domain (see the FGenerator concept)");
  return detail::f_divergence_of<F>("minimax::f_divergence", p, q);
}

}  // namespace minimax
