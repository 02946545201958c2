// Tests of the proofs' stable step identifiers (include/minimax/proofs/proof.hpp): every step of
// every proof has one, unique within its proof and the same whatever the distributions; steps are
// found by it; a duplicate or empty identifier is refused.
#include <minimax/proofs.hpp>

#include <catch2/catch.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "family.hpp"

namespace mm = minimax;
namespace pf = minimax::proofs;

namespace {

void check_ids(const pf::proof& pr) {
  CAPTURE(pr.title);
  std::set<std::string> seen;
  for (const auto& s : pr.steps) {
    CAPTURE(s.name);
    CHECK_FALSE(s.id.empty());
    CHECK(seen.insert(s.id).second);
    CHECK(&pr.at(pf::step_id{s.id}) == &s);
  }
}

}  // namespace

TEST_CASE("every step of every proof has a unique identifier", "[proofs][ids]") {
  const mm::normal p{0, 1}, q{1, 2};
  check_ids(pf::global_optimum(p, q));
  check_ids(pf::discriminator_optimality(p, q));
  check_ids(pf::least_squares_optimum(p, q));
  check_ids(pf::wasserstein_duality(p, q));
  check_ids(pf::began_bound(p, q));
  check_ids(pf::maximum_likelihood_gradient(p, q));
  check_ids(pf::non_saturating_gradient(p, q));
  check_ids(pf::vanishing_gradient(mm::uniform{0, 1}, 2.0, 0.5));
  check_ids(pf::criterion_convexity(p, q, mm::normal{-1, 1}));
  check_ids(pf::functional_descent(p, mm::normal{2, 1}, 60, 60));
  check_ids(pf::bilinear_flow(1.0, 0.5));
  check_ids(pf::minimax_maximin(mm::pmf::from({0.2, 0.3, 0.5}), mm::pmf::from({1.0 / 3, 1.0 / 3, 1.0 / 3})));
  check_ids(pf::f_gan_bound<mm::f::kl>(p, q));
  check_ids(pf::f_gan_bound<mm::f::gan>(p, q));
}

TEST_CASE("the f-GAN bound's identifiers: the same for every generator, the GAN's two more", "[proofs][ids]") {
  const mm::normal p{0, 1}, q{0.5, 1.5};
  const std::vector<std::string> common{"divergence", "bound_at_optimal_critic", "bound_at_scaled_critic",
                                        "bound_at_shifted_critic"};
  CHECK(pf::f_gan_bound<mm::f::kl>(p, q).ids() == common);
  CHECK(pf::f_gan_bound<mm::f::squared_hellinger>(p, q).ids() == common);
  std::vector<std::string> gan = common;
  gan.push_back("virtual_training_criterion");
  gan.push_back("critic_is_log_discriminator");
  const auto pr = pf::f_gan_bound<mm::f::gan>(p, q);
  CHECK(pr.ids() == gan);
  // the bounds are compared with the divergence itself, by its identifier
  const auto& divergence = pr.at(pf::step_id{"divergence"});
  for (const char* id : {"bound_at_scaled_critic", "bound_at_shifted_critic", "virtual_training_criterion"}) {
    CAPTURE(id);
    const auto& s = pr.at(pf::step_id{id});
    CHECK(s.reference.value == divergence.value);
    CHECK(s.holds());
  }
  CHECK(pr.holds());
  // an infinite divergence keeps the same identifiers (step 2 checked as at most)
  const auto infinite = pf::f_gan_bound<mm::f::kl>(mm::uniform{0, 2}, mm::uniform{1, 3});
  CHECK(infinite.ids() == common);
  CHECK(infinite.at(pf::step_id{"bound_at_optimal_critic"}).rel == pf::relation::at_most);
}

TEST_CASE("the identifiers do not depend on the distributions", "[proofs][ids]") {
  const auto reference = pf::global_optimum(mm::normal{0, 1}, mm::normal{2, 1}).ids();
  CHECK(reference == std::vector<std::string>{"value_at_d_star", "substituted_integral", "expectations_against_midpoint",
                                              "kl_to_midpoint", "two_jsd", "lower_bound", "minimum_at_p_data",
                                              "d_star_half_at_p_data"});
  mm::test::for_each_pair([&](const std::string& name, const auto& p_data, const auto& p_g) {
    CAPTURE(name);
    CHECK(pf::global_optimum(p_data, p_g).ids() == reference);
  });
}

TEST_CASE("the lower bound of Theorem 1 is compared with -log 4 itself", "[proofs][ids]") {
  const auto pr = pf::global_optimum(mm::normal{0, 1}, mm::normal{1, 1});
  const auto& bound = pr.at(pf::step_id{"lower_bound"});
  CHECK(bound.reference.value == -std::log(4.0));
  CHECK(bound.reference.error_estimate == 0.0);
  CHECK(bound.reference_name == "-log 4");
  CHECK(bound.holds());
  CHECK(pr.index_of(pf::step_id{"lower_bound"}) == 5);
}

TEST_CASE("building with identifiers: lookups, references by id, refusals", "[proofs][ids]") {
  pf::proof pr;
  pr.given(pf::step_id{"start"}, "x", "x", "", 1.0, 0.0);
  pr.then(pf::relation::equals, pf::step_id{"same"}, "x again", "x", "", 1.0, 0.0);
  pr.against(pf::step_id{"start"}, pf::relation::at_most, pf::step_id{"below"}, "x/2", "x/2", "", 0.5, 0.0);
  CHECK(pr.at(pf::step_id{"below"}).reference_name == "step 1");
  CHECK(pr.holds());
  CHECK_THROWS_AS(pr.at(pf::step_id{"missing"}), std::out_of_range);
  CHECK_THROWS_WITH(pr.then(pf::relation::equals, pf::step_id{"same"}, "dup", "x", "", 1.0, 0.0),
                    "minimax::proofs::proof: two steps with id same");
  CHECK(pr.steps.size() == 3);  // the refused step is not kept
  CHECK_THROWS_AS(pr.given(pf::step_id{""}, "x", "x", "", 1.0, 0.0), std::logic_error);
  CHECK(pr.steps.size() == 3);
}
