// Tests for apps/lab (minimax-lab): each command's output against the library's known answers, and
// malformed input files rejected with a message naming the file, the line and the field.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <complex>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

#include "../../apps/lab/json.hpp"
#include "run_lab.hpp"

namespace {

// A number of the lab's JSON output; null (how it writes a non-finite number) reads as NaN.
double number(const lab::json::value& v) { return v.is_null() ? std::nan("") : v.get<double>(); }

double column(const lab::json::value& doc, const std::string& name, std::size_t row) {
  return number(doc.at("table").at(name).at(row));
}

}  // namespace

TEST_CASE("lab analyze: Dirac-GAN eigenvalues are +-i f'(0), R1 moves them to -gamma/2", "[lab]") {
  // non-saturating loss: f(t) = -log(1 + e^-t), f'(0) = 1/2; WGAN: f(t) = t, f'(0) = 1
  for (const auto& [loss, slope] : {std::pair{"non_saturating", 0.5}, std::pair{"wasserstein", 1.0}}) {
    const auto doc = json_of(std::string("analyze --game dirac --loss ") + loss);
    CHECK(std::abs(column(doc, "re", 0)) <= 1e-15);
    CHECK(std::abs(std::abs(column(doc, "im", 0)) - slope) <= 1e-15);
    // simultaneous steps: rho(I + hJ) = sqrt(1 + h^2 f'(0)^2)
    CHECK(std::abs(doc.at("spectral_radius").get<double>() - std::sqrt(1 + 0.01 * slope * slope)) <= 1e-15);
    CHECK(doc.at("verdict").get<std::string>() == "diverges");
  }
  const auto r1 = json_of("analyze --game dirac --regulariser r1 --strength 0.3");
  CHECK(std::abs(column(r1, "re", 0) + 0.15) <= 1e-15);
  CHECK(r1.at("verdict").get<std::string>() == "converges");
}

TEST_CASE("lab analyze: extragradient on the bilinear game has rho = sqrt(1 - h^2 + h^4)", "[lab]") {
  const auto doc = json_of("analyze --config " + data("extragradient.json"));
  CHECK(std::abs(doc.at("spectral_radius").get<double>() - std::sqrt(1 - 0.01 + 1e-4)) <= 1e-15);
  CHECK(doc.at("largest_stable_step").get<double>() == 0.0);  // purely imaginary eigenvalues
}

TEST_CASE("lab simulate: simultaneous steps on V = xy grow the norm by sqrt(1 + h^2) per step", "[lab]") {
  const auto doc = json_of("simulate --game bilinear --scheme simultaneous --lr 0.1 --steps 100 --init 1,0");
  CHECK(std::abs(doc.at("final_distance").get<double>() - std::pow(1.01, 50)) <= 1e-12);
  CHECK(doc.at("status").get<std::string>() == "completed");
  const auto alt = json_of("simulate --game bilinear --scheme alternating --lr 0.1 --steps 1000 --init 1,0");
  const double x = column(alt, "x", 1000), y = column(alt, "y", 1000);
  CHECK(std::abs(x * x + y * y - 0.1 * x * y - 1.0) <= 1e-12);  // the conserved quantity
}

TEST_CASE("lab: two time-scale steps (--lr-d) reach every scheme", "[lab]") {
  // extragradient on V = xy with h_G, h_D: rho = sqrt(1 - p + p^2), p = h_G h_D
  const auto eg = json_of("analyze --game bilinear --scheme extragradient --lr 0.5 --lr-d 0.2");
  CHECK(std::abs(eg.at("spectral_radius").get<double>() - std::sqrt(1 - 0.1 + 0.01)) <= 1e-15);
  CHECK(eg.at("lr_d").get<double>() == 0.2);
  // simultaneous: M = [[1, -h_G], [h_D, 1]] has |lambda| = sqrt(1 + h_G h_D); the norm of z in the
  // metric diag(h_D, h_G) grows by exactly that factor per step
  const auto sim = json_of("simulate --game bilinear --scheme simultaneous --lr 0.3 --lr-d 0.1 --steps 40 --init 1,0");
  const auto energy = [&](std::size_t t) {
    const double x = column(sim, "x", t), y = column(sim, "y", t);
    return 0.1 * x * x + 0.3 * y * y;
  };
  CHECK(std::abs(energy(40) / energy(0) - std::pow(1 + 0.03, 40)) <= 1e-12 * std::pow(1.03, 40));
  // without --lr-d the discriminator's step is --lr
  CHECK(json_of("analyze --game bilinear --scheme optimistic --lr 0.2").at("lr_d").get<double>() == 0.2);
  const outcome flow = run_lab("simulate --game bilinear --scheme flow --lr 0.1 --lr-d 0.2");
  CHECK(flow.status == 2);
  CHECK(flow.out.find("--lr-d: the flow has one time step for both players") != std::string::npos);
  const outcome negative = run_lab("simulate --game bilinear --lr-d -1");
  CHECK(negative.status == 2);
  CHECK(negative.out.find("--lr-d must be positive, got -1") != std::string::npos);
}

