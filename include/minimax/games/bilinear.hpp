#pragma once
/// \file
/// \brief The bilinear game \f$V(x, y) = x^\top A y\f$ (NIPS 2016 tutorial, exercise 7.2).

#include <cmath>
#include <cstddef>
#include <type_traits>
#include <utility>

#include <Eigen/Core>

#include "minimax/core/config.hpp"
#include "minimax/core/error.hpp"
#include "minimax/games/concepts.hpp"
#include "minimax/games/detail/state_size.hpp"

namespace minimax::games {

/// \brief The scalar bilinear game \f$V(x, y) = a\,x y\f$ (games::bilinear with a 1 × 1 matrix), on both
/// backends: a minimax::PointGame (trivially copyable, its field \f$v = (-a y, a x)\f$ callable on a GPU)
/// and a minimax::Game (its Eigen members call the same array members).
struct scalar_bilinear {
  /// 2, \f$(x, y)\f$: a constant (`scalar_bilinear::dimension`, as minimax::PointGame asks) that is
  /// also called (`game.dimension()`, as minimax::Game asks).
  static constexpr std::integral_constant<int, 2> dimension{};
  /// 1, \f$x\f$: a constant that is also called, as dimension.
  static constexpr std::integral_constant<int, 1> generator_dimension{};
  double a = 1.0;  ///< the coupling

  /// \f$v(z) = (-a y, a x)\f$, as games::bilinear computes it for a 1 × 1 matrix.
  template <class T>
  MINIMAX_HOST_DEVICE void field(const T* z, T* v) const {
    v[0] = -(T(a) * z[1]);
    v[1] = T(a) * z[0];
  }
  /// \f$L_G = a x y\f$ at the array z.
  template <class T>
  MINIMAX_HOST_DEVICE T generator_loss(const T* z) const {
    return z[0] * (T(a) * z[1]);
  }
  /// \f$L_D = -a x y\f$ at the array z.
  template <class T>
  MINIMAX_HOST_DEVICE T discriminator_loss(const T* z) const {
    return -generator_loss(z);
  }
  /// No projection.
  MINIMAX_HOST_DEVICE void project(double*) const {}
  /// The equilibrium \f$(0, 0)\f$ written to z.
  MINIMAX_HOST_DEVICE void equilibrium(double* z) const { z[0] = z[1] = 0.0; }

  /// \f$v(z)\f$ on an Eigen vector. This member and the losses below throw minimax::invalid_argument
  /// unless `z` has 2 entries.
  template <class T>
  Eigen::VectorX<T> vector_field(const Eigen::VectorX<T>& z) const {
    detail::require_state_size("minimax::games::scalar_bilinear::vector_field", z.size(), dimension());
    Eigen::VectorX<T> v(2);
    field(z.data(), v.data());
    return v;
  }
  /// \f$L_G\f$ on an Eigen vector.
  template <class T>
  T generator_loss(const Eigen::VectorX<T>& z) const {
    detail::require_state_size("minimax::games::scalar_bilinear::generator_loss", z.size(), dimension());
    return generator_loss(z.data());
  }
  /// \f$L_D\f$ on an Eigen vector.
  template <class T>
  T discriminator_loss(const Eigen::VectorX<T>& z) const {
    detail::require_state_size("minimax::games::scalar_bilinear::discriminator_loss", z.size(), dimension());
    return discriminator_loss(z.data());
  }
  /// The equilibrium \f$(0, 0)\f$.
  Eigen::VectorXd equilibrium() const { return Eigen::VectorXd::Zero(2); }
  /// The point \f$(x, y)\f$.
  Eigen::VectorXd init(double x, double y) const { return Eigen::Vector2d(x, y); }
};

/// \deprecated The scalar bilinear game is games::scalar_bilinear, a point game and a game at once.
using bilinear_point [[deprecated("use minimax::games::scalar_bilinear")]] = scalar_bilinear;

/// \brief The bilinear game \f$V(x, y) = x^\top A y\f$: \f$x \in \mathbb{R}^n\f$ minimises,
/// \f$y \in \mathbb{R}^m\f$ maximises.
///
/// Losses \f$L_G = x^\top A y\f$, \f$L_D = -x^\top A y\f$; vector field
/// \f$v(x, y) = (-A y,\; A^\top x)\f$; for \f$A = 1\f$ the flow \f$\dot x = -y, \dot y = x\f$ turns
/// in circles around the unique equilibrium \f$(0, 0)\f$ (for invertible square \f$A\f$). The
/// Jacobian \f$\begin{pmatrix} 0 & -A \\ A^\top & 0 \end{pmatrix}\f$ has eigenvalues
/// \f$\pm i\sigma_k\f$ for the singular values \f$\sigma_k\f$ of \f$A\f$.
struct bilinear {
  Eigen::MatrixXd A = Eigen::MatrixXd::Identity(1, 1);  ///< the coupling matrix (n × m)

