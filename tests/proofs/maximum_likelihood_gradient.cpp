// Tests of include/minimax/proofs/maximum_likelihood_gradient.hpp: exercise 7.3 holds over the
// density family; for normal p_data the gradient matches the closed form of
// d KL(N(m, s^2) || N(mu, sigma^2)): ((mu - m)/sigma^2, 1/sigma - (s^2 + (m - mu)^2)/sigma^3).
#include <minimax/proofs/maximum_likelihood_gradient.hpp>

#include <catch2/catch.hpp>
#include <cmath>

#include "family.hpp"

namespace mm = minimax;

TEST_CASE("exercise 7.3 holds over the density family", "[proofs][maximum_likelihood_gradient]") {
  mm::test::for_each_density_pair([](const std::string& name, const auto& p, const auto&) {
    for (const auto& g : {mm::normal{0.5, 1}, mm::normal{-2, 3}}) {
      INFO(name);
      const auto pr = mm::proofs::maximum_likelihood_gradient(p, g);
      INFO(mm::proofs::to_table(pr));
      CHECK(pr.holds());
    }
  });
}

TEST_CASE("exercise 7.3: the closed-form gradient of KL between normals", "[proofs][maximum_likelihood_gradient]") {
  for (auto [m, s, mu, sigma] : {std::tuple{0.0, 1.0, 1.0, 2.0}, std::tuple{3.0, 0.5, -1.0, 1.5}, std::tuple{0.0, 1.0, 0.0, 1.0}}) {
    const auto pr = mm::proofs::maximum_likelihood_gradient(mm::normal{m, s}, mm::normal{mu, sigma});
    REQUIRE(pr.holds());
    const double d_mu = (mu - m) / (sigma * sigma);
    const double d_sigma = 1 / sigma - (s * s + (m - mu) * (m - mu)) / (sigma * sigma * sigma);
    for (std::size_t k : {0, 1, 2}) CHECK(std::abs(pr.steps[k].value - d_mu) <= 4 * pr.steps[k].error_estimate + 1e-15);
    for (std::size_t k : {3, 4, 5}) CHECK(std::abs(pr.steps[k].value - d_sigma) <= 4 * pr.steps[k].error_estimate + 1e-15);
  }
}

TEST_CASE("exercise 7.3: the minimax cost log(1 - D*) does not give the ML gradient", "[proofs][maximum_likelihood_gradient]") {
  // Replacing the first line by E_{p_g}[log(1 - D*) d log p_g] (the JSD gradient) breaks the chain.
  const mm::normal p{0, 1}, g{1, 2};
  auto pr = mm::proofs::maximum_likelihood_gradient(p, g);
  const auto d = mm::optimal_discriminator(p, g);
  const auto jsd_gradient = mm::detail::pair_integral(p, g, [&](double, double lq, double x) {
    return mm::detail::weighted(lq, d.log_complement(x) * mm::proofs::detail::normal_score(g, 0, x));
  });
  pr.steps[1].reference.value = jsd_gradient.value;
  CHECK_FALSE(pr.holds());
}
