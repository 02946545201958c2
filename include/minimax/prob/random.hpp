#pragma once
/// \file
/// \brief minimax::rng: a seeded generator whose draws are the same on every platform.
///
/// The standard fixes the output of `std::mt19937_64` bit for bit, but not the algorithms of
/// `std::uniform_real_distribution` or `std::normal_distribution`, which differ between standard
/// libraries. minimax therefore transforms the raw 64-bit words itself:
/// - uniform(): the top 53 bits, \f$u = \lfloor w / 2^{11} \rfloor \, 2^{-53} \in [0, 1)\f$, exact;
/// - normal(): Marsaglia's polar method on such uniforms, which needs only \f$+,-,\times,/\f$,
///   `sqrt` (correctly rounded by IEEE 754) and `log`; the draws are bit-identical wherever `log`
///   is correctly rounded (glibc, and other libms in practice agree to the last bit on these
///   arguments), and within an ulp elsewhere;
/// - index(n): an unbiased integer in \f$\{0, \dots, n-1\}\f$ by rejection, exact.

#include <cmath>
#include <cstdint>
#include <cstring>
#include <iosfwd>
#include <limits>
#include <random>

#include "minimax/core/error.hpp"

namespace minimax {

/// \brief The library's random number generator: `std::mt19937_64` plus portable transforms.
///
/// It satisfies the standard's UniformRandomBitGenerator requirements (min(), max(),
/// operator()), so it also drives the standard algorithms. Two generators built from the same seed
/// produce the same sequence of every kind of draw, on every platform.
class rng {
 public:
  /// The type of a raw draw.
  using result_type = std::uint64_t;

  /// Seeds the engine (`std::mt19937_64(seed)`); the default seed is the engine's, 5489.
  explicit rng(std::uint64_t seed = 5489u) : engine_(seed) {}

  /// The smallest raw draw, 0.
  static constexpr result_type min() noexcept { return 0; }
  /// The largest raw draw, \f$2^{64} - 1\f$.
  static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }

  /// The next raw 64-bit word of `std::mt19937_64`.
  result_type operator()() { return engine_(); }

  /// \brief A uniform double in \f$[0, 1)\f$: \f$\lfloor w/2^{11}\rfloor\,2^{-53}\f$, every multiple of
  /// \f$2^{-53}\f$ equally likely.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

  /// \brief A uniform double in \f$(0, 1)\f$: as uniform() but 0 is redrawn (for logarithms).
  double uniform_positive() {
    double u = 0;
    while (u == 0) u = uniform();
    return u;
  }

  /// \brief A standard normal draw by Marsaglia's polar method.
  ///
  /// Draws \f$v_1, v_2 = 2u - 1\f$ until \f$0 < s = v_1^2 + v_2^2 < 1\f$, then returns
  /// \f$v_1\sqrt{-2\log(s)/s}\f$ and keeps \f$v_2\sqrt{-2\log(s)/s}\f$ for the next call.
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double v1 = 0, v2 = 0, s = 0;
    do {
      v1 = 2 * uniform() - 1;
      v2 = 2 * uniform() - 1;
      s = v1 * v1 + v2 * v2;
    } while (s >= 1 || s == 0);
    const double factor = std::sqrt(-2 * std::log(s) / s);
    spare_ = v2 * factor;
    has_spare_ = true;
    return v1 * factor;
  }

  /// \brief A uniform integer in \f$\{0, \dots, n-1\}\f$, unbiased (rejection of the top partial block).
  /// \throws minimax::invalid_argument for n = 0.
  std::uint64_t index(std::uint64_t n) {
    if (n == 0) raise_invalid_argument("minimax::rng::index", "n must be positive", n);
    // Accept w < n * floor(2^64 / n): every residue then has the same number of preimages.
    const std::uint64_t limit = max() - (max() % n + 1) % n;  // = n * floor(2^64 / n) - 1
    std::uint64_t w = 0;
    do {
      w = engine_();
    } while (w > limit);
    return w % n;
  }

  /// Advances the engine by `count` raw draws (and drops a kept normal draw).
  void discard(unsigned long long count) {
    engine_.discard(count);
    has_spare_ = false;
  }

  /// \brief Writes the generator's whole state as text: the engine's state as `std::mt19937_64` writes
  /// it, then whether a normal draw is kept (0 or 1) and that draw's 64 bits as an integer, so that a
  /// generator read back with operator>>() continues the same sequence of every kind of draw, bit for bit
  /// (a checkpoint of a training run).
  template <class CharT, class Traits>
  friend std::basic_ostream<CharT, Traits>& operator<<(std::basic_ostream<CharT, Traits>& os, const rng& g) {
    using ios = std::basic_ios<CharT, Traits>;  // dependent, so that <iosfwd> suffices until it is used
    std::uint64_t bits = 0;
    std::memcpy(&bits, &g.spare_, sizeof bits);
    const auto flags = os.flags();
    os.flags(ios::dec | ios::left);
    os << g.engine_ << os.widen(' ') << (g.has_spare_ ? 1 : 0) << os.widen(' ') << bits;
    os.flags(flags);
    return os;
  }
  /// \brief Reads a state written by operator<<(); on malformed input the stream's failbit is set and
  /// `g` is left as it was (the convention of the standard's engines).
  template <class CharT, class Traits>
  friend std::basic_istream<CharT, Traits>& operator>>(std::basic_istream<CharT, Traits>& is, rng& g) {
    using ios = std::basic_ios<CharT, Traits>;
    std::mt19937_64 engine;
    int has_spare = -1;
    std::uint64_t bits = 0;
    const auto flags = is.flags();
    is.flags(ios::dec | ios::skipws);
    is >> engine >> has_spare >> bits;
    is.flags(flags);
    if (!is || (has_spare != 0 && has_spare != 1)) {
      is.setstate(ios::failbit);
      return is;
    }
    g.engine_ = engine;
    g.has_spare_ = has_spare == 1;
    std::memcpy(&g.spare_, &bits, sizeof bits);
    return is;
  }

 private:
  std::mt19937_64 engine_;
  double spare_ = 0;
  bool has_spare_ = false;
};

}  // namespace minimax
