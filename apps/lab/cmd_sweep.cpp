// minimax-lab sweep: a phase diagram over learning rate × regulariser strength.
#include <cmath>

#include "sweep.hpp"

namespace lab {

std::vector<sweep_cell> run_sweep_cpu(const sweep_spec& spec, const arguments& a,
                                      const std::function<any_game(double)>& make, const Eigen::VectorXd& init,
                                      const std::function<void(long)>& tick) {
  std::vector<sweep_cell> cells;
  long done = 0;
  for (const double s : spec.strengths) {
    const any_game g = make(s);
    for (const double lr : spec.lrs) {
      sweep_cell c;
      c.lr = lr;
      c.strength = s;
      const analysis an = analyze_scheme(g, a, lr, g.equilibrium_point);
      c.spectral_radius = an.spectral_radius;
      c.verdict = an.verdict;
      const run_outcome run = run_scheme(g, a, lr, init, spec.steps, spec.steps, spec.bound);
      c.final_distance = (run.states.back() - g.equilibrium_point).norm();
      c.status = run.status;
      cells.push_back(c);
      tick(++done);
    }
  }
  return cells;
}

namespace {
std::vector<double> axis(const arguments& a, const std::string& name) {
  const auto v = a.numbers(name);
  if (v.size() != 3 || !(v[0] > 0) || !(v[1] > v[0]) || !(v[2] >= 2) || v[2] != std::floor(v[2]) || v[2] > 1000) {
    throw usage_error("--" + name + " is FROM,TO,COUNT with 0 < FROM < TO and 2 <= COUNT <= 1000, got '" + a.text(name) + "'");
  }
  std::vector<double> out;
  const bool log = a.flag("log");
  for (int i = 0; i < static_cast<int>(v[2]); ++i) {
    const double t = i / (v[2] - 1);
    out.push_back(log ? v[0] * std::pow(v[1] / v[0], t) : v[0] + (v[1] - v[0]) * t);
  }
  return out;
}
}  // namespace

int cmd_sweep(int argc, char** argv) {
  std::vector<option> opts = game_options();
  for (auto& o : scheme_options()) opts.push_back(o);
  for (auto& o : opts) {
    if (o.name == "regulariser") o.default_value = "r1";
  }
  opts.push_back({"lr-range", "0.01,1,30", "learning rates FROM,TO,COUNT", false});
  opts.push_back({"strength-range", "0.01,3,30", "regulariser strengths FROM,TO,COUNT", false});
  opts.push_back({"log", "", "space both axes geometrically", true});
  opts.push_back({"steps", "500", "steps per cell", false});
  opts.push_back({"bound", "1e3", "a run stops as diverged beyond this distance", false});
  opts.push_back({"config", "", "read options from a JSON object file", false});
  opts.push_back({"backend", "auto", "cpu, thrust (an ensemble on the Thrust backend), or auto: thrust where it covers the game", false});
  arguments a("sweep",
              "A phase diagram: for every learning rate and regulariser strength on the grid, the spectral radius of\n"
              "the scheme's linearised update at the equilibrium (with its verdict) and the distance to the\n"
              "equilibrium after a run from --init. With the Thrust backend (--backend), all cells run as one\n"
              "ensemble, one member per thread; otherwise on the CPU, one cell after another.",
              opts);
  if (!a.parse(argc, argv, 2)) return 0;
  sweep_spec spec;
  spec.lrs = axis(a, "lr-range");
  spec.strengths = axis(a, "strength-range");
  spec.steps = a.integer("steps", 1);
  spec.bound = a.positive("bound");
  const any_game first = make_game(a, spec.strengths.front());
  const Eigen::VectorXd init = initial_point(first, a);
  progress bar(a, "sweep", static_cast<long>(spec.lrs.size() * spec.strengths.size()));
  const std::string backend = a.choice("backend", {"auto", "cpu", "thrust"});
#if MINIMAX_LAB_THRUST
  const bool thrust = backend != "cpu" && thrust_sweep_supports(a);
  if (backend == "thrust" && !thrust) {
    throw usage_error("--backend thrust covers the dirac game with the minimax, non_saturating or wasserstein loss, any "
                      "regulariser but instance_noise, and the simultaneous, alternating, extragradient or optimistic scheme");
  }
#else
  const bool thrust = false;
  if (backend == "thrust") throw usage_error("--backend thrust: this minimax-lab was built without the Thrust backend");
#endif
  std::vector<sweep_cell> cells;
  if (thrust) {
#if MINIMAX_LAB_THRUST
    cells = run_sweep_thrust(spec, a, init);
    long done = 0;
    for (auto& c : cells) {  // the analysis, cell by cell, as the CPU loop does it
      const analysis an = analyze_scheme(make_game(a, c.strength), a, c.lr, first.equilibrium_point);
      c.spectral_radius = an.spectral_radius;
      c.verdict = an.verdict;
      bar.update(++done);
    }
#endif
  } else {
    cells = run_sweep_cpu(
        spec, a, [&](double s) { return make_game(a, s); }, init, [&](long done) { bar.update(done); });
  }
  result r;
  r.meta["command"] = "sweep";
  r.meta["game"] = first.description;
  r.meta["regulariser"] = a.text("regulariser");
  r.meta["scheme"] = a.text("scheme");
  r.meta["steps"] = spec.steps;
  r.meta["init"] = to_json(init);
  r.meta["backend"] = thrust ? "thrust" : "cpu";
  r.columns = {"lr", "strength", "spectral_radius", "verdict", "final_distance", "status"};
  for (const auto& c : cells) r.row({c.lr, c.strength, c.spectral_radius, c.verdict, c.final_distance, c.status});
  emit(r, a, "json");
  return 0;
}

}  // namespace lab
