#pragma once
/// \file
/// \brief Batch normalisation (Ioffe & Szegedy 2015), on the batch's own statistics.

#include <cmath>

#include <Eigen/Core>

#include "minimax/core/error.hpp"
#include "minimax/nn/batch.hpp"

namespace minimax::nn {

/// \brief Batch normalisation: each feature standardised by the batch's mean and variance, then
/// scaled and shifted by parameters of its own.
///
/// For a batch of \f$n\f$ samples and feature \f$j\f$:
/// \f[ \mu_j = \tfrac1n\textstyle\sum_i x_{ji},\quad \sigma_j^2 = \tfrac1n\sum_i (x_{ji} - \mu_j)^2,\quad
///     \hat x_{ji} = \frac{x_{ji} - \mu_j}{s_j},\ s_j = \sqrt{\sigma_j^2 + \epsilon},\quad
///     y_{ji} = \gamma_j \hat x_{ji} + \beta_j. \f]
/// Parameters \f$(\gamma_1, \dots, \gamma_I, \beta_1, \dots, \beta_I)\f$, initialised to \f$\gamma = 1\f$,
/// \f$\beta = 0\f$ whatever the initialiser (as every framework does). The backward pass couples the
/// samples through \f$\mu_j\f$ and \f$s_j\f$:
/// \f[ \frac{\partial L}{\partial \beta_j} = \textstyle\sum_i \delta_{ji},\quad
///     \frac{\partial L}{\partial \gamma_j} = \sum_i \delta_{ji}\hat x_{ji},\quad
///     \frac{\partial L}{\partial x_{ji}} = \frac{\gamma_j}{n s_j}\Big(n\delta_{ji} - \sum_k \delta_{jk}
///     - \hat x_{ji}\sum_k \delta_{jk}\hat x_{jk}\Big), \f]
/// \f$\delta = \partial L/\partial y\f$. This is the training-mode layer: a sample's output depends on
/// its batch, as with nn::minibatch_stddev, so it has no one-sample pass (nn::sample_network refuses
/// it) and its tangent passes run on dual numbers. There are no running averages: generated samples
/// are normalised by the batch they are generated in. A batch of one sample gives \f$\hat x = 0\f$,
/// \f$y = \beta\f$. \f$\epsilon\f$ (default \f$10^{-5}\f$, PyTorch's; TensorFlow's layers use
/// \f$10^{-3}\f$) must be positive.
struct batch_norm {
  double epsilon = 1e-5;  ///< \f$\epsilon > 0\f$, added to each variance

  /// The layer with \f$\epsilon = 10^{-5}\f$.
  batch_norm() = default;
  /// The layer with its own \f$\epsilon\f$. \throws minimax::invalid_argument unless it is positive and finite.
  explicit batch_norm(double e) : epsilon(e) { require_positive("minimax::nn::batch_norm", "epsilon", e); }

  static constexpr int input_size = inherit_size;                                    ///< any input size
  static constexpr int output_size_for(int in) { return in; }                        ///< the input's size
  static constexpr Eigen::Index parameter_count_for(int in) { return 2 * Eigen::Index(in); }  ///< \f$\gamma, \beta\f$

  /// \f$y = \gamma \hat x + \beta\f$, feature by feature, on the batch's statistics.
  template <int I, class T>
  void forward(const T* theta, const batch<T, I>& x, batch<T, I>& y) const {
    y.resize(x.rows(), x.cols());
    for (Eigen::Index j = 0; j < x.rows(); ++j) {
      T mu, s;
      statistics(x, j, mu, s);
      y.row(j) = (x.row(j).array() - mu) * (theta[j] / s) + theta[x.rows() + j];
    }
  }

  /// The gradients above: \f$\partial L/\partial\gamma, \partial L/\partial\beta\f$ added to dtheta,
  /// \f$\partial L/\partial x\f$ written to dx where it is asked for.
  template <int I, class T>
  void backward(const T* theta, const batch<T, I>& x, const batch<T, I>&, const batch<T, I>& dy, T* dtheta,
                batch<T, I>* dx) const {
    const Eigen::Index n = x.cols(), features = x.rows();
    if (dx != nullptr) dx->resize(features, n);
    for (Eigen::Index j = 0; j < features; ++j) {
      T mu, s;
      statistics(x, j, mu, s);
      const auto x_hat = (x.row(j).array() - mu) / s;
      const T sum_dy = dy.row(j).sum();
      const T sum_dy_x_hat = (dy.row(j).array() * x_hat).sum();
      if (dtheta != nullptr) {
        dtheta[j] += sum_dy_x_hat;
        dtheta[features + j] += sum_dy;
      }
      if (dx != nullptr) {
        const T n_t = T(double(n));
        dx->row(j) = (theta[j] / (n_t * s)) * (n_t * dy.row(j).array() - sum_dy - x_hat * sum_dy_x_hat);
      }
    }
  }

  /// \f$\gamma = 1\f$, \f$\beta = 0\f$ (the initialiser and the generator are not used).
  template <int I, class T, class Init, class Rng>
  void initialise(T* theta, const Init&, Rng&) const {
    for (int j = 0; j < I; ++j) {
      theta[j] = T(1);
      theta[I + j] = T(0);
    }
  }

 private:
  // The mean and sqrt(variance + epsilon) of feature j over the batch (two passes: no cancellation).
  template <int I, class T>
  void statistics(const batch<T, I>& x, Eigen::Index j, T& mu, T& s) const {
    using std::sqrt;
    const T n = T(double(x.cols()));
    mu = x.row(j).sum() / n;
    const T var = (x.row(j).array() - mu).square().sum() / n;
    s = sqrt(var + T(epsilon));
  }
};

}  // namespace minimax::nn
