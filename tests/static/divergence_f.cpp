// Static tests of the f-divergence family: only compile-time checks; compiling this file is passing it.
#include <minimax/divergence/chi2.hpp>
#include <minimax/divergence/entropy.hpp>
#include <minimax/divergence/f_divergence.hpp>
#include <minimax/divergence/f_generators.hpp>
#include <minimax/divergence/hellinger.hpp>
#include <minimax/divergence/jsd.hpp>
#include <minimax/divergence/kl.hpp>
#include <minimax/divergence/total_variation.hpp>
#include <minimax/prob/normal.hpp>
#include <minimax/prob/pmf.hpp>

#include <limits>
#include <type_traits>
#include <vector>

namespace mm = minimax;
namespace f = minimax::f;

// Every generator satisfies the contract; other types do not.
static_assert(mm::FGenerator<f::kl> && mm::FGenerator<f::reverse_kl> && mm::FGenerator<f::pearson> &&
              mm::FGenerator<f::neyman> && mm::FGenerator<f::squared_hellinger> && mm::FGenerator<f::jensen_shannon> &&
              mm::FGenerator<f::gan> && mm::FGenerator<f::total_variation>);
static_assert(!mm::FGenerator<int> && !mm::FGenerator<double>);
struct only_f {
  static double f(double u) { return u * u; }
};
static_assert(!mm::FGenerator<only_f>, "a generator needs f*, f', the activation and the limits too");

// The limits of the perspective, at compile time.
static_assert(f::kl::slope_at_infinity<double>() == std::numeric_limits<double>::infinity());
static_assert(f::reverse_kl::at_zero<double>() == std::numeric_limits<double>::infinity());
static_assert(f::neyman::slope_at_infinity<double>() == 1.0 && f::squared_hellinger::slope_at_infinity<double>() == 1.0);
static_assert(f::total_variation::at_zero<float>() == 0.5f && f::total_variation::conjugate_domain_closed);
static_assert(f::jensen_shannon::at_zero<double>() == f::jensen_shannon::slope_at_infinity<double>());
static_assert(f::gan::conjugate_domain_upper<double>() == 0.0 && !f::gan::conjugate_domain_closed);

// What the pmf functions accept.
static_assert(mm::detail::pmf_argument<Eigen::VectorXd> && mm::detail::pmf_argument<Eigen::RowVectorXf>);
static_assert(mm::detail::pmf_argument<Eigen::ArrayXd>);
static_assert(!mm::detail::pmf_argument<std::vector<double>> && !mm::detail::pmf_argument<double>);
static_assert(std::is_same_v<decltype(mm::kl(Eigen::VectorXf{}, Eigen::VectorXf{})), float>);
static_assert(std::is_same_v<decltype(mm::jsd(Eigen::VectorXd{}, Eigen::VectorXd{})), double>);
static_assert(std::is_same_v<decltype(mm::entropy(Eigen::Matrix<long double, -1, 1>{})), long double>);

// The public Pmf concept: what the pmf divergences take (docs/concepts.md).
static_assert(mm::Pmf<mm::pmf> && mm::Pmf<Eigen::VectorXd> && mm::Pmf<Eigen::RowVectorXd>);
static_assert(mm::Pmf<decltype(std::declval<const Eigen::MatrixXd&>().col(0))>);
static_assert(mm::Pmf<decltype(std::declval<const Eigen::VectorXd&>() * 0.5)>, "an expression is taken as it is");
static_assert(!mm::Pmf<mm::normal> && !mm::Pmf<double> && !mm::Pmf<std::vector<double>>);
namespace {
struct user_histogram {
  Eigen::VectorXd masses;
  const Eigen::VectorXd& probabilities() const { return masses; }
};
}  // namespace
static_assert(mm::Pmf<user_histogram>, "a type of one's own with probabilities() is a Pmf");
