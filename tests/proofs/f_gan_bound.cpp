// Tests of include/minimax/proofs/f_gan_bound.hpp: the bound is tight at T* for every generator over
// a family with equal, shifted and scaled normals (some with infinite divergences), uniforms with
// partial and disjoint supports, a normal against a uniform and pmfs with zeros; the GAN
// generator's extra steps; and the far pairs, where p/q leaves the range of doubles on sets of
// non-negligible mass (normals 30 and 300 sigma apart, a bimodal mixture against a normal): the
// critic and f*(T*) are evaluated from log p - log q there, so the bound stays tight.
#include <minimax/proofs/f_gan_bound.hpp>
#include <minimax/prob/mixture.hpp>

#include <catch2/catch.hpp>
#include <cmath>


namespace mm = minimax;

namespace {
template <class F>
void run_family() {
  const auto check = [](const std::string& name, const auto& p, const auto& q) {
    INFO(name << ", generator " << mm::proofs::detail::generator_name<F>());
    const auto pr = mm::proofs::f_gan_bound<F>(p, q);
    INFO(mm::proofs::to_table(pr));
    CHECK(pr.holds());
  };
  check("equal normals", mm::normal{0, 1}, mm::normal{0, 1});
  check("shifted normals", mm::normal{0, 1}, mm::normal{2, 1});
  check("scaled normals", mm::normal{0, 1}, mm::normal{0, 3});
  check("scaled normals, reversed", mm::normal{0, 3}, mm::normal{0, 1});
  check("uniforms, partial overlap", mm::uniform{0, 2}, mm::uniform{1, 3});
  check("uniforms, disjoint", mm::uniform{0, 1}, mm::uniform{2, 3});
  check("normal vs uniform", mm::normal{0, 1}, mm::uniform{-1, 1});
  check("pmfs with zeros", mm::pmf::from({0.5, 0.5, 0.0, 0.0}), mm::pmf::from({0.0, 0.25, 0.25, 0.5}));
  check("disjoint pmfs", mm::pmf::from({0.5, 0.5, 0.0}), mm::pmf::from({0.0, 0.0, 1.0}));
  check("normals 30 sigma apart", mm::normal{0, 1}, mm::normal{30, 1});
  check("normals 300 sigma apart", mm::normal{0, 1}, mm::normal{300, 1});
  check("bimodal mixture vs normal", mm::mixture{{0.5, 0.5}, {mm::normal{-4, 1}, mm::normal{4, 1}}}, mm::normal{0, 2});
}
}  // namespace

TEST_CASE("the f-GAN bound is tight at T* for every generator", "[proofs][f_gan_bound]") {
  run_family<mm::f::kl>();
  run_family<mm::f::reverse_kl>();
  run_family<mm::f::pearson>();
  run_family<mm::f::neyman>();
  run_family<mm::f::squared_hellinger>();
  run_family<mm::f::jensen_shannon>();
  run_family<mm::f::gan>();
  run_family<mm::f::total_variation>();
}

TEST_CASE("f-GAN bound: GAN generator adds C(G) and T* = log D*", "[proofs][f_gan_bound]") {
  const auto pr = mm::proofs::f_gan_bound<mm::f::gan>(mm::normal{0, 1}, mm::normal{1, 2});
  REQUIRE(pr.steps.size() == 6);
  CHECK(pr.holds());
  // Strictly below D_f away from T*: the perturbed critics lose by more than the tolerance.
  CHECK(pr.steps[0].value - pr.steps[2].value > 100 * pr.steps[2].tolerance());
}

TEST_CASE("f-GAN bound: a critic that is not T* fails the equality step", "[proofs][f_gan_bound]") {
  auto pr = mm::proofs::f_gan_bound<mm::f::kl>(mm::normal{0, 1}, mm::normal{1, 1});
  pr.steps[1].value = pr.steps[2].value;  // as if the 0.9 T* critic had been called optimal
  CHECK_FALSE(pr.holds());
}
