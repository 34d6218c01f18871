#pragma once
// Randomness that decides behaviour (jitter, simulated faults) is injected and seedable, so a test
// or a `--seed` run repeats exactly. Secrets never come from here: see core/crypto.hpp.
#include <cstdint>
#include <mutex>
#include <random>

namespace pinbridge {

class Random {
 public:
  virtual ~Random() = default;
  // Uniform in [0, 1).
  virtual double uniform() = 0;
};

class SeededRandom final : public Random {
 public:
  explicit SeededRandom(std::uint64_t seed = std::random_device{}()) : engine_(seed) {}
  double uniform() override {
    std::lock_guard lock(mutex_);
    return std::uniform_real_distribution<double>(0.0, 1.0)(engine_);
  }

 private:
  std::mutex mutex_;
  std::mt19937_64 engine_;
};

}  // namespace pinbridge
