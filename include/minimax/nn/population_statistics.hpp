#pragma once
/// \file
/// \brief Running averages of the batch statistics of a network's batch-normalisation layers, kept
/// over training for inference mode.

#include <cmath>
#include <cstddef>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "minimax/core/error.hpp"
#include "minimax/nn/batch_norm.hpp"

namespace minimax::nn {

/// \brief Calls `f(layer, std::integral_constant<std::size_t, K>{})` for each nn::batch_norm layer K of a
/// sequential network, in order (the layer const or not as `net` is).
template <class Net, class F>
void for_each_batch_norm(Net& net, F&& f) {
  using N = std::remove_const_t<Net>;
  [&]<std::size_t... K>(std::index_sequence<K...>) {
    (
        [&] {
          using L = std::remove_cvref_t<decltype(net.template layer<K>())>;
          if constexpr (std::is_same_v<L, batch_norm>) f(net.template layer<K>(), std::integral_constant<std::size_t, K>{});
        }(),
        ...);
  }(std::make_index_sequence<N::depth>{});
}

/// \brief The population statistics of every nn::batch_norm layer of a sequential network, kept as
/// running averages of the training batches' statistics, and put into the layers for inference.
///
/// After each training pass, update(net, tape) reads each batch-normalisation layer's input as the
/// pass recorded it on its tape (`tape.values[k]` for layer k) and folds that batch's per-feature
/// mean \f$\mu\f$ and spread into the averages, from \f$m = 0\f$ and a spread of 1 (as the frameworks
/// start):
/// \f[ m \leftarrow (1 - \alpha)\, m + \alpha\,\mu, \qquad
///     r \leftarrow (1 - \alpha)\, r + \alpha\, r_{\text{batch}}, \f]
/// with momentum \f$\alpha \in (0, 1]\f$, or \f$\alpha = 1/t\f$ at the t-th update (cumulative(): the
/// plain mean of all batches' statistics). What \f$r\f$ is, is the convention's (`kept`):
/// - kept::standard_deviation: \f$r = \sqrt{\sigma^2 + \epsilon}\f$, what training mode divides by
///   (batch_norm::batch_statistics); inference divides by \f$r\f$ itself. Blocks (the code behind
///   PacGAN's and ALI's tables; \f$\alpha = 0.05\f$).
/// - kept::variance: \f$r = \sigma^2 = \frac1n\sum_i (x_i - \mu)^2\f$; inference divides by
///   \f$\sqrt{r + \epsilon}\f$.
/// - kept::unbiased_variance: \f$r = \frac{n}{n - 1}\sigma^2\f$; inference divides by
///   \f$\sqrt{r + \epsilon}\f$. PyTorch's `BatchNorm1d` (\f$\alpha = 0.1\f$); a batch needs two samples.
///
/// \f$\epsilon\f$ is each layer's own. apply(net) puts every layer in inference mode on the averages
/// (batch_norm::use_population); inference(net) returns a copy so put. The layers are matched by order:
/// the b-th batch-normalisation layer of the network is average b. Only the network's own
/// batch_norm layers are seen (not one inside a user's layer type).
///
/// `Real` is the scalar the averages are kept in (each batch's statistics are computed in double);
/// nn::population_statistics keeps them in double. A class template, so that a unit that includes it
/// and never keeps statistics instantiates nothing of it.
template <class Real = double>
class basic_population_statistics {
 public:
  using array = Eigen::Array<Real, Eigen::Dynamic, 1>;  ///< one average per feature
  /// What the running average of a layer's spread is taken of.
  enum class kept {
    standard_deviation,  ///< \f$\sqrt{\sigma^2 + \epsilon}\f$ (Blocks)
    variance,            ///< \f$\sigma^2\f$, the batch's own (biased) variance
    unbiased_variance    ///< \f$\frac{n}{n-1}\sigma^2\f$ (PyTorch)
  };

