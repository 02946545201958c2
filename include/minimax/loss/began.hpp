#pragma once
/// \file
/// \brief BEGAN's losses (Berthelot, Schumm, Metz 2017): an autoencoder discriminator, the
/// reconstruction loss \f$\mathcal{L}(v) = |v - D(v)|^\eta\f$, the equilibrium variable \f$k_t\f$, and
/// the convergence measure \f$\mathcal{M}_\text{global}\f$.

#include <algorithm>
#include <cmath>

#include <Eigen/Core>

#include "minimax/core/error.hpp"
#include "minimax/nn/batch.hpp"

namespace minimax::loss {

/// \brief BEGAN. With \f$\mathcal{L}(v) = \frac{1}{d}\sum_j |v_j - D(v)_j|^\eta\f$ (the per-sample mean
/// over the \f$d\f$ features; \f$D\f$ an autoencoder, nn::autoencoder):
/// \f[ L_D = \mathcal{L}(x) - k_t\,\mathcal{L}(G(z)),\qquad L_G = \mathcal{L}(G(z)),\qquad
///     k_{t+1} = \operatorname{clip}_{[0,1]}\big(k_t + \lambda_k(\gamma\,\mathcal{L}(x) - \mathcal{L}(G(z)))\big), \f]
/// where \f$\gamma = \mathbb{E}\mathcal{L}(G(z)) / \mathbb{E}\mathcal{L}(x)\f$ is the diversity ratio the
/// equilibrium aims at, and
/// \f$\mathcal{M}_\text{global} = \mathcal{L}(x) + |\gamma\mathcal{L}(x) - \mathcal{L}(G(z))|\f$ measures convergence.
struct began {
  double eta = 1.0;        ///< \f$\eta \ge 1\f$ (1 in the paper's experiments; 2 for squared error).
  double gamma = 0.5;      ///< \f$\gamma \in (0, 1]\f$.
  double lambda_k = 1e-3;  ///< \f$\lambda_k \ge 0\f$, the proportional gain of the control of \f$k_t\f$.
  double k = 0.0;          ///< \f$k_t \in [0, 1]\f$.

  /// The paper's settings \f$\eta = 1, \gamma = 0.5, \lambda_k = 10^{-3}, k_0 = 0\f$.
  began() = default;
  /// Throws minimax::invalid_argument unless \f$\eta \ge 1\f$, \f$0 < \gamma \le 1\f$, \f$\lambda_k \ge 0\f$ and \f$k_0 \in [0, 1]\f$.
  began(double eta_, double gamma_, double lambda_k_, double k0 = 0.0) : eta(eta_), gamma(gamma_), lambda_k(lambda_k_), k(k0) {
    constexpr const char* fn = "minimax::loss::began";
    if (!(eta_ >= 1.0) || !std::isfinite(eta_)) raise_invalid_argument(fn, "eta must be finite and at least 1", eta_);
    if (!(gamma_ > 0.0 && gamma_ <= 1.0)) raise_invalid_argument(fn, "gamma must lie in (0, 1]", gamma_);
    require_non_negative(fn, "lambda_k", lambda_k_);
    if (!(k0 >= 0.0 && k0 <= 1.0)) raise_invalid_argument(fn, "k0 must lie in [0, 1]", k0);
  }

  /// \brief \f$\frac1n\sum_i \mathcal{L}(v_i)\f$ for samples `v` and their reconstructions `r` (same
  /// shape), with \f$\partial/\partial v\f$ and \f$\partial/\partial r\f$ written into `dv`, `dr` when not null.
  ///
  /// The derivative of \f$|t|^\eta\f$ is \f$\eta|t|^{\eta-1}\operatorname{sign} t\f$ (0 at \f$t = 0\f$).
  /// Throws minimax::invalid_argument when the shapes differ, the batch is empty, or an entry is not finite.
  template <class T, int D>
  T reconstruction_loss(const nn::batch<T, D>& v, const nn::batch<T, D>& r, nn::batch<T, D>* dv = nullptr,
                        nn::batch<T, D>* dr = nullptr) const {
    using std::abs;
    using std::exp;
    using std::log;
    constexpr const char* fn = "minimax::loss::began::reconstruction_loss";
    ::minimax::nn::detail::require_batch_shape(fn, "v", v, v.rows());
    require_same_size(fn, "v and r", static_cast<std::size_t>(v.size()), static_cast<std::size_t>(r.size()));
    ::minimax::nn::detail::require_all_finite(fn, "v", v);
    ::minimax::nn::detail::require_all_finite(fn, "r", r);
    const T scale = T(1.0 / double(v.size()));  // 1/(n d)
    if (dv != nullptr) dv->resize(v.rows(), v.cols());
    if (dr != nullptr) dr->resize(v.rows(), v.cols());
    T total = T(0);
    for (Eigen::Index k2 = 0; k2 < v.size(); ++k2) {
      const T t = v.data()[k2] - r.data()[k2];
      T value = T(0), slope = T(0);
      if (eta == 1.0) {
        value = abs(t);
        slope = t > T(0) ? T(1) : (t < T(0) ? T(-1) : T(0));
      } else if (eta == 2.0) {
        value = t * t;
        slope = T(2) * t;
      } else if (t != T(0)) {
        value = exp(T(eta) * log(abs(t)));
        slope = T(eta) * value / t;
      }
      total += value;
      if (dv != nullptr) dv->data()[k2] = scale * slope;
      if (dr != nullptr) dr->data()[k2] = -scale * slope;
    }
    return total * scale;
  }

  /// The proportional control step of \f$k_t\f$ from the current batch losses; returns the new \f$k\f$.
  double update(double loss_real, double loss_fake) {
    k = std::clamp(k + lambda_k * (gamma * loss_real - loss_fake), 0.0, 1.0);
    return k;
  }

  /// \f$\mathcal{M}_\text{global} = \mathcal{L}(x) + |\gamma\mathcal{L}(x) - \mathcal{L}(G(z))|\f$.
  double convergence(double loss_real, double loss_fake) const {
    return loss_real + std::abs(gamma * loss_real - loss_fake);
  }
};

}  // namespace minimax::loss
