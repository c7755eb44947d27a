#include "services/planning/engine/forecast/optimizer.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace attain::planning::forecast {
namespace {

constexpr int kGridPoints = 10;
constexpr double kInitialStep = 0.05;
constexpr double kFinalStep = 1e-7;
constexpr int kMaxEvaluations = 20'000;

}  // namespace

std::vector<double> MinimizeOnUnitBox(absl::FunctionRef<double(const std::vector<double>&)> f,
                                      int dims) {
  std::vector<double> best(dims, 0.5);
  double best_value = std::numeric_limits<double>::infinity();
  std::vector<int> index(dims, 0);  // odometer over the grid
  std::vector<double> point(dims);
  while (true) {
    for (int d = 0; d < dims; ++d) point[d] = (index[d] + 0.5) / kGridPoints;
    if (const double value = f(point); value < best_value) {
      best_value = value;
      best = point;
    }
    int d = 0;
    while (d < dims && ++index[d] == kGridPoints) index[d++] = 0;
    if (d == dims) break;
  }

  int evaluations = 0;
  for (double step = kInitialStep; step >= kFinalStep && evaluations < kMaxEvaluations;) {
    bool improved = false;
    for (int d = 0; d < dims; ++d) {
      for (const double direction : {1.0, -1.0}) {
        point = best;
        point[d] = std::clamp(best[d] + direction * step, 0.0, 1.0);
        if (point[d] == best[d]) continue;
        ++evaluations;
        if (const double value = f(point); value < best_value) {
          best_value = value;
          best = point;
          improved = true;
        }
      }
    }
    if (!improved) step /= 2;
  }
  return best;
}

}  // namespace attain::planning::forecast
