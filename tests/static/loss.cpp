// Static tests of the loss floor: only compile-time checks; compiling this file is passing it.
#include <minimax/loss.hpp>

#include <type_traits>

namespace loss = minimax::loss;

static_assert(loss::adversarial_loss<loss::minimax> && loss::adversarial_loss<loss::non_saturating>);
static_assert(loss::adversarial_loss<loss::wasserstein> && loss::adversarial_loss<loss::least_squares>);
static_assert(loss::adversarial_loss<loss::hinge> && loss::adversarial_loss<loss::f_gan<minimax::f::kl>>);
static_assert(loss::adversarial_loss<loss::f_gan<minimax::f::jensen_shannon>>);
static_assert(!loss::adversarial_loss<loss::r1>);
static_assert(std::is_default_constructible_v<loss::r1> && std::is_default_constructible_v<loss::wgan_gp>);
// the per-sample losses are usable on dual numbers (forward-over-reverse)
static_assert(std::is_same_v<decltype(loss::hinge{}.generator(minimax::dual<double>{})), minimax::dual<double>>);
