// A result has few shapes: a score 0-100, passed or not, integrity flags or not; 404 in all. So the
// band checks try every one instead of reasoning about intervals: the answers are exact however
// the conditions combine, and the result that proves a problem is at hand to quote.
#include "workflows/band_checks.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "assessments/text.hpp"

namespace pinbridge::workflows {
namespace {

constexpr int max_score = 100;

struct Flags {
  bool passed;
  bool flagged;
};
// The order in which examples are looked for: a clean pass reads most naturally.
constexpr std::array<Flags, 4> flag_order{{{true, false}, {false, false}, {true, true}, {false, true}}};

// A result that `matches`, or none. The score quoted is the middle one of those that match with
// the first flags that have any, so an example sits inside a range rather than on its edge.
template <typename Predicate>
std::optional<Outcome> example(Predicate matches) {
  for (const auto& flags : flag_order) {
    std::vector<int> scores;
    for (int score = 0; score <= max_score; ++score) {
      if (matches(Outcome{score, flags.passed, flags.flagged})) scores.push_back(score);
    }
    if (!scores.empty()) return Outcome{scores[scores.size() / 2], flags.passed, flags.flagged};
  }
  return std::nullopt;
}

bool can_hold(const Band& band) {
  return example([&](const Outcome& o) { return holds(band, o); }).has_value();
}

std::string outcome_words(const Outcome& o) {
  return "a score of " + std::to_string(o.score) + (o.passed ? " that passed" : " that did not pass") +
         (o.integrity_flagged ? ", with integrity flags," : ", with no integrity flags,");
}

std::string band_label(const std::vector<Band>& bands, std::size_t index) {
  const Band& band = bands[index];
  return "band " + std::to_string(index + 1) + " (" + describe(band) + " -> " +
         assessments::trim(band.stage_name) + ")";
}

// The condition that holds exactly when `condition` does not, or none when `condition` always holds.
std::optional<Condition> negation(const Condition& condition) {
  switch (condition.kind) {
    case ConditionKind::score_at_least:
      if (condition.value <= 0) return std::nullopt;
      return Condition{ConditionKind::score_below, condition.value};
    case ConditionKind::score_below:
      return Condition{ConditionKind::score_at_least, condition.value};
    case ConditionKind::passed:
      return Condition{ConditionKind::failed, 0};
    case ConditionKind::failed:
      return Condition{ConditionKind::passed, 0};
    case ConditionKind::integrity_flagged:
      return Condition{ConditionKind::integrity_clean, 0};
    case ConditionKind::integrity_clean:
      return Condition{ConditionKind::integrity_flagged, 0};
  }
  return std::nullopt;
}

bool is_conjunction(const Band& band) {
  return band.combine == Combine::all || band.conditions.size() == 1;
}

// When both bands are conjunctions, adding the opposite of one of `other`'s conditions to
// `target` parts them for good. Returns that condition in the builder's words, if one leaves
// `target` still able to match.
std::optional<std::string> narrowing(const Band& target, const Band& other) {
  if (!is_conjunction(target) || !is_conjunction(other)) return std::nullopt;
  for (const auto& condition : other.conditions) {
    const auto opposite = negation(condition);
    if (!opposite) continue;
    Band narrowed = target;
    narrowed.combine = Combine::all;
    narrowed.conditions.push_back(*opposite);
    if (can_hold(narrowed)) return describe(Band{Combine::all, {*opposite}, {}, {}});
  }
  return std::nullopt;
}

std::string hint(const std::vector<Band>& bands, std::size_t first, std::size_t second) {
  if (auto words = narrowing(bands[first], bands[second]))
    return "narrow band " + std::to_string(first + 1) + " to " + *words;
  if (auto words = narrowing(bands[second], bands[first]))
    return "narrow band " + std::to_string(second + 1) + " to " + *words;
  return "make the two bands exclusive, or give them the same stage";
}

std::optional<Error> overlap(const std::vector<Band>& bands, std::size_t first, std::size_t second) {
  // Bands that move to the same stage may overlap: whichever wins, the move is the same.
  if (same_stage_name(bands[first].stage_name, bands[second].stage_name)) return std::nullopt;
  const auto shared =
      example([&](const Outcome& o) { return holds(bands[first], o) && holds(bands[second], o); });
  if (!shared) return std::nullopt;
  return Error::invalid(outcome_words(*shared) + " matches both " + band_label(bands, first) + " and " +
                        band_label(bands, second) + "; first band wins would hide band " +
                        std::to_string(second + 1) + " \u2014 " + hint(bands, first, second));
}

}  // namespace

Result<void> check_bands(const std::vector<Band>& bands) {
  for (std::size_t i = 0; i < bands.size(); ++i) {
    if (!can_hold(bands[i]))
      return Error::invalid("band " + std::to_string(i + 1) + " can never match: no result meets \"" +
                            describe(bands[i]) + "\"");
  }
  for (std::size_t second = 1; second < bands.size(); ++second) {
    for (std::size_t first = 0; first < second; ++first) {
      if (auto error = overlap(bands, first, second)) return *error;
    }
  }
  return {};
}

}  // namespace pinbridge::workflows