TEST_CASE("lab: alternating steps with n_D discriminator steps, and RMSProp", "[lab]") {
  // V = xy: M = [[1, -h_G], [n h_D, 1 - n p]], p = h_G h_D: det M = 1, trace t = 2 - n p. For |t| < 2 the
  // eigenvalues lie on the unit circle (the run cycles); beyond, rho = (|t| + sqrt(t^2 - 4)) / 2.
  const auto cycles = json_of("analyze --game bilinear --scheme alternating --lr 0.5 --lr-d 0.2 --d-steps 3");
  CHECK(std::abs(cycles.at("spectral_radius").get<double>() - 1.0) <= 1e-15);
  CHECK(cycles.at("verdict").get<std::string>() == "cycles");
  const auto out = json_of("analyze --game bilinear --scheme alternating --lr 1 --lr-d 1 --d-steps 5");
  CHECK(std::abs(out.at("spectral_radius").get<double>() - (3 + std::sqrt(5.0)) / 2) <= 1e-14);
  CHECK(out.at("verdict").get<std::string>() == "diverges");
  const outcome many = run_lab("analyze --game bilinear --scheme alternating --d-steps 5000");
  CHECK(many.status == 2);
  CHECK(many.out.find("--d-steps must be at most 1000, got 5000") != std::string::npos);
  // RMSProp for each player: the step of a coordinate is h g / (sqrt(s) + eps) with s = (1 - rho) g^2 at
  // the first step (rho = 0.99, eps = 1e-8); from (1, 1) on V = xy, g = (1, -1)
  const auto rms = json_of("simulate --game bilinear --scheme rmsprop --lr 0.01 --lr-d 0.02 --steps 1 --init 1,1");
  CHECK(std::abs(column(rms, "x", 1) - (1 - 0.01 / (std::sqrt(1 - 0.99) + 1e-8))) <= 1e-15);
  CHECK(std::abs(column(rms, "y", 1) - (1 + 0.02 / (std::sqrt(1 - 0.99) + 1e-8))) <= 1e-15);
}

TEST_CASE("lab: the bilinear game with a 2x2 A has the eigenvalues +-i sigma_k(A)", "[lab]") {
  // V = x^T A y: J = [[0, -A], [A^T, 0]], whose eigenvalues are +-i times the singular values of A;
  // for a 2x2 A, sigma^2 = (T +- sqrt(T^2 - 4 D)) / 2 with T = |A|_F^2, D = det(A)^2
  const double a11 = 1, a12 = 0.4, a21 = -0.2, a22 = 0.7;
  const double T = a11 * a11 + a12 * a12 + a21 * a21 + a22 * a22, D = std::pow(a11 * a22 - a12 * a21, 2);
  const double s1 = std::sqrt((T + std::sqrt(T * T - 4 * D)) / 2), s2 = std::sqrt((T - std::sqrt(T * T - 4 * D)) / 2);
  const auto doc = json_of("analyze --game bilinear --coupling 1,0.4,-0.2,0.7");
  const auto& matrix = doc.at("table").at("matrix");
  std::vector<double> moduli;
  for (std::size_t k = 0; k < matrix.size(); ++k) {
    if (matrix[k].get<std::string>() != "J") continue;
    CHECK(std::abs(column(doc, "re", k)) <= 1e-15);
    moduli.push_back(std::abs(column(doc, "im", k)));
  }
  REQUIRE(moduli.size() == 4);
  std::sort(moduli.begin(), moduli.end());
  CHECK(std::abs(moduli[0] - s2) <= 1e-15);
  CHECK(std::abs(moduli[1] - s2) <= 1e-15);
  CHECK(std::abs(moduli[2] - s1) <= 1e-15);
  CHECK(std::abs(moduli[3] - s1) <= 1e-15);
  // simultaneous steps spiral out at sqrt(1 + h^2 sigma_max^2)
  CHECK(std::abs(doc.at("spectral_radius").get<double>() - std::sqrt(1 + 0.01 * s1 * s1)) <= 1e-15);
  // the run starts at (1, 1, 1, 1) and records the four coordinates
  const auto run = json_of("simulate --game bilinear --coupling 1,0.4,-0.2,0.7 --scheme extragradient --steps 20");
  for (const char* c : {"x1", "x2", "y1", "y2"}) CHECK(column(run, c, 0) == 1.0);
  const outcome three = run_lab("analyze --game bilinear --coupling 1,2,3");
  CHECK(three.status == 2);
  CHECK(three.out.find("--coupling needs 1 number (a) or 4 (a 2x2 A, row by row), got 3") != std::string::npos);
}

