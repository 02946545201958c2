#pragma once
// A user's scheme, not one of minimax::schemes (shared by the Thrust ensemble tests and the docs):
// Heun's predictor-corrector step z <- z + h/2 (v(z) + v(z + h v(z))), written once over the view
// of the game, so that it runs under minimax::simulate and minimax::simulate_ensemble alike.
#include <minimax/core/config.hpp>
#include <minimax/dynamics/schemes/scheme_base.hpp>

namespace minimax_test {
//! [user scheme]
struct heun : minimax::schemes::scheme_base<heun> {
  double h;
  explicit heun(double step) : h(step) {}

  template <class View>
  MINIMAX_HOST_DEVICE void step(const View& g, double* z, double*, double& field2) const {
    auto v = g.template buffer<double>();
    auto predicted = g.template buffer<double>();
    auto w = g.template buffer<double>();
    g.field(z, v.data());
    field2 = 0.0;
    for (long i = 0; i < g.dimension(); ++i) field2 += v[i] * v[i];
    for (long i = 0; i < g.dimension(); ++i) predicted[i] = z[i] + h * v[i];
    g.field(predicted.data(), w.data());
    for (long i = 0; i < g.dimension(); ++i) z[i] += 0.5 * h * (v[i] + w[i]);
  }
};
//! [user scheme]
}  // namespace minimax_test
