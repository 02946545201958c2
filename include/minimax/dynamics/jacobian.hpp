#pragma once
/// \file
/// \brief Exact derivatives of a game: the Jacobian of its vector field and the gradients of its
/// losses, by forward-mode dual numbers (no finite differences).

#include <cmath>
#include <cstddef>

#include <Eigen/Core>

#include "minimax/core/dual.hpp"
#include "minimax/core/error.hpp"
#include "minimax/games/concepts.hpp"

namespace minimax {

namespace detail {
inline void require_point(std::string_view function, const Eigen::VectorXd& z, Eigen::Index dimension) {
  require_same_size(function, "the point and the game's dimension", static_cast<std::size_t>(z.size()),
                    static_cast<std::size_t>(dimension));
  for (Eigen::Index i = 0; i < z.size(); ++i) {
    if (!std::isfinite(z[i])) {
      raise_invalid_argument(function, "entry " + detail::to_text(i) + " of the point must be finite", z[i]);
    }
  }
}

inline Eigen::VectorX<dual<double>> to_dual(const Eigen::VectorXd& z) {
  Eigen::VectorX<dual<double>> zd(z.size());
  for (Eigen::Index i = 0; i < z.size(); ++i) zd[i] = dual<double>(z[i], 0.0);
  return zd;
}
}  // namespace detail

/// \brief The Jacobian \f$J(z) = \partial v / \partial z\f$ of the game's vector field at \f$z\f$.
///
/// Exact to rounding: column \f$j\f$ is the \f$\varepsilon\f$ part of \f$v(z + \varepsilon e_j)\f$
/// evaluated on minimax::dual numbers, so it costs `dimension()` evaluations of the field. With the
/// sign convention of minimax::Game (\f$\dot z = v(z)\f$), an equilibrium is locally attracting for
/// the flow when every eigenvalue of \f$J\f$ has a negative real part.
/// \throws minimax::invalid_argument if \f$z\f$ has the wrong size or a non-finite entry.
template <Game G>
Eigen::MatrixXd jacobian(const G& game, const Eigen::VectorXd& z) {
  const Eigen::Index n = game.dimension();
  detail::require_point("minimax::jacobian", z, n);
  Eigen::MatrixXd J(n, n);
  Eigen::VectorX<dual<double>> zd = detail::to_dual(z);
  for (Eigen::Index j = 0; j < n; ++j) {
    zd[j].derivative = 1.0;
    const Eigen::VectorX<dual<double>> v = game.template vector_field<dual<double>>(zd);
    for (Eigen::Index i = 0; i < n; ++i) J(i, j) = v[i].derivative;
    zd[j].derivative = 0.0;
  }
  return J;
}

/// \brief The gradient \f$\nabla f(z)\f$ of a scalar function written for a generic scalar type.
///
/// `f` is called as `f(Eigen::VectorX<dual<double>>)` once per coordinate (forward mode), so it
/// suits the small parameter vectors of toy games.
template <class F>
Eigen::VectorXd gradient(F&& f, const Eigen::VectorXd& z) {
  Eigen::VectorXd g(z.size());
  Eigen::VectorX<dual<double>> zd = detail::to_dual(z);
  for (Eigen::Index j = 0; j < z.size(); ++j) {
    zd[j].derivative = 1.0;
    g[j] = f(zd).derivative;
    zd[j].derivative = 0.0;
  }
  return g;
}

/// \brief \f$\nabla_z L_G(z)\f$, the gradient of the generator's loss with respect to all parameters.
///
/// Uses the game's own `generator_loss_gradient(z)` (a backward pass) when it has one, and forward
/// dual numbers (one pass per coordinate) otherwise.
template <Game G>
Eigen::VectorXd generator_loss_gradient(const G& game, const Eigen::VectorXd& z) {
  detail::require_point("minimax::generator_loss_gradient", z, game.dimension());
  if constexpr (requires { game.template generator_loss_gradient<double>(z); }) {
    return game.template generator_loss_gradient<double>(z);
  } else {
    return gradient([&](const auto& w) { return game.template generator_loss<dual<double>>(w); }, z);
  }
}

/// \brief \f$\nabla_z L_D(z)\f$, the gradient of the discriminator's loss with respect to all parameters.
///
/// Uses the game's own `discriminator_loss_gradient(z)` when it has one (see generator_loss_gradient()).
template <Game G>
Eigen::VectorXd discriminator_loss_gradient(const G& game, const Eigen::VectorXd& z) {
  detail::require_point("minimax::discriminator_loss_gradient", z, game.dimension());
  if constexpr (requires { game.template discriminator_loss_gradient<double>(z); }) {
    return game.template discriminator_loss_gradient<double>(z);
  } else {
    return gradient([&](const auto& w) { return game.template discriminator_loss<dual<double>>(w); }, z);
  }
}

}  // namespace minimax
