// What erasing a learner does to the records that named them, over wire fields: the one rule the hub and every laptop apply.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace mediane::sync {

// The learner's codes that live on as an anonymous participant's breakdown (never a name, commune or goal).
struct ErasedLearnerFacets {
    std::string gender;
    std::string ageBracket;
    std::string socialStatus;
};

// Usage: auto facets = erasedFacetsOf(learnerWireFields);
ErasedLearnerFacets erasedFacetsOf(const nlohmann::json& learnerFields);

// Among the sessions that named the learner (id, wire fields), the id of their first one: the lowest
// (date, id). Both ends order alike whatever their local time stamps, so "already accompanied" agrees.
std::string firstSessionOf(const std::vector<std::pair<std::string, nlohmann::json>>& sessions);

// Turns the learner's place in one session into one anonymous participant: the link goes, anonymous_count
// gains one, the breakdowns gain the learner's codes, and anonymous_already_accompanied gains one unless
// this was their first session. False (fields untouched) when the session did not name the learner, so
// applying it twice (a laptop, then the hub's rewritten copy) counts them once.
bool anonymiseLearnerInSession(nlohmann::json& sessionFields, const std::string& learnerId,
                               const ErasedLearnerFacets& facets, bool firstSession);

// The wire fields of a learner that name or reach the person: what a withdrawal of consent and the
// retention period clear, keeping the pseudonymous record.
const std::vector<std::string>& identityFields();

// The values cleared: every identity field present in `fields` set to "".
nlohmann::json clearedIdentity();

// The retention period: identities whose last activity (last session, else the record's creation) is
// before this date are cleared. "2026-12-01", 24 → "2024-12-01"; the 31st of a shorter month is its last day.
std::string retentionCutoff(const std::string& today, int months);

// The default retention period for identities, in months after the learner's last session.
inline constexpr int kDefaultRetentionMonths = 24;

// Field names only: what a conflict about an erased learner may keep of an incoming change.
nlohmann::json fieldNamesOf(const nlohmann::json& fields);

}  // namespace mediane::sync
