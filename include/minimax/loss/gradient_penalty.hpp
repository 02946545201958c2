#pragma once
/// \file
/// \brief Gradient penalties on the discriminator: R1 and R2 (Mescheder et al. 2018) and WGAN-GP
/// (Gulrajani et al. 2017), with their parameter gradients by forward-over-reverse.
///
/// A penalty is a function of \f$g_i = \nabla_x D_\theta(x_i)\f$, the gradient of the discriminator's
/// raw output with respect to its input, summed over a batch: \f$\Omega(\theta) = \sum_i \varphi(g_i)\f$.
/// Its parameter gradient is a mixed second derivative,
/// \f[ \nabla_\theta\Omega = \sum_i \nabla^2_{\theta x} D_\theta(x_i)\; w_i, \qquad w_i = \nabla\varphi(g_i), \f]
/// which is the \f$\varepsilon\f$ part of \f$\nabla_\theta \sum_i D_\theta(x_i + \varepsilon w_i)\f$: one
/// forward and backward pass of the network on minimax::dual numbers, after a first pass that finds the
/// \f$g_i\f$. No Hessian is formed. Networks whose layers couple samples (minibatch features) are handled
/// exactly, with \f$g_i\f$ the gradient of \f$\sum_j D(x_j)\f$ with respect to \f$x_i\f$.
///
/// The network is any type with the interface of nn::sequential and one output.

#include <cmath>
#include <random>
#include <utility>

#include <Eigen/Core>

#include "minimax/core/dual.hpp"
#include "minimax/core/error.hpp"
#include "minimax/nn/batch.hpp"

namespace minimax::loss {
namespace detail {

template <class Net, class P, class X, class G, class Phi>
typename X::Scalar penalty_with_gradient(const char* fn, const Net& net, const Eigen::MatrixBase<P>& theta,
                                         const Eigen::MatrixBase<X>& x, const Eigen::MatrixBase<G>& grad, const Phi& phi) {
  using T = typename X::Scalar;
  using U = dual<T>;
  constexpr int In = Net::input_size;
  static_assert(Net::output_size == 1, "minimax::loss: gradient penalties need a discriminator with one output");
  if (theta.size() != Net::parameter_count || grad.size() != Net::parameter_count) {
    raise_invalid_argument(fn, "theta and grad must have the discriminator's parameter count " +
                                   ::minimax::detail::to_text(Net::parameter_count),
                           ::minimax::detail::to_text(theta.size()) + " and " + ::minimax::detail::to_text(grad.size()));
  }
  ::minimax::nn::detail::require_batch_shape(fn, "x", x, In);
  const nn::batch<T, In> xe = x;
  const Eigen::Index n = xe.cols();
  // pass 1: g_i = grad_x D(x_i)
  typename Net::template tape<T> t;
  net.forward(theta, xe, t);
  nn::vector<T> scratch = nn::vector<T>::Zero(Net::parameter_count);
  nn::batch<T, In> g;
  net.backward(theta, t, nn::batch<T, 1>::Ones(1, n), scratch, &g);
  // the penalty and its gradient with respect to each g_i
  nn::batch<T, In> w(In, n);
  T value = T(0);
  for (Eigen::Index i = 0; i < n; ++i) {
    auto [v, wi] = phi(g.col(i), n);
    value += v;
    w.col(i) = wi;
  }
  // pass 2, on duals: the eps part of grad_theta sum_i D(x_i + eps w_i) is sum_i H_{theta x} w_i
  const nn::vector<U> theta_u = theta.template cast<U>();
  nn::batch<U, In> xu(In, n);
  for (Eigen::Index k = 0; k < xe.size(); ++k) xu.data()[k] = U(xe.data()[k], w.data()[k]);
  typename Net::template tape<U> tu;
  net.forward(theta_u, xu, tu);
  nn::vector<U> gu = nn::vector<U>::Zero(Net::parameter_count);
  net.backward(theta_u, tu, nn::batch<U, 1>::Ones(1, n), gu);
  auto& out = const_cast<Eigen::MatrixBase<G>&>(grad);  // Eigen's idiom for writable expression arguments
  for (Eigen::Index k = 0; k < gu.size(); ++k) out(k) += gu[k].derivative;
  return value;
}

// R1 and R2: (gamma / 2) mean ||grad_x D||^2 over the batch x, with its parameter gradient into grad.
template <class Net, class P, class X, class G>
typename X::Scalar squared_gradient_penalty(const char* fn, double gamma, const Net& net, const Eigen::MatrixBase<P>& theta,
                                            const Eigen::MatrixBase<X>& x, const Eigen::MatrixBase<G>& grad) {
  using T = typename X::Scalar;
  return penalty_with_gradient(fn, net, theta, x, grad, [gamma](const auto& g, Eigen::Index n) {
    const T scale = T(gamma / double(n));
    return std::make_pair(T(0.5) * scale * g.squaredNorm(), (scale * g).eval());
  });
}

}  // namespace detail

/// \brief R1 (Mescheder, Geiger, Nowozin 2018): \f$\frac{\gamma}{2}\,\mathbb{E}_{x\sim p_\text{data}}\|\nabla_x D(x)\|^2\f$
/// on real samples. Added to the discriminator's loss.
///
/// In the Dirac-GAN (\f$D_\psi(x) = \psi x\f$) it is \f$\frac{\gamma}{2}\psi^2\f$ and makes the
/// equilibrium locally convergent for every \f$\gamma > 0\f$.
struct r1 {
  double gamma = 1.0;  ///< \f$\gamma > 0\f$.
  /// \f$\gamma = 1\f$.
  r1() = default;
  /// Throws minimax::invalid_argument unless \f$\gamma\f$ is positive and finite.
  explicit r1(double g) : gamma(g) { require_positive("minimax::loss::r1", "gamma", g); }
  /// \brief \f$\varphi(g) = \frac{\gamma}{2} g^2\f$ on one scalar input gradient \f$g\f$ (the
  /// games::GradientPenalty role: what a game with a scalar discriminator input uses).
  template <class T>
  MINIMAX_HOST_DEVICE T penalty_at_gradient(const T& g) const {
    return T(0.5 * gamma) * g * g;
  }
  /// \f$\varphi'(g) = \gamma g\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T penalty_slope_at_gradient(const T& g) const {
    return T(gamma) * g;
  }
  /// \brief The penalty on the batch `x` (one sample per column), adding its gradient with respect to
  /// the discriminator's parameters `theta` into `grad`.
  ///
  /// Throws minimax::invalid_argument on a wrong parameter count, a wrong input shape or non-finite input.
  template <class Net, class P, class X, class G>
  typename X::Scalar penalty(const Net& net, const Eigen::MatrixBase<P>& theta, const Eigen::MatrixBase<X>& x,
                             const Eigen::MatrixBase<G>& grad) const {
    return detail::squared_gradient_penalty("minimax::loss::r1::penalty", gamma, net, theta, x, grad);
  }
};

