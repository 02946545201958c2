// The pmf divergences on Thrust against the Eigen backend, with its conventions and its errors.
// This file is compiled three times: device system CPP and OMP by the host compiler, CUDA by nvcc.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include <Eigen/Core>
#include <thrust/device_vector.h>
#include <thrust/host_vector.h>
#include <thrust/iterator/transform_iterator.h>

#include "minimax/divergence/hellinger.hpp"
#include "minimax/divergence/jsd.hpp"
#include "minimax/divergence/kl.hpp"
#include "minimax/divergence/total_variation.hpp"
#include "minimax/thrust.hpp"
#include "thrust_helpers.hpp"

namespace {

using minimax_test::computed_range;

// A pmf with every kind of entry the kernels treat apart: zeros, tiny masses and ordinary ones.
std::vector<double> random_pmf(std::size_t n, unsigned seed, double zero_fraction) {
  std::mt19937_64 gen(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<double> p(n);
  double sum = 0;
  for (auto& x : p) {
    const double r = u(gen);
    x = r < zero_fraction ? 0.0 : (r < zero_fraction + 0.01 ? 1e-300 : u(gen));
    sum += x;
  }
  for (auto& x : p) x /= sum;
  return p;
}

Eigen::Map<const Eigen::VectorXd> as_eigen(const std::vector<double>& v) {
  return {v.data(), static_cast<Eigen::Index>(v.size())};
}

// The bound of a reordered sum (compensated runs on the host, a tree on a GPU): (4 + log2 n) eps of
// the sum of |terms| (here <= 2 log 2 + KL), with a factor 4 for the terms' own rounding.
double sum_bound(double magnitude, std::size_t n) {
  return 4 * (4 + std::log2(static_cast<double>(n))) * std::numeric_limits<double>::epsilon() * (1 + magnitude);
}

// A range computed on the fly (x * 1): not contiguous memory, so every system takes the
// element-wise path (one thread per pair), which a GPU takes for all ranges.
struct times_one {
  MINIMAX_HOST_DEVICE double operator()(double x) const { return x * 1.0; }
};
template <class V>
auto computed(const V& v) {
  auto it = thrust::make_transform_iterator(v.begin(), times_one{});
  return computed_range<decltype(it)>{it, v.size()};
}

}  // namespace

TEST_CASE("the element-wise path (computed ranges) agrees with the chunked one") {
  const auto pv = random_pmf(70001, 5, 0.1), qv = random_pmf(70001, 6, 0.0);
  const thrust::device_vector<double> p(pv.begin(), pv.end()), q(qv.begin(), qv.end());
  const double kl = minimax::kl(thrust::device, p, q), jsd = minimax::jsd(thrust::device, p, q);
  CHECK(std::abs(minimax::kl(thrust::device, computed(p), computed(q)) - kl) <= sum_bound(kl, pv.size()));
  CHECK(std::abs(minimax::jsd(thrust::device, computed(p), computed(q)) - jsd) <= sum_bound(jsd, pv.size()));
  const thrust::device_vector<double> bad(std::vector<double>{0.5, -0.5, 1.0});
  const thrust::device_vector<double> third(std::vector<double>{0.2, 0.3, 0.5});
  CHECK_THROWS_WITH(minimax::kl(thrust::device, computed(third), computed(bad)),
                    "minimax::kl: q[1] must be non-negative and finite, got -0.5");
}

TEST_CASE("kl, reverse_kl, jsd, total_variation, squared_hellinger on Thrust agree with the Eigen backend") {
  for (const std::size_t n : {1u, 7u, 1000u, 100003u}) {
    const auto pv = random_pmf(n, 11 + static_cast<unsigned>(n), 0.1);
    const auto qv = random_pmf(n, 23 + static_cast<unsigned>(n), 0.0);  // q > 0: KL finite
    const thrust::device_vector<double> p(pv.begin(), pv.end()), q(qv.begin(), qv.end());
    const auto pe = as_eigen(pv), qe = as_eigen(qv);
    INFO("n = " << n);
    const double kl_e = minimax::kl(pe, qe);
    CHECK(std::abs(minimax::kl(thrust::device, p, q) - kl_e) <= sum_bound(kl_e, n));
    const double jsd_e = minimax::jsd(pe, qe);
    CHECK(std::abs(minimax::jsd(thrust::device, p, q) - jsd_e) <= sum_bound(jsd_e, n));
    const double tv_e = minimax::total_variation(pe, qe);
    CHECK(std::abs(minimax::total_variation(thrust::device, p, q) - tv_e) <= sum_bound(tv_e, n));
    const double h_e = minimax::squared_hellinger(pe, qe);
    CHECK(std::abs(minimax::squared_hellinger(thrust::device, p, q) - h_e) <= sum_bound(h_e, n));
    const double pearson_e = minimax::f_divergence<minimax::f::pearson>(pe, qe);
    CHECK(std::abs(minimax::f_divergence<minimax::f::pearson>(thrust::device, p, q) - pearson_e) <=
          sum_bound(pearson_e, n));
    // q has no zeros but p has: reverse KL is +inf on both backends.
    CHECK(minimax::reverse_kl(thrust::device, p, q) == minimax::reverse_kl(pe, qe));
  }
}

TEST_CASE("host policies and host containers work too") {
  const auto pv = random_pmf(5000, 3, 0.2), qv = random_pmf(5000, 4, 0.0);
  const double expected = minimax::kl(as_eigen(pv), as_eigen(qv));
  CHECK(std::abs(minimax::kl(thrust::host, pv, qv) - expected) <= sum_bound(expected, pv.size()));
  const thrust::host_vector<double> ph(pv.begin(), pv.end()), qh(qv.begin(), qv.end());
  CHECK(std::abs(minimax::kl(thrust::host, ph, qh) - expected) <= sum_bound(expected, pv.size()));
}

TEST_CASE("conventions: 0 log 0, disjoint supports, equal pmfs, float") {
  const thrust::device_vector<double> a(std::vector<double>{0.5, 0.5, 0.0, 0.0});
  const thrust::device_vector<double> b(std::vector<double>{0.0, 0.0, 0.25, 0.75});
  CHECK(minimax::jsd(thrust::device, a, b) == std::log(2.0));  // exactly, as the Eigen backend
  CHECK(minimax::total_variation(thrust::device, a, b) == 1.0);
  CHECK(minimax::kl(thrust::device, a, b) == std::numeric_limits<double>::infinity());
  CHECK(minimax::kl(thrust::device, a, a) == 0.0);
  CHECK(minimax::jsd(thrust::device, b, b) == 0.0);
  const thrust::device_vector<float> pf(std::vector<float>{0.25f, 0.75f}), qf(std::vector<float>{0.5f, 0.5f});
  const double exact = 0.25 * std::log(0.5) + 0.75 * std::log(1.5);
  CHECK(std::abs(minimax::kl(thrust::device, pf, qf) - exact) <= 4 * std::numeric_limits<float>::epsilon());
}

TEST_CASE("a subnormal mass in q: kl is finite on both paths (SciPy gh-20710's ratio overflow), +inf only for 0") {
  const double eps = std::numeric_limits<double>::epsilon();
  for (const double tiny : {std::numeric_limits<double>::denorm_min(), 1e-310, 2.22e-308}) {
    INFO("tiny = " << tiny);
    const thrust::device_vector<double> p(std::vector<double>{0.5, 0.5}), q(std::vector<double>{1.0, tiny});
    // sum of p log(p/q) - p + q: 0.5 log 0.25 - 0.5 log(tiny) + tiny (no cancellation)
    const double exact = 0.5 * std::log(0.25) - 0.5 * std::log(tiny) + tiny;
    const double chunked = minimax::kl(thrust::device, p, q), element_wise = minimax::kl(thrust::device, computed(p), computed(q));
    CHECK(std::abs(chunked - exact) <= 8 * eps * exact);
    CHECK(std::abs(element_wise - exact) <= 8 * eps * exact);
    CHECK(std::abs(minimax::reverse_kl(thrust::device, computed(q), computed(p)) - exact) <= 8 * eps * exact);
  }
  const thrust::device_vector<double> p(std::vector<double>{0.5, 0.5}), q(std::vector<double>{1.0, 0.0});
  CHECK(minimax::kl(thrust::device, computed(p), computed(q)) == std::numeric_limits<double>::infinity());
}

TEST_CASE("two-point pmfs equal to 13 digits: kl > 0 and accurate, jsd and hellinger as the Eigen backend") {
  const double eps = std::numeric_limits<double>::epsilon();
  for (const double y : {0.5 + 1e-13, 0.5 + 3e-14, 0.5000000001, 0.5 + 4 * eps}) {
    INFO("y = " << y);
    const thrust::device_vector<double> p(std::vector<double>{0.5, 0.5}), q(std::vector<double>{y, 1 - y});
    // KL((1/2, 1/2) || (y, 1 - y)) = -log(4 y (1 - y)) / 2 = -log1p(-d^2) / 2 with d = 2y - 1 exact
    const double d = 2 * y - 1;
    const double exact = -0.5 * std::log1p(-d * d);
    for (const double k : {minimax::kl(thrust::device, p, q), minimax::kl(thrust::device, computed(p), computed(q))}) {
      CHECK(k > 0);
      CHECK(std::abs(k - exact) <= 16 * eps * exact);
    }
    const std::vector<double> pv{0.5, 0.5}, qv{y, 1 - y};
    const double jsd_e = minimax::jsd(as_eigen(pv), as_eigen(qv)), h_e = minimax::squared_hellinger(as_eigen(pv), as_eigen(qv));
    CHECK(jsd_e > 0);
    CHECK(std::abs(minimax::jsd(thrust::device, computed(p), computed(q)) - jsd_e) <= 8 * eps * jsd_e);
    CHECK(std::abs(minimax::jsd(thrust::device, p, q) - jsd_e) <= 8 * eps * jsd_e);
    CHECK(std::abs(minimax::squared_hellinger(thrust::device, computed(p), computed(q)) - h_e) <= 8 * eps * h_e);
  }
}

TEST_CASE("bad input: the Eigen backend's errors, naming the function, the entry and its value") {
  const thrust::device_vector<double> good(std::vector<double>{0.5, 0.5});
  const thrust::device_vector<double> negative(std::vector<double>{1.1, -0.1});
  const thrust::device_vector<double> nan(std::vector<double>{std::nan(""), 1.0});
  const thrust::device_vector<double> unnormalised(std::vector<double>{0.5, 0.6});
  const thrust::device_vector<double> three(std::vector<double>{0.2, 0.3, 0.5});
  const thrust::device_vector<double> empty;
  CHECK_THROWS_WITH(minimax::kl(thrust::device, good, negative),
                    "minimax::kl: q[1] must be non-negative and finite, got -0.1");
  CHECK_THROWS_AS(minimax::jsd(thrust::device, nan, good), minimax::invalid_argument);
  CHECK_THROWS_WITH(minimax::jsd(thrust::device, nan, good), Catch::Contains("minimax::jsd: p[0]"));
  CHECK_THROWS_AS(minimax::kl(thrust::device, unnormalised, good), minimax::domain_error);
  CHECK_THROWS_WITH(minimax::kl(thrust::device, unnormalised, good), Catch::Contains("p must sum to 1"));
  CHECK_THROWS_AS(minimax::kl(thrust::device, good, three), minimax::invalid_argument);
  CHECK_THROWS_AS(minimax::kl(thrust::device, empty, empty), minimax::invalid_argument);
}
