#pragma once
// Helpers the Thrust backend's tests share (tests/thrust/*.cpp), kept in one place so that the
// files also compile as one unit (the CUDA build's single test program).
#include <cstddef>
#include <vector>

#include <Eigen/Core>

namespace minimax_test {

// A range given by an iterator and a size, not by contiguous memory: every system takes the
// element-wise path for it (one thread per element), the path a GPU takes for all ranges.
template <class It>
struct computed_range {
  It first;
  std::size_t n;
  It begin() const { return first; }
  std::size_t size() const { return n; }
};

// Problem k's point cloud (count points of dimension d) out of a batch's flat row-major array.
inline Eigen::MatrixXd cloud(const std::vector<double>& v, long k, long count, int d) {
  Eigen::MatrixXd c(count, d);
  for (long i = 0; i < count; ++i)
    for (int j = 0; j < d; ++j) c(i, j) = v[static_cast<std::size_t>((k * count + i) * d + j)];
  return c;
}

// `steps` steps of `scheme` from z0 on the Eigen backend: what each member of an ensemble must match.
template <class Game, class Scheme>
Eigen::VectorXd eigen_run(const Game& game, const Scheme& scheme, const Eigen::VectorXd& z0, long steps) {
  auto s = scheme.start(game, z0);
  for (long k = 0; k < steps; ++k) scheme.advance(game, s);
  return s.z;
}

}  // namespace minimax_test
