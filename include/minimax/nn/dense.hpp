#pragma once
/// \file
/// \brief The fully connected layer \f$y = W x + b\f$.

#include <Eigen/Core>

#include <type_traits>

#include "minimax/core/config.hpp"
#include "minimax/nn/batch.hpp"
#include "minimax/nn/detail/gemm.hpp"
#include "minimax/nn/tangent.hpp"

namespace minimax::nn {

/// \brief Fully connected layer \f$y = W x + b\f$, \f$W \in \mathbb{R}^{\text{Out}\times\text{In}}\f$,
/// \f$b \in \mathbb{R}^{\text{Out}}\f$.
///
/// Parameters in the flat vector: \f$W\f$ column-major (\f$\text{Out}\cdot\text{In}\f$ entries), then
/// \f$b\f$; weight() and bias() are the named views. Backward (vector-Jacobian product) for an upstream
/// gradient \f$\bar y\f$: \f$\bar W \mathrel{+}= \bar y x^\top\f$, \f$\bar b \mathrel{+}= \sum_{\text{cols}} \bar y\f$,
/// \f$\bar x = W^\top \bar y\f$.
template <int In, int Out>
struct dense {
  static_assert(In > 0 && Out > 0, "minimax::nn::dense<In, Out>: both sizes must be positive");

  /// Inner dimensions up to this size use coefficient-wise (lazy) products instead of blocked ones.
  static constexpr int small = 8;
  /// The input size this layer requires.
  static constexpr int input_size = In;
  /// The output size (always Out).
  static constexpr int output_size_for(int) { return Out; }
  /// \f$\text{Out}\cdot\text{In} + \text{Out}\f$ parameters.
  static constexpr Eigen::Index parameter_count_for(int) { return Eigen::Index(Out) * In + Out; }

  /// The weight matrix \f$W\f$ viewed in place in the flat parameter vector starting at `theta`.
  template <class T>
  static Eigen::Map<Eigen::Matrix<T, Out, In>> weight(T* theta) {
    return Eigen::Map<Eigen::Matrix<T, Out, In>>(theta);
  }
  /// \overload
  template <class T>
  static Eigen::Map<const Eigen::Matrix<T, Out, In>> weight(const T* theta) {
    return Eigen::Map<const Eigen::Matrix<T, Out, In>>(theta);
  }
  /// The bias \f$b\f$ viewed in place (after \f$W\f$).
  template <class T>
  static Eigen::Map<Eigen::Matrix<T, Out, 1>> bias(T* theta) {
    return Eigen::Map<Eigen::Matrix<T, Out, 1>>(theta + Eigen::Index(Out) * In);
  }
  /// \overload
  template <class T>
  static Eigen::Map<const Eigen::Matrix<T, Out, 1>> bias(const T* theta) {
    return Eigen::Map<const Eigen::Matrix<T, Out, 1>>(theta + Eigen::Index(Out) * In);
  }

  /// \brief Forward pass \f$y = W x + b \mathbf{1}^\top\f$.
  ///
  /// On minimax::dual numbers, \f$\theta = v + d\,\varepsilon\f$ and \f$x = x_v + x_d\,\varepsilon\f$,
  /// the pass runs on the parts: the real pass on \f$(v, x_v)\f$ gives \f$y\f$'s real part and the
  /// tangent pass along \f$(d, x_d)\f$ (forward_tangent()) its infinitesimal part. So the products
  /// are real ones (blocked and vectorised; Eigen multiplies dual matrices a scalar at a time) and a
  /// unit that runs a network on duals instantiates no product of dual matrices.
  template <int I, class T>
  void forward(const T* theta, const batch<T, In>& x, batch<T, Out>& y) const {
    if constexpr (is_dual<T>) {
      using U = real_type_t<T>;
      const parts<U> p(theta);
      const batch<U, In> xv = detail::value_part(x), xd = detail::derivative_part(x);
      batch<U, Out> yv, yd;
      forward<I>(p.value.data(), xv, yv);
      forward_tangent<I>(p.value.data(), p.derivative.data(), xv, &xd, yv, yd);
      y = detail::dual_batch(yv, &yd);
    } else {
      multiply<In>(y, weight(theta), x, false);
      y.colwise() += bias(theta);
    }
  }

