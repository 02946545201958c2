#include <catch2/catch.hpp>

#include <minimax/nn.hpp>

#include "fd_check.hpp"

namespace nn = minimax::nn;
using enc = nn::sequential<nn::dense<4, 6>, nn::elu, nn::dense<6, 2>>;
using dec = nn::sequential<nn::dense<2, 6>, nn::elu, nn::dense<6, 4>>;
using ae = nn::autoencoder<enc, dec>;

TEST_CASE("autoencoder: the code and the two parameter blocks") {
  STATIC_REQUIRE(ae::code_size == 2);
  STATIC_REQUIRE(ae::parameter_count == enc::parameter_count + dec::parameter_count);
  nn::vector<double> theta(ae::parameter_count);
  std::mt19937_64 rng(1);
  ae{}.initialise(theta, nn::glorot{}, rng);
  nn::batch<double, 4> x = nn::batch<double, 4>::Random(4, 3);
  ae::tape<double> t;
  ae{}.forward(theta, x, t);
  const nn::vector<double> te = ae::encoder_parameters(theta), td = ae::decoder_parameters(theta);
  const auto code = enc{}(te, x);
  CHECK((ae::code<double>(t) - code).cwiseAbs().maxCoeff() == 0.0);
  CHECK((t.output() - dec{}(td, code)).cwiseAbs().maxCoeff() == 0.0);
}

TEMPLATE_TEST_CASE("autoencoder: backward matches finite differences", "", float, double) {
  const auto r = minimax::test::check_backward<TestType>(ae{}, 4, 2);
  CHECK(r.theta_error < minimax::test::gradient_tolerance<TestType>());
  CHECK(r.x_error < minimax::test::gradient_tolerance<TestType>());
}
