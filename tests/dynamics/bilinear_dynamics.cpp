// Tests for include/minimax/dynamics/ on the bilinear game V = x^T A y: every known closed form of
// ../shared/REFERENCES.md §2-3, the linearised operators against the simulated one-step maps, and bad input.
#include <catch2/catch.hpp>

#include <cmath>
#include <complex>

#include <minimax/dynamics.hpp>
#include <minimax/games/bilinear.hpp>

namespace mm = minimax;

namespace {
constexpr double eps = std::numeric_limits<double>::epsilon();

// The one-step map of a scheme on a linear game is linear: its matrix, column by column, from the
// scheme's own advance() on unit initial states (two-step schemes: state (z_t, z_{t-1})).
template <class S>
Eigen::MatrixXd simulated_operator(const mm::games::bilinear& game, const S& scheme, bool two_step) {
  const Eigen::Index n = game.dimension();
  const Eigen::Index N = two_step ? 2 * n : n;
  Eigen::MatrixXd M(N, N);
  for (Eigen::Index j = 0; j < N; ++j) {
    Eigen::VectorXd e = Eigen::VectorXd::Zero(N);
    e[j] = 1.0;
    mm::scheme_state s = scheme.start(game, e.head(n));
    if (two_step) {
      // memory: the previous point for momentum, the previous field v(z_{t-1}) for optimistic
      if constexpr (std::is_same_v<S, mm::schemes::optimistic>) {
        s.memory = game.vector_field<double>(Eigen::VectorXd(e.tail(n)));
      } else {
        s.memory = e.tail(n);
      }
    }
    const Eigen::VectorXd z = s.z;
    scheme.advance(game, s);
    M.col(j).head(n) = s.z;
    if (two_step) M.col(j).tail(n) = z;
  }
  return M;
}
}  // namespace

TEST_CASE("bilinear: vector field, losses and Jacobian", "[dynamics][bilinear]") {
  Eigen::MatrixXd A(2, 3);
  A << 1, 2, 0, -1, 0.5, 3;
  const mm::games::bilinear game{A};
  Eigen::VectorXd x(2), y(3);
  x << 0.3, -0.7;
  y << 1.1, 0.2, -0.4;
  const Eigen::VectorXd z = game.init(x, y);
  const Eigen::VectorXd v = game.vector_field<double>(z);
  CHECK((v.head(2) + A * y).norm() <= 4 * eps);
  CHECK((v.tail(3) - A.transpose() * x).norm() <= 4 * eps);
  // v = -(grad_theta L_G, grad_psi L_D), from the losses by dual numbers
  const Eigen::VectorXd gG = mm::generator_loss_gradient(game, z);
  const Eigen::VectorXd gD = mm::discriminator_loss_gradient(game, z);
  CHECK((v.head(2) + gG.head(2)).norm() <= 8 * eps);
  CHECK((v.tail(3) + gD.tail(3)).norm() <= 8 * eps);
  Eigen::MatrixXd expected = Eigen::MatrixXd::Zero(5, 5);
  expected.topRightCorner(2, 3) = -A;
  expected.bottomLeftCorner(3, 2) = A.transpose();
  CHECK((mm::jacobian(game, z) - expected).norm() == 0.0);
  // eigenvalues ±i sigma_k(A) and zeros
  const Eigen::VectorXcd lambda = mm::eigenvalues(expected);
  const Eigen::VectorXd sigma = Eigen::JacobiSVD<Eigen::MatrixXd>(A).singularValues();
  for (Eigen::Index k = 0; k < sigma.size(); ++k) {
    bool found = false;
    for (Eigen::Index i = 0; i < lambda.size(); ++i) {
      found = found || std::abs(lambda[i] - std::complex<double>(0, sigma[k])) <= 1e-12;
    }
    CHECK(found);
  }
}

