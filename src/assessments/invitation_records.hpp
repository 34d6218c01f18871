#pragma once
// Internal to assessments/: the invitation and result tables' statements, row mapping, and the
// state changes that both the candidate's requests and the background jobs make. Each change runs
// on the caller's connection inside its transaction, and is conditional on the status it expects,
// so two racing callers (a candidate submitting as the deadline job fires) change a row once.
#include <optional>
#include <string>
#include <vector>

#include "assessments/invitation.hpp"
#include "assessments/platform.hpp"
#include "store/database.hpp"

namespace pinbridge::assessments::records {

// A row read with PINBRIDGE_INVITATION_COLUMNS, without its answers (for lists).
Invitation from_row(const store::Row& row);
std::optional<Invitation> find(store::Connection& c, std::int64_t account_id, std::int64_t id);
std::optional<Invitation> find_any_account(store::Connection& c, std::int64_t id);
std::optional<Invitation> find_by_token(store::Connection& c, std::string_view token);
std::optional<AssessmentResult> latest_result(store::Connection& c, std::int64_t account_id,
                                              std::int64_t invitation_id);
std::optional<AssessmentResult> result(store::Connection& c, std::int64_t account_id, std::int64_t result_id);
std::vector<AssessmentResult> results(store::Connection& c, std::int64_t account_id,
                                      std::int64_t invitation_id);

// The data every invitation event carries, so subscribers rarely need to read it back.
nlohmann::json event_data(const Invitation& invitation);

// Records an invitation event (with `extra` merged into its data) in the caller's transaction.
void record_event(const PlatformDeps& deps, store::Connection& c, const Invitation& invitation,
                  std::string_view kind, const nlohmann::json& extra = nlohmann::json::object());
// assessment.completed (first version) or result.updated (later ones), with score and report link.
void record_result_event(const PlatformDeps& deps, store::Connection& c, const Invitation& invitation,
                         const AssessmentResult& result);

// invited -> expired, when its expiry has passed. Returns whether it changed.
bool expire_if_due(const PlatformDeps& deps, store::Connection& c, const Invitation& invitation);
// started -> submitted, and the grading job. Returns whether it changed.
bool submit(const PlatformDeps& deps, store::Connection& c, const Invitation& invitation);
// started -> submitted when its deadline (plus the grace) has passed.
bool submit_if_overdue(const PlatformDeps& deps, store::Connection& c, const Invitation& invitation);

// Writes a new result version for a completed or submitted invitation; nullopt when an existing
// latest version already says the same (a re-grade that changes nothing adds nothing).
std::optional<AssessmentResult> write_result(const PlatformDeps& deps, store::Connection& c,
                                             const Invitation& invitation, const Assessment& assessment,
                                             const std::string& reason);

}  // namespace pinbridge::assessments::records