  /// The game with \f$A = 1\f$ (\f$V = xy\f$).
  bilinear() = default;
  /// The game with coupling matrix \f$A\f$ (n × m, finite, not empty).
  explicit bilinear(Eigen::MatrixXd a) : A(std::move(a)) {
    require_non_empty("minimax::games::bilinear", "A", static_cast<std::size_t>(A.size()));
    for (Eigen::Index i = 0; i < A.size(); ++i) {
      if (!std::isfinite(A.data()[i])) raise_invalid_argument("minimax::games::bilinear", "A must be finite", A.data()[i]);
    }
  }

  /// \f$n + m\f$.
  Eigen::Index dimension() const { return A.rows() + A.cols(); }
  /// \f$n\f$, the size of \f$x\f$.
  Eigen::Index generator_dimension() const { return A.rows(); }

  /// \f$v(x, y) = (-A y,\; A^\top x)\f$. This member and the losses throw minimax::invalid_argument
  /// unless `z` has dimension() entries.
  template <class T>
  Eigen::VectorX<T> vector_field(const Eigen::VectorX<T>& z) const {
    detail::require_state_size("minimax::games::bilinear::vector_field", z.size(), dimension());
    const Eigen::Index n = A.rows(), m = A.cols();
    Eigen::VectorX<T> v(n + m);
    const Eigen::MatrixX<T> a = A.template cast<T>();
    v.head(n) = -(a * z.tail(m));
    v.tail(m) = a.transpose() * z.head(n);
    return v;
  }
  /// \f$L_G = x^\top A y\f$.
  template <class T>
  T generator_loss(const Eigen::VectorX<T>& z) const {
    detail::require_state_size("minimax::games::bilinear::generator_loss", z.size(), dimension());
    return z.head(A.rows()).dot(A.template cast<T>() * z.tail(A.cols()));
  }
  /// \f$L_D = -x^\top A y\f$.
  template <class T>
  T discriminator_loss(const Eigen::VectorX<T>& z) const {
    detail::require_state_size("minimax::games::bilinear::discriminator_loss", z.size(), dimension());
    return -generator_loss(z);
  }

  /// The equilibrium \f$(0, 0)\f$.
  Eigen::VectorXd equilibrium() const { return Eigen::VectorXd::Zero(dimension()); }
  /// The 1 × 1 game as games::scalar_bilinear, which runs on the Thrust ensembles too.
  /// \throws minimax::invalid_argument unless A is 1 × 1.
  scalar_bilinear point() const {
    if (A.rows() != 1 || A.cols() != 1) {
      raise_invalid_argument("minimax::games::bilinear::point", "the point game needs a 1 x 1 matrix A; A has rows",
                             A.rows());
    }
    return {A(0, 0)};
  }
  /// The point \f$(x, y)\f$ for the 1 × 1 game.
  Eigen::VectorXd init(double x, double y) const {
    if (A.rows() != 1 || A.cols() != 1) {
      raise_invalid_argument("minimax::games::bilinear::init", "init(x, y) needs a 1 x 1 matrix A; A has rows",
                             A.rows());
    }
    return Eigen::Vector2d(x, y);
  }
  /// The point \f$(x, y)\f$ for any \f$A\f$; the sizes must be n and m.
  Eigen::VectorXd init(const Eigen::VectorXd& x, const Eigen::VectorXd& y) const {
    require_same_size("minimax::games::bilinear::init", "x and the rows of A", static_cast<std::size_t>(x.size()),
                      static_cast<std::size_t>(A.rows()));
    require_same_size("minimax::games::bilinear::init", "y and the columns of A", static_cast<std::size_t>(y.size()),
                      static_cast<std::size_t>(A.cols()));
    Eigen::VectorXd z(dimension());
    z << x, y;
    return z;
  }
};

static_assert(GameWithEquilibrium<bilinear>);

}  // namespace minimax::games
