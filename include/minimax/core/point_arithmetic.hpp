#pragma once
/// \file
/// \brief Norms of fixed-size points given by pointers, for code that runs on host and device (the
/// point games, the point forms of the schemes, the Thrust kernels).

#include "minimax/core/config.hpp"

namespace minimax::detail {

/// \f$\|x - y\|_2^2\f$ of two points of dimension d given by pointers (host and device).
template <class T>
MINIMAX_HOST_DEVICE T squared_distance(const T* x, const T* y, int d) {
  T s(0);
  for (int c = 0; c < d; ++c) s += (x[c] - y[c]) * (x[c] - y[c]);
  return s;
}

/// \f$\|x\|_2^2\f$ of a point of dimension d given by a pointer (host and device).
template <class T>
MINIMAX_HOST_DEVICE T squared_norm(const T* x, int d) {
  T s(0);
  for (int c = 0; c < d; ++c) s += x[c] * x[c];
  return s;
}

}  // namespace minimax::detail