TEST_CASE("bilinear: simultaneous GD grows the norm by exactly sqrt(1 + h^2) per step", "[dynamics][bilinear]") {
  const mm::games::bilinear game;
  for (double h : {0.01, 0.1, 0.5}) {
    const auto run = mm::simulate(game, mm::schemes::simultaneous{h}, game.init(1.0, 0.5), 200);
    REQUIRE(run.states.size() == 201);
    for (std::size_t t = 1; t < run.states.size(); ++t) {
      const double ratio = run.states[t].norm() / run.states[t - 1].norm();
      CHECK(std::abs(ratio - std::sqrt(1 + h * h)) <= 8 * eps);
    }
    CHECK(mm::analyze(game, mm::schemes::simultaneous{h}, game.equilibrium()).verdict == mm::verdict::diverges);
  }
  // and the largest stable step is 0: Re(lambda) = 0 for both eigenvalues
  CHECK(mm::largest_stable_step(mm::jacobian(game, game.equilibrium())) == 0.0);
}

TEST_CASE("bilinear: alternating GD conserves x^2 + y^2 - h x y exactly", "[dynamics][bilinear]") {
  const mm::games::bilinear game;
  for (double h : {0.1, 1.0, 1.9}) {
    const auto run = mm::simulate(game, mm::schemes::alternating{h}, game.init(0.8, -0.3), 1000);
    const auto Q = [h](const Eigen::VectorXd& z) { return z[0] * z[0] + z[1] * z[1] - h * z[0] * z[1]; };
    const double q0 = Q(run.states.front());
    double worst = 0;
    for (const auto& z : run.states) worst = std::max(worst, std::abs(Q(z) - q0));
    CHECK(worst <= 1000 * 4 * eps);  // rounding only, accumulated over 1000 steps
    const auto a = mm::analyze(game, mm::schemes::alternating{h}, game.equilibrium());
    CHECK(a.verdict == mm::verdict::cycles);
    CHECK(std::abs(a.spectral_radius - 1.0) <= 1e-12);
  }
}

TEST_CASE("bilinear: extragradient contracts at sqrt(1 - h^2 + h^4)", "[dynamics][bilinear]") {
  const mm::games::bilinear game;
  for (double h : {0.1, 0.3, 0.7}) {
    const double rate = std::sqrt(1 - h * h + std::pow(h, 4));
    const auto a = mm::analyze(game, mm::schemes::extragradient{h}, game.equilibrium());
    CHECK(std::abs(a.spectral_radius - rate) <= 4 * eps);
    CHECK(a.verdict == mm::verdict::converges);
    // eigenvalues (1 - h^2) ± i h
    for (Eigen::Index i = 0; i < 2; ++i) {
      CHECK(std::abs(a.update_eigenvalues[i].real() - (1 - h * h)) <= 8 * eps);
      CHECK(std::abs(std::abs(a.update_eigenvalues[i].imag()) - h) <= 8 * eps);
    }
    const auto run = mm::simulate(game, mm::schemes::extragradient{h}, game.init(1.0, 0.0), 50);
    for (std::size_t t = 1; t < run.states.size(); ++t) {  // normal M: every step contracts by exactly rate
      CHECK(std::abs(run.states[t].norm() / run.states[t - 1].norm() - rate) <= 16 * eps);
    }
  }
}

TEST_CASE("bilinear: optimistic GD converges at its companion matrix's spectral radius", "[dynamics][bilinear]") {
  const mm::games::bilinear game;
  const double h = 0.2;
  const auto a = mm::analyze(game, mm::schemes::optimistic{h}, game.equilibrium());
  REQUIRE(a.verdict == mm::verdict::converges);
  // companion polynomial of the 2x2 rotation block: mu^2 - (1 + 2 i h) mu + i h = 0 (and conjugate)
  const std::complex<double> I(0, 1);
  const std::complex<double> b = 1.0 + 2.0 * h * I, c = h * I;
  const std::complex<double> root = std::sqrt(b * b - 4.0 * c);
  const double rho = std::max(std::abs((b + root) / 2.0), std::abs((b - root) / 2.0));
  CHECK(std::abs(a.spectral_radius - rho) <= 1e-14);
  // the simulation's measured contraction per step over a long run matches rho within 1%
  const auto run = mm::simulate(game, mm::schemes::optimistic{h}, game.init(1.0, 0.5), 400);
  const double measured = std::pow(run.final_state().norm() / run.states[200].norm(), 1.0 / 200.0);
  CHECK(std::abs(measured - rho) <= 0.01 * rho);
}

