#pragma once
// The fixture of the workflow stores' conformance tests (the workflow store, the run log): on every
// backend, a store over the test database with a fake clock, and two accounts, acme (whose data
// the tests write by default) and globex (whose data acme must never see).
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>

#include "support/two_accounts_fixture.hpp"

namespace pinbridge::testing {

// Store is constructed as Store(database, clock).
template <typename Store>
class WorkflowFixture : public TwoAccountsTest {
 protected:
  void SetUp() override {
    TwoAccountsTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    store_ = std::make_unique<Store>(database(), clock_);
  }

  // The account a helper acts for: `account_id`, or acme when it is 0.
  std::int64_t account_or_acme(std::int64_t account_id) const { return account_id != 0 ? account_id : acme_; }

  std::unique_ptr<Store> store_;
};

}  // namespace pinbridge::testing
