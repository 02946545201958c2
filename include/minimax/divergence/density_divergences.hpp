#pragma once
/// \file
/// \brief The named divergences of densities and of samples: `kl`, `reverse_kl`, `jsd`,
/// `total_variation`, `squared_hellinger`, `hellinger_distance`, `pearson_chi2` and `neyman_chi2`
/// with the same names and conventions as for pmfs.
///
/// Three kinds of argument, one name per divergence:
/// - **pmfs** (Eigen vectors, minimax::pmf): a number, from the headers of each divergence
///   (\ref kl.hpp, \ref jsd.hpp, ...);
/// - **densities on the real line** (minimax::normal, minimax::uniform, minimax::mixture, any
///   UnivariateDensity): a minimax::quadrature_result, the value and an estimate of its absolute
///   error, from f_divergence() on densities (\ref f_divergence_density.hpp), scaled as the pmf
///   function is (`jsd` is \f$D_f/2\f$ for f::jensen_shannon, `hellinger_distance` is
///   \f$\sqrt{D_f/2}\f$ for f::squared_hellinger). Where a closed form exists it is preferred:
///   `kl(normal, normal)` is the closed form of \ref kl_normal.hpp, a number;
/// - **samples** (minimax::empirical, minimax::empirical_multivariate): `kl` is the
///   Wang–Kulkarni–Verdú k-nearest-neighbour estimate (knn_kl(), \ref knn.hpp), a number. The other
///   divergences have no consistent estimator from two samples in the library, so they do not accept
///   samples (a compile error, not a silent plug-in estimate).
///
/// Including this header pays for the quadrature rules (Boost.Math's double-exponential and
/// Gauss–Kronrod rules) and the k-NN search: a unit that only compares pmfs includes the
/// divergence's own header instead.

#include <cmath>
#include <concepts>
#include <type_traits>

#include "minimax/divergence/f_divergence.hpp"
#include "minimax/divergence/f_divergence_density.hpp"
#include "minimax/divergence/f_generators.hpp"
#include "minimax/divergence/kl_normal.hpp"
#include "minimax/divergence/knn.hpp"
#include "minimax/prob/concepts.hpp"
#include "minimax/prob/empirical.hpp"

