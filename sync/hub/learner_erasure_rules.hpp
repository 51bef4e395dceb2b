// The hub's side of erasure, withdrawal of consent and retention: the records that named a learner, their history, the audit.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "sync/hub/hub_store.hpp"
#include "sync/protocol/wire_types.hpp"

namespace mediane::hub {

// A learner's tombstone is being written (inside the push transaction; `learner` still holds its fields):
// sessions that named them become anonymous head counts by the rule the laptops apply
// (sync/protocol/learner_erasure), rewritten in place with their history so a later snapshot reads them so;
// cheque events lose the link; assessments become tombstones; every change row of the learner is emptied;
// conflicts about them keep field names only.
void eraseLearnerEverywhere(HubStore& store, const StoredRecord& learner, const Principal& by, const std::string& opId);

// A session arriving after the learners it names were erased (a laptop offline meanwhile): those learners
// become anonymous participants; their codes are gone from the hub, so they count as « non communiqué ».
void anonymiseErasedLearners(HubStore& store, nlohmann::json& sessionFields);

// An update set identity fields to "" (withdrawal of consent, retention): the earlier values go from the
// record's history and its conflicts too. True when it did.
bool scrubClearedIdentity(HubStore& store, const std::string& learnerId, const nlohmann::json& applied);

// The privacy audit's entry for an applied op of a learner or a session: erase, withdraw_consent or correct.
void auditPrivacyOp(HubStore& store, const Principal& by, const sync::WireOp& op, const std::string& structure,
                    bool identityCleared);

// An applied op's fingerprint is its whole payload (names included). The hub keeps "erased:" and a BLAKE2b hash
// of it: every op since the hashes for all entities (the prefix's name is older: erasures and withdrawals
// hashed the payloads kept before), and a resend of the op still matches.
std::string hashedFingerprint(const std::string& fingerprint);
bool fingerprintMatches(const std::string& stored, const std::string& computed);

// What an update_after_delete conflict keeps of an edit to an erased learner: field names, never values.
nlohmann::json erasedUpdateDetails(const sync::WireOp& op, std::int64_t hubVersion);

// The retention period on the hub: identities whose last activity is older than their structure's period
// are cleared (withdrawal semantics) with a new version that reaches every laptop. Returns how many; logs
// the count, never a name. Runs at most once a day (meta key retention_ran_on) unless `force`.
int applyRetention(HubStore& store, const std::string& today, bool force = false);

}  // namespace mediane::hub
