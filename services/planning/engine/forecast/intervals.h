#pragma once
// Forecast standard deviations for the smoothing models (double, internal).
//
// Additive and non-seasonal models are linear innovations state-space models (ETS(A,*,*)),
// whose h-step variance is exact:
//   Var(h) = sigma^2 [1 + sum_{j=1}^{h-1} c_j^2],
//   c_j = alpha + alpha beta* (phi + ... + phi^i) + gamma [i a positive multiple of m],
//   i = h - j (the steps a shock at n + j still has to travel).
// For Holt-Winters additive (phi = 1) this is FPP's ETS(A,A,A) table formula
//   sigma^2 [1 + (h-1){a^2 + a B h + B^2 h(2h-1)/6} + g k{2a + g + B m(k+1)}], B = a beta*,
//   k = floor((h-1)/m);
// for seasonal naive (alpha = beta* = 0, gamma = 1) it is FPP's sigma^2 (k + 1).
//
// Multiplicative Holt-Winters (ETS(M,A,M)) has no closed form; the engine uses the
// first-order (small-sigma, delta-method) linearisation around the forecast path:
//   Var(h) ~= mu_h^2 sigma_r^2 [1 + sum_{j=1}^{h-1} c_j^2],
//   c_j = r_j (alpha + alpha beta* i) + gamma [i a positive multiple of m],
//   r_j = (l_n + j b_n) / (l_n + h b_n),
// where sigma_r is the standard deviation of the relative one-step errors (y - yhat)/yhat
// and mu_h the point forecast. It ignores second-order terms in sigma_r (which widen the
// exact interval slightly); no simulation.

#include <vector>

#include "services/planning/engine/forecast/smoothing.h"

namespace attain::planning::forecast {

// Forecast standard deviations for h = 1..horizon. `sigma` is the one-step standard
// deviation: absolute for kNone/kAdditive, relative for kMultiplicative. params.gamma is
// FPP's gamma (the kFpp seasonal update).
std::vector<double> ForecastStdDevs(const SmoothingState& state, const SmoothingParams& params,
                                    Seasonality seasonality, double sigma, int horizon);

}  // namespace attain::planning::forecast