TEST_CASE("bilinear: negative momentum converges in alternating form, positive does not", "[dynamics][bilinear]") {
  const mm::games::bilinear game;
  const double h = 0.5;
  const auto negative = mm::analyze(game, mm::schemes::momentum{h, -0.3, true}, game.equilibrium());
  CHECK(negative.verdict == mm::verdict::converges);
  const auto positive = mm::analyze(game, mm::schemes::momentum{h, 0.3, true}, game.equilibrium());
  CHECK(positive.verdict == mm::verdict::diverges);
  const auto none = mm::analyze(game, mm::schemes::momentum{h, 0.0, true}, game.equilibrium());
  CHECK(none.verdict == mm::verdict::cycles);
  const auto run = mm::simulate(game, mm::schemes::momentum{h, -0.3, true}, game.init(1.0, 1.0), 600);
  const double measured = std::pow(run.final_state().norm() / run.states[300].norm(), 1.0 / 300.0);
  CHECK(std::abs(measured - negative.spectral_radius) <= 0.01 * negative.spectral_radius);
}

TEST_CASE("every scheme's linearisation equals its simulated one-step map on a linear game", "[dynamics][analysis]") {
  Eigen::MatrixXd A(2, 2);
  A << 1.0, 0.4, -0.2, 0.7;
  const mm::games::bilinear game{A};
  const Eigen::MatrixXd J = mm::jacobian(game, game.equilibrium());
  const auto check = [&](const auto& scheme, bool two_step) {
    const Eigen::MatrixXd predicted = scheme.linearised(J, game.generator_dimension());
    CHECK((predicted - simulated_operator(game, scheme, two_step)).norm() <= 64 * eps);
  };
  check(mm::schemes::simultaneous{0.3, 0.1}, false);
  check(mm::schemes::alternating{0.3, 0.2, 3}, false);
  check(mm::schemes::extragradient{0.3}, false);
  check(mm::schemes::optimistic{0.3}, true);
  check(mm::schemes::momentum{0.3, -0.4, false}, true);
  check(mm::schemes::momentum{0.3, 0.5, true}, true);
  check(mm::schemes::gradient_flow{0.3}, false);
  check(mm::schemes::consensus{0.3, 0.5}, false);  // exact on a linear game: J is constant
  // two step sizes (TTUR) in every scheme that takes them
  check(mm::schemes::extragradient{0.3, 0.1}, false);
  check(mm::schemes::optimistic{0.3, 0.1}, true);
  check(mm::schemes::consensus{0.3, 0.1, 0.5}, false);
  check(mm::schemes::momentum{0.3, 0.1, -0.4, false}, true);
  check(mm::schemes::momentum{0.3, 0.1, 0.5, true}, true);
}

TEST_CASE("TTUR: two equal step sizes are the one-step-size scheme, bit for bit", "[dynamics][ttur]") {
  const mm::games::bilinear game;
  const Eigen::VectorXd z0 = game.init(1.0, 0.5);
  const auto same = [&](const auto& one, const auto& two) {
    const auto a = mm::simulate(game, one, z0, 40), b = mm::simulate(game, two, z0, 40);
    REQUIRE(a.states.size() == b.states.size());
    for (std::size_t t = 0; t < a.states.size(); ++t) CHECK(a.states[t] == b.states[t]);
  };
  same(mm::schemes::extragradient{0.3}, mm::schemes::extragradient{0.3, 0.3});
  same(mm::schemes::optimistic{0.3}, mm::schemes::optimistic{0.3, 0.3});
  same(mm::schemes::consensus{0.3, 0.5}, mm::schemes::consensus{0.3, 0.3, 0.5});
  same(mm::schemes::momentum{0.3, -0.2, true}, mm::schemes::momentum{0.3, 0.3, -0.2, true});
  same(mm::schemes::momentum{0.3, 0.2}, mm::schemes::momentum{0.3, 0.3, 0.2, false});
}

