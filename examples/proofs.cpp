// Executable proofs: run the GAN theorems on your own distributions and print each step.
// Without an argument it runs every section; `example_proofs <section>` runs one (the docs capture
// each section's output this way at build time, so the pages show the tables the code prints).
#include <minimax/proofs.hpp>
#include <minimax/theory.hpp>

#include <cstdio>
#include <iostream>
#include <string>
#include <string_view>

int main(int argc, char** argv) {
  namespace mm = minimax;
  int failures = 0;
  constexpr std::string_view sections[] = {"global_optimum", "optimal_discriminator", "proposition_1",
                                           "f_gan_bound", "least_squares", "wasserstein"};
  const std::string only = argc > 1 ? argv[1] : "";
  bool known = only.empty();
  for (const std::string_view name : sections) known = known || name == only;
  if (!known) {
    std::cerr << "example_proofs: no section \"" << only << "\"; the sections are";
    for (const std::string_view name : sections) std::cerr << ' ' << name;
    std::cerr << '\n';
    return 2;
  }
  const auto wanted = [&](std::string_view name) { return only.empty() || only == name; };
  if (wanted("global_optimum")) {
    //! [global optimum]
    const mm::normal p_data{0.0, 1.0};
    const mm::mixture p_g{{0.5, 0.5}, {mm::normal{-2.0, 0.5}, mm::normal{2.0, 0.5}}};
    const auto proof = mm::proofs::global_optimum(p_data, p_g);
    std::cout << proof;  // the table: step, relation, value, error, residual, tolerance, verdict
    if (!proof.holds()) ++failures;
    //! [global optimum]
  }
  if (wanted("optimal_discriminator")) {
    //! [optimal discriminator]
    const mm::normal p_data{0.0, 1.0}, p_g{1.0, 1.0};
    const auto d_star = mm::optimal_discriminator(p_data, p_g);
    const double c = mm::virtual_training_criterion(p_data, p_g);  // -log 4 + 2 JSD
    // Far in the tail both densities underflow to 0, but D* is sigmoid(1/2 - x), computed in log space.
    std::printf("D*(0) = %.6f, D*(1000) = %g (log D* = %.1f), C(G) = %.12f\n", d_star(0.0), d_star(1000.0),
                d_star.log_value(1000.0), c);
    //! [optimal discriminator]
  }
  if (wanted("proposition_1")) {
    //! [proposition 1]
    const auto proof = mm::proofs::discriminator_optimality(mm::uniform{0, 2}, mm::uniform{1, 3});
    std::cout << proof;
    if (!proof.holds()) ++failures;
    //! [proposition 1]
  }
  if (wanted("f_gan_bound")) {
    //! [f-gan bound]
    const mm::normal p{0.0, 1.0}, q{1.0, 2.0};
    const auto kl = mm::proofs::f_gan_bound<mm::f::kl>(p, q);
    const auto gan = mm::proofs::f_gan_bound<mm::f::gan>(p, q);
    std::cout << kl << gan;
    if (!kl.holds() || !gan.holds()) ++failures;
    //! [f-gan bound]
  }
  if (wanted("least_squares")) {
    //! [least squares]
    const auto proof = mm::proofs::least_squares_optimum(mm::pmf::from({0.5, 0.5, 0.0}), mm::pmf::from({0.2, 0.3, 0.5}));
    std::cout << proof;
    if (!proof.holds()) ++failures;
    //! [least squares]
  }
  if (wanted("wasserstein")) {
    //! [wasserstein]
    const auto duality = mm::proofs::wasserstein_duality(mm::normal{0.0, 1.0}, mm::normal{1.0, 2.0});
    const auto began = mm::proofs::began_bound(mm::normal{0.5, 0.2}, mm::normal{0.8, 0.3});
    std::cout << duality << began;
    if (!duality.holds() || !began.holds()) ++failures;
    //! [wasserstein]
  }
  return failures == 0 ? 0 : 1;
}
