// minimax-lab prove: the executable proofs on distributions named on the command line.
#include <minimax/divergence/f_generators.hpp>
#include <minimax/proofs.hpp>

#include "lab.hpp"

namespace lab {

namespace mm = minimax;

namespace {

template <class P, class Q>
mm::proofs::proof run(const std::string& name, const std::string& f, const P& p, const Q& q) {
  if (name == "global_optimum") return mm::proofs::global_optimum(p, q);
  if (name == "discriminator_optimality") return mm::proofs::discriminator_optimality(p, q);
  if (name == "least_squares_optimum") return mm::proofs::least_squares_optimum(p, q);
  if (name == "f_gan_bound") {
    if (f == "kl") return mm::proofs::f_gan_bound<mm::f::kl>(p, q);
    if (f == "reverse_kl") return mm::proofs::f_gan_bound<mm::f::reverse_kl>(p, q);
    if (f == "pearson") return mm::proofs::f_gan_bound<mm::f::pearson>(p, q);
    if (f == "squared_hellinger") return mm::proofs::f_gan_bound<mm::f::squared_hellinger>(p, q);
    if (f == "jensen_shannon") return mm::proofs::f_gan_bound<mm::f::jensen_shannon>(p, q);
    return mm::proofs::f_gan_bound<mm::f::gan>(p, q);
  }
  if constexpr (!std::is_same_v<P, mm::pmf>) {
    if (name == "wasserstein_duality") return mm::proofs::wasserstein_duality(p, q);
    return mm::proofs::began_bound(p, q);
  } else {
    throw usage_error("--proof " + name + " needs two densities (normal, uniform, mixture), not pmfs");
  }
}

}  // namespace

int cmd_prove(int argc, char** argv) {
  arguments a("prove",
              "Runs an executable proof step by step on two distributions and prints its table: every line's value,\n"
              "error estimate, residual against the line it must equal or bound, and whether it holds.\n"
              "Distributions: normal:M,S  uniform:A,B  mixture:W*normal:M,S+W*uniform:A,B  pmf:P1,P2,...",
              {{"proof", "global_optimum",
                "global_optimum, discriminator_optimality, f_gan_bound, least_squares_optimum, wasserstein_duality, "
                "began_bound",
                false},
               {"p", "normal:0,1", "p_data (or mu_1 for began_bound)", false},
               {"q", "mixture:0.5*normal:-3,0.5+0.5*normal:3,0.5", "p_g (or mu_2)", false},
               {"f", "kl", "f_gan_bound: kl, reverse_kl, pearson, squared_hellinger, jensen_shannon, gan", false}});
  if (!a.parse(argc, argv, 2)) return 0;
  const std::string name = a.choice("proof", {"global_optimum", "discriminator_optimality", "f_gan_bound",
                                              "least_squares_optimum", "wasserstein_duality", "began_bound"});
  const std::string f = a.choice("f", {"kl", "reverse_kl", "pearson", "squared_hellinger", "jensen_shannon", "gan"});
  const measure p = parse_measure(a.text("p"), "p"), q = parse_measure(a.text("q"), "q");
  if (p.type == measure::kind::samples || q.type == measure::kind::samples) {
    throw usage_error("the proofs need distributions, not sample files");
  }
  if (p.type != q.type) throw usage_error("--p and --q must both be densities or both pmfs");
  mm::proofs::proof pr = p.type == measure::kind::pmf ? run(name, f, p.p, q.p)
                                                      : with_densities(p.d, q.d, [&](const auto& x, const auto& y) { return run(name, f, x, y); });
  pr.pair = "p = " + p.text + ", q = " + q.text;
  result r;
  r.meta["command"] = "prove";
  r.meta["proof"] = name;
  r.meta["title"] = pr.title;
  r.meta["statement"] = pr.statement;
  r.meta["pair"] = pr.pair;
  r.meta["holds"] = pr.holds();
  r.columns = {"step", "name", "formula", "identity", "relation", "value", "error", "reference", "residual", "tolerance",
               "holds"};
  for (std::size_t k = 0; k < pr.steps.size(); ++k) {
    const auto& s = pr.steps[k];
    const bool given = s.rel == mm::proofs::relation::given;
    r.row({static_cast<long>(k + 1), s.name, s.formula, s.identity, given ? "given" : mm::proofs::to_symbol(s.rel), s.value,
           s.error_estimate, given ? json::value() : json::value(s.reference.value), given ? json::value() : json::value(s.residual()),
           given ? json::value() : json::value(s.tolerance()), s.holds()});
  }
  emit(r, a, "table", mm::proofs::to_table(pr));
  return pr.holds() ? 0 : 4;
}

}  // namespace lab
