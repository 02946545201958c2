#pragma once
/// \file
/// \brief Internals of the proofs: short names of distributions for the tables, and sample points.

#include <cmath>
#include <string>
#include <vector>

#include "minimax/prob/mixture.hpp"
#include "minimax/prob/normal.hpp"
#include "minimax/prob/pmf.hpp"
#include "minimax/prob/uniform.hpp"
#include "minimax/proofs/proof.hpp"
#include "minimax/theory/detail/pair.hpp"

namespace minimax::proofs::detail {

inline std::string describe(const normal& d) {
  return "N(" + number(d.mean(), "%g") + ", " + number(d.sigma(), "%g") + "^2)";
}
inline std::string describe(const uniform& d) {
  return "U[" + number(d.lower(), "%g") + ", " + number(d.upper(), "%g") + "]";
}
inline std::string describe(const mixture& m) { return "a mixture of " + std::to_string(m.size()) + " components"; }
inline std::string describe(const pmf& p) { return "a pmf on " + std::to_string(p.size()) + " outcomes"; }
template <class D>
std::string describe(const D&) {
  return "a density";
}
template <class P, class Q>
std::string describe_pair(const P& p, const Q& q) {
  return "p_data = " + describe(p) + ", p_g = " + describe(q);
}

/// Points at which pointwise facts are checked: every outcome of a pmf; for densities, the
/// breakpoints of the pair and the midpoints between them (where both densities may vanish, too).
template <class P, class Q>
auto check_points(const P& p, const Q& q) {
  if constexpr (minimax::detail::theory_pmf<P>) {
    std::vector<Eigen::Index> xs;
    for (Eigen::Index i = 0; i < p.size(); ++i) xs.push_back(i);
    return xs;
  } else {
    const auto cuts = minimax::detail::pair_breakpoints(p, q);
    std::vector<double> xs;
    for (std::size_t k = 0; k < cuts.size(); ++k) {
      xs.push_back(cuts[k]);
      if (k + 1 < cuts.size()) xs.push_back((cuts[k] + cuts[k + 1]) / 2);
    }
    xs.push_back(cuts.front() - 1);
    xs.push_back(cuts.back() + 1);
    return xs;
  }
}

}  // namespace minimax::proofs::detail
