#pragma once
/// \file
/// \brief Concepts shared by every floor of the library.

#include <concepts>

namespace minimax {

/// \brief A built-in floating-point type: `float`, `double` or `long double`.
///
/// Functions that validate their input (and so may throw) take a Real; the numerics that are also
/// run on dual numbers for second derivatives are plain templates.
template <class T>
concept Real = std::floating_point<T>;

}  // namespace minimax