TEST_CASE("lab prove and divergence: known values", "[lab]") {
  const auto proof = json_of("prove --proof global_optimum --p uniform:0,1 --q uniform:2,3");
  CHECK(proof.at("holds").get<bool>());
  // disjoint supports: C(G) = -log 4 + 2 log 2 = 0
  CHECK(std::abs(column(proof, "value", 0)) <= 1e-12);
  const auto kl = json_of("divergence --p normal:0,1 --q normal:1,2 --measure kl");
  CHECK(std::abs(column(kl, "value", 0) - (std::log(2.0) + 2.0 / 8 - 0.5)) <= 1e-12);
  const auto tv = json_of("divergence --p pmf:0.5,0.5 --q pmf:0.25,0.75 --measure total_variation");
  CHECK(column(tv, "value", 0) == 0.25);
  // W1 of {0, 1} and {0, 1/2, 1} read from files: 1/6
  const auto w1 = json_of("divergence --p " + data("two_points.csv") + " --q " + data("three_points.csv") + " --measure w1");
  CHECK(std::abs(column(w1, "value", 0) - 1.0 / 6) <= 4e-16);
}

TEST_CASE("lab sweep: the cells' verdicts follow rho(I + hJ) for R1", "[lab]") {
  const auto doc = json_of("sweep --lr-range 0.1,1,2 --strength-range 0.1,1,2 --steps 10");
  const auto& t = doc.at("table");
  REQUIRE(t.at("lr").size() == 4);
  for (std::size_t k = 0; k < 4; ++k) {
    const double h = t.at("lr")[k].get<double>(), g = t.at("strength")[k].get<double>();
    // J = [[0, 1/2], [-1/2, -g]]: eigenvalues (-g +- sqrt(g^2 - 1)) / 2
    const std::complex<double> root = std::sqrt(std::complex<double>(g * g - 1, 0));
    const double rho = std::max(std::abs(1.0 + h * (-g + root) / 2.0), std::abs(1.0 + h * (-g - root) / 2.0));
    CHECK(std::abs(t.at("spectral_radius")[k].get<double>() - rho) <= 1e-14);
  }
}

TEST_CASE("lab sweep: the Thrust ensemble gives the CPU loop's cells", "[lab][thrust]") {
  // the last two: two time-scale steps, the discriminator's fixed across the grid
  for (const std::string scheme : {"simultaneous", "alternating", "extragradient", "optimistic",
                                   "simultaneous --lr-d 0.3", "extragradient --lr-d 0.7"}) {
    INFO(scheme);
    const std::string grid = " --scheme " + scheme + " --lr-range 0.05,2.5,6 --strength-range 0.1,3,5 --steps 400";
    const auto cpu = json_of("sweep --backend cpu" + grid);
    const auto fast = json_of("sweep --backend auto" + grid);
    if (fast.at("backend").get<std::string>() != "thrust") {
      SUCCEED("minimax-lab was built without the Thrust backend");
      return;
    }
    const auto& a = cpu.at("table");
    const auto& b = fast.at("table");
    REQUIRE(a.at("status").size() == 30);
    for (std::size_t k = 0; k < 30; ++k) {
      CHECK(a.at("status")[k].get<std::string>() == b.at("status")[k].get<std::string>());
      const double x = number(a.at("final_distance")[k]), y = number(b.at("final_distance")[k]);
      if (std::isfinite(x)) CHECK(std::abs(x - y) <= 1e-12 * (1 + std::abs(x)));
      CHECK(number(a.at("spectral_radius")[k]) == number(b.at("spectral_radius")[k]));
    }
  }
}

