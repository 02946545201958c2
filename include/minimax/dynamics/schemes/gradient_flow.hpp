#pragma once
/// \file
/// \brief The continuous-time gradient flow \f$\dot z = v(z)\f$, integrated by classical RK4.

#include <Eigen/Core>

#include "minimax/dynamics/schemes/scheme_base.hpp"

namespace minimax::schemes {

/// \brief The flow \f$\dot z = v(z)\f$ integrated with the classical fourth-order Runge–Kutta method
/// and time step \f$\Delta t\f$ (local error \f$O(\Delta t^5)\f$, global \f$O(\Delta t^4)\f$).
///
/// \f[ k_1 = v(z),\; k_2 = v(z + \tfrac{\Delta t}{2}k_1),\; k_3 = v(z + \tfrac{\Delta t}{2}k_2),\;
///     k_4 = v(z + \Delta t\,k_3),\quad z \leftarrow z + \tfrac{\Delta t}{6}(k_1 + 2k_2 + 2k_3 + k_4). \f]
/// On \f$V = xy\f$ the exact flow turns in circles (\f$x^2 + y^2\f$ conserved; NIPS 2016 exercise
/// 7.2); RK4 conserves it to \f$O(\Delta t^4)\f$ over a unit of time. Linearisation:
/// \f$M = \sum_{k=0}^{4} (\Delta t J)^k / k!\f$. The projection, if the game has one, is not applied
/// (a flow has no steps to project after).
struct gradient_flow : scheme_base<gradient_flow> {
  double time_step;  ///< \f$\Delta t\f$

  /// Time step \f$\Delta t > 0\f$.
  explicit gradient_flow(double dt) : time_step(dt) {
    detail::require_step_size("minimax::schemes::gradient_flow", "the time step", dt);
  }
  /// One classical Runge–Kutta step of \f$\dot z = v(z)\f$ (no projection: the flow is the
  /// unconstrained game's), over either backend's view (schemes::scheme_base supplies `start`,
  /// `advance` and the point form).
  template <class View>
  MINIMAX_HOST_DEVICE void step(const View& g, double* z, double*, double& field2) const {
    const long n = g.dimension();
    const double dt = time_step;
    auto k1 = g.template buffer<double>();
    auto k2 = g.template buffer<double>();
    auto k3 = g.template buffer<double>();
    auto k4 = g.template buffer<double>();
    auto y = g.template buffer<double>();
    field2 = detail::field_and_squared_norm(g, z, k1.data());
    for (long i = 0; i < n; ++i) y[i] = z[i] + 0.5 * dt * k1[i];
    g.field(y.data(), k2.data());
    for (long i = 0; i < n; ++i) y[i] = z[i] + 0.5 * dt * k2[i];
    g.field(y.data(), k3.data());
    for (long i = 0; i < n; ++i) y[i] = z[i] + dt * k3[i];
    g.field(y.data(), k4.data());
    for (long i = 0; i < n; ++i) z[i] += (dt / 6.0) * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
  }
  /// \f$M = I + A + A^2/2 + A^3/6 + A^4/24\f$ with \f$A = \Delta t J\f$.
  template <class Derived>
  Eigen::MatrixXd linearised(const Eigen::MatrixBase<Derived>& J, Eigen::Index) const {
    using Matrix = deferred_t<Eigen::MatrixXd, Derived>;  // compiled where linearised() is called
    const Matrix A = time_step * J;
    const Matrix I = Matrix::Identity(J.rows(), J.cols());
    return I + A * (I + A * (I / 2.0 + A * (I / 6.0 + A / 24.0)));
  }
};

}  // namespace minimax::schemes
