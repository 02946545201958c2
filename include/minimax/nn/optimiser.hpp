#pragma once
/// \file
/// \brief First-order optimisers over a flat parameter vector: sgd, momentum (including negative
/// momentum), adam, rmsprop.
///
/// Each minimises: `opt.step(theta, grad)` moves `theta` (a vector, or a segment of a larger one, so a
/// generator's and a discriminator's blocks of one game vector can have separate optimisers) against
/// `grad`. State (velocities, moments) is sized at the first step. Every step checks its input before
/// it touches `theta`: a size that differs from the state's, or a non-finite gradient entry, throws
/// minimax::invalid_argument naming the entry, so a NaN never enters a trained model. Hyper-parameters
/// are checked by the constructors.

#include <cmath>
#include <string>

#include <Eigen/Core>

#include "minimax/core/error.hpp"
#include "minimax/nn/batch.hpp"

namespace minimax::nn {
namespace detail {

template <class T>
void require_unit_interval(const char* fn, const char* name, T beta) {
  if (!(beta >= T(0) && beta < T(1))) raise_invalid_argument(fn, std::string(name) + " must lie in [0, 1)", beta);
}

template <class T, class P, class G>
T* checked_step_arguments(const char* fn, vector<T>* state, const Eigen::MatrixBase<P>& theta,
                          const Eigen::MatrixBase<G>& grad) {
  require_same_size(fn, "theta and grad", static_cast<std::size_t>(theta.size()), static_cast<std::size_t>(grad.size()));
  require_non_empty(fn, "theta", static_cast<std::size_t>(theta.size()));
  if (state != nullptr) {
    if (state->size() == 0) state->setZero(theta.size());
    require_same_size(fn, "theta and the optimiser's state", static_cast<std::size_t>(theta.size()),
                      static_cast<std::size_t>(state->size()));
  }
  require_all_finite(fn, "grad", grad);
  auto& p = const_cast<Eigen::MatrixBase<P>&>(theta);  // Eigen's idiom for writable expression arguments
  return p.derived().data();
}

}  // namespace detail

/// \brief Gradient descent \f$\theta \leftarrow \theta - \eta\, g\f$.
template <class T = double>
class sgd {
 public:
  T learning_rate;  ///< \f$\eta > 0\f$.
  /// Throws minimax::invalid_argument unless \f$\eta\f$ is positive and finite.
  explicit sgd(T eta) : learning_rate(eta) { require_positive("minimax::nn::sgd", "learning_rate", eta); }
  /// One step against `grad`.
  template <class P, class G>
  void step(const Eigen::MatrixBase<P>& theta, const Eigen::MatrixBase<G>& grad) {
    T* p = detail::checked_step_arguments<T>("minimax::nn::sgd::step", nullptr, theta, grad);
    Eigen::Map<vector<T>>(p, theta.size()) -= learning_rate * grad;
  }
};

/// \brief Heavy-ball momentum, in the form of Gidel et al. (2019):
/// \f[ v \leftarrow \beta v - \eta g, \qquad \theta \leftarrow \theta + v, \f]
/// i.e. \f$\theta_{t+1} = \theta_t - \eta g_t + \beta(\theta_t - \theta_{t-1})\f$.
///
/// \f$\beta \in (-1, 1)\f$; negative \f$\beta\f$ (negative momentum) is allowed on purpose: with
/// alternating updates it makes the bilinear game converge.
template <class T = double>
class momentum {
 public:
  T learning_rate;  ///< \f$\eta > 0\f$.
  T beta;           ///< \f$\beta \in (-1, 1)\f$.
  /// Throws minimax::invalid_argument unless \f$\eta > 0\f$ and \f$|\beta| < 1\f$.
  momentum(T eta, T b) : learning_rate(eta), beta(b) {
    require_positive("minimax::nn::momentum", "learning_rate", eta);
    if (!(b > T(-1) && b < T(1))) raise_invalid_argument("minimax::nn::momentum", "beta must lie in (-1, 1)", b);
  }
  /// One step against `grad`.
  template <class P, class G>
  void step(const Eigen::MatrixBase<P>& theta, const Eigen::MatrixBase<G>& grad) {
    T* p = detail::checked_step_arguments("minimax::nn::momentum::step", &velocity_, theta, grad);
    velocity_ = beta * velocity_ - learning_rate * grad;
    Eigen::Map<vector<T>>(p, theta.size()) += velocity_;
  }
  /// The velocity \f$v = \theta_t - \theta_{t-1}\f$ (empty before the first step).
  const vector<T>& velocity() const { return velocity_; }
  /// Forgets the velocity.
  void reset() { velocity_.resize(0); }

