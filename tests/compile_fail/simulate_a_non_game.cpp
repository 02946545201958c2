// simulate() of a type that is not a Game (it has a vector field but no dimensions or losses): the
// compiler names the concept and the first requirement it misses.
// expect: Game<G>
// expect: game.dimension()
#include <Eigen/Core>
#include <minimax/dynamics/schemes/simultaneous.hpp>
#include <minimax/dynamics/simulate.hpp>
#include <minimax/games/bilinear.hpp>

struct field_only {
  template <class T>
  Eigen::VectorX<T> vector_field(const Eigen::VectorX<T>& z) const { return -z; }
};

void run() {
#ifdef MINIMAX_COMPILE_FAIL
  const field_only game;
  (void)minimax::simulate(game, minimax::schemes::simultaneous{0.1}, Eigen::VectorXd::Ones(2), 10);
#else
  const minimax::games::bilinear game;
  (void)minimax::simulate(game, minimax::schemes::simultaneous{0.1}, game.equilibrium(), 10);
#endif
}
