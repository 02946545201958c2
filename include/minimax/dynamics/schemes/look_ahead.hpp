#pragma once
/// \file
/// \brief The discriminator's optimiser as the look-ahead of an unrolled GAN (Metz et al. 2017):
/// SGD, heavy-ball momentum and Adam with their state made explicit, each with the forward step
/// and its adjoint, so that the generator's gradient can be differentiated through the optimiser.
///
/// A look-ahead optimiser `O` minimises the discriminator's loss \f$L_D\f$ over \f$\psi\f$. With
/// \f$g_j = \nabla_\psi L_D(\theta, \psi_j)\f$ and the optimiser's state \f$s_j\f$ (velocity, moments,
/// step count), one step is \f$(\psi_{j+1}, s_{j+1}) = \Phi(\psi_j, s_j, g_j)\f$, and
/// - `o.start(n)` is the state of a fresh optimiser for \f$n\f$ parameters,
/// - `o.step(psi, s, g)` takes the step in place,
/// - `o.adjoint(s, g, lambda_psi, lambda_s, lambda_g)` is the reverse (vector-Jacobian) product of
///   one step: given the state \f$s_j\f$ before it, \f$g_j\f$, and the adjoints \f$(\bar\psi_{j+1},
///   \bar s_{j+1})\f$ of its outputs, it overwrites them with the adjoints of its inputs through the
///   explicit dependence, \f$\bar\psi_j = (\partial\psi_{j+1}/\partial\psi_j)^\top\bar\psi_{j+1} +
///   (\partial s_{j+1}/\partial\psi_j)^\top\bar s_{j+1}\f$ and \f$\bar s_j = \dots\f$, and writes
///   \f$\bar g_j = (\partial(\psi_{j+1}, s_{j+1})/\partial g_j)^\top (\bar\psi_{j+1}, \bar s_{j+1})\f$.
///   The caller closes the chain through \f$g_j = \nabla_\psi L_D(\theta, \psi_j)\f$: it adds
///   \f$\nabla^2_{\psi\psi}L_D\,\bar g_j\f$ to \f$\bar\psi_j\f$ and \f$\nabla^2_{\theta\psi}L_D\,\bar g_j\f$
///   to the generator's gradient (blocks of one Hessian-vector product of \f$L_D\f$).
///
/// The moments carried into the look-ahead are treated as constants (they come from earlier steps,
/// at earlier generator parameters); the moments the look-ahead builds depend on \f$\theta\f$ and
/// are differentiated. The state's adjoint has the state's own type (its step count unused).
///
/// The steps are those of minimax::nn::sgd, nn::momentum and nn::adam, with the same arithmetic, so
/// a look-ahead taken by them and the one taken here agree to the last bit.

#include <cmath>
#include <concepts>
#include <string>

#include <Eigen/Core>

#include "minimax/core/error.hpp"