  /// \brief Backward pass: accumulates \f$\bar W, \bar b\f$ into `dtheta`; writes \f$\bar x\f$ when
  /// `dx` is not null. On dual numbers, the real pass and the tangent pass (backward_tangent()) on the
  /// parts, as forward().
  template <int I, class T>
  void backward(const T* theta, const batch<T, In>& x, const batch<T, Out>& /*y*/, const batch<T, Out>& dy, T* dtheta,
                batch<T, In>* dx) const {
    if constexpr (is_dual<T>) {
      using U = real_type_t<T>;
      const parts<U> p(theta);
      const batch<U, In> xv = detail::value_part(x), xd = detail::derivative_part(x);
      const batch<U, Out> dyv = detail::value_part(dy), dyd = detail::derivative_part(dy);
      const batch<U, Out> unread;  // the passes of W x + b do not read their output
      parts<U> gradient;           // the batch's gradient, added to dtheta once (as the real pass adds it)
      batch<U, In> dxv, dxd;
      backward<I>(p.value.data(), xv, unread, dyv, gradient.value.data(), dx != nullptr ? &dxv : nullptr);
      backward_tangent<I>(p.value.data(), p.derivative.data(), xv, &xd, unread, unread, dyv, dyd,
                          gradient.derivative.data(), dx != nullptr ? &dxd : nullptr);
      for (Eigen::Index k = 0; k < parameter_count_for(In); ++k) dtheta[k] += T(gradient.value[k], gradient.derivative[k]);
      if (dx != nullptr) *dx = detail::dual_batch(dxv, &dxd);
    } else {
      accumulate_weight_gradient(dy, x, dtheta);
      accumulate_bias_gradient(dy, dtheta);
      if (dx != nullptr) multiply<Out>(*dx, weight(theta).transpose(), dy, false);
    }
  }

  /// \brief Tangent of the forward pass (see nn::sequential::forward_tangent): with \f$\dot\theta =
  /// (\dot W, \dot b)\f$ and the input's tangent \f$\dot x\f$ (zero when `x_dot` is null),
  /// \f$\dot y = \dot W x + W \dot x + \dot b \mathbf{1}^\top\f$. Real products only: the dual
  /// numbers' \f$(W + \dot W\varepsilon)(x + \dot x\varepsilon)\f$ without their interleaved storage.
  template <int I, class T>
  void forward_tangent(const T* theta, const T* theta_dot, const batch<T, In>& x, const batch<T, In>* x_dot,
                       const batch<T, Out>& /*y*/, batch<T, Out>& y_dot) const {
    multiply<In>(y_dot, weight(theta_dot), x, false);
    if (x_dot != nullptr) multiply<In>(y_dot, weight(theta), *x_dot, true);
    y_dot.colwise() += bias(theta_dot);
  }

  /// \brief Tangent of the backward pass: with the forward values, the upstream gradient \f$\bar y\f$
  /// and the tangents \f$\dot\theta, \dot x\f$ (zero when null), \f$\dot{\bar y}\f$, accumulates
  /// \f$\dot{\bar W} \mathrel{+}= \dot{\bar y} x^\top + \bar y \dot x^\top\f$,
  /// \f$\dot{\bar b} \mathrel{+}= \sum_{\text{cols}} \dot{\bar y}\f$ into `dtheta_dot` and writes
  /// \f$\dot{\bar x} = \dot W^\top \bar y + W^\top \dot{\bar y}\f$ when `dx_dot` is not null.
  template <int I, class T>
  void backward_tangent(const T* theta, const T* theta_dot, const batch<T, In>& x, const batch<T, In>* x_dot,
                        const batch<T, Out>& /*y*/, const batch<T, Out>& /*y_dot*/, const batch<T, Out>& dy,
                        const batch<T, Out>& dy_dot, T* dtheta_dot, batch<T, In>* dx_dot) const {
    accumulate_weight_gradient(dy_dot, x, dtheta_dot);
    if (x_dot != nullptr) accumulate_weight_gradient(dy, *x_dot, dtheta_dot);
    accumulate_bias_gradient(dy_dot, dtheta_dot);
    if (dx_dot != nullptr) {
      multiply<Out>(*dx_dot, weight(theta_dot).transpose(), dy, false);
      multiply<Out>(*dx_dot, weight(theta).transpose(), dy_dot, true);
    }
  }

  /// \brief Forward pass of one sample \f$y = W x + b\f$ on raw arrays (host or device code; see
  /// nn::sample_network): `x` has In entries, `y` Out.
  template <int I, class T>
  MINIMAX_HOST_DEVICE void forward_sample(const T* theta, const T* x, T* y) const {
    for (int o = 0; o < Out; ++o) {
      T sum = T(0);
      for (int i = 0; i < In; ++i) sum += theta[i * Out + o] * x[i];  // W column-major: W(o, i) at i * Out + o
      y[o] = sum + theta[Out * In + o];
    }
  }

  /// \brief Backward pass of one sample: accumulates \f$\bar W \mathrel{+}= \bar y x^\top\f$ and
  /// \f$\bar b \mathrel{+}= \bar y\f$ into `dtheta` when it is not null; writes \f$\bar x = W^\top \bar y\f$
  /// when `dx` is not null.
  template <int I, class T>
  MINIMAX_HOST_DEVICE void backward_sample(const T* theta, const T* x, const T* /*y*/, const T* dy, T* dtheta,
                                           T* dx) const {
    if (dtheta != nullptr) {
      for (int i = 0; i < In; ++i)
        for (int o = 0; o < Out; ++o) dtheta[i * Out + o] += dy[o] * x[i];
      for (int o = 0; o < Out; ++o) dtheta[Out * In + o] += dy[o];
    }
    if (dx != nullptr) {
      for (int i = 0; i < In; ++i) {
        T sum = T(0);
        for (int o = 0; o < Out; ++o) sum += theta[i * Out + o] * dy[o];
        dx[i] = sum;
      }
    }
  }

