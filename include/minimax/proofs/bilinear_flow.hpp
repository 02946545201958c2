#pragma once
/// \file
/// \brief NIPS 2016 tutorial, exercise 7.2, executable: on \f$V(x, y) = xy\f$ the continuous-time
/// simultaneous gradient flow turns in circles around the equilibrium, and discrete simultaneous
/// steps spiral outwards by \f$\sqrt{1 + h^2}\f$ per step.
///
/// (This proof runs the dynamics floor's bilinear game and schemes; it is the one proof header that
/// includes that floor.)

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <complex>
#include <limits>

#include "minimax/core/error.hpp"
#include "minimax/dynamics/schemes/gradient_flow.hpp"
#include "minimax/dynamics/schemes/simultaneous.hpp"
#include "minimax/dynamics/simulate.hpp"
#include "minimax/games/bilinear.hpp"
#include "minimax/proofs/proof.hpp"

namespace minimax::proofs {

/// \brief Exercise 7.2 of Goodfellow's NIPS 2016 tutorial for \f$V(x, y) = xy\f$ (x minimises, y
/// maximises), started at \f$(x_0, y_0)\f$, \f$r_0^2 = x_0^2 + y_0^2\f$:
/// 1. the equilibrium: \f$|v(0, 0)| = 0\f$ for the field \f$v = (-y, x)\f$ of minimax::games::bilinear;
/// 2. it is unique: \f$\det J = 1 \ne 0\f$ for the Jacobian \f$J = \begin{pmatrix}0&-1\\1&0\end{pmatrix}\f$
///    (the field is linear, so \f$v(z) = Jz = 0\f$ only at 0);
/// 3. the flow \f$\dot x = -y, \dot y = x\f$ run by minimax::schemes::gradient_flow (RK4, step \f$\Delta t\f$)
///    over \f$t \in [0, T]\f$: \f$\max_k |r_k^2 - r_0^2| \approx 0\f$, the scheme's deviation being its error
///    estimate: RK4 multiplies \f$x + iy\f$ by \f$R = 1 + i\Delta t - \Delta t^2/2 - i\Delta t^3/6 + \Delta t^4/24\f$,
///    \f$|R|^2 = 1 - \Delta t^6/72 + \Delta t^8/576\f$;
/// 4. the same radius against the exact RK4 value \f$r_0^2|R|^{2N}\f$ (rounding only);
/// 5. the closed-form orbit \f$x(t) = x_0\cos t - y_0\sin t\f$, \f$y(t) = x_0\sin t + y_0\cos t\f$:
///    \f$\max_k |z_k - z(t_k)| \le N r_0 |R - e^{i\Delta t}|\f$ (each step's error, not amplified since \f$|R| \le 1\f$);
/// 6. discrete simultaneous gradient steps of size h (minimax::schemes::simultaneous), `steps` of them:
///    \f$\max_k \big|\,|z_{k+1}|/|z_k| - \sqrt{1 + h^2}\,\big| = 0\f$ (\f$|z_{k+1}|^2 = |z_k|^2(1 + h^2)\f$ exactly);
/// 7. \f$|z_K| = r_0(1 + h^2)^{K/2}\f$: the spiral never returns.
///
/// \throws minimax::invalid_argument when \f$(x_0, y_0) = (0, 0)\f$ or is not finite, or
/// \f$\Delta t\f$, T or h is not positive and finite, or steps < 1.
template <class = void>  // compiled only where called: see docs/building.md
proof bilinear_flow(double x0, double y0, double h = 0.1, long steps = 50, double dt = 0.01,
                           double T = 2 * 3.14159265358979323846) {
  constexpr const char* function = "minimax::proofs::bilinear_flow";
  require_finite(function, "x0", x0);
  require_finite(function, "y0", y0);
  if (x0 == 0 && y0 == 0) raise_invalid_argument(function, "(x0, y0) must not be the equilibrium (0, 0)", 0);
  require_positive(function, "h", h);
  require_positive(function, "dt", dt);
  require_positive(function, "T", T);
  if (steps < 1) raise_invalid_argument(function, "steps must be at least 1", steps);
  constexpr double eps = std::numeric_limits<double>::epsilon();
  const games::bilinear game;
  const double r2 = x0 * x0 + y0 * y0, r0 = std::sqrt(r2);

  proof pr;
  pr.title = "NIPS 2016 exercise 7.2: V = xy, the gradient flow turns in circles; discrete steps spiral out";
  pr.statement = "\\dot x = -y,\\ \\dot y = x \\Rightarrow x^2 + y^2 = \\text{const};\\ "
                 "z_{k+1} = z_k + h\\,v(z_k) \\Rightarrow |z_{k+1}| = \\sqrt{1+h^2}\\,|z_k|";
  pr.pair = "(x0, y0) = (" + detail::number(x0, "%g") + ", " + detail::number(y0, "%g") + "), dt = " +
            detail::number(dt, "%g") + ", T = " + detail::number(T, "%g") + ", h = " + detail::number(h, "%g");

  pr.compare(relation::equals, step_id{"field_vanishes_at_origin"}, "|v(0, 0)| = 0", "v(0,0) = (-y, x)\\big|_{(0,0)} = 0", "the field of V = xy",
             game.vector_field(Eigen::VectorXd(game.equilibrium())).norm(), 0, 0, 0, "0");
  Eigen::Matrix2d J;
  J.col(0) = game.vector_field(Eigen::VectorXd(Eigen::Vector2d(1, 0)));
  J.col(1) = game.vector_field(Eigen::VectorXd(Eigen::Vector2d(0, 1)));
  pr.compare(relation::equals, step_id{"unique_equilibrium"}, "det J = 1: the equilibrium is unique", "\\det\\begin{pmatrix}0&-1\\\\1&0\\end{pmatrix} = 1",
             "a linear field Jz vanishes only at 0 when J is invertible", J(0, 0) * J(1, 1) - J(0, 1) * J(1, 0), 0, 1,
             0, "1");

  const long n = std::max(1L, std::lround(T / dt));
  const double step = T / static_cast<double>(n);
  const trajectory flow = simulate(game, schemes::gradient_flow{step}, game.init(x0, y0), n);
  const std::complex<double> i_dt(0, step);
  const std::complex<double> R = 1.0 + i_dt + i_dt * i_dt / 2.0 + i_dt * i_dt * i_dt / 6.0 + i_dt * i_dt * i_dt * i_dt / 24.0;
  const double modulus2 = std::norm(R);
  double drift = 0, against_rk4 = 0, orbit = 0;
  for (std::size_t k = 0; k < flow.states.size(); ++k) {
    const Eigen::VectorXd& z = flow.states[k];
    const double t = static_cast<double>(flow.steps[k]) * step;
    const double rk2 = z.squaredNorm();
    drift = std::max(drift, std::abs(rk2 - r2));
    against_rk4 = std::max(against_rk4, std::abs(rk2 - r2 * std::pow(modulus2, static_cast<double>(flow.steps[k]))));
    orbit = std::max(orbit, std::hypot(z[0] - (x0 * std::cos(t) - y0 * std::sin(t)), z[1] - (x0 * std::sin(t) + y0 * std::cos(t))));
  }
  const double scheme_drift = r2 * std::abs(1 - std::pow(modulus2, static_cast<double>(n)));
  const double rounding = 8 * eps * r2 * static_cast<double>(n);
  pr.compare(relation::equals, step_id{"flow_conserves_radius"}, "flow: max |x^2 + y^2 - r0^2|", "\\max_{t\\le T} |x(t)^2 + y(t)^2 - r_0^2| = 0",
             "d/dt (x^2 + y^2) = 2x(-y) + 2y(x) = 0; error: RK4's |R|^{2N} - 1", drift, scheme_drift + rounding, 0, 0,
             "0");
  pr.compare(relation::equals, step_id{"rk4_radius_closed_form"}, "flow: radius^2 = r0^2 |R|^{2N} (RK4, exact)",
             "\\max_k \\big|\\,|z_k|^2 - r_0^2|R|^{2k}\\big| = 0,\\ |R|^2 = 1 - \\tfrac{\\Delta t^6}{72} + \\tfrac{\\Delta t^8}{576}",
             "RK4 on a rotation multiplies x + iy by the Taylor polynomial R of e^{i dt}", against_rk4, rounding, 0, 0,
             "0");
  const double orbit_bound = static_cast<double>(n) * r0 * std::abs(R - std::exp(i_dt));
  pr.compare(relation::at_most, step_id{"flow_distance_to_circle"}, "flow: distance to the closed-form circle",
             "\\max_k |z_k - (x_0\\cos t_k - y_0\\sin t_k,\\ x_0\\sin t_k + y_0\\cos t_k)| \\le N r_0 |R - e^{i\\Delta t}|",
             "x(t) + i y(t) = e^{it}(x0 + i y0) solves the flow", orbit, 0, orbit_bound,
             8 * eps * r0 * static_cast<double>(n), "RK4 bound");

  const trajectory discrete = simulate(game, schemes::simultaneous{h}, game.init(x0, y0), steps);
  const double growth = std::sqrt(1 + h * h);
  double worst = 0;
  for (std::size_t k = 0; k + 1 < discrete.states.size(); ++k) {
    worst = std::max(worst, std::abs(discrete.states[k + 1].norm() / discrete.states[k].norm() - growth));
  }
  pr.compare(relation::equals, step_id{"discrete_growth_factor"}, "discrete: |z_{k+1}|/|z_k| = sqrt(1 + h^2)",
             "\\max_k \\big|\\,|z_{k+1}|/|z_k| - \\sqrt{1+h^2}\\big| = 0",
             "(x - hy)^2 + (y + hx)^2 = (1 + h^2)(x^2 + y^2)", worst, 8 * eps * growth, 0, 0, "0");
  const double final_radius = discrete.states.back().norm();
  const double expected = r0 * std::pow(1 + h * h, static_cast<double>(steps) / 2);
  pr.compare(relation::equals, step_id{"discrete_radius_after_k"}, "discrete: |z_K| = r0 (1 + h^2)^{K/2}", "|z_K| = r_0\\,(1+h^2)^{K/2} > r_0",
             "the factor per step, K times: the iterates spiral away from the equilibrium", final_radius,
             4 * eps * final_radius * static_cast<double>(steps), expected, 0, "r0 (1+h^2)^{K/2}");
  return pr;
}

}  // namespace minimax::proofs
