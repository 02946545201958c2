#pragma once
/// \file
/// \brief The library's version. CMake reads these three macros, so they are the single source.

/// Major version: incremented on incompatible API changes.
#define MINIMAX_VERSION_MAJOR 0
/// Minor version: incremented when functionality is added compatibly.
#define MINIMAX_VERSION_MINOR 1
/// Patch version: incremented for compatible fixes.
#define MINIMAX_VERSION_PATCH 0

/// The version as one integer, `major * 10000 + minor * 100 + patch`, for `#if` comparisons.
#define MINIMAX_VERSION (MINIMAX_VERSION_MAJOR * 10000 + MINIMAX_VERSION_MINOR * 100 + MINIMAX_VERSION_PATCH)

namespace minimax {

/// The version of the headers in use, as numbers and as "major.minor.patch".
struct version_info {
  int major;           ///< MINIMAX_VERSION_MAJOR
  int minor;           ///< MINIMAX_VERSION_MINOR
  int patch;           ///< MINIMAX_VERSION_PATCH
  const char* string;  ///< "major.minor.patch"
};

/// \cond MINIMAX_INTERNAL
#define MINIMAX_DETAIL_STR2(x) #x
#define MINIMAX_DETAIL_STR(x) MINIMAX_DETAIL_STR2(x)
/// \endcond

/// The version of the headers in use.
inline constexpr version_info version{
    MINIMAX_VERSION_MAJOR, MINIMAX_VERSION_MINOR, MINIMAX_VERSION_PATCH,
    MINIMAX_DETAIL_STR(MINIMAX_VERSION_MAJOR) "." MINIMAX_DETAIL_STR(MINIMAX_VERSION_MINOR) "." MINIMAX_DETAIL_STR(
        MINIMAX_VERSION_PATCH)};

}  // namespace minimax
