#pragma once
/// \file
/// \brief Batch normalisation (Ioffe & Szegedy 2015), on the batch's own statistics (training) or on
/// fixed population statistics (inference).

#include <cmath>
#include <string>
#include <utility>

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
/// \f$\delta = \partial L/\partial y\f$. By default this is the training-mode layer: a sample's output
/// depends on its batch, as with nn::minibatch_stddev, so it has no one-sample pass (nn::sample_network
/// refuses it) and its tangent passes run on dual numbers. A batch of one sample gives \f$\hat x = 0\f$,
/// \f$y = \beta\f$. \f$\epsilon\f$ (default \f$10^{-5}\f$, PyTorch's; Blocks' layer has \f$10^{-4}\f$,
/// TensorFlow's \f$10^{-3}\f$) must be positive.
///
/// **Inference mode.** After use_population(m, s) the layer normalises every sample by the given
/// statistics instead of its batch's, \f$y_{ji} = \gamma_j (x_{ji} - m_j)/s_j + \beta_j\f$ (a fixed
/// affine map; backward \f$\partial L/\partial x_{ji} = \gamma_j\delta_{ji}/s_j\f$), as frameworks do
/// after training with the population statistics, usually running averages of batch_statistics()
/// over the training batches; use_batch_statistics() returns to training mode. The layer does not
/// keep those averages itself (a network holds no state that its passes change): the caller keeps
/// them, e.g. from the inputs a tape recorded.
struct batch_norm {
  double epsilon = 1e-5;  ///< \f$\epsilon > 0\f$, added to each variance

  /// The layer with \f$\epsilon = 10^{-5}\f$.
  batch_norm() = default;
  /// The layer with its own \f$\epsilon\f$. \throws minimax::invalid_argument unless it is positive and finite.
  explicit batch_norm(double e) : epsilon(e) { require_positive("minimax::nn::batch_norm", "epsilon", e); }

  static constexpr int input_size = inherit_size;                                    ///< any input size
  static constexpr int output_size_for(int in) { return in; }                        ///< the input's size
  static constexpr Eigen::Index parameter_count_for(int in) { return 2 * Eigen::Index(in); }  ///< \f$\gamma, \beta\f$

  /// \brief Inference mode: normalise by the population mean \f$m\f$ and standard deviation \f$s\f$
  /// (one entry per feature) instead of the batch's statistics.
  /// \throws minimax::invalid_argument when the sizes differ, a mean is not finite or a standard
  /// deviation is not positive and finite.
  void use_population(Eigen::ArrayXd mean, Eigen::ArrayXd standard_deviation) {
    constexpr const char* fn = "minimax::nn::batch_norm::use_population";
    require_same_size(fn, "the mean and the standard deviation", static_cast<std::size_t>(mean.size()),
                      static_cast<std::size_t>(standard_deviation.size()));
    for (Eigen::Index j = 0; j < mean.size(); ++j) {
      require_finite(fn, "a population mean", mean[j]);
      require_positive(fn, "a population standard deviation", standard_deviation[j]);
    }
    population_mean_ = std::move(mean);
    population_stdev_ = std::move(standard_deviation);
  }
  /// Training mode (the default): each batch normalised by its own statistics.
  void use_batch_statistics() {
    population_mean_.resize(0);
    population_stdev_.resize(0);
  }
  /// Whether the layer is in inference mode (use_population() was called last).
  bool uses_population() const { return population_stdev_.size() > 0; }
  /// The population mean of inference mode (empty in training mode).
  const Eigen::ArrayXd& population_mean() const { return population_mean_; }
  /// The population standard deviation of inference mode (empty in training mode).
  const Eigen::ArrayXd& population_standard_deviation() const { return population_stdev_; }

  /// \brief The statistics training mode normalises the batch `x` by: per feature, the mean
  /// \f$\mu_j\f$ and \f$s_j = \sqrt{\sigma_j^2 + \epsilon}\f$ (what frameworks average over training
  /// for inference mode; Blocks averages \f$s_j\f$ itself, PyTorch and Keras \f$\sigma_j^2\f$).
  template <int I, class T>
  void batch_statistics(const batch<T, I>& x, Eigen::ArrayXd& mean, Eigen::ArrayXd& standard_deviation) const {
    mean.resize(x.rows());
    standard_deviation.resize(x.rows());
    for (Eigen::Index j = 0; j < x.rows(); ++j) {
      T mu, s;
      statistics(x, j, mu, s);
      mean[j] = static_cast<double>(mu);
      standard_deviation[j] = static_cast<double>(s);
    }
  }

  /// \f$y = \gamma \hat x + \beta\f$, feature by feature, on the batch's statistics (or the population's).
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
      if (dx != nullptr && uses_population()) {
        dx->row(j) = (theta[j] / s) * dy.row(j).array();  // mu and s do not depend on x
      } else if (dx != nullptr) {
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
  Eigen::ArrayXd population_mean_, population_stdev_;  // empty: training mode

  // The mean and sqrt(variance + epsilon) of feature j over the batch (two passes: no cancellation), or
  // the population's in inference mode.
  template <int I, class T>
  void statistics(const batch<T, I>& x, Eigen::Index j, T& mu, T& s) const {
    using std::sqrt;
    if (uses_population()) {
      if (population_mean_.size() != x.rows()) {
        raise_invalid_argument("minimax::nn::batch_norm",
                               "the population statistics have " + std::to_string(population_mean_.size()) +
                                   " features; the input's feature count",
                               x.rows());
      }
      mu = T(population_mean_[j]);
      s = T(population_stdev_[j]);
      return;
    }
    const T n = T(double(x.cols()));
    mu = x.row(j).sum() / n;
    const T var = (x.row(j).array() - mu).square().sum() / n;
    s = sqrt(var + T(epsilon));
  }
};

}  // namespace minimax::nn
