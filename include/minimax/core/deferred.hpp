#pragma once
/// \file
/// \brief minimax::deferred_t: a type spelled so that it depends on a template parameter, which
/// keeps costly code out of the units that never call it.
///
/// A header-only library's non-template code is compiled by every unit that includes it, called or
/// not, and so is every template it names: an `inline` function that builds an
/// `Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>` makes each includer instantiate the eigensolver.
/// minimax writes such functions as templates (over Eigen's expressions, or `template <class = void>`
/// where there is nothing to deduce), whose bodies are compiled only where they are called. Inside a
/// template, a type that does not depend on its parameters is still completed at the definition;
/// `deferred_t<Eigen::LLT<Eigen::MatrixXd>, P>` names the same type, late.
///
/// \code
/// template <class Covariance>
/// void factor(const Covariance& s) {
///   deferred_t<Eigen::LLT<Eigen::MatrixXd>, Covariance> llt(s);  // instantiated only with factor()
/// }
/// \endcode

namespace minimax {

/// \brief `T`, as a member of a specialisation that depends on `Context`.
template <class T, class Context>
struct deferred {
  using type = T;  ///< `T` itself
};

/// \brief `T`, named so that it depends on `Context` (see \ref deferred.hpp).
template <class T, class Context>
using deferred_t = typename deferred<T, Context>::type;

/// \brief `x` itself, as a reference whose type depends on `Context`: in a
/// `template <class Unused = void>` function whose parameters name no template parameter, the
/// expressions built on `late<Unused>(x)` are compiled where the function is called, not where it
/// is defined (non-dependent expressions are checked, and the Eigen expression types they name
/// instantiated, at the definition).
template <class Context, class T>
constexpr const deferred_t<T, Context>& late(const T& x) noexcept {
  return x;
}

}  // namespace minimax
