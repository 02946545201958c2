#pragma once
/// \file
/// \brief The two views a scheme's step is written over, once for both backends: a point game on
/// arrays of its fixed size (the Thrust ensembles, device code) and an Eigen game on vectors of its
/// run-time size (minimax::simulate).
///
/// A view `g` offers the same members on both backends, so a step written as a template over the
/// view runs on each:
/// - `g.dimension()`, `g.generator_dimension()`: the sizes (the generator's coordinates come first);
/// - `g.template buffer<T>()`: a work vector of dimension() entries of T (double, or minimax::dual
///   for derivatives), indexed by `[i]`, its array by `.data()`: a fixed-size array on the point
///   view, an `Eigen::VectorX<T>` on the Eigen view;
/// - `g.field(z, v)`: \f$v(z)\f$ from the array z into the array v (T: double or minimax::dual);
/// - `g.project(z)`: the game's projection, in place (a no-op for most games).
///
/// schemes::scheme_base turns such a step into a minimax::Scheme and a minimax::PointScheme.

#include <algorithm>

#include <Eigen/Core>

#include "minimax/core/config.hpp"
#include "minimax/games/concepts.hpp"

namespace minimax::schemes {

/// A work vector of N entries of T for schemes::point_view (in registers or local memory on a GPU).
template <class T, int N>
struct point_buffer {
  T entries[N];  ///< the entries

  /// Entry i.
  MINIMAX_HOST_DEVICE T& operator[](long i) { return entries[i]; }
  /// Entry i.
  MINIMAX_HOST_DEVICE const T& operator[](long i) const { return entries[i]; }
  /// The array.
  MINIMAX_HOST_DEVICE T* data() { return entries; }
  /// The array.
  MINIMAX_HOST_DEVICE const T* data() const { return entries; }
};

/// \brief A minimax::PointGame seen by a scheme's step: arrays of the game's fixed size.
template <class G>
struct point_view {
  static constexpr int size = G::dimension;                      ///< \f$n\f$
  static constexpr int generator_size = G::generator_dimension;  ///< \f$n_G\f$
  const G& game;                                                 ///< the game

  /// \f$n\f$.
  MINIMAX_HOST_DEVICE static constexpr long dimension() { return size; }
  /// \f$n_G\f$.
  MINIMAX_HOST_DEVICE static constexpr long generator_dimension() { return generator_size; }
  /// A work vector of \f$n\f$ entries (its contents unspecified: write before reading).
  template <class T>
  MINIMAX_HOST_DEVICE point_buffer<T, size> buffer() const {
    return {};
  }
  /// \f$v(z)\f$: the game's own field.
  template <class T>
  MINIMAX_HOST_DEVICE void field(const T* z, T* v) const {
    game.field(z, v);
  }
  /// The game's projection.
  MINIMAX_HOST_DEVICE void project(double* z) const { game.project(z); }
};

/// \brief A minimax::Game seen by a scheme's step: arrays of the game's run-time size, the field
/// from the game's `vector_field` (the point is copied into an Eigen vector and the field out of one).
///
/// Host code only; its members are marked `MINIMAX_HOST_DEVICE` (with nvcc's check of the calls
/// inside them disabled) so that a step written as a `MINIMAX_HOST_DEVICE` template calls them
/// without a warning when nvcc compiles it for the Eigen backend too.
template <class G>
struct eigen_view {
  const G& game;      ///< the game
  Eigen::Index size;  ///< \f$n\f$, the state's size

  MINIMAX_EXEC_CHECK_DISABLE
  /// \f$n\f$.
  MINIMAX_HOST_DEVICE long dimension() const { return static_cast<long>(size); }
  MINIMAX_EXEC_CHECK_DISABLE
  /// \f$n_G\f$.
  MINIMAX_HOST_DEVICE long generator_dimension() const { return static_cast<long>(game.generator_dimension()); }
  MINIMAX_EXEC_CHECK_DISABLE
  /// A work vector of \f$n\f$ entries (its contents unspecified: write before reading).
  template <class T>
  MINIMAX_HOST_DEVICE Eigen::VectorX<T> buffer() const {
    return Eigen::VectorX<T>(size);
  }
  MINIMAX_EXEC_CHECK_DISABLE
  /// \f$v(z)\f$ by the game's `vector_field<T>`.
  template <class T>
  MINIMAX_HOST_DEVICE void field(const T* z, T* v) const {
    const Eigen::VectorX<T> point = Eigen::Map<const Eigen::VectorX<T>>(z, size);
    const Eigen::VectorX<T> value = game.template vector_field<T>(point);
    std::copy(value.data(), value.data() + size, v);
  }
  MINIMAX_EXEC_CHECK_DISABLE
  /// The game's projection where it has one (minimax::GameWithProjection), else nothing.
  MINIMAX_HOST_DEVICE void project(double* z) const {
    if constexpr (GameWithProjection<G>) {
      Eigen::VectorXd point = Eigen::Map<const Eigen::VectorXd>(z, size);
      game.project(point);
      std::copy(point.data(), point.data() + size, z);
    }
  }
};

}  // namespace minimax::schemes
