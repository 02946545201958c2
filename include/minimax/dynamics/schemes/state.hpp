#pragma once
/// \file
/// \brief What every update scheme shares: its state, the step-size validation, the projection.
///
/// The schemes' contract is in minimax/dynamics/concepts.hpp.

#include <cmath>
#include <concepts>
#include <string_view>
#include <utility>

#include <Eigen/Core>

#include "minimax/core/config.hpp"
#include "minimax/core/deferred.hpp"
#include "minimax/core/error.hpp"
#include "minimax/core/point_arithmetic.hpp"
#include "minimax/dynamics/concepts.hpp"
#include "minimax/games/concepts.hpp"

namespace minimax {

/// \brief The state of a discrete scheme: the current point and the scheme's memory.
struct scheme_state {
  Eigen::VectorXd z;       ///< the current point \f$(\theta, \psi)\f$
  Eigen::VectorXd memory;  ///< the previous point or previous field, for two-step schemes (else empty)
  long step = 0;           ///< the number of steps taken
};

namespace detail {

inline void require_step_size(std::string_view function, std::string_view name, double h) {
  if (!(h > 0.0) || !std::isfinite(h)) {
    raise_invalid_argument(function, std::string(name) + " must be positive and finite", h);
  }
}

/// The two players' step sizes of a scheme (TTUR), each validated by require_step_size.
inline void require_step_sizes(std::string_view function, double h_generator, double h_discriminator) {
  require_step_size(function, "the generator's step size", h_generator);
  require_step_size(function, "the discriminator's step size", h_discriminator);
}

/// The diagonal of step sizes: the generator's h_g on its block, the discriminator's h_d on the rest.
inline Eigen::VectorXd step_sizes(Eigen::Index n, Eigen::Index n_generator, double h_generator,
                                  double h_discriminator) {
  Eigen::VectorXd h(n);
  h.head(n_generator).setConstant(h_generator);
  h.tail(n - n_generator).setConstant(h_discriminator);
  return h;
}

/// The step size of coordinate i in a scheme's step: the generator's on its first n_generator
/// coordinates, the discriminator's on the rest.
MINIMAX_HOST_DEVICE constexpr double player_step(long i, long n_generator, double h_generator,
                                                 double h_discriminator) noexcept {
  return i < n_generator ? h_generator : h_discriminator;
}

template <class G>
void project(const G& game, Eigen::VectorXd& z) {
  if constexpr (GameWithProjection<G>) game.project(z);
}

template <class G>
Eigen::VectorXd field(const G& game, const Eigen::VectorXd& z) {
  return game.template vector_field<double>(z);
}

}  // namespace detail
}  // namespace minimax