namespace minimax {

namespace detail {

/// A density argument of the named divergences (a pmf never is one: its overloads come first).
template <class P>
concept density_argument = UnivariateDensity<P> && !pmf_argument<P>;

/// Two densities with one value type.
template <class P, class Q>
concept density_pair = density_argument<P> && density_argument<Q> &&
                       std::is_same_v<typename P::value_type, typename Q::value_type>;

/// \f$D_f\f$ of two densities times a factor \f$c > 0\f$, the error estimate scaled with it.
template <class F, class P, class Q>
quadrature_result<typename P::value_type> scaled_density_divergence(
    const P& p, const Q& q, const quadrature_options<typename P::value_type>& options, typename P::value_type factor) {
  auto result = f_divergence<F>(p, q, options);
  result.value *= factor;
  result.error_estimate *= factor;
  result.l1_norm *= factor;
  return result;
}

}  // namespace detail

/// \brief \f$\mathrm{KL}(P\|Q) = \int p\log(p/q)\,dx\f$ of two densities, in nats: the value and its
/// error estimate; \f$+\infty\f$ (error 0) where P has mass where Q has none.
///
/// The f-divergence of f::kl, computed as f_divergence() on densities does (pieces cut at every
/// support end and breakpoint, log-space integrands). For two minimax::normal the closed form of
/// \ref kl_normal.hpp is chosen instead (a number).
/// \throws as f_divergence() on densities.
template <class P, class Q>
  requires detail::density_pair<P, Q>
quadrature_result<typename P::value_type> kl(const P& p, const Q& q,
                                             const quadrature_options<typename P::value_type>& options = {}) {
  return f_divergence<f::kl>(p, q, options);
}

/// \brief Reverse KL \f$\mathrm{KL}(Q\|P) = \int q\log(q/p)\,dx\f$ of two densities (f::reverse_kl),
/// with its error estimate; \f$+\infty\f$ where Q has mass where P has none.
/// \throws as f_divergence() on densities.
template <class P, class Q>
  requires detail::density_pair<P, Q>
quadrature_result<typename P::value_type> reverse_kl(const P& p, const Q& q,
                                                     const quadrature_options<typename P::value_type>& options = {}) {
  return f_divergence<f::reverse_kl>(p, q, options);
}

/// \brief \f$\mathrm{JSD}(P,Q) = \tfrac12\mathrm{KL}(P\|M) + \tfrac12\mathrm{KL}(Q\|M)\f$, \f$M = (P+Q)/2\f$,
/// of two densities, in nats, in \f$[0, \log 2]\f$: half the f-divergence of f::jensen_shannon, its
/// error estimate halved too. Disjoint or touching supports give exactly \f$\log 2\f$.
/// \throws as f_divergence() on densities.
template <class P, class Q>
  requires detail::density_pair<P, Q>
quadrature_result<typename P::value_type> jsd(const P& p, const Q& q,
                                              const quadrature_options<typename P::value_type>& options = {}) {
  using T = typename P::value_type;
  return detail::scaled_density_divergence<f::jensen_shannon>(p, q, options, T(0.5));
}

/// \brief Total variation \f$\mathrm{TV}(P,Q) = \tfrac12\int|p - q|\,dx \in [0,1]\f$ of two densities
/// (f::total_variation; the pieces are cut again where the densities cross), with its error estimate.
/// \throws as f_divergence() on densities.
template <class P, class Q>
  requires detail::density_pair<P, Q>
quadrature_result<typename P::value_type> total_variation(const P& p, const Q& q,
                                                          const quadrature_options<typename P::value_type>& options = {}) {
  return f_divergence<f::total_variation>(p, q, options);
}

/// \brief \f$\int(\sqrt p - \sqrt q)^2\,dx = 2(1 - \mathrm{BC}) \in [0, 2]\f$ of two densities
/// (f::squared_hellinger; the pmf convention of \ref hellinger.hpp), with its error estimate.
/// \throws as f_divergence() on densities.
template <class P, class Q>
  requires detail::density_pair<P, Q>
quadrature_result<typename P::value_type> squared_hellinger(const P& p, const Q& q,
                                                            const quadrature_options<typename P::value_type>& options = {}) {
  return f_divergence<f::squared_hellinger>(p, q, options);
}

/// \brief The Hellinger distance \f$H = \sqrt{\tfrac12\int(\sqrt p - \sqrt q)^2\,dx} \in [0, 1]\f$ of
/// two densities, with the error estimate carried through the square root to first order,
/// \f$\delta H = \delta(H^2)/(2H)\f$ (and \f$\sqrt{\delta(H^2)}\f$ where \f$H\f$ is below that).
/// \throws as f_divergence() on densities.
template <class P, class Q>
  requires detail::density_pair<P, Q>
quadrature_result<typename P::value_type> hellinger_distance(const P& p, const Q& q,
                                                             const quadrature_options<typename P::value_type>& options = {}) {
  using T = typename P::value_type;
  using std::sqrt;
  auto result = detail::scaled_density_divergence<f::squared_hellinger>(p, q, options, T(0.5));
  const T h2 = result.value < T(1) ? result.value : T(1);
  const T h = sqrt(h2);
  const T e2 = result.error_estimate;
  const T root_error = sqrt(e2);
  // Below sqrt(e2) the linearisation e2 / (2h) exceeds the error of the root itself.
  result.error_estimate = h > root_error ? e2 / (T(2) * h) : root_error;
  result.value = h;
  result.l1_norm = sqrt(result.l1_norm);
  return result;
}

/// \brief Pearson \f$\chi^2(P\|Q) = \int (p - q)^2/q\,dx\f$ of two densities (f::pearson), with its
/// error estimate; \f$+\infty\f$ where P has mass where Q has none.
/// \throws as f_divergence() on densities (also where the integral diverges inside both supports,
///   e.g. \f$\chi^2\f$ of a wide normal against a narrow one).
template <class P, class Q>
  requires detail::density_pair<P, Q>
quadrature_result<typename P::value_type> pearson_chi2(const P& p, const Q& q,
                                                       const quadrature_options<typename P::value_type>& options = {}) {
  return f_divergence<f::pearson>(p, q, options);
}

/// \brief Neyman \f$\chi^2(P\|Q) = \int (p - q)^2/p\,dx\f$ of two densities (f::neyman), with its
/// error estimate; equal to pearson_chi2(q, p).
/// \throws as pearson_chi2().
template <class P, class Q>
  requires detail::density_pair<P, Q>
quadrature_result<typename P::value_type> neyman_chi2(const P& p, const Q& q,
                                                      const quadrature_options<typename P::value_type>& options = {}) {
  return f_divergence<f::neyman>(p, q, options);
}

/// \brief \f$\widehat{\mathrm{KL}}(P\|Q)\f$ from samples of two multivariate distributions (points
/// one per row): the Wang–Kulkarni–Verdú k-NN estimate of knn_kl(),
/// \f$\frac{d}{n}\sum_i\log\frac{\nu_k(i)}{\rho_k(i)} + \log\frac{m}{n-1}\f$.
/// \throws as knn_kl(), naming `minimax::knn_kl`.
template <std::same_as<empirical_multivariate> Empirical>
double kl(const Empirical& x, const Empirical& y, int k = 1) {
  return knn_kl(x.points(), y.points(), k);
}

/// \brief \f$\widehat{\mathrm{KL}}(P\|Q)\f$ from two one-dimensional samples: knn_kl() of the samples
/// as \f$n\times1\f$ and \f$m\times1\f$ matrices (the estimate does not depend on their order).
/// \throws as knn_kl(), naming `minimax::knn_kl`.
template <std::same_as<empirical> Empirical>
double kl(const Empirical& x, const Empirical& y, int k = 1) {
  const auto& xs = x.sorted();
  const auto& ys = y.sorted();
  const Eigen::Map<const Eigen::VectorXd> xv(xs.data(), static_cast<Eigen::Index>(xs.size()));
  const Eigen::Map<const Eigen::VectorXd> yv(ys.data(), static_cast<Eigen::Index>(ys.size()));
  return knn_kl(xv, yv, k);
}

}  // namespace minimax