TEST_CASE("TTUR on V = xy: extragradient contracts at sqrt(1 - p + p^2), p = h_G h_D", "[dynamics][ttur]") {
  // M = I + HJ + (HJ)^2 = [[1 - p, -h_G], [h_D, 1 - p]]: eigenvalues 1 - p ± i sqrt(p), whose modulus
  // depends on the step sizes through their product alone.
  const mm::games::bilinear game;
  for (const auto& [hg, hd] : {std::pair{0.1, 0.4}, std::pair{0.5, 0.2}, std::pair{0.9, 0.05}}) {
    const double p = hg * hd, rate = std::sqrt(1 - p + p * p);
    const auto a = mm::analyze(game, mm::schemes::extragradient{hg, hd}, game.equilibrium());
    CHECK(std::abs(a.spectral_radius - rate) <= 8 * eps);
    CHECK(a.verdict == mm::verdict::converges);
    for (Eigen::Index i = 0; i < 2; ++i) {
      CHECK(std::abs(a.update_eigenvalues[i].real() - (1 - p)) <= 8 * eps);
      CHECK(std::abs(std::abs(a.update_eigenvalues[i].imag()) - std::sqrt(p)) <= 8 * eps);
    }
    // M is not normal when h_G != h_D, but det M = rate^2 exactly: the area of a triangle of states
    // shrinks by rate^2 per step. Checked on two simulated runs from independent starts.
    const auto r0 = mm::simulate(game, mm::schemes::extragradient{hg, hd}, game.init(1.0, 0.0), 30);
    const auto r1 = mm::simulate(game, mm::schemes::extragradient{hg, hd}, game.init(0.6, -0.3), 30);
    for (std::size_t t = 1; t < r0.states.size(); ++t) {
      const auto area = [](const Eigen::VectorXd& u, const Eigen::VectorXd& w) { return u[0] * w[1] - u[1] * w[0]; };
      const double ratio = area(r0.states[t], r1.states[t]) / area(r0.states[t - 1], r1.states[t - 1]);
      CHECK(std::abs(ratio - rate * rate) <= 64 * eps);
    }
  }
}

TEST_CASE("TTUR: bad step sizes are refused with the scheme and the value", "[dynamics][ttur][errors]") {
  CHECK_THROWS_WITH((mm::schemes::extragradient{0.1, -1.0}),
                    "minimax::schemes::extragradient: the discriminator's step size must be positive and finite, got -1");
  CHECK_THROWS_WITH((mm::schemes::optimistic{0.0, 0.1}),
                    "minimax::schemes::optimistic: the generator's step size must be positive and finite, got 0");
  CHECK_THROWS_AS((mm::schemes::consensus{0.1, std::nan(""), 0.5}), mm::invalid_argument);
  CHECK_THROWS_AS((mm::schemes::momentum{0.1, 0.1, 1.0, false}), mm::invalid_argument);
}

TEST_CASE("the RK4 flow of V = xy follows the exact circles", "[dynamics][bilinear]") {
  const mm::games::bilinear game;
  const double dt = 0.01, x0 = 1.0, y0 = 0.5;
  const auto run = mm::simulate(game, mm::schemes::gradient_flow{dt}, game.init(x0, y0), 628);
  for (std::size_t k = 0; k < run.states.size(); k += 157) {
    const double t = dt * static_cast<double>(run.steps[k]);
    const double x = x0 * std::cos(t) - y0 * std::sin(t), y = x0 * std::sin(t) + y0 * std::cos(t);
    // global error O(dt^4) over t <= 2 pi: of order 1e-10 here
    CHECK(std::abs(run.states[k][0] - x) <= 1e-9);
    CHECK(std::abs(run.states[k][1] - y) <= 1e-9);
  }
  const double r0 = x0 * x0 + y0 * y0;
  CHECK(std::abs(run.final_state().squaredNorm() - r0) <= 1e-9);
}

TEST_CASE("largest_stable_step agrees with the spectral radius of I + hJ", "[dynamics][analysis]") {
  Eigen::MatrixXd J(2, 2);
  J << -0.5, -1.0, 1.0, -0.2;  // eigenvalues with negative real parts
  const double h_star = mm::largest_stable_step(J);
  REQUIRE(h_star > 0);
  const Eigen::MatrixXd I = Eigen::MatrixXd::Identity(2, 2);
  CHECK(mm::spectral_radius(I + 0.99 * h_star * J) < 1.0);
  CHECK(mm::spectral_radius(I + 1.01 * h_star * J) > 1.0);
  CHECK(std::abs(mm::spectral_radius(I + h_star * J) - 1.0) <= 1e-12);
}

