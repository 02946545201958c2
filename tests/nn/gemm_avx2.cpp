// The dense layers' blocked product kernel (nn/detail/gemm.hpp). Files named *_avx2.cpp are compiled
// with -mavx2 -mfma (tests/CMakeLists.txt), so here the kernel is compiled in and the dense layers
// take it for their large products, as in a -march=native build on an AVX2 core.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>

#include <minimax/nn.hpp>
#include <minimax/nn/detail/gemm.hpp>

static_assert(MINIMAX_HAS_GEMM_KERNEL == 1, "this file must be compiled with -mavx2 -mfma, without EIGEN_USE_BLAS");

namespace nn = minimax::nn;

namespace {

template <class T>
using matrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;

// The largest error of c against a long double product, in units of the standard error bound of a
// k-term dot product: |c - ab| <= k eps (|a| |b|) entry by entry (plus eps |c0| for accumulation).
template <class T>
double error_in_bounds(const matrix<T>& c, const matrix<T>& c0, const matrix<T>& a, const matrix<T>& b,
                       bool accumulate) {
  const matrix<long double> al = a.template cast<long double>(), bl = b.template cast<long double>();
  matrix<long double> exact = al * bl;
  matrix<long double> scale = al.cwiseAbs() * bl.cwiseAbs();
  if (accumulate) {
    exact += c0.template cast<long double>();
    scale += c0.template cast<long double>().cwiseAbs();
  }
  const long double bound = (a.cols() + 1) * static_cast<long double>(std::numeric_limits<T>::epsilon());
  long double worst = 0;
  for (Eigen::Index j = 0; j < c.cols(); ++j)
    for (Eigen::Index i = 0; i < c.rows(); ++i) {
      const long double err = std::abs(static_cast<long double>(c(i, j)) - exact(i, j));
      worst = std::max(worst, err / (bound * std::max(scale(i, j), std::numeric_limits<long double>::min())));
    }
  return static_cast<double>(worst);
}

}  // namespace

TEMPLATE_TEST_CASE("gemm kernel: every shape, stored either way, within the dot-product error bound", "", float,
                   double) {
  using T = TestType;
  using kernel = nn::detail::gemm_kernel<T>;
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<T> u(T(-1), T(1));
  // full tiles, edge tiles in either direction, one of everything, and more than one block of
  // rows (mc), columns (nc) and depth (kc), so the depth blocks after the first accumulate
  struct shape {
    int m, k, n;
  };
  const shape shapes[] = {{1, 1, 1},    {kernel::mr, 9, kernel::nr}, {kernel::mr + 1, 13, kernel::nr - 1},
                          {5, 40, 70},  {64, 64, 64},                {128, 256, 512},
                          {kernel::mc + 3, kernel::kc + 17, kernel::nc + 5}};
  for (const auto& s : shapes) {
    const matrix<T> a = matrix<T>::NullaryExpr(s.m, s.k, [&] { return u(rng); });
    const matrix<T> b = matrix<T>::NullaryExpr(s.k, s.n, [&] { return u(rng); });
    const matrix<T> at = a.transpose(), bt = b.transpose();
    const matrix<T> c0 = matrix<T>::NullaryExpr(s.m, s.n, [&] { return u(rng); });
    for (const bool accumulate : {false, true}) {
      for (const bool a_transposed : {false, true}) {
        for (const bool b_transposed : {false, true}) {
          CAPTURE(s.m, s.k, s.n, accumulate, a_transposed, b_transposed);
          matrix<T> c = accumulate ? c0 : matrix<T>::Constant(s.m, s.n, std::numeric_limits<T>::quiet_NaN());
          const auto va = a_transposed ? nn::detail::strided_view(at.transpose()) : nn::detail::strided_view(a);
          const auto vb = b_transposed ? nn::detail::strided_view(bt.transpose()) : nn::detail::strided_view(b);
          kernel::run(s.m, s.n, s.k, va, vb, c.data(), c.rows(), accumulate);
          CHECK(c.allFinite());
          CHECK(error_in_bounds(c, c0, a, b, accumulate) <= 1.0);
        }
      }
    }
  }
}

TEST_CASE("gemm kernel: an empty inner dimension gives C = 0, or leaves C when accumulating") {
  using kernel = nn::detail::gemm_kernel<float>;
  const matrix<float> a(20, 0), b(0, 30);
  matrix<float> c = matrix<float>::Constant(20, 30, 5.0f);
  kernel::run(20, 30, 0, nn::detail::strided_view(a), nn::detail::strided_view(b), c.data(), 20, true);
  CHECK((c.array() == 5.0f).all());
  kernel::run(20, 30, 0, nn::detail::strided_view(a), nn::detail::strided_view(b), c.data(), 20, false);
  CHECK((c.array() == 0.0f).all());
}

TEST_CASE("gemm kernel: C's leading dimension may exceed its rows, and rows past m stay untouched") {
  using kernel = nn::detail::gemm_kernel<double>;
  const matrix<double> a = matrix<double>::Random(70, 90), b = matrix<double>::Random(90, 65);
  matrix<double> c = matrix<double>::Constant(75, 65, 7.0);  // a 70 x 65 block inside, ldc 75
  kernel::run(70, 65, 90, nn::detail::strided_view(a), nn::detail::strided_view(b), c.data(), c.rows(), false);
  CHECK(error_in_bounds<double>(c.topRows(70), c.topRows(70), a, b, false) <= 1.0);
  CHECK((c.bottomRows(5).array() == 7.0).all());
}

TEMPLATE_TEST_CASE("gemm kernel: the dense layers' passes agree with the same network in long double", "", float,
                   double) {
  using T = TestType;
  // every product here is large enough for the kernel: forward W x (80 x 64 by 64 x 96), the input
  // gradient W^T dy (64 x 80 by 80 x 96) and the weight gradient dy x^T (80 x 96 by 96 x 64)
  using net = nn::sequential<nn::dense<64, 80>, nn::relu, nn::dense<80, 72>, nn::tanh, nn::dense<72, 3>>;
  std::mt19937_64 rng(3);
  nn::vector<T> theta(net::parameter_count);
  net{}.initialise(theta, nn::he{}, rng);
  const nn::batch<T, 64> x = nn::batch<T, 64>::Random(64, 96);
  const nn::batch<T, 3> dy = nn::batch<T, 3>::Random(3, 96);

  typename net::template tape<T> t;
  net{}.forward(theta, x, t);
  nn::vector<T> dtheta = nn::vector<T>::Zero(net::parameter_count);
  nn::batch<T, 64> dx;
  net{}.backward(theta, t, dy, dtheta, &dx);

  using L = long double;
  const nn::vector<L> theta_l = theta.template cast<L>();
  typename net::template tape<L> tl;
  net{}.forward(theta_l, x.template cast<L>(), tl);
  nn::vector<L> dtheta_l = nn::vector<L>::Zero(net::parameter_count);
  nn::batch<L, 64> dx_l;
  net{}.backward(theta_l, tl, dy.template cast<L>(), dtheta_l, &dx_l);

  // relative to the largest entry: sums of up to 96 terms, through three layers
  const double tol = 512 * std::numeric_limits<T>::epsilon();
  const auto relative = [](const auto& got, const auto& want) {
    return static_cast<double>((got.template cast<L>() - want).cwiseAbs().maxCoeff() / want.cwiseAbs().maxCoeff());
  };
  CHECK(relative(t.output(), tl.output()) < tol);
  CHECK(relative(dtheta, dtheta_l) < tol);
  CHECK(relative(dx, dx_l) < tol);
  CHECK(dtheta.cwiseAbs().maxCoeff() > 0);
}
