// Static tests of the core floor: only compile-time checks; compiling this file is passing it.
#include <minimax/core.hpp>

#include <cstddef>
#include <type_traits>

namespace mm = minimax;

static_assert(mm::Real<double> && mm::Real<float> && mm::Real<long double>);
static_assert(!mm::Real<int> && !mm::Real<const char*>);
static_assert(MINIMAX_VERSION == MINIMAX_VERSION_MAJOR * 10000 + MINIMAX_VERSION_MINOR * 100 + MINIMAX_VERSION_PATCH);
static_assert(mm::version.major == MINIMAX_VERSION_MAJOR);
static_assert(std::is_base_of_v<std::invalid_argument, mm::invalid_argument>);
static_assert(std::is_base_of_v<std::domain_error, mm::domain_error>);
// The numerics are usable in constant expressions where the standard functions are (GCC).
static_assert(mm::xlogy(0.0, 0.0) == 0.0);
static_assert(mm::neumaier_sum<double>{}.value() == 0.0);

// deferred_t names its type late: a template may name an incomplete type through it, and only an
// instantiation would need the type complete (a plain sizeof(incomplete) here would not compile).
static_assert(std::is_same_v<mm::deferred_t<double, int>, double>);
struct incomplete_type;
template <class Context>
constexpr std::size_t deferred_size() {
  return sizeof(mm::deferred_t<incomplete_type, Context>);
}
// late<Context>(x) is x itself, by reference, with the same type.
constexpr double late_value = 2.5;
static_assert(&mm::late<int>(late_value) == &late_value);
static_assert(std::is_same_v<decltype(mm::late<void>(late_value)), const double&>);

// The result types: a value with its error estimate (minimax::estimate, any precision as
// basic_estimate), converting to its value in constant expressions; a Monte Carlo mean with its
// standard error (minimax::mean_estimate).
static_assert(std::is_same_v<mm::estimate, mm::basic_estimate<double>>);
static_assert(std::is_aggregate_v<mm::estimate> && std::is_aggregate_v<mm::mean_estimate>);
constexpr mm::estimate third{1.0 / 3.0, 1e-17};
static_assert(static_cast<double>(third) == 1.0 / 3.0 && third.error_estimate == 1e-17);
constexpr mm::basic_estimate<float> third_f{1.0f / 3.0f, 1e-8f};
static_assert(static_cast<float>(third_f) == 1.0f / 3.0f);
static_assert(mm::mean_estimate{2.0, 0.5}.mean == 2.0 && mm::mean_estimate{2.0, 0.5}.standard_error == 0.5);
