#pragma once
/// \file
/// \brief Weight initialisers: Glorot (uniform), He (normal), orthogonal, each with a gain, and a normal
/// of fixed standard deviation.
///
/// An initialiser has `fill(W, rng)` for a weight matrix \f$W\f$ of shape fan-out \f$\times\f$ fan-in
/// (a dense layer's \f$W\f$ maps fan-in inputs to fan-out outputs); biases are set to 0 by the layers.
/// With a minimax::rng the draws use its own uniform and normal transforms, so a seed gives the same
/// weights on every platform; any other standard generator goes through the standard library's
/// distributions.

#include <algorithm>
#include <cmath>
#include <concepts>
#include <random>

#include <Eigen/Core>
#include <Eigen/QR>

#include "minimax/core/deferred.hpp"
#include "minimax/core/error.hpp"

namespace minimax::nn {

namespace detail {
// Draws through minimax::rng's own transforms when the generator has them (the same numbers on every
// platform), through the standard library's distributions otherwise (whose output is not specified).
template <class Rng>
double unit_uniform(Rng& rng) {
  if constexpr (requires { { rng.uniform() } -> std::convertible_to<double>; }) {
    return rng.uniform();
  } else {
    return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
  }
}
// Fills w(i, j) = scale * z with z standard normal: minimax::rng's own transform when available, else one
// std::normal_distribution for the whole fill (so its spare draw is used, as the standard intends).
template <class Derived, class Rng>
void fill_normal(Eigen::MatrixBase<Derived>& w, double scale, Rng& rng) {
  using T = typename Derived::Scalar;
  if constexpr (requires { { rng.normal() } -> std::convertible_to<double>; }) {
    for (Eigen::Index j = 0; j < w.cols(); ++j)
      for (Eigen::Index i = 0; i < w.rows(); ++i) w(i, j) = T(scale * rng.normal());
  } else {
    std::normal_distribution<double> n(0.0, scale);
    for (Eigen::Index j = 0; j < w.cols(); ++j)
      for (Eigen::Index i = 0; i < w.rows(); ++i) w(i, j) = T(n(rng));
  }
}
}  // namespace detail

/// \brief Glorot & Bengio (2010) uniform: \f$W_{ij} \sim U(-a, a)\f$,
/// \f$a = g\sqrt{6/(n_\text{in} + n_\text{out})}\f$, so \f$\operatorname{Var} W_{ij} = 2g^2/(n_\text{in} + n_\text{out})\f$.
struct glorot {
  double gain = 1.0;  ///< \f$g > 0\f$.
  /// Gain 1.
  glorot() = default;
  /// Throws minimax::invalid_argument unless the gain is positive and finite.
  explicit glorot(double g) : gain(g) { require_positive("minimax::nn::glorot", "gain", g); }
  /// Fills `w` (rows = fan-out, cols = fan-in).
  template <class Derived, class Rng>
  void fill(Eigen::MatrixBase<Derived>& w, Rng& rng) const {
    using T = typename Derived::Scalar;
    const double a = gain * std::sqrt(6.0 / double(w.rows() + w.cols()));
    for (Eigen::Index j = 0; j < w.cols(); ++j)
      for (Eigen::Index i = 0; i < w.rows(); ++i) w(i, j) = T(-a + 2 * a * detail::unit_uniform(rng));
  }
  /// \overload
  template <class Derived, class Rng>
  void fill(Eigen::MatrixBase<Derived>&& w, Rng& rng) const {
    fill(w, rng);
  }
};

/// \brief He et al. (2015) normal: \f$W_{ij} \sim N(0, 2g^2/n_\text{in})\f$ (for ReLU networks).
struct he {
  double gain = 1.0;  ///< \f$g > 0\f$.
  /// Gain 1.
  he() = default;
  /// Throws minimax::invalid_argument unless the gain is positive and finite.
  explicit he(double g) : gain(g) { require_positive("minimax::nn::he", "gain", g); }
  /// Fills `w` (rows = fan-out, cols = fan-in).
  template <class Derived, class Rng>
  void fill(Eigen::MatrixBase<Derived>& w, Rng& rng) const {
    detail::fill_normal(w, gain * std::sqrt(2.0 / double(w.cols())), rng);
  }
  /// \overload
  template <class Derived, class Rng>
  void fill(Eigen::MatrixBase<Derived>&& w, Rng& rng) const {
    fill(w, rng);
  }
};

/// \brief A normal of fixed standard deviation, whatever the layer's size: \f$W_{ij} \sim N(0, s^2)\f$.
///
/// The initialiser of DCGAN (Radford et al. 2016, \f$s = 0.02\f$) and of the Blocks/Theano GAN code of
/// ALI, VEEGAN and PacGAN ("IsotropicGaussian(0.02)"), which the published mode-collapse tables were
/// measured with.
struct normal {
  double standard_deviation = 0.02;  ///< \f$s > 0\f$.
  /// \f$s = 0.02\f$.
  normal() = default;
  /// Throws minimax::invalid_argument unless the standard deviation is positive and finite.
  explicit normal(double s) : standard_deviation(s) {
    require_positive("minimax::nn::normal", "standard deviation", s);
  }
  /// Fills `w` (rows = fan-out, cols = fan-in).
  template <class Derived, class Rng>
  void fill(Eigen::MatrixBase<Derived>& w, Rng& rng) const {
    detail::fill_normal(w, standard_deviation, rng);
  }
  /// \overload
  template <class Derived, class Rng>
  void fill(Eigen::MatrixBase<Derived>&& w, Rng& rng) const {
    fill(w, rng);
  }
};

/// \brief Saxe et al. (2014) orthogonal: \f$W = g\,Q\f$ with \f$Q\f$ from the QR decomposition of a
/// standard Gaussian matrix, signs fixed so that \f$Q\f$ is Haar-distributed.
///
/// For rows \f$\ge\f$ cols, \f$W^\top W = g^2 I\f$; otherwise \f$W W^\top = g^2 I\f$.
struct orthogonal {
  double gain = 1.0;  ///< \f$g > 0\f$.
  /// Gain 1.
  orthogonal() = default;
  /// Throws minimax::invalid_argument unless the gain is positive and finite.
  explicit orthogonal(double g) : gain(g) { require_positive("minimax::nn::orthogonal", "gain", g); }
  /// Fills `w` (rows = fan-out, cols = fan-in).
  template <class Derived, class Rng>
  void fill(Eigen::MatrixBase<Derived>& w, Rng& rng) const {
    using T = typename Derived::Scalar;
    const Eigen::Index r = std::max(w.rows(), w.cols()), c = std::min(w.rows(), w.cols());
    Eigen::MatrixXd a(r, c);
    detail::fill_normal(a, 1.0, rng);
    deferred_t<Eigen::HouseholderQR<Eigen::MatrixXd>, Derived> qr(a);  // compiled only with fill()
    Eigen::MatrixXd q = qr.householderQ() * Eigen::MatrixXd::Identity(r, c);
    // Multiplying column j by sign(R_jj) makes the distribution of Q uniform (Mezzadri 2007).
    for (Eigen::Index j = 0; j < c; ++j)
      if (qr.matrixQR()(j, j) < 0) q.col(j) = -q.col(j);
    q *= gain;
    if (w.rows() >= w.cols()) {
      w = q.cast<T>();
    } else {
      w = q.transpose().cast<T>();
    }
  }
  /// \overload
  template <class Derived, class Rng>
  void fill(Eigen::MatrixBase<Derived>&& w, Rng& rng) const {
    fill(w, rng);
  }
};

}  // namespace minimax::nn
