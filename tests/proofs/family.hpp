#pragma once
// The hard family of distribution pairs every proof is run over: equal distributions, shifted and
// scaled normals, a normal against heavy-tailed and multimodal mixtures, uniforms with partial and
// disjoint supports, a normal against a uniform, densities that underflow in the tails, and pmfs
// with zeros (partly and fully disjoint).
#include <minimax/prob.hpp>

#include <string>

namespace minimax::test {

template <class F>
void for_each_density_pair(F&& f) {
  f("equal normals", normal{0, 1}, normal{0, 1});
  f("shifted normals", normal{0, 1}, normal{2, 1});
  f("scaled normals", normal{0, 1}, normal{0, 3});
  f("normal vs heavy-tailed mixture", normal{0, 1}, mixture{{0.9, 0.1}, {normal{0, 1}, normal{0, 10}}});
  f("normal vs bimodal mixture", normal{0, 1}, mixture{{0.5, 0.5}, {normal{-3, 0.5}, normal{3, 0.5}}});
  f("uniforms, partial overlap", uniform{0, 2}, uniform{1, 3});
  f("uniforms, disjoint", uniform{0, 1}, uniform{2, 3});
  f("normal vs uniform", normal{0, 1}, uniform{-1, 1});
  f("narrow normals 30 apart (tails underflow)", normal{0, 0.1}, normal{30, 0.1});
}

template <class F>
void for_each_pmf_pair(F&& f) {
  f("equal pmfs", pmf::from({0.2, 0.3, 0.5}), pmf::from({0.2, 0.3, 0.5}));
  f("pmfs with zeros", pmf::from({0.5, 0.5, 0.0, 0.0}), pmf::from({0.0, 0.25, 0.25, 0.5}));
  f("disjoint pmfs", pmf::from({0.5, 0.5, 0.0}), pmf::from({0.0, 0.0, 1.0}));
  f("tiny masses", pmf::from({1 - 2e-300, 1e-300, 1e-300}), pmf::from({1e-300, 1e-300, 1 - 2e-300}));
}

template <class F>
void for_each_pair(F&& f) {
  for_each_density_pair(f);
  for_each_pmf_pair(f);
}

}  // namespace minimax::test