TEST_CASE("lab: malformed files are rejected with file, line and field", "[lab][errors]") {
  const auto expect = [](const std::string& args, const std::string& message) {
    const outcome o = run_lab(args);
    INFO(o.out);
    CHECK(o.status == 2);
    CHECK(o.out.find(message) != std::string::npos);
  };
  expect("divergence --p " + data("bad_field.csv") + " --q normal:0,1", "bad_field.csv:3: field 2 (y): 'abc' is not a number");
  expect("divergence --p " + data("ragged.csv") + " --q normal:0,1", "ragged.csv:3: this row has 2 fields, expected 1");
  expect("divergence --p " + data("empty.csv") + " --q normal:0,1", "empty.csv: no data rows");
  expect("divergence --p " + data("nan.csv") + " --q normal:0,1", "nan.csv:3: field 1 (x): 'nan' is not a number");
  expect("divergence --p " + data("missing.csv") + " --q normal:0,1", "missing.csv: cannot open the file");
  expect("simulate --config " + data("bad_value.json"), "bad_value.json:2: field \"lr\": --lr must be a number, got 'fast'");
  expect("simulate --config " + data("unknown_key.json"), "unknown_key.json:2: field \"speed\" is not an option");
  expect("simulate --config " + data("truncated.json"), "truncated.json:2: syntax error while parsing object key - unexpected end of input");
  expect("simulate --lr -1", "--lr must be positive, got -1");
  expect("divergence --p normal:0,-1", "sigma");
  expect("simulate --scheme sideways", "--scheme must be one of");
}

