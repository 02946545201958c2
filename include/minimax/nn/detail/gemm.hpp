#pragma once
/// \file
/// \brief A blocked matrix product for the dense layers' large float and double products on
/// AVX2 + FMA cores: \f$C \leftarrow A B\f$ or \f$C \mathrel{+}= A B\f$, \f$C\f$ column-major.
///
/// Eigen's own blocked product reaches about 50-60% of an AVX2 core's peak on the ring GAN's
/// layers (128 x 256 times 256 x 512 and their transposes), where a BLAS reaches 70-80%; this is
/// the classic layout that gets there: \f$A\f$ packed into panels of 16 (float) or 8 (double) rows,
/// \f$B\f$ into panels of 6 columns, and a register-blocked kernel that keeps a 16 x 6 (or 8 x 6)
/// tile of \f$C\f$ in twelve vector registers while it runs along the inner dimension. It is used
/// where MINIMAX_HAS_GEMM_KERNEL is 1: the compiler targets AVX2 and FMA (`-march=native` on such a
/// core), the code is not device code, and Eigen does not hand its products to a BLAS anyway
/// (EIGEN_USE_BLAS, see MINIMAX_USE_BLAS). Defining MINIMAX_NO_GEMM_KERNEL keeps Eigen's products.

#if defined(__AVX2__) && defined(__FMA__) && !defined(__CUDACC__) && !defined(__HIPCC__) && \
    !defined(EIGEN_USE_BLAS) && !defined(MINIMAX_NO_GEMM_KERNEL)
/// 1 where the dense layers' large products use minimax's own blocked kernel (see nn/detail/gemm.hpp).
#define MINIMAX_HAS_GEMM_KERNEL 1
#else
/// 1 where the dense layers' large products use minimax's own blocked kernel (see nn/detail/gemm.hpp).
#define MINIMAX_HAS_GEMM_KERNEL 0
#endif

namespace minimax::nn::detail {
/// Who runs the dense layers' large float and double products in this translation unit: "BLAS"
/// (EIGEN_USE_BLAS), "minimax kernel" (MINIMAX_HAS_GEMM_KERNEL) or "Eigen"; benchmarks and the package
/// test report it.
#if defined(EIGEN_USE_BLAS)
inline constexpr const char* dense_products = "BLAS";
#elif MINIMAX_HAS_GEMM_KERNEL
inline constexpr const char* dense_products = "minimax kernel";
#else
inline constexpr const char* dense_products = "Eigen";
#endif
}  // namespace minimax::nn::detail

#if MINIMAX_HAS_GEMM_KERNEL

#include <immintrin.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <type_traits>

namespace minimax::nn::detail {

/// A strided view of a matrix: entry (i, j) at `data[i * row_stride + j * col_stride]`.
template <class T>
struct strided_matrix {
  const T* data;
  std::ptrdiff_t row_stride;
  std::ptrdiff_t col_stride;
  const T& operator()(std::ptrdiff_t i, std::ptrdiff_t j) const { return data[i * row_stride + j * col_stride]; }
};

/// The vector type and tile of the kernel for one scalar type.
template <class T>
struct gemm_kernel_traits;

template <>
struct gemm_kernel_traits<float> {
  using simd = __m256;
  static constexpr int width = 8;
  static simd load(const float* p) { return _mm256_load_ps(p); }
  static simd loadu(const float* p) { return _mm256_loadu_ps(p); }
  static void storeu(float* p, simd v) { _mm256_storeu_ps(p, v); }
  static void store(float* p, simd v) { _mm256_store_ps(p, v); }
  static simd broadcast(const float* p) { return _mm256_broadcast_ss(p); }
  static simd fma(simd a, simd b, simd c) { return _mm256_fmadd_ps(a, b, c); }
  static simd add(simd a, simd b) { return _mm256_add_ps(a, b); }
  static simd zero() { return _mm256_setzero_ps(); }
};

template <>
struct gemm_kernel_traits<double> {
  using simd = __m256d;
  static constexpr int width = 4;
  static simd load(const double* p) { return _mm256_load_pd(p); }
  static simd loadu(const double* p) { return _mm256_loadu_pd(p); }
  static void storeu(double* p, simd v) { _mm256_storeu_pd(p, v); }
  static void store(double* p, simd v) { _mm256_store_pd(p, v); }
  static simd broadcast(const double* p) { return _mm256_broadcast_sd(p); }
  static simd fma(simd a, simd b, simd c) { return _mm256_fmadd_pd(a, b, c); }
  static simd add(simd a, simd b) { return _mm256_add_pd(a, b); }
  static simd zero() { return _mm256_setzero_pd(); }
};

/// The blocked product. Block sizes: the packed block of A (mc x kc) fits the core's L2 cache, one
/// panel of B (kc x 6) its L1 cache.
template <class T>
class gemm_kernel {
  using traits = gemm_kernel_traits<T>;
  using simd = typename traits::simd;

