#pragma once
/// \file
/// \brief Element-wise activations: relu, leaky_relu, elu, tanh, sigmoid, softplus, identity.
///
/// Each keeps the shape of its input, has no parameters, and is default-constructible. Backward
/// multiplies the upstream gradient by the derivative, written in terms of the input \f$x\f$ and the
/// cached output \f$y\f$ (so tanh and sigmoid reuse \f$y\f$). At a kink (relu at 0) the derivative of
/// the branch \f$x > 0\f$ is false, giving 0, as in every framework.

#include <cmath>

#include <Eigen/Core>

#include "minimax/core/config.hpp"
#include "minimax/core/dual.hpp"
#include "minimax/core/error.hpp"
#include "minimax/core/log1pexp.hpp"
#include "minimax/core/sigmoid.hpp"
#include "minimax/nn/batch.hpp"

namespace minimax::nn {
namespace detail {

/// Shared forward/backward of an element-wise activation `F` (F::value(x), F::slope(x, y)).
template <class F>
struct elementwise {
  /// \f$\bar x = \bar y\, f'(x)\f$: the activation's own `pullback` where it has one (a select for
  /// the piecewise-linear ones), else the upstream gradient times the slope.
  template <class T>
  MINIMAX_HOST_DEVICE static T pullback_of(const F& f, T x, T y, T dy) {
    if constexpr (requires { f.pullback(x, y, dy); }) {
      return f.pullback(x, y, dy);
    } else {
      return dy * f.slope(x, y);
    }
  }

  static constexpr int input_size = inherit_size;
  static constexpr int output_size_for(int in) { return in; }
  static constexpr Eigen::Index parameter_count_for(int) { return 0; }

  template <int I, class T>
  void forward(const T*, const batch<T, I>& x, batch<T, I>& y) const {
    const F& f = static_cast<const F&>(*this);
    y.resize(x.rows(), x.cols());
    const Eigen::Index n = x.size();
    const T* xs = x.data();
    T* ys = y.data();
    for (Eigen::Index k = 0; k < n; ++k) ys[k] = f.value(xs[k]);
  }

  template <int I, class T>
  void backward(const T*, const batch<T, I>& x, const batch<T, I>& y, const batch<T, I>& dy, T*, batch<T, I>* dx) const {
    if (dx == nullptr) return;
    const F& f = static_cast<const F&>(*this);
    dx->resize(x.rows(), x.cols());
    const Eigen::Index n = x.size();
    // plain pointers and a select where the activation has one: a loop the compiler vectorises
    const T* xs = x.data();
    const T* ys = y.data();
    const T* dys = dy.data();
    T* dxs = dx->data();
    for (Eigen::Index k = 0; k < n; ++k) dxs[k] = pullback_of(f, xs[k], ys[k], dys[k]);
  }

  /// \brief Tangent of the forward pass, \f$\dot y = f'(x)\,\dot x\f$ (zero when `x_dot` is null), by one
  /// dual number per entry: the same value function, its derivative exact.
  template <int I, class T>
  void forward_tangent(const T*, const T*, const batch<T, I>& x, const batch<T, I>* x_dot, const batch<T, I>&,
                       batch<T, I>& y_dot) const {
    y_dot.resize(x.rows(), x.cols());
    if (x_dot == nullptr) {
      y_dot.setZero();
      return;
    }
    const F& f = static_cast<const F&>(*this);
    const Eigen::Index n = x.size();
    const T* xs = x.data();
    const T* xds = x_dot->data();
    T* yds = y_dot.data();
    for (Eigen::Index k = 0; k < n; ++k) yds[k] = f.value(dual<T>(xs[k], xds[k])).derivative;
  }

  /// \brief Tangent of the backward pass, \f$\dot{\bar x} = \dot{\bar y} f'(x) + \bar y f''(x)\,\dot x\f$, by
  /// the pullback on dual numbers (for the piecewise-linear activations a select on \f$\dot{\bar y}\f$).
  template <int I, class T>
  void backward_tangent(const T*, const T*, const batch<T, I>& x, const batch<T, I>* x_dot, const batch<T, I>& y,
                        const batch<T, I>& y_dot, const batch<T, I>& dy, const batch<T, I>& dy_dot, T*,
                        batch<T, I>* dx_dot) const {
    if (dx_dot == nullptr) return;
    const F& f = static_cast<const F&>(*this);
    dx_dot->resize(x.rows(), x.cols());
    const Eigen::Index n = x.size();
    const T* xs = x.data();
    const T* xds = x_dot != nullptr ? x_dot->data() : nullptr;
    const T* ys = y.data();
    const T* yds = y_dot.data();
    const T* dys = dy.data();
    const T* dyds = dy_dot.data();
    T* out = dx_dot->data();
    for (Eigen::Index k = 0; k < n; ++k) {
      const dual<T> xk(xs[k], xds != nullptr ? xds[k] : T(0));
      out[k] = pullback_of(f, xk, dual<T>(ys[k], yds[k]), dual<T>(dys[k], dyds[k])).derivative;
    }
  }

  /// One sample of I features on raw arrays (host or device code; see nn::sample_network).
  template <int I, class T>
  MINIMAX_HOST_DEVICE void forward_sample(const T*, const T* x, T* y) const {
    const F& f = static_cast<const F&>(*this);
    for (int k = 0; k < I; ++k) y[k] = f.value(x[k]);
  }

