// Tour section: the stable numerics every later formula stands on.
#include <cmath>
#include <limits>
#include <vector>

#include <minimax/core.hpp>

#include "tour.hpp"

//! [core numerics]
MINIMAX_TOUR_SECTION(100, "core: stable numerics (each against its closed form)") {
  namespace mm = minimax;
  r.say("0 log 0 = 0 is the limit that makes entropies of distributions with zeros finite:");
  r.check("xlogy(0, 0)", mm::xlogy(0.0, 0.0), 0.0, 0.0);
  r.say("log(1 + e^x): the naive formula overflows at x = 800 and loses everything at x = -800;");
  r.check("log1pexp(800) = 800", mm::log1pexp(800.0), 800.0, 0.0);
  r.check("log1pexp(-800) = e^-800 (subnormal-free: 0 here)", mm::log1pexp(-800.0), std::exp(-800.0), 0.0);
  r.check("log1pexp(-40) = e^-40 to 1 ulp", mm::log1pexp(-40.0), std::exp(-40.0), 1e-16 * std::exp(-40.0));
  r.check("log sigmoid(-800) = -800 (finite where log(sigmoid) is -inf)", mm::log_sigmoid(-800.0), -800.0, 0.0);
  // sigmoid(3) is rounded once; logit's condition number there, 1/((1 - p) logit p) ~ 7, magnifies it.
  r.check("logit(sigmoid(3)) = 3", mm::logit(mm::sigmoid(3.0)), 3.0, 16 * std::numeric_limits<double>::epsilon() * 3);
  r.check("logit(0.5 + 2^-40) = 2^-38 (no cancellation)", mm::logit(0.5 + std::ldexp(1.0, -40)), std::ldexp(1.0, -38),
          1e-15 * std::ldexp(1.0, -38));
  const std::vector<double> big{1000.0, 1000.0};
  r.check("logsumexp{1000, 1000} = 1000 + log 2", mm::logsumexp(big), 1000.0 + std::log(2.0), 1e-12);
  const std::vector<double> cancel{1.0, 1e100, 1.0, -1e100};
  r.check("compensated sum {1, 1e100, 1, -1e100} = 2", mm::compensated_sum(cancel), 2.0, 0.0);
  double naive = 0;
  for (double x : cancel) naive += x;
  r.say("(the plain loop gives " + std::to_string(naive) + ")");
}
//! [core numerics]