TEST_CASE("simulate: observers, recording and a clear status on divergence", "[dynamics][simulate]") {
  const mm::games::bilinear game;
  const auto sparse = mm::simulate(game, mm::schemes::simultaneous{0.1}, game.init(1.0, 0.0), 95,
                                   mm::observers::record_every{10});
  REQUIRE(sparse.states.size() == 11);  // 0, 10, ..., 90 and the final 95
  CHECK(sparse.steps.back() == 95);
  CHECK(sparse.status == mm::run_status::completed);

  const auto diverged = mm::simulate(game, mm::schemes::simultaneous{0.5}, game.init(1.0, 0.0), 1000,
                                     mm::observers::stop_when_diverged{10.0});
  CHECK(diverged.status == mm::run_status::diverged);
  // |z_t| = (1.25)^(t/2) first exceeds 10 at t = 21
  CHECK(diverged.steps_taken == 21);
  CHECK(diverged.message.find("step 21") != std::string::npos);

  const auto converged = mm::simulate(game, mm::schemes::extragradient{0.5}, game.init(1.0, 0.0), 10000,
                                      mm::observers::stop_when_converged{game.equilibrium(), 1e-6});
  CHECK(converged.status == mm::run_status::converged);
  CHECK(converged.final_state().norm() <= 1e-6);

  // overflow to inf: the run ends with non_finite and no non-finite state is recorded
  const auto blown = mm::simulate(game, mm::schemes::simultaneous{1e100}, game.init(1.0, 1.0), 50,
                                  mm::observers::record_every{100});
  CHECK(blown.status == mm::run_status::non_finite);
  for (const auto& z : blown.states) CHECK(z.allFinite());
  CHECK(blown.steps.back() == blown.steps_taken);
}

TEST_CASE("dynamics: bad input is refused with the function and the value", "[dynamics][errors]") {
  const mm::games::bilinear game;
  CHECK_THROWS_WITH(mm::schemes::simultaneous{-0.1},
                    "minimax::schemes::simultaneous: the generator's step size must be positive and finite, got -0.1");
  CHECK_THROWS_AS(mm::schemes::extragradient{0.0}, std::invalid_argument);
  CHECK_THROWS_AS(mm::schemes::optimistic{std::nan("")}, std::invalid_argument);
  CHECK_THROWS_AS(mm::schemes::momentum(0.1, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(mm::schemes::alternating(0.1, 0.1, 0), std::invalid_argument);
  CHECK_THROWS_AS(mm::schemes::unrolled(0.1, -1), std::invalid_argument);
  CHECK_THROWS_AS(mm::schemes::consensus(0.1, -1.0), std::invalid_argument);
  CHECK_THROWS_WITH(mm::simulate(game, mm::schemes::simultaneous{0.1}, Eigen::Vector2d(std::nan(""), 0.0), 10),
                    "minimax::simulate: entry 0 of the point must be finite, got nan");
  CHECK_THROWS_WITH(mm::simulate(game, mm::schemes::simultaneous{0.1}, Eigen::Vector3d(0, 0, 0), 10),
                    "minimax::simulate: the point and the game's dimension must have the same size, got 3 and 2");
  CHECK_THROWS_AS(mm::simulate(game, mm::schemes::simultaneous{0.1}, game.init(1, 1), -1), std::invalid_argument);
  CHECK_THROWS_AS(mm::jacobian(game, Eigen::VectorXd(1)), std::invalid_argument);
  CHECK_THROWS_AS(mm::games::bilinear{Eigen::MatrixXd(0, 0)}, std::invalid_argument);
  CHECK_THROWS_AS(mm::observers::stop_when_diverged{0.0}, std::invalid_argument);
  CHECK_THROWS_AS(mm::observers::record_every{0}, std::invalid_argument);
}
