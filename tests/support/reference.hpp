#pragma once
// Shared helpers for the tests: high-precision references and ulp distances.

#include <boost/math/special_functions/next.hpp>
#include <boost/multiprecision/cpp_bin_float.hpp>
#include <cmath>
#include <limits>

namespace minimax::test {

/// 50 decimal digits: the reference precision the tests compare against.
using high = boost::multiprecision::cpp_bin_float_50;

/// Distance in units in the last place between `computed` and `reference` rounded to T. Equal
/// infinities and both-NaN count as 0; a NaN against a number counts as infinitely far.
template <class T>
double ulp_distance(T computed, const high& reference) {
  const T ref = static_cast<T>(reference);
  if (std::isnan(computed) || std::isnan(ref)) {
    return std::isnan(computed) && std::isnan(ref) ? 0.0 : std::numeric_limits<double>::infinity();
  }
  if (std::isinf(computed) || std::isinf(ref)) {
    return computed == ref ? 0.0 : std::numeric_limits<double>::infinity();
  }
  return std::abs(static_cast<double>(boost::math::float_distance(computed, ref)));
}

}  // namespace minimax::test