  /// Fills \f$W\f$ with `init` (fan-in In, fan-out Out) and sets \f$b = 0\f$.
  template <int I, class T, class Init, class Rng>
  void initialise(T* theta, const Init& init, Rng& rng) const {
    Eigen::Map<Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>> w(theta, Out, In);
    init.fill(w, rng);
    bias(theta).setZero();
  }

 private:
  template <class T>
  static constexpr bool is_dual = !std::is_same_v<real_type_t<T>, T>;

  // the real and infinitesimal parts of a layer's dual parameters (zeros where constructed empty)
  template <class U>
  struct parts {
    vector<U> value, derivative;
    parts() : value(vector<U>::Zero(parameter_count_for(In))), derivative(vector<U>::Zero(parameter_count_for(In))) {}
    explicit parts(const dual<U>* theta)
        : value(detail::value_part(Eigen::Map<const vector<dual<U>>>(theta, parameter_count_for(In)))),
          derivative(detail::derivative_part(Eigen::Map<const vector<dual<U>>>(theta, parameter_count_for(In)))) {}
  };

  // c = a b, or c += a b (c already sized): coefficient-wise for an inner dimension up to `small`
  // (a blocked product costs more than it saves there), blocked otherwise: by minimax's kernel for
  // large float and double products where it is compiled in, by Eigen's product elsewhere
  template <int Inner, class C, class A, class B>
  static void multiply(C& c, const A& a, const B& b, bool accumulate) {
    if (!accumulate) c.resize(a.rows(), b.cols());
    if (kernel_product(a, b, c.data(), c.outerStride(), accumulate)) return;
    if constexpr (Inner <= small) {
      if (accumulate) {
        c.noalias() += a.lazyProduct(b);
      } else {
        c.noalias() = a.lazyProduct(b);
      }
    } else {
      if (accumulate) {
        c.noalias() += a * b;
      } else {
        c.noalias() = a * b;
      }
    }
  }

  // With MINIMAX_HAS_GEMM_KERNEL, c = a b (or c += a b), c column-major with leading dimension ldc,
  // by the blocked kernel when the scalar is float or double and the product is large enough for
  // packing to pay (at least 64 x 64 outputs, inner dimension above `small`); false where it did
  // nothing.
  template <class A, class B, class T>
  static bool kernel_product([[maybe_unused]] const A& a, [[maybe_unused]] const B& b, [[maybe_unused]] T* c,
                             [[maybe_unused]] Eigen::Index ldc, [[maybe_unused]] bool accumulate) {
#if MINIMAX_HAS_GEMM_KERNEL
    if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
      constexpr Eigen::Index large = 64;
      if (a.rows() >= large && b.cols() >= large && a.cols() > small) {
        detail::gemm_kernel<T>::run(a.rows(), b.cols(), a.cols(), detail::strided_view(a), detail::strided_view(b), c,
                                    ldc, accumulate);
        return true;
      }
    }
#endif
    return false;
  }

  // dW += dy x^T into the weight block of `dtheta`
  template <class T>
  static void accumulate_weight_gradient(const batch<T, Out>& dy, const batch<T, In>& x, T* dtheta) {
    auto dw = weight(dtheta);
    if (kernel_product(dy, x.transpose(), dw.data(), Out, true)) return;
    if constexpr (In <= small) {
      // one fixed-size outer product per sample beats a blocked product with a tiny output; summed
      // apart, then added once, so that backward adds exactly the batch's gradient (with FMA too)
      Eigen::Matrix<T, Out, In> sum = Eigen::Matrix<T, Out, In>::Zero();
      for (Eigen::Index i = 0; i < x.cols(); ++i) sum.noalias() += dy.col(i) * x.col(i).transpose();
      dw += sum;
    } else {
      dw.noalias() += dy * x.transpose();
    }
  }

  // db += the column sum of dy: summed column after column (contiguous reads; a row-wise sum strides
  // across the whole batch), then added once, so that it adds exactly the batch's gradient
  template <class T>
  static void accumulate_bias_gradient(const batch<T, Out>& dy, T* dtheta) {
    Eigen::Matrix<T, Out, 1> db = Eigen::Matrix<T, Out, 1>::Zero();
    for (Eigen::Index i = 0; i < dy.cols(); ++i) db += dy.col(i);
    bias(dtheta) += db;
  }
};

}  // namespace minimax::nn
