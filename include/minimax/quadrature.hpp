#pragma once
/// \file
/// \brief The quadrature adaptor: integrate() over finite and infinite intervals (Boost.Math rules).

#include "minimax/quadrature/integrate.hpp"
#include "minimax/quadrature/interval.hpp"
