#pragma once
/// \file
/// \brief Compiler and platform configuration shared by every minimax header.
///
/// `MINIMAX_HOST_DEVICE` marks the functions and functors that both backends use: on the Eigen
/// (host) path it expands to nothing; under nvcc (or hipcc) it expands to `__host__ __device__`, so
/// the same code computes a divergence term or a game's vector field on a GPU. Code so marked must
/// not throw: it reports bad input by returning NaN (see \ref error.hpp).

#if defined(__CUDACC__) || defined(__HIPCC__)
/// Marks a function as callable from host and device code (empty on a host-only build).
#define MINIMAX_HOST_DEVICE __host__ __device__
#else
/// Marks a function as callable from host and device code (empty on a host-only build).
#define MINIMAX_HOST_DEVICE
#endif

#if defined(__CUDACC__) && !defined(__clang__)
/// \brief Placed before a `MINIMAX_HOST_DEVICE` template that also serves host-only types (the Eigen
/// backend's views): tells nvcc not to check, for such instantiations, the calls it makes to host-only
/// functions (they are never compiled for the device). Empty elsewhere.
#define MINIMAX_EXEC_CHECK_DISABLE _Pragma("nv_exec_check_disable")
#else
/// \brief Placed before a `MINIMAX_HOST_DEVICE` template that also serves host-only types (the Eigen
/// backend's views): tells nvcc not to check, for such instantiations, the calls it makes to host-only
/// functions (they are never compiled for the device). Empty elsewhere.
#define MINIMAX_EXEC_CHECK_DISABLE
#endif

#if defined(__CUDA_ARCH__) || defined(__HIP_DEVICE_COMPILE__)
/// Defined to 1 while compiling device code, where exceptions are unavailable.
#define MINIMAX_DEVICE_CODE 1
#else
/// Defined to 1 while compiling device code, where exceptions are unavailable.
#define MINIMAX_DEVICE_CODE 0
#endif

#include "minimax/core/version.hpp"