 public:
  static constexpr int mr = 2 * traits::width;  // rows of the register tile: two vectors
  static constexpr int nr = 6;                   // its columns: 12 accumulators in all
  static constexpr int kc = 256;
  static constexpr int mc = 128;
  static constexpr int nc = 512;

  /// \f$C \leftarrow A B\f$ (or \f$C \mathrel{+}= A B\f$ when `accumulate`), \f$A\f$ m x k, \f$B\f$ k x n,
  /// \f$C\f$ column-major with leading dimension `ldc`.
  static void run(std::ptrdiff_t m, std::ptrdiff_t n, std::ptrdiff_t k, strided_matrix<T> a, strided_matrix<T> b,
                  T* c, std::ptrdiff_t ldc, bool accumulate) {
    if (k == 0) {  // an empty sum: C = 0 (C += 0 leaves it)
      if (!accumulate)
        for (std::ptrdiff_t j = 0; j < n; ++j) std::fill(c + j * ldc, c + j * ldc + m, T(0));
      return;
    }
    // The packing buffers belong to this call, sized to what it packs (a small product packs little),
    // and are left uninitialised: every entry the kernel reads is packed first. Nothing is kept
    // between calls, so the products hold no state and any thread may run them.
    const std::ptrdiff_t panel_rows = std::min<std::ptrdiff_t>(mc, (m + mr - 1) / mr * mr);
    const std::ptrdiff_t panel_depth = std::min<std::ptrdiff_t>(kc, k);
    const std::ptrdiff_t panel_cols = std::min<std::ptrdiff_t>(nc, n) + nr;
    aligned_buffer a_buffer(std::size_t(panel_rows) * std::size_t(panel_depth));
    aligned_buffer b_buffer(std::size_t(panel_depth) * std::size_t(panel_cols));
    T* a_packed = a_buffer.data();
    T* b_packed = b_buffer.data();
    for (std::ptrdiff_t jc = 0; jc < n; jc += nc) {
      const std::ptrdiff_t ncols = std::min<std::ptrdiff_t>(nc, n - jc);
      for (std::ptrdiff_t pc = 0; pc < k; pc += kc) {
        const std::ptrdiff_t depth = std::min<std::ptrdiff_t>(kc, k - pc);
        const bool add = accumulate || pc > 0;
        pack_b(b, pc, jc, depth, ncols, b_packed);
        for (std::ptrdiff_t ic = 0; ic < m; ic += mc) {
          const std::ptrdiff_t nrows = std::min<std::ptrdiff_t>(mc, m - ic);
          pack_a(a, ic, pc, nrows, depth, a_packed);
          for (std::ptrdiff_t jr = 0; jr < ncols; jr += nr) {
            for (std::ptrdiff_t ir = 0; ir < nrows; ir += mr) {
              tile(depth, a_packed + ir * depth, b_packed + jr * depth, c + (ic + ir) + (jc + jr) * ldc, ldc,
                   std::min<std::ptrdiff_t>(mr, nrows - ir), std::min<std::ptrdiff_t>(nr, ncols - jr), add);
            }
          }
        }
      }
    }
  }

 private:
  // size entries of T, uninitialised, the first on a 32-byte boundary (the kernel's aligned loads)
  class aligned_buffer {
   public:
    explicit aligned_buffer(std::size_t size) : storage_(new T[size + alignment / sizeof(T)]) {}
    T* data() const noexcept {
      const auto address = reinterpret_cast<std::uintptr_t>(storage_.get());
      return reinterpret_cast<T*>((address + alignment - 1) & ~std::uintptr_t(alignment - 1));
    }

   private:
    static constexpr std::size_t alignment = 32;
    std::unique_ptr<T[]> storage_;
  };

  // rows [i0, i0 + rows) and columns [p0, p0 + depth) of A, as panels of mr rows: for each p, mr
  // consecutive entries (zero past the last row); read along A's contiguous direction
  static void pack_a(strided_matrix<T> a, std::ptrdiff_t i0, std::ptrdiff_t p0, std::ptrdiff_t rows,
                     std::ptrdiff_t depth, T* out) {
    for (std::ptrdiff_t ir = 0; ir < rows; ir += mr, out += mr * depth) {
      const std::ptrdiff_t height = std::min<std::ptrdiff_t>(mr, rows - ir);
      if (height < mr) std::fill(out, out + mr * depth, T(0));
      pack_panel(a, i0 + ir, p0, height, depth, mr, out);
    }
  }

