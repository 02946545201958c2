// games::as_game of a point game that declares its field but not its losses: the Eigen backend needs
// them (loss gradients, the unrolled scheme), and the message says which members to add.
// expect: minimax::games::as_game: the point game must declare generator_loss(z) and discriminator_loss(z)
#include <minimax/core/config.hpp>
#include <minimax/games/as_game.hpp>

struct rotation_field_only {
  static constexpr int dimension = 2;
  static constexpr int generator_dimension = 1;
  template <class T>
  MINIMAX_HOST_DEVICE void field(const T* z, T* v) const {
    v[0] = -z[1];
    v[1] = z[0];
  }
  MINIMAX_HOST_DEVICE void project(double*) const {}
#ifndef MINIMAX_COMPILE_FAIL
  template <class T>
  MINIMAX_HOST_DEVICE T generator_loss(const T* z) const {
    return z[0] * z[1];
  }
  template <class T>
  MINIMAX_HOST_DEVICE T discriminator_loss(const T* z) const {
    return -(z[0] * z[1]);
  }
#endif
};

long run() {
  const minimax::games::as_game game{rotation_field_only{}};
  return game.dimension();
}
