#pragma once
// A storage conformance test with two accounts on every backend: acme (whose data a test writes
// by default) and globex (whose data acme must never see), created with a fake clock that the
// test then drives.
#include <cstdint>

#include "accounts/account_store.hpp"
#include "core/clock.hpp"
#include "support/backend_fixture.hpp"

namespace pinbridge::testing {

class TwoAccountsTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    accounts::AccountStore accounts(database(), clock_, crypto::PasswordCost::minimal_for_tests);
    acme_ = accounts.create_account("acme", "Acme")->id;
    globex_ = accounts.create_account("globex", "Globex")->id;
  }

  FakeClock clock_;
  std::int64_t acme_ = 0, globex_ = 0;
};

}  // namespace pinbridge::testing