  /// One sample's \f$\bar x = \bar y \odot f'(x)\f$ (no parameters), written when `dx` is not null.
  template <int I, class T>
  MINIMAX_HOST_DEVICE void backward_sample(const T*, const T* x, const T* y, const T* dy, T*, T* dx) const {
    if (dx == nullptr) return;
    const F& f = static_cast<const F&>(*this);
    for (int k = 0; k < I; ++k) dx[k] = pullback_of(f, x[k], y[k], dy[k]);
  }

  template <int I, class T, class Init, class Rng>
  void initialise(T*, const Init&, Rng&) const {}
};

}  // namespace detail

/// \brief Rectified linear unit \f$\max(x, 0)\f$; derivative \f$[x > 0]\f$.
struct relu : detail::elementwise<relu> {
  /// \f$\max(x, 0)\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T value(T x) const {
    return x > T(0) ? x : T(0);
  }
  /// \f$[x > 0]\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T slope(T x, T) const {
    return x > T(0) ? T(1) : T(0);
  }
  /// \f$\bar x = \bar y\f$ where \f$x > 0\f$, else 0: a select, which vectorises (a multiply by the
  /// slope compiles to a branch per element, mispredicted half the time).
  template <class T>
  MINIMAX_HOST_DEVICE T pullback(T x, T, T dy) const {
    return x > T(0) ? dy : T(0);
  }
};

/// \brief Leaky ReLU \f$x\f$ for \f$x > 0\f$, \f$a x\f$ otherwise (default \f$a = 0.2\f$).
struct leaky_relu : detail::elementwise<leaky_relu> {
  double negative_slope = 0.2;  ///< \f$a\f$, the slope for \f$x \le 0\f$.
  /// The default slope 0.2.
  leaky_relu() = default;
  /// Throws minimax::invalid_argument unless the slope is finite.
  explicit leaky_relu(double a) : negative_slope(a) {
    require_finite("minimax::nn::leaky_relu", "negative_slope", a);
  }
  /// \f$x\f$ or \f$a x\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T value(T x) const {
    return x > T(0) ? x : T(negative_slope) * x;
  }
  /// \f$1\f$ or \f$a\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T slope(T x, T) const {
    return x > T(0) ? T(1) : T(negative_slope);
  }
  /// \f$\bar x = \bar y\f$ or \f$a\bar y\f$: a select, which vectorises (as relu's).
  template <class T>
  MINIMAX_HOST_DEVICE T pullback(T x, T, T dy) const {
    return x > T(0) ? dy : T(negative_slope) * dy;
  }
};

/// \brief Exponential linear unit \f$x\f$ for \f$x > 0\f$, \f$\alpha(e^x - 1)\f$ otherwise (\f$\alpha = 1\f$).
///
/// Derivative \f$1\f$ or \f$\alpha e^x = y + \alpha\f$.
struct elu : detail::elementwise<elu> {
  double alpha = 1.0;  ///< \f$\alpha > 0\f$.
  /// \f$\alpha = 1\f$.
  elu() = default;
  /// Throws minimax::invalid_argument unless \f$\alpha\f$ is positive and finite.
  explicit elu(double a) : alpha(a) { require_positive("minimax::nn::elu", "alpha", a); }
  /// \f$x\f$ or \f$\alpha\operatorname{expm1}(x)\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T value(T x) const {
    using std::expm1;
    return x > T(0) ? x : T(alpha) * expm1(x);
  }
  /// \f$1\f$ or \f$y + \alpha\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T slope(T x, T y) const {
    return x > T(0) ? T(1) : y + T(alpha);
  }
};

/// \brief Hyperbolic tangent; derivative \f$1 - y^2\f$.
struct tanh : detail::elementwise<tanh> {
  /// \f$\tanh x\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T value(T x) const {
    using std::tanh;
    return tanh(x);
  }
  /// \f$1 - y^2\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T slope(T, T y) const {
    return T(1) - y * y;
  }
};

/// \brief Logistic sigmoid \f$\sigma(x) = 1/(1 + e^{-x})\f$ (overflow-free); derivative \f$y(1 - y)\f$.
struct sigmoid : detail::elementwise<sigmoid> {
  /// \f$\sigma(x)\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T value(T x) const {
    return ::minimax::sigmoid(x);
  }
  /// \f$y(1-y)\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T slope(T, T y) const {
    return y * (T(1) - y);
  }
};

/// \brief Softplus \f$\log(1 + e^x)\f$ (overflow-free); derivative \f$\sigma(x)\f$.
struct softplus : detail::elementwise<softplus> {
  /// \f$\log(1 + e^x)\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T value(T x) const {
    return ::minimax::log1pexp(x);
  }
  /// \f$\sigma(x)\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T slope(T x, T) const {
    return ::minimax::sigmoid(x);
  }
};

/// \brief The identity \f$x\f$ (a placeholder layer; derivative 1).
struct identity : detail::elementwise<identity> {
  /// \f$x\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T value(T x) const {
    return x;
  }
  /// \f$1\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T slope(T, T) const {
    return T(1);
  }
};

}  // namespace minimax::nn