TEST_CASE("lab simulate: a network run resumed from its checkpoint continues bit for bit; bad checkpoints are refused",
          "[lab]") {
  const std::string dir = (std::filesystem::temp_directory_path() /
                           ("minimax-lab-checkpoint-" + std::to_string(static_cast<long>(getpid()))))
                              .string();
  std::filesystem::create_directories(dir);
  const std::string saved = dir + "/ring.json", edited = dir + "/edited.json";
  const std::string common = "simulate --game ring --record-every 5 --snapshots 1 --batch 64";
  const auto whole = json_of(common + " --steps 30 --seed 2");
  const auto first = json_of(common + " --steps 12 --seed 2 --save-state " + saved);
  const auto second = json_of(common + " --steps 18 --resume " + saved);
  CHECK(second.at("first_step") == 12);
  CHECK(second.at("seed") == 2);
  for (const auto& [name, values] : whole.at("table").items()) {
    lab::json::value joined = first.at("table").at(name);
    for (const auto& v : second.at("table").at(name)) joined.push_back(v);
    CHECK(joined == values);  // every row, to the last bit
  }
  CHECK(second.at("snapshots").back() == whole.at("snapshots").back());
  for (const char* key : {"modes_captured", "high_quality_fraction", "reverse_kl"}) CHECK(second.at(key) == whole.at(key));
  // the same run through a CBOR checkpoint (any name not ending in .json)
  const std::string binary = dir + "/ring.cbor";
  (void)json_of(common + " --steps 12 --seed 2 --save-state " + binary);
  const auto second_binary = json_of(common + " --steps 18 --resume " + binary);
  CHECK(second_binary.at("table") == second.at("table"));
  CHECK(second_binary.at("snapshots") == second.at("snapshots"));
  // the options that are not state may change between the parts (as in a live session)
  CHECK(json_of(common + " --steps 3 --scheme unrolled --lr 5e-4 --resume " + saved).at("first_step") == 12);

  const auto refused = [](const std::string& args, const std::string& message) {
    const outcome o = run_lab(args);
    INFO(o.out);
    CHECK(o.status == 2);
    CHECK(o.out.find(message) != std::string::npos);
  };
  refused(common + " --steps 3 --seed 5 --resume " + saved, "--seed 5 differs from the seed of the checkpoint");
  refused("simulate --game grid --steps 3 --resume " + saved, "field \"game\": the checkpoint is of the game \"ring\", not \"grid\"");
  refused("simulate --game dirac --resume " + saved, "--resume and --save-state apply to the games ring, grid and began, not dirac");
  refused(common + " --resume " + dir + "/none.json", "--resume: " + dir + "/none.json: cannot open the file");
  std::ofstream(edited) << "not a checkpoint";
  refused(common + " --resume " + edited, "neither JSON text nor CBOR");
  const auto edit = [&](const std::string& key, const lab::json::value& v) {
    lab::json::value c = lab::json::parse_file(saved).root;
    c[key] = v;
    std::ofstream(edited) << lab::json::dump(c);
  };
  // CBOR carries text that is not UTF-8: the message shows it with replacement characters
  const auto edit_cbor = [&](const std::string& key, const lab::json::value& v) {
    lab::json::value c = lab::json::parse_file(saved).root;
    c[key] = v;
    const std::vector<std::uint8_t> bytes = lab::json::value::to_cbor(c);
    std::ofstream(binary, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                                   static_cast<std::streamsize>(bytes.size()));
  };
  edit_cbor("game", "\x97\x98");
  refused(common + " --resume " + binary, "field \"game\": the checkpoint is of the game \"\xef\xbf\xbd\xef\xbf\xbd\"");
  edit_cbor("step", "\x97");
  refused(common + " --resume " + binary, "field \"step\": must be an integer >= 0, not \"\xef\xbf\xbd\"");
  edit("parameters", lab::json::value::array({1.0, 2.0}));
  refused(common + " --resume " + edited, "field \"parameters\": must be an array of");
  edit("rng", "12 34");
  refused(common + " --resume " + edited, "field \"rng\": not the state of a minimax::rng");
  edit("step", -1);
  refused(common + " --resume " + edited, "field \"step\": must be an integer >= 0, not -1");
  edit("step", 9223372036854775000L);
  refused(common + " --steps 1000 --resume " + edited, "passes the largest step count");
  lab::json::value adam = lab::json::parse_file(saved).root.at("discriminator_adam");
  adam["second_moment"][0] = -1.0;
  edit("discriminator_adam", adam);
  refused(common + " --resume " + edited, "field \"discriminator_adam\": minimax::nn::adam::restore: the second moment must be >= 0");

  // BEGAN: its equilibrium control (k and the losses its next step applies) is part of the state
  const std::string began = dir + "/began.json";
  const std::string began_common = "simulate --game began --record-every 3 --snapshots 1 --batch 32";
  const auto began_whole = json_of(began_common + " --steps 20");
  const auto began_first = json_of(began_common + " --steps 8 --save-state " + began);
  const auto began_second = json_of(began_common + " --steps 12 --resume " + began);
  for (const auto& [name, values] : began_whole.at("table").items()) {
    lab::json::value joined = began_first.at("table").at(name);
    for (const auto& v : began_second.at("table").at(name)) joined.push_back(v);
    CHECK(joined == values);
  }
  CHECK(began_second.at("snapshots").back() == began_whole.at("snapshots").back());
  lab::json::value control = lab::json::parse_file(began).root.at("began_control");
  CHECK(control.at("pending_losses").size() == 2);
  control["k"] = 1.5;
  lab::json::value c = lab::json::parse_file(began).root;
  c["began_control"] = control;
  std::ofstream(edited) << lab::json::dump(c);
  refused(began_common + " --resume " + edited, "field \"began_control\": minimax::games::began_gan::restore_control: k must lie in [0, 1]");
  refused(began_common + " --resume " + saved, "field \"game\": the checkpoint is of the game \"ring\", not \"began\"");
  std::filesystem::remove_all(dir);
}

TEST_CASE("lab: --describe gives each option's default, help and choices, and every listed choice runs", "[lab]") {
  const auto doc = json_of("simulate --describe");
  CHECK(doc.at("command").get<std::string>() == "simulate");
  std::vector<std::string> schemes, games;
  for (const auto& o : doc.at("options")) {
    if (o.at("name") == "scheme") schemes = o.at("choices").get<std::vector<std::string>>();
    if (o.at("name") == "game") games = o.at("choices").get<std::vector<std::string>>();
    if (o.at("name") == "lr") CHECK(o.at("default").get<std::string>() == "0.1");
    if (o.at("name") == "progress") CHECK(o.at("flag").get<bool>());
  }
  REQUIRE(schemes.size() == 11);
  REQUIRE(games.size() == 6);
  for (const auto& scheme : schemes) {
    const outcome o = run_lab("simulate --game bilinear --steps 3 --format csv --scheme " + scheme);
    INFO(scheme << "\n" << o.out);
    CHECK(o.status == 0);
  }
  for (const auto& game : games) {
    const outcome o = run_lab("simulate --steps 2 --batch 8 --snapshots 1 --format csv --game " + game);
    INFO(game << "\n" << o.out);
    CHECK(o.status == 0);
  }
}
