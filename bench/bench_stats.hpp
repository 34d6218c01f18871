#pragma once
// The statistics the benchmarks print: medians of runs and percentiles of samples.
#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

namespace pinbridge::bench {

inline double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

inline double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

// The median of one figure over several runs: figure(run) for each run.
template <typename Run, typename Figure>
double median_of(const std::vector<Run>& runs, Figure figure) {
  std::vector<double> values;
  values.reserve(runs.size());
  for (const auto& run : runs) values.push_back(figure(run));
  return median(std::move(values));
}

}  // namespace pinbridge::bench
