#pragma once
/// \file
/// \brief What the Thrust backend accepts: execution policies and the ranges it reads.
///
/// Every function of the Thrust backend takes a Thrust execution policy as its first argument
/// (`thrust::device`, `thrust::host`, `thrust::cuda::par`, `thrust::omp::par`, `thrust::cpp::par`)
/// and ranges that live where that policy runs: `thrust::device_vector` for `thrust::device`, any
/// host container with `begin()` and `size()` (`std::vector`, `thrust::host_vector`) for the host
/// systems. The device system is chosen when the program is compiled (`THRUST_DEVICE_SYSTEM`: CUDA
/// under nvcc, OMP or CPP with the host compiler); the minimax::thrust CMake target sets it.

#include <concepts>
#include <cstddef>
#include <iterator>
#include <new>
#include <utility>
#include <type_traits>

#include <thrust/execution_policy.h>
#include <thrust/memory.h>
#include <thrust/type_traits/is_execution_policy.h>

#include "minimax/core/config.hpp"
#include "minimax/core/point_arithmetic.hpp"

namespace minimax {

/// A Thrust execution policy (`thrust::device`, `thrust::omp::par`, ...).
template <class P>
concept thrust_policy = ::thrust::is_execution_policy<std::remove_cvref_t<P>>::value;

/// A range the Thrust backend reads: random-access `begin()` and `size()`.
template <class R>
concept thrust_range = requires(const R& r) {
  r.begin();
  { r.size() } -> std::convertible_to<std::size_t>;
};

namespace detail {

/// The element type of a thrust_range.
template <class R>
using thrust_value_t = std::remove_cv_t<typename std::iterator_traits<decltype(std::declval<const R&>().begin())>::value_type>;

/// \brief Scratch memory of n elements in the system of a policy (device memory for a device policy),
/// returned when the object dies.
template <class T, class Policy>
class scratch {
 public:
  scratch(const Policy& policy, std::size_t n) : policy_(policy), n_(n) {
    auto buffer = ::thrust::get_temporary_buffer<T>(policy_, static_cast<std::ptrdiff_t>(n));
    data_ = buffer.first;
    if (static_cast<std::size_t>(buffer.second) < n) {
      ::thrust::return_temporary_buffer(policy_, data_, buffer.second);
      throw std::bad_alloc();
    }
  }
  scratch(const scratch&) = delete;
  scratch& operator=(const scratch&) = delete;
  ~scratch() { ::thrust::return_temporary_buffer(policy_, data_, static_cast<std::ptrdiff_t>(n_)); }
  /// The first element (a pointer of the policy's system).
  auto begin() const { return data_; }
  /// One past the last element.
  auto end() const { return data_ + n_; }
  /// The number of elements.
  std::size_t size() const { return n_; }

 private:
  Policy policy_;
  std::size_t n_;
  decltype(::thrust::get_temporary_buffer<T>(std::declval<Policy&>(), std::ptrdiff_t{}).first) data_;
};

}  // namespace detail
}  // namespace minimax
