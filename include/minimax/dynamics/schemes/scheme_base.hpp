#pragma once
/// \file
/// \brief A scheme written once: one step over a view (schemes/views.hpp) gives the Eigen scheme
/// (minimax::Scheme) and its point form for the Thrust ensembles (minimax::PointScheme).

#include <Eigen/Core>

#include "minimax/core/config.hpp"
#include "minimax/dynamics/schemes/state.hpp"
#include "minimax/dynamics/schemes/views.hpp"

namespace minimax::detail {
/// Whether scheme S keeps a memory: its `uses_memory` constant, false where it declares none.
template <class S>
MINIMAX_HOST_DEVICE constexpr bool uses_memory() {
  if constexpr (requires { S::uses_memory; }) {
    return static_cast<bool>(S::uses_memory);
  } else {
    return false;
  }
}

/// \brief The first evaluation of every step: \f$v(z)\f$ into v, returning \f$\|v(z)\|^2\f$ (the
/// `field2` by which the ensembles judge stationarity).
template <class View>
MINIMAX_HOST_DEVICE double field_and_squared_norm(const View& g, const double* z, double* v) {
  g.field(z, v);
  return squared_norm(v, static_cast<int>(g.dimension()));
}
}  // namespace minimax::detail

namespace minimax::schemes {

/// \brief The base of a scheme whose update is written once, as a template over the view of the
/// game (schemes::point_view on the Thrust ensembles, schemes::eigen_view under minimax::simulate):
/// \code
/// struct my_scheme : minimax::schemes::scheme_base<my_scheme> {
///   double h;
///   template <class View>
///   MINIMAX_HOST_DEVICE void step(const View& g, double* z, double* memory, double& field2) const;
/// };
/// \endcode
/// `step` takes one step in place on the point `z` (dimension() doubles) and sets `field2` to
/// \f$\|v(z)\|^2\f$ at the step's first point (the ensembles judge stationarity by it). A scheme
/// with memory (the previous point or field) declares `static constexpr bool uses_memory = true` and
/// `start_memory(g, z0, memory)`, which fills dimension() doubles at the start; `memory` is then
/// kept from step to step (in minimax::scheme_state::memory on the Eigen backend).
///
/// The base supplies `start`/`advance` (minimax::Scheme) and `point_start`/`point_advance`
/// (minimax::PointScheme), each calling the derived scheme's `step` with the backend's view; the
/// derived scheme stays trivially copyable. Every discrete scheme of minimax::schemes with a
/// fixed-size state is written this way; docs/dynamics.md shows a user's.
template <class Derived>
struct scheme_base {
 private:
  // The message a scheme without its step meets (checked where the base calls it).
  template <class View>
  static constexpr bool has_step = requires(const Derived& scheme, const View& view, double* z, double& field2) {
    scheme.step(view, z, z, field2);
  };

 public:
  /// The state at \f$z_0\f$: the point, and the memory where the scheme uses one.
  template <Game G>
  scheme_state start(const G& game, const Eigen::VectorXd& z0) const {
    scheme_state s{z0, {}, 0};
    if constexpr (detail::uses_memory<Derived>()) {
      s.memory.resize(z0.size());
      self().start_memory(eigen_view<G>{game, z0.size()}, s.z.data(), s.memory.data());
    }
    return s;
  }
  /// One step of the derived scheme's update on the Eigen backend.
  template <Game G, class State = scheme_state>
  void advance(const G& game, State& s) const {
    static_assert(has_step<eigen_view<G>>,
                  "minimax::schemes::scheme_base: the scheme must declare step(view, z, memory, field2), a "
                  "template over the view of the game that takes one step in place on the array z");
    double field2 = 0.0;
    self().step(eigen_view<G>{game, s.z.size()}, s.z.data(), s.memory.data(), field2);
    ++s.step;
  }
  /// The point form's start (minimax::PointScheme): the memory, where the scheme uses one.
  template <class G>
  MINIMAX_HOST_DEVICE void point_start(const G& game, const double* z0, double* memory) const {
    if constexpr (detail::uses_memory<Derived>()) self().start_memory(point_view<G>{game}, z0, memory);
  }
  /// The point form of advance() (minimax::PointScheme), on arrays.
  template <class G>
  MINIMAX_HOST_DEVICE void point_advance(const G& game, double* z, double* memory, double& field2) const {
    static_assert(has_step<point_view<G>>,
                  "minimax::schemes::scheme_base: the scheme must declare step(view, z, memory, field2), a "
                  "template over the view of the game that takes one step in place on the array z");
    self().step(point_view<G>{game}, z, memory, field2);
  }

 private:
  MINIMAX_HOST_DEVICE const Derived& self() const { return static_cast<const Derived&>(*this); }
};

}  // namespace minimax::schemes
