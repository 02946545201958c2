#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <utility>

#include <minimax/nn.hpp>

#include "fd_check.hpp"

namespace nn = minimax::nn;

TEST_CASE("dense: forward is W x + b, read through the named views") {
  using net = nn::sequential<nn::dense<3, 2>>;
  nn::vector<double> theta(net::parameter_count);
  REQUIRE(net::parameter_count == 3 * 2 + 2);
  for (Eigen::Index i = 0; i < theta.size(); ++i) theta[i] = double(i + 1);
  // column-major W: [[1, 3, 5], [2, 4, 6]], b = (7, 8)
  CHECK(net::weight<0>(theta)(1, 2) == 6.0);
  CHECK(net::bias<0>(theta)(1) == 8.0);
  nn::batch<double, 3> x(3, 2);
  x << 1, 0, 1, -1, 2, 0.5;
  const auto y = net{}(theta, x);
  CHECK(y(0, 0) == 1 * 1 + 3 * 1 + 5 * 2 + 7);
  CHECK(y(1, 1) == 2 * 0 + 4 * -1 + 6 * 0.5 + 8);
  // views write through to the flat vector
  net::bias<0>(theta)(0) = -1;
  CHECK(theta[6] == -1);
  auto block = net::parameters<0>(theta);
  CHECK(block.size() == 8);
  block(7) = 42;
  CHECK(theta[7] == 42);
  const nn::vector<double>& ro = theta;
  CHECK(net::parameters<0>(ro)(7) == 42);
}

TEMPLATE_TEST_CASE("dense: backward matches finite differences", "", float, double) {
  const auto r = minimax::test::check_backward<TestType>(nn::sequential<nn::dense<4, 3>>{}, 5, 1);
  CHECK(r.theta_error < minimax::test::gradient_tolerance<TestType>());
  CHECK(r.x_error < minimax::test::gradient_tolerance<TestType>());
}

TEMPLATE_TEST_CASE("dense: the blocked-product path (both sizes above dense::small) matches finite differences", "", float,
                   double) {
  STATIC_REQUIRE(nn::dense<12, 10>::small < 10);
  const auto r = minimax::test::check_backward<TestType>(nn::sequential<nn::dense<12, 10>, nn::tanh, nn::dense<10, 9>>{}, 6, 2);
  CHECK(r.theta_error < minimax::test::gradient_tolerance<TestType>());
  CHECK(r.x_error < minimax::test::gradient_tolerance<TestType>());
}

namespace {

// dense<In, Out> on dual numbers: the batch passes (which run on the real and infinitesimal parts)
// against the per-sample passes on duals (forward_sample, backward_sample: plain loops over dual
// arithmetic), from a nonzero gradient so that the accumulation is checked too. Returns the largest
// gap relative to the largest entry compared.
template <int In, int Out, class D>
double dual_passes_against_samples(int n, unsigned seed) {
  using layer = nn::dense<In, Out>;
  using R = minimax::real_type_t<D>;
  constexpr Eigen::Index P = layer::parameter_count_for(In);
  std::mt19937_64 rng(seed);
  std::normal_distribution<R> normal;
  auto draw = [&](auto& m) {
    for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = D(normal(rng), normal(rng));
  };
  nn::vector<D> theta(P), dtheta(P);
  nn::batch<D, In> x(In, n);
  nn::batch<D, Out> dy(Out, n), y;
  draw(theta);
  draw(dtheta);
  draw(x);
  draw(dy);
  nn::vector<D> dtheta_ref = dtheta;
  nn::batch<D, In> dx, dx_ref(In, n);
  nn::batch<D, Out> y_ref(Out, n);
  const layer l;
  l.template forward<In>(theta.data(), x, y);
  l.template backward<In>(theta.data(), x, y, dy, dtheta.data(), &dx);
  for (int j = 0; j < n; ++j) {
    l.template forward_sample<In>(theta.data(), x.col(j).data(), y_ref.col(j).data());
    l.template backward_sample<In>(theta.data(), x.col(j).data(), y_ref.col(j).data(), dy.col(j).data(),
                                   dtheta_ref.data(), dx_ref.col(j).data());
  }
  double gap = 0, scale = 1;
  auto compare = [&](const auto& a, const auto& b) {
    for (Eigen::Index i = 0; i < a.size(); ++i) {
      for (const auto& [u, v] : {std::pair{a.data()[i].value, b.data()[i].value},
                                 std::pair{a.data()[i].derivative, b.data()[i].derivative}}) {
        gap = std::max(gap, double(std::abs(u - v)));
        scale = std::max(scale, double(std::abs(v)));
      }
    }
  };
  compare(y, y_ref);
  compare(dtheta, dtheta_ref);
  compare(dx, dx_ref);
  return gap / scale;
}

}  // namespace

TEMPLATE_TEST_CASE("dense on dual numbers: the passes on the real and infinitesimal parts equal dual arithmetic", "",
                   float, double) {
  using D = minimax::dual<TestType>;
  const double eps = std::numeric_limits<TestType>::epsilon();
  // inner dimensions up to dense::small (coefficient-wise products) and above (blocked products); the
  // same sums in another order: a few roundings per entry
  CHECK(dual_passes_against_samples<4, 3, D>(7, 1) <= 64 * eps);
  CHECK(dual_passes_against_samples<12, 10, D>(65, 2) <= 64 * eps);
}
