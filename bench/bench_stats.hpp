#pragma once
// The statistics the benchmarks print: medians of runs and percentiles of samples.
#include <algorithm>
#include <cstddef>
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

}  // namespace pinbridge::bench
