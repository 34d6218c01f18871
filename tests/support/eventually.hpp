#pragma once
// Waits until a condition holds, checking every few milliseconds. The limit only keeps a broken
// test from hanging: no test asserts how long anything takes.
#include <chrono>
#include <thread>

namespace pinbridge::testing {

template <typename Condition>
bool eventually(Condition condition, std::chrono::milliseconds limit = std::chrono::seconds(30)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return condition();
}

}  // namespace pinbridge::testing