/// \brief R2: the same penalty as r1, \f$\frac{\gamma}{2}\,\mathbb{E}_{x\sim p_g}\|\nabla_x D(x)\|^2\f$,
/// taken on generated samples (pass them as `x`).
struct r2 {
  double gamma = 1.0;  ///< \f$\gamma > 0\f$.
  /// \f$\gamma = 1\f$.
  r2() = default;
  /// Throws minimax::invalid_argument unless \f$\gamma\f$ is positive and finite.
  explicit r2(double g) : gamma(g) { require_positive("minimax::loss::r2", "gamma", g); }
  /// \brief \f$\varphi(g) = \frac{\gamma}{2} g^2\f$ on one scalar input gradient \f$g\f$ (the
  /// games::GradientPenalty role: what a game with a scalar discriminator input uses).
  template <class T>
  MINIMAX_HOST_DEVICE T penalty_at_gradient(const T& g) const {
    return T(0.5 * gamma) * g * g;
  }
  /// \f$\varphi'(g) = \gamma g\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T penalty_slope_at_gradient(const T& g) const {
    return T(gamma) * g;
  }
  /// The penalty on the generated batch `x`, adding its parameter gradient into `grad` (see r1::penalty()).
  template <class Net, class P, class X, class G>
  typename X::Scalar penalty(const Net& net, const Eigen::MatrixBase<P>& theta, const Eigen::MatrixBase<X>& x,
                             const Eigen::MatrixBase<G>& grad) const {
    return detail::squared_gradient_penalty("minimax::loss::r2::penalty", gamma, net, theta, x, grad);
  }
};

