#pragma once
// A user's game, not one of minimax::games, written once over arrays (shared by the tests of
// games::as_game and of the Thrust ensembles): V(x, y) = (a/2) x^2 + b x y - (a/2) y^2, x
// minimising and y maximising. Its field v = (-(a x + b y), b x - a y) is linear with Jacobian
// [[-a, -b], [b, -a]], eigenvalues -a +- i b: a scaled rotation, so every linear scheme multiplies
// |z| by the modulus of its polynomial at -a + ib, exactly.
#include <minimax/core/config.hpp>

namespace minimax_test {
//! [user game]
struct damped_rotation {
  static constexpr int dimension = 2;
  static constexpr int generator_dimension = 1;
  double a = 0.3, b = 1.0;
  template <class T>
  MINIMAX_HOST_DEVICE void field(const T* z, T* v) const {
    v[0] = -(T(a) * z[0] + T(b) * z[1]);
    v[1] = T(b) * z[0] - T(a) * z[1];
  }
  template <class T>
  MINIMAX_HOST_DEVICE T generator_loss(const T* z) const {
    return T(0.5 * a) * z[0] * z[0] + T(b) * z[0] * z[1] - T(0.5 * a) * z[1] * z[1];
  }
  template <class T>
  MINIMAX_HOST_DEVICE T discriminator_loss(const T* z) const {
    return -generator_loss(z);
  }
  MINIMAX_HOST_DEVICE void project(double*) const {}
  MINIMAX_HOST_DEVICE void equilibrium(double* z) const { z[0] = z[1] = 0.0; }
};
//! [user game]
}  // namespace minimax_test
