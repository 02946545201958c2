// A scheme derived from schemes::scheme_base that does not declare its step: simulate cannot take a
// step, and the message says which member to write.
// expect: minimax::schemes::scheme_base: the scheme must declare step(view, z, memory, field2)
#include <minimax/core/config.hpp>
#include <minimax/dynamics/schemes/scheme_base.hpp>
#include <minimax/games/bilinear.hpp>

struct half_step : minimax::schemes::scheme_base<half_step> {
  double h = 0.1;
#ifndef MINIMAX_COMPILE_FAIL
  template <class View>
  MINIMAX_HOST_DEVICE void step(const View& g, double* z, double*, double& field2) const {
    auto v = g.template buffer<double>();
    g.field(z, v.data());
    field2 = 0.0;
    for (long i = 0; i < g.dimension(); ++i) z[i] += 0.5 * h * v[i];
  }
#endif
};

long run() {
  const minimax::games::bilinear game;
  auto state = half_step{}.start(game, game.init(1.0, 0.5));
  half_step{}.advance(game, state);
  return state.step;
}
