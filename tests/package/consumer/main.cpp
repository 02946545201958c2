// A consumer of the minimax package: includes the umbrella header, computes known answers, and
// prints "minimax consumer: ok" only when they are right.
#include <minimax/minimax.hpp>

#include <cmath>
#include <cstdio>
#include <vector>

int main() {
  namespace mm = minimax;
  const std::vector<double> logits{std::log(1.0), std::log(2.0), std::log(5.0)};
  const double lse = mm::logsumexp(logits);  // log(1 + 2 + 5) = log 8
  const bool ok = std::abs(lse - std::log(8.0)) < 1e-15 && mm::xlogy(0.0, 0.0) == 0.0 &&
                  mm::version.major == MINIMAX_VERSION_MAJOR;
  std::printf("minimax %s consumer: %s\n", mm::version.string, ok ? "ok" : "FAILED");
  if (ok) std::printf("minimax consumer: ok\n");
  return ok ? 0 : 1;
}
