#pragma once
/// \file
/// \brief Minibatch discrimination (Salimans et al. 2016): features that compare each sample with
/// the rest of the batch, so the discriminator can see a collapsed batch.

#include <cmath>

#include <Eigen/Core>

#include "minimax/nn/batch.hpp"

namespace minimax::nn {

/// \brief Minibatch discrimination with `B` kernels of dimension `C`.
///
/// A tensor \f$T \in \mathbb{R}^{A \times B \times C}\f$ (stored as \f$W \in \mathbb{R}^{BC \times A}\f$,
/// row \f$bC + c\f$) maps each sample to \f$M_i = W x_i\f$; then
/// \f[ c_b(x_i, x_j) = \exp\big(-\|M_{i,b} - M_{j,b}\|_{L_1}\big),\qquad o(x_i)_b = \sum_{j=1}^n c_b(x_i, x_j), \f]
/// and the output is \f$(x_i, o(x_i)) \in \mathbb{R}^{A + B}\f$ (the sum includes \f$j = i\f$, as in
/// the paper, so \f$o \ge 1\f$). Cost \f$O(n^2 BC)\f$ per batch. Backward with \f$g = \bar o\f$:
/// \f$\bar M_{k,bc} = -\sum_j (g_{b,k} + g_{b,j})\,c_b(x_k, x_j)\operatorname{sign}(M_{k,bc} - M_{j,bc})\f$,
/// \f$\bar W = \sum_i \bar M_i x_i^\top\f$, \f$\bar x_i = \bar y_{1:A,i} + W^\top \bar M_i\f$.
template <int B, int C>
struct minibatch_discrimination {
  static_assert(B > 0 && C > 0, "minimax::nn::minibatch_discrimination<B, C>: B and C must be positive");
  /// Size comes from the previous layer.
  static constexpr int input_size = inherit_size;
  /// \f$A + B\f$.
  static constexpr int output_size_for(int in) { return in + B; }
  /// \f$A B C\f$ (the tensor \f$T\f$).
  static constexpr Eigen::Index parameter_count_for(int in) { return Eigen::Index(in) * B * C; }

  /// The tensor as the \f$BC \times A\f$ matrix \f$W\f$, viewed in place.
  template <int I, class T>
  static Eigen::Map<const Eigen::Matrix<T, B * C, I>> weight(const T* theta) {
    return Eigen::Map<const Eigen::Matrix<T, B * C, I>>(theta);
  }

  /// Forward pass.
  template <int I, class T>
  void forward(const T* theta, const batch<T, I>& x, batch<T, I + B>& y) const {
    using std::exp;
    const Eigen::Index n = x.cols();
    const batch<T, B * C> m = weight<I>(theta) * x;
    y.resize(I + B, n);
    y.template topRows<I>() = x;
    y.template bottomRows<B>().setZero();
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index j = 0; j < n; ++j)
        for (int b = 0; b < B; ++b) y(I + b, i) += exp(-l1(m, b, i, j));
  }
  /// Backward pass.
  template <int I, class T>
  void backward(const T* theta, const batch<T, I>& x, const batch<T, I + B>&, const batch<T, I + B>& dy, T* dtheta,
                batch<T, I>* dx) const {
    using std::exp;
    const Eigen::Index n = x.cols();
    const auto w = weight<I>(theta);
    const batch<T, B * C> m = w * x;
    batch<T, B * C> dm = batch<T, B * C>::Zero(B * C, n);
    for (Eigen::Index k = 0; k < n; ++k) {
      for (Eigen::Index j = 0; j < n; ++j) {
        if (j == k) continue;
        for (int b = 0; b < B; ++b) {
          const T coef = (dy(I + b, k) + dy(I + b, j)) * exp(-l1(m, b, k, j));
          for (int c = 0; c < C; ++c) {
            const T diff = m(b * C + c, k) - m(b * C + c, j);
            if (diff > T(0)) {
              dm(b * C + c, k) -= coef;
            } else if (diff < T(0)) {
              dm(b * C + c, k) += coef;
            }
          }
        }
      }
    }
    Eigen::Map<Eigen::Matrix<T, B * C, I>>(dtheta).noalias() += dm * x.transpose();
    if (dx != nullptr) {
      *dx = dy.template topRows<I>();
      dx->noalias() += w.transpose() * dm;
    }
  }
  /// Fills \f$W\f$ by `init` (fan-in A, fan-out BC).
  template <int I, class T, class Init, class Rng>
  void initialise(T* theta, const Init& init, Rng& rng) const {
    Eigen::Map<Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>> w(theta, B * C, I);
    init.fill(w, rng);
  }

 private:
  template <class T>
  static T l1(const batch<T, B * C>& m, int b, Eigen::Index i, Eigen::Index j) {
    using std::abs;
    T s = T(0);
    for (int c = 0; c < C; ++c) s += abs(m(b * C + c, i) - m(b * C + c, j));
    return s;
  }
};

}  // namespace minimax::nn
