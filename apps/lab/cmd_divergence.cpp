// minimax-lab divergence: divergences and distances between distributions or sample files.
#include <cmath>

#include <minimax/divergence.hpp>

#include "lab.hpp"

namespace lab {

namespace mm = minimax;

namespace {

const std::vector<std::string> f_measures{"kl", "reverse_kl", "jsd", "pearson_chi2", "neyman_chi2", "squared_hellinger",
                                          "total_variation"};
const std::vector<std::string> transport_measures{"w1", "w2"};
const std::vector<std::string> sample_measures{"w1", "w2", "energy", "mmd2", "sliced_w2", "knn_kl"};

template <class F, class P, class Q>
std::pair<double, double> f_value(const P& p, const Q& q) {
  if constexpr (std::is_same_v<P, mm::pmf>) {
    return {mm::f_divergence<F>(p, q), 0.0};
  } else {
    const auto v = mm::f_divergence<F>(p, q);
    return {v.value, v.error_estimate};
  }
}

template <class P, class Q>
std::pair<double, double> f_measure(const std::string& m, const P& p, const Q& q) {
  if (m == "kl") return f_value<mm::f::kl>(p, q);
  if (m == "reverse_kl") return f_value<mm::f::reverse_kl>(p, q);
  if (m == "jsd") {
    const auto v = f_value<mm::f::jensen_shannon>(p, q);
    return {v.first / 2, v.second / 2};
  }
  if (m == "pearson_chi2") return f_value<mm::f::pearson>(p, q);
  if (m == "neyman_chi2") return f_value<mm::f::neyman>(p, q);
  if (m == "squared_hellinger") return f_value<mm::f::squared_hellinger>(p, q);
  return f_value<mm::f::total_variation>(p, q);
}

}  // namespace

int cmd_divergence(int argc, char** argv) {
  arguments a("divergence",
              "Divergences (nats) and distances between two distributions or sample sets.\n"
              "  densities (normal:M,S uniform:A,B mixture:...): kl reverse_kl jsd pearson_chi2 neyman_chi2\n"
              "      squared_hellinger total_variation (adaptive quadrature, with its error estimate), w1 w2\n"
              "  pmfs (pmf:P1,...): the f-divergences, exactly summed\n"
              "  samples (csv:FILE[:COLUMN] or FILE.csv; a density is sampled when paired with one):\n"
              "      w1 w2 (1-D), energy, mmd2 (Gaussian kernel, unbiased), sliced_w2, knn_kl\n"
              "--measure all gives every measure that applies.",
              {{"p", "normal:0,1", "the first distribution", false},
               {"q", "normal:1,2", "the second distribution", false},
               {"measure", "all", "one measure, or all", false},
               {"samples", "2000", "samples drawn from a density paired with a sample file", false},
               {"seed", "1", "seed for those samples and sliced_w2's projections", false},
               {"bandwidth", "1", "mmd2: the Gaussian kernel's sigma", false},
               {"k", "5", "knn_kl: the neighbour index", false}});
  if (!a.parse(argc, argv, 2)) return 0;
  const measure p = parse_measure(a.text("p"), "p"), q = parse_measure(a.text("q"), "q");
  const std::string wanted = a.text("measure");
  result r;
  r.meta["command"] = "divergence";
  r.meta["p"] = p.text;
  r.meta["q"] = q.text;
  r.columns = {"measure", "value", "error", "method"};
  const auto want = [&](const std::string& m) { return wanted == "all" || wanted == m; };
  bool any = false;
  const auto samples_kind = measure::kind::samples;
  if (p.type == measure::kind::pmf || q.type == measure::kind::pmf) {
    if (p.type != q.type) throw usage_error("a pmf can only be compared with another pmf");
    if (p.p.size() != q.p.size()) {
      throw usage_error("the pmfs have " + std::to_string(p.p.size()) + " and " + std::to_string(q.p.size()) + " outcomes");
    }
    for (const auto& m : f_measures) {
      if (!want(m)) continue;
      any = true;
      r.row({m, f_measure(m, p.p, q.p).first, 0.0, "exact sum"});
    }
  } else if (p.type != samples_kind && q.type != samples_kind) {
    for (const auto& m : f_measures) {
      if (!want(m)) continue;
      any = true;
      try {
        const auto [v, e] = with_densities(p.d, q.d, [&](const auto& x, const auto& y) { return f_measure(m, x, y); });
        r.row({m, v, e, "adaptive quadrature"});
      } catch (const mm::domain_error& e) {
        r.row({m, std::numeric_limits<double>::infinity(), json::value(), std::string("not finite: ") + e.what()});
      }
    }
    for (const auto& m : transport_measures) {
      if (!want(m)) continue;
      any = true;
      r.row({m, with_densities(p.d, q.d, [&](const auto& x, const auto& y) { return mm::wasserstein_1d(x, y, m == "w1" ? 1.0 : 2.0); }), json::value(), "quantile integral"});
    }
  } else {
    const long n = a.integer("samples", 2);
    const auto seed = static_cast<std::uint64_t>(a.integer("seed", 0));
    const Eigen::MatrixXd x = p.type == samples_kind ? p.samples : draw(p.d, n, seed);
    const Eigen::MatrixXd y = q.type == samples_kind ? q.samples : draw(q.d, n, seed + 1);
    if (x.cols() != y.cols()) {
      throw usage_error("the samples have " + std::to_string(x.cols()) + " and " + std::to_string(y.cols()) +
                        " columns; pick one with csv:FILE:COLUMN");
    }
    for (const auto& m : sample_measures) {
      if (!want(m)) continue;
      if ((m == "w1" || m == "w2") && x.cols() != 1) continue;
      any = true;
      double v = 0;
      if (m == "w1" || m == "w2") v = mm::wasserstein_1d(Eigen::VectorXd(x.col(0)), Eigen::VectorXd(y.col(0)), m == "w1" ? 1.0 : 2.0);
      if (m == "energy") v = mm::energy_distance(x, y);
      if (m == "mmd2") v = mm::mmd2_unbiased(x, y, mm::kernels::gaussian{a.positive("bandwidth")});
      if (m == "sliced_w2") v = mm::sliced_wasserstein(x, y, 2.0, 200, seed);
      if (m == "knn_kl") v = mm::knn_kl(x, y, static_cast<int>(a.integer("k", 1)));
      r.row({m, v, json::value(), "from " + std::to_string(x.rows()) + " and " + std::to_string(y.rows()) + " samples"});
    }
  }
  if (!any) throw usage_error("--measure " + wanted + " does not apply to these distributions (see --help)");
  emit(r, a, "json");
  return 0;
}

}  // namespace lab
