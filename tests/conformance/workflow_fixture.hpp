#pragma once
// The fixture of the workflow stores' conformance tests (the workflow store, the run log): on every
// backend, a store over the test database with a fake clock, and two accounts, acme (whose data
// the tests write by default) and globex (whose data acme must never see).
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>

#include "accounts/account_store.hpp"
#include "core/clock.hpp"
#include "support/backend_fixture.hpp"

namespace pinbridge::testing {

// Store is constructed as Store(database, clock).
template <typename Store>
class WorkflowFixture : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    accounts::AccountStore accounts(database(), clock_, crypto::PasswordCost::minimal_for_tests);
    acme_ = accounts.create_account("acme", "Acme")->id;
    globex_ = accounts.create_account("globex", "Globex")->id;
    store_ = std::make_unique<Store>(database(), clock_);
  }

  // The account a helper acts for: `account_id`, or acme when it is 0.
  std::int64_t account_or_acme(std::int64_t account_id) const { return account_id != 0 ? account_id : acme_; }

  FakeClock clock_;
  std::unique_ptr<Store> store_;
  std::int64_t acme_ = 0, globex_ = 0;
};

}  // namespace pinbridge::testing