namespace minimax::schemes::look_ahead {

/// \brief The contract of a look-ahead optimiser (see the file's description): a `state` type,
/// `start(n)`, `step(psi, state, g)` and `adjoint(state, g, lambda_psi, lambda_state, lambda_g)`.
template <class O>
concept optimiser = requires(const O& o, Eigen::Index n, typename O::state& s, const typename O::state& cs,
                             Eigen::VectorXd& psi, const Eigen::VectorXd& g, Eigen::VectorXd& lambda_g) {
  { o.start(n) } -> std::same_as<typename O::state>;
  o.step(psi, s, g);
  o.adjoint(cs, g, psi, s, lambda_g);
  o.check(cs, n);
};

/// \brief Gradient descent \f$\psi_{j+1} = \psi_j - \eta\, g_j\f$ (no state). Unrolling through it is
/// the plain look-ahead of minimax::schemes::unrolled with \f$h_D = \eta\f$; it gives the same numbers.
struct sgd {
  double learning_rate;  ///< \f$\eta > 0\f$.
  /// No state.
  struct state {};
  /// Throws minimax::invalid_argument unless \f$\eta\f$ is positive and finite.
  explicit sgd(double eta) : learning_rate(eta) { require_positive("minimax::schemes::look_ahead::sgd", "learning_rate", eta); }
  /// The (empty) state.
  state start(Eigen::Index) const { return {}; }
  /// Nothing to check.
  void check(const state&, Eigen::Index) const {}
  /// \f$\psi \leftarrow \psi - \eta g\f$.
  template <class P>
  void step(P&& psi, state&, const Eigen::VectorXd& g) const {
    psi -= learning_rate * g;
  }
  /// \f$\bar g = -\eta\bar\psi\f$; \f$\bar\psi\f$ passes unchanged.
  void adjoint(const state&, const Eigen::VectorXd&, Eigen::VectorXd& lambda_psi, state&, Eigen::VectorXd& lambda_g) const {
    lambda_g = -learning_rate * lambda_psi;
  }
};

/// \brief Heavy-ball momentum as minimax::nn::momentum: \f$u_{j+1} = \beta u_j - \eta g_j,\;
/// \psi_{j+1} = \psi_j + u_{j+1}\f$, the velocity \f$u\f$ carried in the state.
///
/// Adjoint: \f$\bar u' = \bar u_{j+1} + \bar\psi_{j+1}\f$, then \f$\bar g_j = -\eta\bar u'\f$,
/// \f$\bar u_j = \beta\bar u'\f$, \f$\bar\psi_j = \bar\psi_{j+1}\f$.
struct momentum {
  double learning_rate;  ///< \f$\eta > 0\f$.
  double beta;           ///< \f$\beta \in (-1, 1)\f$.
  /// The velocity.
  struct state {
    Eigen::VectorXd velocity;  ///< \f$u = \psi_t - \psi_{t-1}\f$
  };
  /// Throws minimax::invalid_argument unless \f$\eta > 0\f$ and \f$|\beta| < 1\f$.
  momentum(double eta, double b) : learning_rate(eta), beta(b) {
    require_positive("minimax::schemes::look_ahead::momentum", "learning_rate", eta);
    if (!(b > -1.0 && b < 1.0)) raise_invalid_argument("minimax::schemes::look_ahead::momentum", "beta must lie in (-1, 1)", b);
  }
  /// Zero velocity.
  state start(Eigen::Index n) const { return {Eigen::VectorXd::Zero(n)}; }
  /// Throws minimax::invalid_argument unless the velocity has \f$n\f$ entries.
  void check(const state& s, Eigen::Index n) const {
    require_same_size("minimax::schemes::look_ahead::momentum", "the velocity and the discriminator's parameters",
                      static_cast<std::size_t>(s.velocity.size()), static_cast<std::size_t>(n));
  }
  /// \f$u \leftarrow \beta u - \eta g,\; \psi \leftarrow \psi + u\f$.
  template <class P>
  void step(P&& psi, state& s, const Eigen::VectorXd& g) const {
    s.velocity = beta * s.velocity - learning_rate * g;
    psi += s.velocity;
  }
  /// The reverse product of one step (above).
  void adjoint(const state&, const Eigen::VectorXd&, Eigen::VectorXd& lambda_psi, state& lambda_s,
               Eigen::VectorXd& lambda_g) const {
    const Eigen::VectorXd total = lambda_s.velocity + lambda_psi;
    lambda_g = -learning_rate * total;
    lambda_s.velocity = beta * total;
  }
};

/// \brief Adam with bias correction as minimax::nn::adam, the moments and the step count carried in
/// the state (as in Metz et al.'s code, the look-ahead continues from the optimiser's current
/// moments):
/// \f[ m' = \beta_1 m + (1-\beta_1) g,\quad s' = \beta_2 s + (1-\beta_2) g^2,\quad t' = t + 1,\quad
///     \psi' = \psi - a\,\frac{m'}{\sqrt{s'}\,c + \epsilon},\quad a = \frac{\eta}{1-\beta_1^{t'}},\;
///     c = \frac{1}{\sqrt{1-\beta_2^{t'}}}. \f]
/// Adjoint, elementwise, with \f$\delta = \sqrt{s'}\,c + \epsilon\f$:
/// \f[ \bar m' = \bar m_{j+1} - \frac{a}{\delta}\bar\psi_{j+1},\quad
///     \bar s' = \bar s_{j+1} + \frac{a\,m'\,c}{2\sqrt{s'}\,\delta^2}\bar\psi_{j+1},\quad
///     \bar g = (1-\beta_1)\bar m' + 2(1-\beta_2)\,g\,\bar s',\quad \bar m = \beta_1\bar m',\;
///     \bar s = \beta_2\bar s',\; \bar\psi = \bar\psi_{j+1}. \f]
/// Where \f$s' = 0\f$ (so \f$g = 0\f$ and \f$s = 0\f$) the square root is not differentiable; its
/// term is taken as 0, the one-sided derivative along \f$g\f$ at 0 of \f$g\,\bar s'\f$.
struct adam {
  double learning_rate;  ///< \f$\eta > 0\f$.
  double beta1;          ///< \f$\beta_1 \in [0, 1)\f$.
  double beta2;          ///< \f$\beta_2 \in [0, 1)\f$.
  double epsilon;        ///< \f$\epsilon > 0\f$.
  /// The moments and the number of steps taken.
  struct state {
    Eigen::VectorXd m;  ///< first moment \f$m\f$ (not bias-corrected)
    Eigen::VectorXd s;  ///< second moment \f$s\f$ (not bias-corrected)
    long steps = 0;     ///< \f$t\f$, steps taken so far
  };
  /// Throws minimax::invalid_argument unless \f$\eta, \epsilon > 0\f$ and \f$\beta_1, \beta_2 \in [0, 1)\f$.
  explicit adam(double eta, double b1 = 0.9, double b2 = 0.999, double eps = 1e-8)
      : learning_rate(eta), beta1(b1), beta2(b2), epsilon(eps) {
    constexpr const char* fn = "minimax::schemes::look_ahead::adam";
    require_positive(fn, "learning_rate", eta);
    if (!(b1 >= 0.0 && b1 < 1.0)) raise_invalid_argument(fn, "beta1 must lie in [0, 1)", b1);
    if (!(b2 >= 0.0 && b2 < 1.0)) raise_invalid_argument(fn, "beta2 must lie in [0, 1)", b2);
    require_positive(fn, "epsilon", eps);
  }
  /// Zero moments, no steps.
  state start(Eigen::Index n) const { return {Eigen::VectorXd::Zero(n), Eigen::VectorXd::Zero(n), 0}; }
  /// Throws minimax::invalid_argument unless both moments have \f$n\f$ entries and \f$t \ge 0\f$.
  void check(const state& st, Eigen::Index n) const {
    constexpr const char* fn = "minimax::schemes::look_ahead::adam";
    require_same_size(fn, "the first moment and the discriminator's parameters", static_cast<std::size_t>(st.m.size()),
                      static_cast<std::size_t>(n));
    require_same_size(fn, "the second moment and the discriminator's parameters", static_cast<std::size_t>(st.s.size()),
                      static_cast<std::size_t>(n));
    if (st.steps < 0) raise_invalid_argument(fn, "the step count must be >= 0", st.steps);
  }
  /// One step (above), in place.
  template <class P>
  void step(P&& psi, state& st, const Eigen::VectorXd& g) const {
    ++st.steps;
    const double c1 = 1.0 - std::pow(beta1, double(st.steps)), c2 = 1.0 - std::pow(beta2, double(st.steps));
    st.m = beta1 * st.m + (1.0 - beta1) * g;
    st.s = beta2 * st.s + (1.0 - beta2) * g.cwiseAbs2();
    const double a = learning_rate / c1, sc = 1.0 / std::sqrt(c2);
    psi.array() -= a * st.m.array() / (st.s.array().sqrt() * sc + epsilon);
  }
  /// The reverse product of one step from state `before` with gradient `g` (above).
  void adjoint(const state& before, const Eigen::VectorXd& g, Eigen::VectorXd& lambda_psi, state& lambda_s,
               Eigen::VectorXd& lambda_g) const {
    const double t = double(before.steps + 1);
    const double c1 = 1.0 - std::pow(beta1, t), c2 = 1.0 - std::pow(beta2, t);
    const double a = learning_rate / c1, sc = 1.0 / std::sqrt(c2);
    const Eigen::Index n = g.size();
    lambda_g.resize(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      const double m1 = beta1 * before.m[i] + (1.0 - beta1) * g[i];
      const double s1 = beta2 * before.s[i] + (1.0 - beta2) * g[i] * g[i];
      const double root = std::sqrt(s1);
      const double delta = root * sc + epsilon;
      const double bar_m = lambda_s.m[i] - a / delta * lambda_psi[i];
      const double bar_s = lambda_s.s[i] + (root > 0.0 ? a * m1 * sc / (2.0 * root * delta * delta) * lambda_psi[i] : 0.0);
      lambda_g[i] = (1.0 - beta1) * bar_m + 2.0 * (1.0 - beta2) * g[i] * bar_s;
      lambda_s.m[i] = beta1 * bar_m;
      lambda_s.s[i] = beta2 * bar_s;
    }
  }
};

}  // namespace minimax::schemes::look_ahead
