#pragma once
/// \file
/// \brief The Gumbel-softmax (concrete) relaxation of categorical sampling (Jang, Gu, Poole 2017;
/// Maddison, Mnih, Teh 2017), with the straight-through variant, for generators of discrete outputs.

#include <cmath>
#include <concepts>
#include <limits>
#include <random>

#include <Eigen/Core>

#include "minimax/core/error.hpp"
#include "minimax/nn/batch.hpp"

namespace minimax::nn {

/// \brief \f$y = \operatorname{softmax}((x + g)/\tau)\f$ per column, with Gumbel noise \f$g = -\log(-\log u)\f$,
/// \f$u \sim U(0,1)\f$, held in `noise` (draw it with resample() before each forward pass; empty noise
/// means \f$g = 0\f$, a tempered softmax).
///
/// As \f$\tau \to 0\f$ the samples approach one-hot vectors distributed as \f$\operatorname{softmax}(x)\f$
/// (the Gumbel-max trick). With `straight_through = true` the forward output is the one-hot
/// \f$\operatorname{onehot}(\arg\max y)\f$ while the backward pass uses the gradient of the soft \f$y\f$:
/// \f$\bar x = \tau^{-1}\,y \odot (\bar y - \langle y, \bar y\rangle)\f$.
struct gumbel_softmax {
  double temperature = 1.0;       ///< \f$\tau > 0\f$.
  bool straight_through = false;  ///< One-hot forward, soft backward.
  Eigen::MatrixXd noise;          ///< \f$g\f$, features by batch size (or empty).

  /// \f$\tau = 1\f$, soft outputs.
  gumbel_softmax() = default;
  /// Throws minimax::invalid_argument unless \f$\tau\f$ is positive and finite.
  explicit gumbel_softmax(double tau, bool hard = false) : temperature(tau), straight_through(hard) {
    require_positive("minimax::nn::gumbel_softmax", "temperature", tau);
  }
  /// Draws fresh Gumbel noise for `features` by `batch_size`.
  template <class Rng>
  void resample(Rng& rng, Eigen::Index features, Eigen::Index batch_size) {
    // u in (0, 1): minimax::rng's own transform (the same on every platform) when available
    const auto draw = [&rng]() -> double {
      if constexpr (requires { { rng.uniform_positive() } -> std::convertible_to<double>; }) {
        return rng.uniform_positive();
      } else {
        return std::uniform_real_distribution<double>(std::numeric_limits<double>::min(), 1.0)(rng);
      }
    };
    noise.resize(features, batch_size);
    for (auto& g : noise.reshaped()) g = -std::log(-std::log(draw()));
  }

  /// Size comes from the previous layer.
  static constexpr int input_size = inherit_size;
  /// Same as the input.
  static constexpr int output_size_for(int in) { return in; }
  /// No parameters.
  static constexpr Eigen::Index parameter_count_for(int) { return 0; }

  /// Forward pass. Throws minimax::invalid_argument when `noise` is not empty and its shape differs from x's.
  template <int I, class T>
  void forward(const T*, const batch<T, I>& x, batch<T, I>& y) const {
    soft(x, y);
    if (straight_through) {
      for (Eigen::Index i = 0; i < y.cols(); ++i) {
        Eigen::Index arg = 0;
        for (Eigen::Index j = 1; j < I; ++j)
          if (y(j, i) > y(arg, i)) arg = j;
        y.col(i).setZero();
        y(arg, i) = T(1);
      }
    }
  }
  /// Backward pass (through the soft sample in both variants).
  template <int I, class T>
  void backward(const T*, const batch<T, I>& x, const batch<T, I>&, const batch<T, I>& dy, T*, batch<T, I>* dx) const {
    if (dx == nullptr) return;
    batch<T, I> y;
    soft(x, y);
    dx->resize(I, x.cols());
    const T inv_tau = T(1.0 / temperature);
    for (Eigen::Index i = 0; i < x.cols(); ++i) {
      const T inner = y.col(i).dot(dy.col(i));
      dx->col(i) = inv_tau * (y.col(i).array() * (dy.col(i).array() - inner)).matrix();
    }
  }
  /// Nothing to initialise.
  template <int I, class T, class Init, class Rng>
  void initialise(T*, const Init&, Rng&) const {}

 private:
  template <int I, class T>
  void soft(const batch<T, I>& x, batch<T, I>& y) const {
    using std::exp;
    if (noise.size() != 0 && (noise.rows() != x.rows() || noise.cols() != x.cols())) {
      raise_invalid_argument("minimax::nn::gumbel_softmax::forward", "noise must have the input's shape",
                             ::minimax::detail::to_text(noise.rows()) + "x" + ::minimax::detail::to_text(noise.cols()));
    }
    y.resize(I, x.cols());
    const T inv_tau = T(1.0 / temperature);
    for (Eigen::Index i = 0; i < x.cols(); ++i) {
      for (Eigen::Index j = 0; j < I; ++j) y(j, i) = (x(j, i) + T(noise.size() ? noise(j, i) : 0.0)) * inv_tau;
      T m = y(0, i);
      for (Eigen::Index j = 1; j < I; ++j) m = y(j, i) > m ? y(j, i) : m;
      T s = T(0);
      for (Eigen::Index j = 0; j < I; ++j) {
        y(j, i) = exp(y(j, i) - m);
        s += y(j, i);
      }
      y.col(i) /= s;
    }
  }
};

}  // namespace minimax::nn