  // rows [p0, p0 + depth) and columns [j0, j0 + cols) of B, as panels of nr columns: for each p, nr
  // consecutive entries (zero past the last column)
  static void pack_b(strided_matrix<T> b, std::ptrdiff_t p0, std::ptrdiff_t j0, std::ptrdiff_t depth,
                     std::ptrdiff_t cols, T* out) {
    const strided_matrix<T> bt{b.data, b.col_stride, b.row_stride};  // B^T: its panels are B's
    for (std::ptrdiff_t jr = 0; jr < cols; jr += nr, out += nr * depth) {
      const std::ptrdiff_t width = std::min<std::ptrdiff_t>(nr, cols - jr);
      if (width < nr) std::fill(out, out + nr * depth, T(0));
      pack_panel(bt, j0 + jr, p0, width, depth, nr, out);
    }
  }

  // out[p * lanes + i] = x(i0 + i, p0 + p) for i < height, p < depth: the loop runs along whichever
  // of x's directions is contiguous
  static void pack_panel(strided_matrix<T> x, std::ptrdiff_t i0, std::ptrdiff_t p0, std::ptrdiff_t height,
                         std::ptrdiff_t depth, std::ptrdiff_t lanes, T* out) {
    if (x.row_stride == 1) {
      for (std::ptrdiff_t p = 0; p < depth; ++p) {
        const T* column = &x(i0, p0 + p);
        for (std::ptrdiff_t i = 0; i < height; ++i) out[p * lanes + i] = column[i];
      }
    } else {
      for (std::ptrdiff_t i = 0; i < height; ++i) {
        const T* row = &x(i0 + i, p0);
        for (std::ptrdiff_t p = 0; p < depth; ++p) out[p * lanes + i] = row[p * x.col_stride];
      }
    }
  }

  // the mr x nr tile of C at `c`: of it, rows x cols are inside C
  static void tile(std::ptrdiff_t depth, const T* a, const T* b, T* c, std::ptrdiff_t ldc, std::ptrdiff_t rows,
                   std::ptrdiff_t cols, bool add) {
    simd acc[nr][2];
    for (auto& column : acc) column[0] = column[1] = traits::zero();
    for (std::ptrdiff_t p = 0; p < depth; ++p, a += mr, b += nr) {
      const simd a0 = traits::load(a);
      const simd a1 = traits::load(a + traits::width);
      for (int j = 0; j < nr; ++j) {
        const simd bj = traits::broadcast(b + j);
        acc[j][0] = traits::fma(a0, bj, acc[j][0]);
        acc[j][1] = traits::fma(a1, bj, acc[j][1]);
      }
    }
    if (rows == mr && cols == nr) {
      for (int j = 0; j < nr; ++j) {
        T* column = c + j * ldc;
        if (add) {
          traits::storeu(column, traits::add(traits::loadu(column), acc[j][0]));
          traits::storeu(column + traits::width, traits::add(traits::loadu(column + traits::width), acc[j][1]));
        } else {
          traits::storeu(column, acc[j][0]);
          traits::storeu(column + traits::width, acc[j][1]);
        }
      }
      return;
    }
    // an edge tile: through a buffer, then only the entries inside C
    alignas(32) T buffer[nr][mr];
    for (int j = 0; j < nr; ++j) {
      traits::store(buffer[j], acc[j][0]);
      traits::store(buffer[j] + traits::width, acc[j][1]);
    }
    for (std::ptrdiff_t j = 0; j < cols; ++j) {
      T* column = c + j * ldc;
      for (std::ptrdiff_t i = 0; i < rows; ++i) column[i] = add ? column[i] + buffer[j][i] : buffer[j][i];
    }
  }
};

/// The strided view of an Eigen expression with direct access (a matrix, a map, their transposes).
template <class X>
strided_matrix<typename X::Scalar> strided_view(const X& x) {
  if constexpr (X::IsRowMajor) {
    return {x.data(), x.outerStride(), x.innerStride()};
  } else {
    return {x.data(), x.innerStride(), x.outerStride()};
  }
}

}  // namespace minimax::nn::detail

#endif  // MINIMAX_HAS_GEMM_KERNEL
