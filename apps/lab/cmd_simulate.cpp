// minimax-lab simulate: run a game with a scheme and record the trajectory.
#include <cmath>

#include "lab.hpp"

namespace lab {

int cmd_simulate(int argc, char** argv) {
  std::vector<option> opts = game_options();
  for (auto& o : scheme_options()) opts.push_back(o);
  opts.push_back({"steps", "1000", "the number of steps", false});
  opts.push_back({"record-every", "1", "record the state after every n steps", false});
  opts.push_back({"bound", "1e6", "stop when the distance to the equilibrium exceeds this", false});
  opts.push_back({"seed", "1", "ring, grid, began: the random seed", false});
  opts.push_back({"batch", "128", "ring, grid, began: the minibatch size", false});
  opts.push_back({"snapshots", "5", "ring, grid, began: the number of snapshots recorded (JSON)", false});
  opts.push_back({"save-state", "", "ring, grid, began: write the run's state at its end to FILE (a JSON checkpoint)", false});
  opts.push_back({"resume", "", "ring, grid, began: take up the run saved in FILE by --save-state for --steps more steps", false});
  opts.push_back({"config", "", "read options from a JSON object file", false});
  arguments a("simulate",
              "Runs a game with a scheme from a starting point and records the trajectory, with the run's status and\n"
              "the linear analysis' verdict at the equilibrium. Network games (ring, grid: 2-D Gaussian mixtures; began)\n"
              "train two small networks with Adam (scheme adam) or with the unrolled generator (scheme unrolled) and\n"
              "record losses, mode coverage and snapshots: samples, the discriminator on a grid, the generator's\n"
              "image of a latent grid.",
              opts);
  if (!a.parse(argc, argv, 2)) return 0;
  const std::string game = a.choice("game");
  if (game == "ring" || game == "grid" || game == "began") return simulate_networks(a);
  if (!a.text("resume").empty() || !a.text("save-state").empty()) {
    throw usage_error("--resume and --save-state apply to the games ring, grid and began, not " + game);
  }
  const any_game g = make_game(a);
  const double lr = a.positive("lr");
  const long steps = a.integer("steps", 0);
  const Eigen::VectorXd init = initial_point(g, a);
  const run_outcome run = run_scheme(g, a, lr, init, steps, a.integer("record-every", 1), a.positive("bound"));
  const analysis s = analyze_scheme(g, a, lr, g.equilibrium_point);

  result r;
  r.meta["command"] = "simulate";
  r.meta["game"] = g.description;
  r.meta["scheme"] = a.text("scheme");
  r.meta["lr"] = lr;
  r.meta["lr_d"] = discriminator_step(a, lr);
  r.meta["steps"] = steps;
  r.meta["status"] = run.status;
  r.meta["message"] = run.message;
  r.meta["verdict"] = s.verdict;
  r.meta["spectral_radius"] = s.spectral_radius;
  r.meta["final_distance"] = (run.states.back() - g.equilibrium_point).norm();
  r.meta["jacobian_eigenvalues"] = to_json(s.jacobian_eigenvalues);
  if (g.n == 2) {  // the vector field on a grid around the trajectory, for phase portraits
    double box = 1.5;
    for (const auto& z : run.states) box = std::max(box, 1.2 * z.cwiseAbs().maxCoeff());
    box = std::min(box, 5.0);
    constexpr int n = 21;
    json::value field = json::value::object(), axis = json::value::array(), u = json::value::array(),
                v = json::value::array();
    for (int i = 0; i < n; ++i) axis.push_back(-box + 2 * box * i / (n - 1));
    for (int i = 0; i < n; ++i) {
      json::value ur = json::value::array(), vr = json::value::array();
      for (int j = 0; j < n; ++j) {
        const Eigen::Vector2d z(-box + 2 * box * j / (n - 1), -box + 2 * box * i / (n - 1));
        const Eigen::VectorXd w = g.field(z);
        ur.push_back(w[0]);
        vr.push_back(w[1]);
      }
      u.push_back(ur);
      v.push_back(vr);
    }
    field["axis"] = axis;
    field["u"] = u;
    field["v"] = v;
    r.meta["field"] = field;
  }
  r.columns = {"step"};
  for (const auto& c : g.coordinates) r.columns.push_back(c);
  r.columns.push_back("distance");
  for (std::size_t k = 0; k < run.states.size(); ++k) {
    std::vector<json::value> row{run.steps[k]};
    for (Eigen::Index i = 0; i < run.states[k].size(); ++i) row.emplace_back(run.states[k][i]);
    row.emplace_back((run.states[k] - g.equilibrium_point).norm());
    r.row(std::move(row));
  }
  emit(r, a, "json");
  return 0;
}

}  // namespace lab
