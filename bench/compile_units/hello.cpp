// The first program a user writes: the umbrella header and one divergence. bench/compile_time
// times its build; the include-cost test compiles it and counts what the front end instantiates.
#include <cstdio>

#include <minimax/minimax.hpp>

int main() {
  namespace mm = minimax;
  const auto p = mm::pmf::from(Eigen::Vector3d(0.5, 0.25, 0.25));
  const auto q = mm::pmf::from(Eigen::Vector3d(0.25, 0.25, 0.5));
  std::printf("JSD(p, q) = %.17g nats\n", mm::jsd(p, q));
  return 0;
}
