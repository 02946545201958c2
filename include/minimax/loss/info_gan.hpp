#pragma once
/// \file
/// \brief InfoGAN's mutual-information term (Chen et al. 2016) for categorical and Gaussian codes.
///
/// InfoGAN adds \f$-\lambda L_I\f$ to the game, with the variational lower bound
/// \f[ I(c; G(z, c)) \ge \mathbb{E}_{c, x = G(z,c)}[\log Q(c \mid x)] + H(c) = H(c) - L_I, \f]
/// \f$Q\f$ an auxiliary head on the discriminator. \f$L_I\f$ (a cross-entropy) is minimised by both
/// \f$G\f$ and \f$Q\f$; these functions return the batch mean of \f$-\log Q(c_i \mid x_i)\f$ and its
/// gradient with respect to \f$Q\f$'s outputs.

#include <cmath>
#include <numbers>
#include <vector>

#include <Eigen/Core>

#include "minimax/core/error.hpp"
#include "minimax/core/logsumexp.hpp"
#include "minimax/nn/batch.hpp"

namespace minimax::loss {

/// \brief Categorical code: \f$L_I = \frac1n\sum_i \big(\operatorname{logsumexp}(q_i) - q_{i, c_i}\big)\f$
/// for logits \f$q_i\f$ (column \f$i\f$ of `logits`, \f$K\f$ classes) and codes \f$c_i \in \{0..K-1\}\f$;
/// gradient \f$(\operatorname{softmax}(q_i) - e_{c_i})/n\f$ into `d_logits` when not null.
///
/// For a uniform code, \f$H(c) = \log K\f$, so \f$\log K - L_I\f$ is the lower bound on the mutual
/// information. Throws minimax::invalid_argument for a code outside \f$[0, K)\f$, a size mismatch,
/// an empty batch or non-finite logits.
template <class T, int K>
T info_gan_categorical(const nn::batch<T, K>& logits, const std::vector<int>& codes, nn::batch<T, K>* d_logits = nullptr) {
  using std::exp;
  constexpr const char* fn = "minimax::loss::info_gan_categorical";
  ::minimax::nn::detail::require_batch_shape(fn, "logits", logits, logits.rows());
  require_same_size(fn, "codes and the batch", codes.size(), static_cast<std::size_t>(logits.cols()));
  ::minimax::nn::detail::require_all_finite(fn, "logits", logits);
  const Eigen::Index n = logits.cols();
  const T inv_n = T(1.0 / double(n));
  if (d_logits != nullptr) d_logits->resize(logits.rows(), n);
  T total = T(0);
  for (Eigen::Index i = 0; i < n; ++i) {
    const int c = codes[static_cast<std::size_t>(i)];
    if (c < 0 || c >= logits.rows()) {
      raise_invalid_argument(fn, "codes[" + ::minimax::detail::to_text(i) + "] must lie in [0, " +
                                     ::minimax::detail::to_text(logits.rows()) + ")", c);
    }
    const Eigen::Matrix<T, K, 1> q = logits.col(i);
    const T lse = ::minimax::logsumexp(q);
    total += lse - q(c);
    if (d_logits != nullptr) {
      for (Eigen::Index j = 0; j < q.size(); ++j) (*d_logits)(j, i) = exp(q(j) - lse) * inv_n;
      (*d_logits)(c, i) -= inv_n;
    }
  }
  return total * inv_n;
}

/// \brief Gaussian code: \f$L_I = \frac1n\sum_{i,j}\big(\tfrac12\log 2\pi + s_{ij} + \tfrac12(c_{ij} - \mu_{ij})^2 e^{-2 s_{ij}}\big)\f$,
/// the negative log-density of \f$c\f$ under \f$Q = N(\mu, e^{2s})\f$ (factorised), with gradients
/// \f$\partial/\partial\mu = -(c - \mu)e^{-2s}/n\f$ and \f$\partial/\partial s = (1 - (c-\mu)^2 e^{-2s})/n\f$.
///
/// Throws minimax::invalid_argument when the three batches differ in shape or hold non-finite entries.
template <class T, int K>
T info_gan_gaussian(const nn::batch<T, K>& mean, const nn::batch<T, K>& log_std, const nn::batch<T, K>& codes,
                    nn::batch<T, K>* d_mean = nullptr, nn::batch<T, K>* d_log_std = nullptr) {
  using std::exp;
  constexpr const char* fn = "minimax::loss::info_gan_gaussian";
  ::minimax::nn::detail::require_batch_shape(fn, "mean", mean, mean.rows());
  require_same_size(fn, "mean and log_std", static_cast<std::size_t>(mean.size()), static_cast<std::size_t>(log_std.size()));
  require_same_size(fn, "mean and codes", static_cast<std::size_t>(mean.size()), static_cast<std::size_t>(codes.size()));
  ::minimax::nn::detail::require_all_finite(fn, "mean", mean);
  ::minimax::nn::detail::require_all_finite(fn, "log_std", log_std);
  ::minimax::nn::detail::require_all_finite(fn, "codes", codes);
  const T inv_n = T(1.0 / double(mean.cols()));
  const T half_log_2pi = T(0.5 * std::log(2 * std::numbers::pi));
  if (d_mean != nullptr) d_mean->resize(mean.rows(), mean.cols());
  if (d_log_std != nullptr) d_log_std->resize(mean.rows(), mean.cols());
  T total = T(0);
  for (Eigen::Index k = 0; k < mean.size(); ++k) {
    const T r = codes.data()[k] - mean.data()[k];
    const T prec = exp(T(-2) * log_std.data()[k]);
    total += half_log_2pi + log_std.data()[k] + T(0.5) * r * r * prec;
    if (d_mean != nullptr) d_mean->data()[k] = -r * prec * inv_n;
    if (d_log_std != nullptr) d_log_std->data()[k] = (T(1) - r * r * prec) * inv_n;
  }
  return total * inv_n;
}

}  // namespace minimax::loss
