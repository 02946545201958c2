#pragma once
// 50-digit references for the f-generators' perspectives q f(p/q) and KL's term, shared by the
// pmf tests of hostile ratios and of nearly equal masses.

#include <reference.hpp>

namespace minimax::test {

/// |computed - reference| / |reference|, in high precision.
template <class T>
double rel_error(T computed, const high& reference) {
  return static_cast<double>(abs(high(computed) - reference) / abs(reference));
}
/// p log(p/q)
inline high kl_ref(double p, double q) { return high(p) * log(high(p) / high(q)); }
/// p log(p/q) - p + q, KL's non-negative term
inline high kl_term_ref(double p, double q) { return kl_ref(p, q) - high(p) + high(q); }
/// p log(2p/(p+q)) + q log(2q/(p+q)), twice the JSD's term
inline high jsd_pair_ref(double p, double q) {
  const high m = (high(p) + high(q)) / 2;
  return high(p) * log(high(p) / m) + high(q) * log(high(q) / m);
}
/// p log(p/(p+q)) + q log(q/(p+q)), the GAN generator's perspective
inline high gan_ref(double p, double q) {
  const high m = high(p) + high(q);
  return high(p) * log(high(p) / m) + high(q) * log(high(q) / m);
}
/// (sqrt p - sqrt q)^2
inline high hellinger_ref(double p, double q) { return pow(sqrt(high(p)) - sqrt(high(q)), 2); }
/// (p - q)^2 / q
inline high pearson_ref(double p, double q) { return (high(p) - high(q)) * (high(p) - high(q)) / high(q); }

}  // namespace minimax::test
