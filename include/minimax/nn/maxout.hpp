#pragma once
/// \file
/// \brief Maxout: the maximum over groups of k consecutive features (Goodfellow et al. 2013).

#include <Eigen/Core>

#include "minimax/core/config.hpp"
#include "minimax/nn/batch.hpp"

namespace minimax::nn {

/// \brief Maxout over groups of `K` consecutive rows: \f$y_i = \max_{0 \le j < K} x_{iK + j}\f$.
///
/// Input size must be a multiple of K (checked at compile time by nn::sequential); output size is
/// input / K. Put a `dense<In, K * Out>` before it for the usual maxout unit. Backward routes
/// \f$\bar y_i\f$ to the first maximising entry of its group (ties: the lowest index).
template <int K>
struct maxout {
  static_assert(K >= 1, "minimax::nn::maxout<K>: the group size K must be at least 1");
  /// Size comes from the previous layer.
  static constexpr int input_size = inherit_size;
  /// \f$\text{in}/K\f$, or 0 (a shape error that sequential reports) when K does not divide in.
  static constexpr int output_size_for(int in) { return in % K == 0 ? in / K : 0; }
  /// No parameters.
  static constexpr Eigen::Index parameter_count_for(int) { return 0; }

  /// Forward pass: group maxima.
  template <int I, class T>
  void forward(const T*, const batch<T, I>& x, batch<T, I / K>& y) const {
    y.resize(I / K, x.cols());
    for (Eigen::Index c = 0; c < x.cols(); ++c) {
      for (int i = 0; i < I / K; ++i) {
        T m = x(i * K, c);
        for (int j = 1; j < K; ++j) m = x(i * K + j, c) > m ? x(i * K + j, c) : m;
        y(i, c) = m;
      }
    }
  }
  /// Backward pass: \f$\bar x_{iK+j} = \bar y_i\f$ at the arg-max, 0 elsewhere.
  template <int I, class T>
  void backward(const T*, const batch<T, I>& x, const batch<T, I / K>&, const batch<T, I / K>& dy, T*,
                batch<T, I>* dx) const {
    if (dx == nullptr) return;
    dx->setZero(I, x.cols());
    for (Eigen::Index c = 0; c < x.cols(); ++c) {
      for (int i = 0; i < I / K; ++i) {
        int best = 0;
        for (int j = 1; j < K; ++j)
          if (x(i * K + j, c) > x(i * K + best, c)) best = j;
        (*dx)(i * K + best, c) = dy(i, c);
      }
    }
  }
  /// One sample's group maxima on raw arrays (host or device code; see nn::sample_network).
  template <int I, class T>
  MINIMAX_HOST_DEVICE void forward_sample(const T*, const T* x, T* y) const {
    for (int i = 0; i < I / K; ++i) {
      T m = x[i * K];
      for (int j = 1; j < K; ++j) m = x[i * K + j] > m ? x[i * K + j] : m;
      y[i] = m;
    }
  }
  /// One sample's backward pass, routed as backward() routes it.
  template <int I, class T>
  MINIMAX_HOST_DEVICE void backward_sample(const T*, const T* x, const T*, const T* dy, T*, T* dx) const {
    if (dx == nullptr) return;
    for (int i = 0; i < I / K; ++i) {
      int best = 0;
      for (int j = 1; j < K; ++j)
        if (x[i * K + j] > x[i * K + best]) best = j;
      for (int j = 0; j < K; ++j) dx[i * K + j] = j == best ? dy[i] : T(0);
    }
  }
  /// Nothing to initialise.
  template <int I, class T, class Init, class Rng>
  void initialise(T*, const Init&, Rng&) const {}
};

}  // namespace minimax::nn