 private:
  vector<T> velocity_;
};

/// \brief Adam (Kingma & Ba 2015) with bias correction:
/// \f[ m \leftarrow \beta_1 m + (1-\beta_1) g,\quad s \leftarrow \beta_2 s + (1-\beta_2) g^2,\quad
///     \theta \leftarrow \theta - \eta\,\frac{m/(1-\beta_1^t)}{\sqrt{s/(1-\beta_2^t)} + \epsilon}. \f]
///
/// GAN practice often uses \f$\beta_1 = 0.5\f$; the defaults are the paper's (0.9, 0.999, 1e-8).
template <class T = double>
class adam {
 public:
  T learning_rate;  ///< \f$\eta > 0\f$.
  T beta1;          ///< \f$\beta_1 \in [0, 1)\f$.
  T beta2;          ///< \f$\beta_2 \in [0, 1)\f$.
  T epsilon;        ///< \f$\epsilon > 0\f$.
  /// Throws minimax::invalid_argument unless \f$\eta, \epsilon > 0\f$ and \f$\beta_1, \beta_2 \in [0, 1)\f$.
  explicit adam(T eta, T b1 = T(0.9), T b2 = T(0.999), T eps = T(1e-8))
      : learning_rate(eta), beta1(b1), beta2(b2), epsilon(eps) {
    require_positive("minimax::nn::adam", "learning_rate", eta);
    detail::require_unit_interval("minimax::nn::adam", "beta1", b1);
    detail::require_unit_interval("minimax::nn::adam", "beta2", b2);
    require_positive("minimax::nn::adam", "epsilon", eps);
  }
  /// One step against `grad`.
  template <class P, class G>
  void step(const Eigen::MatrixBase<P>& theta, const Eigen::MatrixBase<G>& grad) {
    T* p = detail::checked_step_arguments("minimax::nn::adam::step", &m_, theta, grad);
    if (s_.size() != m_.size()) s_.setZero(m_.size());
    ++t_;
    const T c1 = T(1) - std::pow(beta1, T(t_)), c2 = T(1) - std::pow(beta2, T(t_));
    m_ = beta1 * m_ + (T(1) - beta1) * grad;
    s_ = beta2 * s_ + (T(1) - beta2) * grad.cwiseAbs2();
    const T a = learning_rate / c1, sc = T(1) / std::sqrt(c2);
    Eigen::Map<vector<T>>(p, theta.size()).array() -= a * m_.array() / (s_.array().sqrt() * sc + epsilon);
  }
  /// Steps taken so far.
  long steps() const { return t_; }
  /// The first moment \f$m\f$ (empty before the first step).
  const vector<T>& first_moment() const { return m_; }
  /// The second moment \f$s\f$ (empty before the first step).
  const vector<T>& second_moment() const { return s_; }
  /// Forgets the moments and the step count.
  void reset() {
    m_.resize(0);
    s_.resize(0);
    t_ = 0;
  }
  /// \brief Takes up a run where it stopped: the moments and the step count as first_moment(),
  /// second_moment() and steps() gave them, so that the next step is the one the saved optimiser would
  /// have taken, bit for bit.
  ///
  /// Throws minimax::invalid_argument, leaving the optimiser as it was, unless \f$m\f$ and \f$s\f$ have one
  /// size (both empty with no steps taken), every entry is finite, \f$s \ge 0\f$ and steps \f$\ge 0\f$.
  void restore(vector<T> first, vector<T> second, long steps) {
    constexpr const char* fn = "minimax::nn::adam::restore";
    require_same_size(fn, "the first and the second moment", static_cast<std::size_t>(first.size()),
                      static_cast<std::size_t>(second.size()));
    if (steps < 0) raise_invalid_argument(fn, "the step count must be >= 0", steps);
    if (steps == 0 && first.size() != 0) {
      raise_invalid_argument(fn, "moments were given with no steps taken: their size is", first.size());
    }
    detail::require_all_finite(fn, "the first moment", first);
    detail::require_all_finite(fn, "the second moment", second);
    for (Eigen::Index i = 0; i < second.size(); ++i) {
      if (second[i] < T(0)) {
        raise_invalid_argument(fn, "the second moment must be >= 0 at entry " + std::to_string(i), second[i]);
      }
    }
    m_ = std::move(first);
    s_ = std::move(second);
    t_ = steps;
  }

 private:
  vector<T> m_, s_;
  long t_ = 0;
};

/// \brief RMSProp (Tieleman & Hinton 2012):
/// \f$ s \leftarrow \rho s + (1-\rho) g^2,\ \theta \leftarrow \theta - \eta\, g / (\sqrt{s} + \epsilon)\f$.
template <class T = double>
class rmsprop {
 public:
  T learning_rate;  ///< \f$\eta > 0\f$.
  T rho;            ///< \f$\rho \in [0, 1)\f$.
  T epsilon;        ///< \f$\epsilon > 0\f$.
  /// Throws minimax::invalid_argument unless \f$\eta, \epsilon > 0\f$ and \f$\rho \in [0, 1)\f$.
  explicit rmsprop(T eta, T r = T(0.99), T eps = T(1e-8)) : learning_rate(eta), rho(r), epsilon(eps) {
    require_positive("minimax::nn::rmsprop", "learning_rate", eta);
    detail::require_unit_interval("minimax::nn::rmsprop", "rho", r);
    require_positive("minimax::nn::rmsprop", "epsilon", eps);
  }
  /// One step against `grad`.
  template <class P, class G>
  void step(const Eigen::MatrixBase<P>& theta, const Eigen::MatrixBase<G>& grad) {
    T* p = detail::checked_step_arguments("minimax::nn::rmsprop::step", &s_, theta, grad);
    s_ = rho * s_ + (T(1) - rho) * grad.cwiseAbs2();
    Eigen::Map<vector<T>>(p, theta.size()).array() -= learning_rate * grad.array() / (s_.array().sqrt() + epsilon);
  }
  /// Forgets the running mean square.
  void reset() { s_.resize(0); }

 private:
  vector<T> s_;
};

}  // namespace minimax::nn