/// \brief WGAN-GP (Gulrajani et al. 2017): \f$\lambda\,\mathbb{E}_{\hat x}(\|\nabla_x D(\hat x)\|_2 - 1)^2\f$
/// at interpolates \f$\hat x = t x_r + (1 - t) x_f\f$, \f$t \sim U(0, 1)\f$ per sample.
///
/// Where \f$\nabla_x D(\hat x) = 0\f$ the penalty \f$\lambda\f$ is not differentiable in
/// \f$g\f$; the subgradient 0 is used there.
struct wgan_gp {
  double lambda = 10.0;  ///< \f$\lambda > 0\f$ (the paper's 10 by default).
  /// \f$\lambda = 10\f$.
  wgan_gp() = default;
  /// Throws minimax::invalid_argument unless \f$\lambda\f$ is positive and finite.
  explicit wgan_gp(double l) : lambda(l) { require_positive("minimax::loss::wgan_gp", "lambda", l); }
  /// \brief \f$\varphi(g) = \lambda(\lvert g\rvert - 1)^2\f$ on one scalar input gradient \f$g\f$ (the
  /// games::GradientPenalty role).
  template <class T>
  MINIMAX_HOST_DEVICE T penalty_at_gradient(const T& g) const {
    const T gap = (g < T(0.0) ? -g : g) - T(1.0);
    return T(lambda) * gap * gap;
  }
  /// \f$\varphi'(g) = 2\lambda(\lvert g\rvert - 1)\operatorname{sign} g\f$, the subgradient 0 at \f$g = 0\f$.
  template <class T>
  MINIMAX_HOST_DEVICE T penalty_slope_at_gradient(const T& g) const {
    if (g == T(0.0)) return T(0.0);
    const T sign = g > T(0.0) ? T(1.0) : T(-1.0);
    const T magnitude = g > T(0.0) ? g : -g;
    return T(2.0 * lambda) * (magnitude - T(1.0)) * sign;
  }

  /// \brief The penalty at the interpolates with the given weights `t` (\f$1 \times n\f$, in [0, 1]),
  /// adding its parameter gradient into `grad`.
  ///
  /// Throws minimax::invalid_argument when `real` and `fake` differ in shape, when `t` has the wrong
  /// size or an entry outside [0, 1], or as r1::penalty() does.
  template <class Net, class P, class X, class Y, class W, class G>
  typename X::Scalar penalty(const Net& net, const Eigen::MatrixBase<P>& theta, const Eigen::MatrixBase<X>& real,
                             const Eigen::MatrixBase<Y>& fake, const Eigen::MatrixBase<W>& t,
                             const Eigen::MatrixBase<G>& grad) const {
    using T = typename X::Scalar;
    constexpr const char* fn = "minimax::loss::wgan_gp::penalty";
    require_same_size(fn, "real and fake", static_cast<std::size_t>(real.size()), static_cast<std::size_t>(fake.size()));
    require_same_size(fn, "t and the batch", static_cast<std::size_t>(t.size()), static_cast<std::size_t>(real.cols()));
    for (Eigen::Index i = 0; i < t.size(); ++i) {
      const auto ti = value_of(t(i));
      if (!(ti >= 0 && ti <= 1)) raise_invalid_argument(fn, "t[" + ::minimax::detail::to_text(i) + "] must lie in [0, 1]", ti);
    }
    nn::batch<T, Net::input_size> x(real.rows(), real.cols());
    for (Eigen::Index j = 0; j < real.cols(); ++j) x.col(j) = T(t(j)) * real.col(j) + (T(1) - T(t(j))) * fake.col(j);
    const double lam = lambda;
    return detail::penalty_with_gradient(fn, net, theta, x, grad, [lam](const auto& g, Eigen::Index n) {
      using std::sqrt;
      const T scale = T(lam / double(n));
      const T norm = sqrt(g.squaredNorm());
      const T gap = norm - T(1);
      auto w = (g * T(0)).eval();
      if (norm > T(0)) w = (T(2) * scale * gap / norm) * g;
      return std::make_pair(scale * gap * gap, w);
    });
  }

  /// The penalty with \f$t_i \sim U(0, 1)\f$ drawn from `rng`.
  template <class Net, class P, class X, class Y, class G, std::uniform_random_bit_generator Rng>
  typename X::Scalar penalty(const Net& net, const Eigen::MatrixBase<P>& theta, const Eigen::MatrixBase<X>& real,
                             const Eigen::MatrixBase<Y>& fake, const Eigen::MatrixBase<G>& grad, Rng& rng) const {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    Eigen::RowVectorXd t(real.cols());
    for (auto& v : t) v = u(rng);
    return penalty(net, theta, real, fake, t, grad);
  }
};

}  // namespace minimax::loss
