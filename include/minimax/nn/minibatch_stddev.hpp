#pragma once
/// \file
/// \brief Minibatch standard deviation (Karras et al. 2018): one extra feature telling the
/// discriminator how varied the batch is.

#include <cmath>

#include <Eigen/Core>

#include "minimax/core/error.hpp"
#include "minimax/nn/batch.hpp"

namespace minimax::nn {

/// \brief Appends to every sample the mean over features of the batch standard deviation:
/// \f[ \mu_j = \frac1n\sum_i x_{ji},\quad s_j = \sqrt{\tfrac1n\textstyle\sum_i (x_{ji} - \mu_j)^2 + \epsilon},\quad
///     m = \frac1d\sum_j s_j,\quad y_i = (x_i, m). \f]
/// A batch of identical samples (mode collapse) gives \f$m = \sqrt\epsilon\f$, which a discriminator can
/// detect. Backward: \f$\bar x_{ji} = \bar y_{ji} + \frac{S}{d}\,\frac{x_{ji} - \mu_j}{n\,s_j}\f$ with
/// \f$S = \sum_i \bar y_{d,i}\f$.
struct minibatch_stddev {
  double epsilon = 1e-8;  ///< \f$\epsilon > 0\f$, keeps \f$s_j\f$ differentiable at zero spread.
  /// \f$\epsilon = 10^{-8}\f$.
  minibatch_stddev() = default;
  /// Throws minimax::invalid_argument unless \f$\epsilon\f$ is positive and finite.
  explicit minibatch_stddev(double e) : epsilon(e) { require_positive("minimax::nn::minibatch_stddev", "epsilon", e); }
  /// Size comes from the previous layer.
  static constexpr int input_size = inherit_size;
  /// One more feature than the input.
  static constexpr int output_size_for(int in) { return in + 1; }
  /// No parameters.
  static constexpr Eigen::Index parameter_count_for(int) { return 0; }

  /// Forward pass.
  template <int I, class T>
  void forward(const T*, const batch<T, I>& x, batch<T, I + 1>& y) const {
    const Eigen::Index n = x.cols();
    y.resize(I + 1, n);
    y.template topRows<I>() = x;
    y.row(I).setConstant(mean_std(x));
  }
  /// Backward pass.
  template <int I, class T>
  void backward(const T*, const batch<T, I>& x, const batch<T, I + 1>&, const batch<T, I + 1>& dy, T*,
                batch<T, I>* dx) const {
    if (dx == nullptr) return;
    using std::sqrt;
    const Eigen::Index n = x.cols();
    *dx = dy.template topRows<I>();
    const T s_total = dy.row(I).sum();
    for (int j = 0; j < I; ++j) {
      const T mu = x.row(j).sum() / T(double(n));
      const T var = (x.row(j).array() - mu).square().sum() / T(double(n));
      const T s = sqrt(var + T(epsilon));
      const T c = s_total / (T(double(I)) * T(double(n)) * s);
      dx->row(j).array() += c * (x.row(j).array() - mu);
    }
  }
  /// Nothing to initialise.
  template <int I, class T, class Init, class Rng>
  void initialise(T*, const Init&, Rng&) const {}

 private:
  template <int I, class T>
  T mean_std(const batch<T, I>& x) const {
    using std::sqrt;
    const Eigen::Index n = x.cols();
    T m = T(0);
    for (int j = 0; j < I; ++j) {
      const T mu = x.row(j).sum() / T(double(n));
      const T var = (x.row(j).array() - mu).square().sum() / T(double(n));
      m += sqrt(var + T(epsilon));
    }
    return m / T(double(I));
  }
};

}  // namespace minimax::nn
