#pragma once
/// \file
/// \brief The exceptions minimax throws, and the one way they are raised.
///
/// Every error message has the form
/// \code{.unparsed}
/// minimax::normal: sigma must be positive and finite, got -1
/// \endcode
/// naming the function first and the offending value last, as Boost.Math does. Values are printed
/// with the shortest decimal form that reads back to the same double, so a message never rounds
/// the evidence away.
///
/// Two types cover every case, each derived from the standard exception a caller would catch:
/// - minimax::invalid_argument (a `std::invalid_argument`): a parameter or input that is not
///   allowed at all (sigma <= 0, NaN, negative mass, sizes that differ, empty input);
/// - minimax::domain_error (a `std::domain_error`): a well-formed input outside the set on which the
///   mathematics is defined (a quantile of p > 1, a pmf that does not sum to 1 within tolerance).
///
/// Code marked MINIMAX_HOST_DEVICE never throws: it returns NaN and leaves the verdict to the
/// caller, since device code has no exceptions.

#include <charconv>
#include <concepts>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

namespace minimax {

/// A parameter or input that is never allowed (NaN, sigma <= 0, negative mass, empty input, ...).
class invalid_argument : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// A well-formed input outside the domain of the mathematics (probability outside [0, 1], ...).
class domain_error : public std::domain_error {
 public:
  using std::domain_error::domain_error;
};

namespace detail {

#if defined(__cpp_lib_to_chars) && __cpp_lib_to_chars >= 201611L
inline constexpr bool has_floating_to_chars = true;
#else
inline constexpr bool has_floating_to_chars = false;
#endif

/// The fewest significant digits, printed by `%g`, that read back to `value`: the shortest
/// round-trip text where the standard library lacks the floating-point std::to_chars (libc++
/// before 17, as in WebAssembly builds). NaN and infinities print as "nan", "inf", "-inf".
template <class T>
  requires std::is_floating_point_v<T>
std::string shortest_text_by_printf(T value) {
  char buffer[64];
  for (int digits = 1; digits <= std::numeric_limits<T>::max_digits10; ++digits) {
    const int length = std::snprintf(buffer, sizeof buffer, "%.*Lg", digits, static_cast<long double>(value));
    if (length < 0 || length >= static_cast<int>(sizeof buffer)) return "?";
    if (value != value || static_cast<T>(std::strtold(buffer, nullptr)) == value) break;
  }
  return buffer;
}

/// The shortest decimal text that reads back to `value` (integers and floating point alike).
template <class T>
  requires std::is_arithmetic_v<T>
std::string to_text(T value) {
  if constexpr (std::same_as<T, bool>) {
    return value ? "true" : "false";
  } else if constexpr (std::is_floating_point_v<T> && !has_floating_to_chars) {
    return shortest_text_by_printf(value);
  } else {
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    if (ec != std::errc{}) return "?";
    return std::string(buffer, end);
  }
}

/// Text is passed through unchanged (for values already formatted by the caller).
inline std::string to_text(std::string_view text) { return std::string(text); }
/// \overload
inline std::string to_text(const char* text) { return std::string(text); }
/// \overload
inline std::string to_text(const std::string& text) { return text; }

/// "function: what, got value"
template <class T>
std::string error_message(std::string_view function, std::string_view what, const T& value) {
  std::string message(function);
  message += ": ";
  message += what;
  message += ", got ";
  message += to_text(value);
  return message;
}

}  // namespace detail

/// Throws minimax::invalid_argument with the message "function: what, got value".
template <class T>
[[noreturn]] void raise_invalid_argument(std::string_view function, std::string_view what, const T& value) {
  throw invalid_argument(detail::error_message(function, what, value));
}

/// Throws minimax::domain_error with the message "function: what, got value".
template <class T>
[[noreturn]] void raise_domain_error(std::string_view function, std::string_view what, const T& value) {
  throw domain_error(detail::error_message(function, what, value));
}

/// Throws minimax::invalid_argument unless `value` is finite. `name` is the parameter's name.
template <std::floating_point T>
void require_finite(std::string_view function, std::string_view name, T value) {
  if (!(value - value == T(0))) {  // false for NaN and ±inf
    raise_invalid_argument(function, std::string(name) + " must be finite", value);
  }
}

/// Throws minimax::invalid_argument unless `value` is finite and strictly positive.
template <std::floating_point T>
void require_positive(std::string_view function, std::string_view name, T value) {
  if (!(value > T(0)) || !(value - value == T(0))) {
    raise_invalid_argument(function, std::string(name) + " must be positive and finite", value);
  }
}

/// Throws minimax::invalid_argument unless `value` is finite and not negative.
template <std::floating_point T>
void require_non_negative(std::string_view function, std::string_view name, T value) {
  if (!(value >= T(0)) || !(value - value == T(0))) {
    raise_invalid_argument(function, std::string(name) + " must be non-negative and finite", value);
  }
}

/// Throws minimax::invalid_argument when a range that must hold data is empty.
inline void require_non_empty(std::string_view function, std::string_view name, std::size_t size) {
  if (size == 0) raise_invalid_argument(function, std::string(name) + " must not be empty", size);
}

/// Throws minimax::invalid_argument when two sizes that must agree differ; the message gives both.
inline void require_same_size(std::string_view function, std::string_view names, std::size_t a, std::size_t b) {
  if (a != b) {
    raise_invalid_argument(function, std::string(names) + " must have the same size",
                           detail::to_text(a) + " and " + detail::to_text(b));
  }
}

/// \brief Throws minimax::invalid_argument unless a `rows` x `cols` argument is a vector (one row
/// or one column; an empty argument passes, for require_non_empty to name). The message gives the
/// shape: "function: name must be a vector (one row or one column), got 5 x 2". Takes the shape as
/// integers, so that it costs nothing to include.
inline void require_vector(std::string_view function, std::string_view name, std::ptrdiff_t rows, std::ptrdiff_t cols) {
  if (rows != 1 && cols != 1 && rows != 0 && cols != 0) {
    raise_invalid_argument(function, std::string(name) + " must be a vector (one row or one column)",
                           detail::to_text(rows) + " x " + detail::to_text(cols));
  }
}

}  // namespace minimax
