// A generator defined outside the library on the Thrust backend: the triangular discrimination
// f(u) = (u - 1)^2 / (u + 1), whose optional pmf_term is summed by the host systems' chunked
// kernels and by the element-wise path (computed ranges; GPUs), against the 50-digit sum
// sum (p - q)^2 / (p + q) and the Eigen backend.
// This file is compiled three times: device system CPP and OMP by the host compiler, CUDA by nvcc.
#include <catch2/catch.hpp>

#include <atomic>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include <Eigen/Core>
#include <boost/multiprecision/cpp_bin_float.hpp>
#include <thrust/device_vector.h>
#include <thrust/iterator/transform_iterator.h>

#include "minimax/divergence/f_divergence.hpp"
#include "minimax/thrust.hpp"
#include "thrust_helpers.hpp"

namespace {

using minimax_test::computed_range;

using high = boost::multiprecision::cpp_bin_float_50;
constexpr double eps = std::numeric_limits<double>::epsilon();

std::atomic<long> pmf_term_calls{0};  // host calls only (the OMP system calls from several threads)

struct triangular {
  template <class T>
  MINIMAX_HOST_DEVICE static T f(T u) noexcept {
    return u < T(0) ? std::numeric_limits<T>::quiet_NaN() : (u - T(1)) * (u - T(1)) / (u + T(1));
  }
  template <class T>
  MINIMAX_HOST_DEVICE static T conjugate(T t) noexcept {
    if (t != t) return t;
    if (t > T(1)) return std::numeric_limits<T>::infinity();
    if (t <= T(-3)) return T(-1);
    return T(4) - t - T(4) * sqrt(T(1) - t);
  }
  template <class T>
  MINIMAX_HOST_DEVICE static T derivative(T u) noexcept {
    return u < T(0) ? std::numeric_limits<T>::quiet_NaN() : T(1) - T(4) / ((u + T(1)) * (u + T(1)));
  }
  template <class T>
  MINIMAX_HOST_DEVICE static T activation(T v) noexcept {
    return T(1) - T(4) / (T(1) + exp(v));
  }
  template <class T>
  MINIMAX_HOST_DEVICE static T perspective(T p, T q) noexcept {
    if (!(p >= T(0)) || !(q >= T(0)) || !(p - p == T(0)) || !(q - q == T(0))) return std::numeric_limits<T>::quiet_NaN();
    const T s = p + q;
    return s > T(0) ? (p - q) * (p - q) / s : T(0);
  }
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T at_zero() noexcept {
    return T(1);
  }
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T slope_at_infinity() noexcept {
    return T(1);
  }
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T conjugate_domain_lower() noexcept {
    return -std::numeric_limits<T>::infinity();
  }
  template <class T>
  MINIMAX_HOST_DEVICE static constexpr T conjugate_domain_upper() noexcept {
    return T(1);
  }
  static constexpr bool conjugate_domain_closed = true;
  // optional: the fast pmf term
  template <class T>
  MINIMAX_HOST_DEVICE static T pmf_term(T p, T q) noexcept {
#ifndef __CUDA_ARCH__
    pmf_term_calls.fetch_add(1, std::memory_order_relaxed);
#endif
    const T s = p + q;
    return s > T(0) ? (p - q) * (p - q) / s : T(0);
  }
};
static_assert(minimax::FGenerator<triangular> && minimax::detail::has_pmf_term<triangular, double>);

std::vector<double> random_pmf(std::size_t n, unsigned seed) {
  std::mt19937_64 gen(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<double> p(n);
  double sum = 0;
  for (auto& x : p) {
    x = u(gen) < 0.05 ? 0.0 : u(gen);
    sum += x;
  }
  for (auto& x : p) x /= sum;
  return p;
}

// x -> x, as a computed range (no raw pointer): the element-wise path on every system.
struct same {
  MINIMAX_HOST_DEVICE double operator()(double x) const { return x; }
};

}  // namespace

TEST_CASE("a user's generator on Thrust: its pmf_term, chunked and element-wise", "[thrust][user_generator]") {
  const std::size_t n = 100000;  // several host chunks
  const std::vector<double> p = random_pmf(n, 11), q = random_pmf(n, 12);
  high ref = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const high a = p[i], b = q[i];
    if (a + b > 0) ref += (a - b) * (a - b) / (a + b);
  }
  const thrust::device_vector<double> dp(p.begin(), p.end()), dq(q.begin(), q.end());
  pmf_term_calls = 0;
  const double v = minimax::f_divergence<triangular>(thrust::device, dp, dq);
#if THRUST_DEVICE_SYSTEM != THRUST_DEVICE_SYSTEM_CUDA
  CHECK(pmf_term_calls == static_cast<long>(n));  // the optional member, once per pair
#endif
  CAPTURE(v, static_cast<double>(ref));
  CHECK(static_cast<double>(abs(high(v) - ref) / ref) <= 8 * eps);
  const Eigen::Map<const Eigen::VectorXd> ep(p.data(), static_cast<Eigen::Index>(n)), eq(q.data(), static_cast<Eigen::Index>(n));
  CHECK(v == Approx(minimax::f_divergence<triangular>(ep, eq)).epsilon(8 * eps));
  // A computed range takes the element-wise path, with the same term.
  const auto fp = thrust::make_transform_iterator(dp.begin(), same{});
  const auto fq = thrust::make_transform_iterator(dq.begin(), same{});
  const double w = minimax::f_divergence<triangular>(thrust::device, computed_range<decltype(fp)>{fp, n},
                                                    computed_range<decltype(fq)>{fq, n});
  CHECK(static_cast<double>(abs(high(w) - ref) / ref) <= 8 * eps);
  // Disjoint supports: Delta = 2; errors as the Eigen backend's.
  const thrust::device_vector<double> a(std::vector<double>{0.5, 0.5, 0.0}), b(std::vector<double>{0.0, 0.0, 1.0});
  CHECK(minimax::f_divergence<triangular>(thrust::device, a, b) == 2.0);
  const thrust::device_vector<double> bad(std::vector<double>{0.5, 0.7, -0.2});
  CHECK_THROWS_AS(minimax::f_divergence<triangular>(thrust::device, bad, b), minimax::invalid_argument);
}