  /// \brief Exponential running averages with momentum \f$\alpha\f$ (the weight of the newest batch).
  /// \throws minimax::invalid_argument unless \f$0 < \alpha \le 1\f$.
  explicit basic_population_statistics(double momentum, kept spread = kept::standard_deviation)
      : momentum_(momentum), spread_(spread) {
    constexpr const char* fn = "minimax::nn::population_statistics";
    if (!(momentum > 0.0 && momentum <= 1.0)) raise_invalid_argument(fn, "the momentum must be in (0, 1]", momentum);
  }
  /// The plain mean of every batch's statistics (\f$\alpha = 1/t\f$ at the t-th update).
  static basic_population_statistics cumulative(kept spread = kept::standard_deviation) {
    basic_population_statistics s(1.0, spread);
    s.cumulative_ = true;
    return s;
  }
  /// Blocks' convention: \f$\alpha = 0.05\f$, the standard deviation \f$\sqrt{\sigma^2 + \epsilon}\f$ averaged.
  static basic_population_statistics blocks() { return basic_population_statistics(0.05, kept::standard_deviation); }
  /// PyTorch's convention: \f$\alpha = 0.1\f$, the unbiased variance averaged.
  static basic_population_statistics pytorch() { return basic_population_statistics(0.1, kept::unbiased_variance); }

  /// \brief Folds in the statistics of the batch that `tape` recorded, after `net.forward(theta, x, tape)`
  /// (or any pass that filled `tape.values` for `net`) in training mode.
  /// \throws minimax::invalid_argument when a layer's feature count differs from the earlier updates',
  /// its input is empty or not finite, or (kept::unbiased_variance) a batch has one sample.
  template <class Net, class Tape>
  void update(const Net& net, const Tape& tape) {
    constexpr const char* fn = "minimax::nn::population_statistics::update";
    // every layer's statistics first, so that a refused batch leaves the averages as they were
    std::vector<Eigen::ArrayXd> means, spreads;
    for_each_batch_norm(net, [&](const batch_norm& layer, auto k) {
      const auto& x = std::get<decltype(k)::value>(tape.values);
      using T = typename std::remove_cvref_t<decltype(x)>::Scalar;
      static_assert(std::is_floating_point_v<T>,
                    "minimax::nn::population_statistics::update: the tape must hold floating-point values");
      require_non_empty(fn, "a batch-normalisation layer's input batch", static_cast<std::size_t>(x.cols()));
      if (spread_ == kept::unbiased_variance && x.cols() < 2) {
        raise_invalid_argument(fn, "the unbiased variance needs batches of at least two samples, a batch's size",
                               x.cols());
      }
      Eigen::ArrayXd mu, r;
      layer.batch_statistics(x, mu, r);
      if (spread_ != kept::standard_deviation) {
        const double divisor = static_cast<double>(spread_ == kept::variance ? x.cols() : x.cols() - 1);
        for (Eigen::Index j = 0; j < x.rows(); ++j) {
          // two passes, as training mode's own statistics: no cancellation
          r[j] = (x.row(j).template cast<double>().array() - mu[j]).square().sum() / divisor;
        }
      }
      for (Eigen::Index j = 0; j < x.rows(); ++j) {
        require_finite(fn, "a batch-normalisation layer's batch mean", mu[j]);
        require_finite(fn, "a batch-normalisation layer's batch spread", r[j]);
      }
      means.push_back(std::move(mu));
      spreads.push_back(std::move(r));
    });
    if (updates_ > 0) {
      require_same_size(fn, "the network's batch-normalisation layers now and at the earlier updates", means.size(),
                        mean_.size());
      for (std::size_t b = 0; b < means.size(); ++b) {
        require_same_size(fn, "a batch-normalisation layer's features now and at the earlier updates",
                          static_cast<std::size_t>(means[b].size()), static_cast<std::size_t>(mean_[b].size()));
      }
    } else {
      for (const Eigen::ArrayXd& mu : means) {
        mean_.push_back(array::Zero(mu.size()));
        spread_average_.push_back(array::Ones(mu.size()));
      }
    }
    const double alpha = cumulative_ ? 1.0 / static_cast<double>(updates_ + 1) : momentum_;
    for (std::size_t b = 0; b < means.size(); ++b) {
      mean_[b] = Real(1 - alpha) * mean_[b] + Real(alpha) * means[b].template cast<Real>();
      spread_average_[b] = Real(1 - alpha) * spread_average_[b] + Real(alpha) * spreads[b].template cast<Real>();
    }
    ++updates_;
  }

  /// \brief Puts every batch-normalisation layer of `net` in inference mode on the averages.
  /// \throws minimax::invalid_argument before any update, or when `net` has another number of
  /// batch-normalisation layers than the updates saw.
  template <class Net>
  void apply(Net& net) const {
    constexpr const char* fn = "minimax::nn::population_statistics::apply";
    if (updates_ == 0) raise_invalid_argument(fn, "no batch has been folded in yet (call update first), updates", 0);
    std::size_t count = 0;
    for_each_batch_norm(net, [&](const batch_norm&, auto) { ++count; });
    require_same_size(fn, "the network's batch-normalisation layers and the averages kept", count, mean_.size());
    std::size_t b = 0;
    for_each_batch_norm(net, [&](batch_norm& layer, auto) {
      layer.use_population(mean_[b].template cast<double>(), standard_deviation(b, layer.epsilon));
      ++b;
    });
  }
  /// A copy of `net` in inference mode on the averages (see apply()).
  template <class Net>
  Net inference(Net net) const {
    apply(net);
    return net;
  }

