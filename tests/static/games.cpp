// Static tests of the games and dynamics floors: compiling this file is passing it.
#include <minimax/dynamics.hpp>
#include <minimax/games/bilinear.hpp>
#include <minimax/games/dirac_gan.hpp>
#include <minimax/games/gaussian_gan.hpp>
#include <minimax/loss.hpp>

namespace mm = minimax;

static_assert(mm::GameWithEquilibrium<mm::games::bilinear>);
static_assert(mm::GameWithEquilibrium<mm::games::dirac_gan<mm::loss::minimax>>);
static_assert(mm::GameWithProjection<mm::games::dirac_gan<mm::loss::wasserstein, mm::games::weight_clipping>>);
static_assert(mm::Scheme<mm::schemes::simultaneous, mm::games::bilinear>);
static_assert(mm::Scheme<mm::schemes::unrolled, mm::games::dirac_gan<mm::loss::non_saturating, mm::loss::r1>>);
static_assert(mm::Scheme<mm::schemes::unrolled_through<mm::schemes::look_ahead::adam>, mm::games::dirac_gan<mm::loss::non_saturating, mm::loss::r1>>);
static_assert(mm::LinearisedScheme<mm::schemes::optimistic>);
static_assert(!mm::LinearisedScheme<mm::schemes::unrolled>);  // no closed-form linearisation
static_assert(!mm::Game<int>);
// CTAD: a loss alone, or a loss and a regulariser
static_assert(std::is_same_v<decltype(mm::games::dirac_gan{mm::loss::hinge{}}),
                             mm::games::dirac_gan<mm::loss::hinge, mm::games::unregularised>>);
static_assert(std::is_same_v<decltype(mm::games::dirac_gan{mm::loss::non_saturating{}, mm::loss::r1{0.3}}),
                             mm::games::dirac_gan<mm::loss::non_saturating, mm::loss::r1>>);

// Point games (the Thrust ensembles' contract), and games that are not point games.
static_assert(mm::PointGame<mm::games::scalar_bilinear>);
static_assert(mm::PointGame<mm::games::dirac_gan<mm::loss::non_saturating, mm::loss::r1>>);
static_assert(mm::PointGame<mm::games::dirac_gan<mm::loss::minimax, mm::games::instance_noise>>);
static_assert(mm::PointGame<mm::games::gaussian_gan<mm::loss::non_saturating>>);
// The library's fixed-size games are one type on both backends: point games and games at once.
static_assert(mm::PointGame<mm::games::dirac_gan<mm::loss::minimax>> && mm::Game<mm::games::dirac_gan<mm::loss::minimax>>);
static_assert(mm::Game<mm::games::scalar_bilinear> && mm::GameWithEquilibrium<mm::games::scalar_bilinear>);
static_assert(mm::Game<mm::games::gaussian_gan<mm::loss::minimax>>);
static_assert(mm::games::dirac_gan<mm::loss::minimax>::dimension == 2 && mm::games::gaussian_gan<mm::loss::minimax>::dimension == 5);
static_assert(!mm::PointGame<mm::games::bilinear>);
