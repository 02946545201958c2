// What minimax's hello program stands on: Eigen's dense modules and one Boost quadrature rule,
// included and used about as much. bench/compile_time compares the hello's cost against this.
#include <cmath>
#include <cstdio>

#include <Eigen/Dense>
#include <boost/math/quadrature/tanh_sinh.hpp>

int main() {
  const Eigen::Vector3d p(0.5, 0.25, 0.25), q(0.25, 0.25, 0.5);
  const Eigen::Vector3d m = 0.5 * (p + q);
  const double jsd = 0.5 * (p.array() * (p.array() / m.array()).log()).sum() +
                     0.5 * (q.array() * (q.array() / m.array()).log()).sum();
  std::printf("JSD(p, q) = %.17g nats\n", jsd);
  return 0;
}
