#pragma once
/// \file
/// \brief The check every game's public members make on the joint state \f$z = (\theta, \psi)\f$.

#include <string>
#include <string_view>

#include <Eigen/Core>

#include "minimax/core/error.hpp"

namespace minimax::games::detail {

/// Throws minimax::invalid_argument, naming `function`, unless the state has `dimension` entries: a
/// game reads \f$\theta\f$ and \f$\psi\f$ from \f$z\f$ by position, so a state of another size
/// would be read out of bounds.
inline void require_state_size(std::string_view function, Eigen::Index size, Eigen::Index dimension) {
  if (size != dimension) {
    raise_invalid_argument(function,
                           "the state z must have the game's dimension() = " + ::minimax::detail::to_text(dimension) +
                               " entries",
                           size);
  }
}

}  // namespace minimax::games::detail