  /// The number of batch-normalisation layers seen (0 before the first update).
  std::size_t layers() const { return mean_.size(); }
  /// The number of batches folded in.
  long updates() const { return updates_; }
  /// The momentum \f$\alpha\f$ (1 for cumulative(), whose weight is 1/t instead).
  double momentum() const { return momentum_; }
  /// Whether the averages are cumulative (\f$\alpha = 1/t\f$).
  bool is_cumulative() const { return cumulative_; }
  /// What the spread's average is taken of.
  kept spread() const { return spread_; }
  /// Layer b's running mean (b counts the batch-normalisation layers from 0).
  const array& mean(std::size_t b) const { return mean_.at(b); }
  /// Layer b's running spread: the average of what spread() names.
  const array& spread_average(std::size_t b) const { return spread_average_.at(b); }
  /// \brief Takes up a run where it stopped (a checkpoint): the averages and the update count as
  /// mean(b), spread_average(b) for each layer b and updates() gave them, so that the next update
  /// folds in exactly as it would have in the saved object.
  ///
  /// The momentum and the convention stay this object's own (make it as the saved one was made).
  /// \throws minimax::invalid_argument, leaving the averages as they were, unless there are as many
  /// spreads as means, each layer's two arrays have one size (at least 1), every entry is finite, the
  /// spreads are positive (kept::standard_deviation) or non-negative (the variances), `updates` is
  /// at least 0, and no averages come with no updates or no averages with some.
  void restore(std::vector<array> means, std::vector<array> spread_averages, long updates) {
    constexpr const char* fn = "minimax::nn::population_statistics::restore";
    require_same_size(fn, "the means and the spread averages (one of each per layer)", means.size(),
                      spread_averages.size());
    if (updates < 0) raise_invalid_argument(fn, "the update count must be >= 0", updates);
    if ((updates == 0) != means.empty()) {
      raise_invalid_argument(fn,
                             updates == 0 ? "averages were given with no updates: their layer count is"
                                          : "no averages were given for a positive update count",
                             updates == 0 ? static_cast<long>(means.size()) : updates);
    }
    for (std::size_t b = 0; b < means.size(); ++b) {
      const std::string layer = "layer " + std::to_string(b) + "'s ";
      require_non_empty(fn, layer + "mean", static_cast<std::size_t>(means[b].size()));
      require_same_size(fn, layer + "mean and spread average", static_cast<std::size_t>(means[b].size()),
                        static_cast<std::size_t>(spread_averages[b].size()));
      for (Eigen::Index j = 0; j < means[b].size(); ++j) {
        const std::string entry = "[" + std::to_string(j) + "]";
        require_finite(fn, layer + "mean" + entry, static_cast<double>(means[b][j]));
        const double r = static_cast<double>(spread_averages[b][j]);
        require_finite(fn, layer + "spread average" + entry, r);
        if (spread_ == kept::standard_deviation ? !(r > 0) : !(r >= 0)) {
          raise_invalid_argument(fn,
                                 layer + "spread average" + entry +
                                     (spread_ == kept::standard_deviation ? " must be > 0" : " must be >= 0"),
                                 r);
        }
      }
    }
    mean_ = std::move(means);
    spread_average_ = std::move(spread_averages);
    updates_ = updates;
  }
  /// The standard deviation inference mode divides layer b's features by, for a layer of epsilon `epsilon`.
  Eigen::ArrayXd standard_deviation(std::size_t b, double epsilon) const {
    const Eigen::ArrayXd r = spread_average_.at(b).template cast<double>();
    return spread_ == kept::standard_deviation ? r : Eigen::ArrayXd((r + epsilon).sqrt());
  }

 private:
  double momentum_;
  kept spread_;
  bool cumulative_ = false;
  long updates_ = 0;
  std::vector<array> mean_, spread_average_;
};

/// Population statistics kept in double (see basic_population_statistics).
using population_statistics = basic_population_statistics<double>;

}  // namespace minimax::nn
