#include "sync/hub/learner_erasure_rules.hpp"

#include <cstdio>

#include <sodium.h>
#include <map>

#include "core/calendar.hpp"
#include "core/uuid.hpp"
#include "sync/protocol/learner_erasure.hpp"

namespace mediane::hub {

namespace {
using nlohmann::json;

bool clearsIdentity(const json& applied) {
    for (const auto& f : sync::identityFields()) {
        auto it = applied.find(f);
        if (it != applied.end() && *it == "") return true;
    }
    return false;
}

void clearIdentityIn(json& fields) {
    for (const auto& f : sync::identityFields())
        if (fields.contains(f)) fields[f] = "";
}
}  // namespace

void eraseLearnerEverywhere(HubStore& store, const StoredRecord& learner, const Principal& by, const std::string& opId) {
    const auto& id = learner.recordId;
    auto facets = sync::erasedFacetsOf(learner.fields);
    std::vector<std::pair<std::string, json>> sessions;
    for (const auto& s : store.recordsNaming("session", "learner_ids", id)) sessions.emplace_back(s.recordId, s.fields);
    auto first = sync::firstSessionOf(sessions);
    for (const auto& [sessionId, fields] : sessions) {
        // Every change row carries the session's full state: each is rewritten alike (the link decides).
        const bool isFirst = sessionId == first;
        store.rewriteStoredFields("session", sessionId, [&, sid = sessionId](json& f) {
            (void)sid;
            sync::anonymiseLearnerInSession(f, id, facets, isFirst);
        });
    }
    for (const auto& e : store.recordsNaming("cheque_event", "learner_id", id))
        store.rewriteStoredFields("cheque_event", e.recordId, [&](json& f) {
            if (f.value("learner_id", "") == id) f["learner_id"] = "";
        });
    for (auto a : store.recordsNaming("assessment", "learner_id", id)) {
        ++a.version;
        a.deleted = true;
        a.fields = json::object();
        a.fieldVersions = json::object();
        store.writeRecord(a, "delete", opId, by.deviceId);
        store.rewriteStoredFields("assessment", a.recordId, [](json& f) { f = json::object(); });
    }
    store.rewriteStoredFields("learner", id, [](json& f) { f = json::object(); });
    store.eraseConflictValues("learner", id);
    store.hashAppliedOpsNaming(id);
}

void anonymiseErasedLearners(HubStore& store, json& sessionFields) {
    if (!sessionFields.contains("learner_ids") || !sessionFields["learner_ids"].is_array()) return;
    std::vector<std::string> erased;
    for (const auto& id : sessionFields["learner_ids"]) {
        if (!id.is_string()) continue;
        if (store.isDeleted("learner", id.get<std::string>())) erased.push_back(id.get<std::string>());
    }
    // Their earlier sessions existed: not a first time.
    for (const auto& id : erased) sync::anonymiseLearnerInSession(sessionFields, id, {}, false);
}

bool scrubClearedIdentity(HubStore& store, const std::string& learnerId, const json& applied) {
    if (!clearsIdentity(applied)) return false;
    std::vector<std::string> cleared;
    for (const auto& f : sync::identityFields())
        if (applied.contains(f) && applied[f] == "") cleared.push_back(f);
    store.rewriteStoredFields("learner", learnerId, [&](json& fields) {
        for (const auto& f : cleared)
            if (fields.contains(f)) fields[f] = "";
    });
    store.eraseConflictValues("learner", learnerId);
    store.hashAppliedOpsNaming(learnerId);
    return true;
}

void auditPrivacyOp(HubStore& store, const Principal& by, const sync::WireOp& op, const std::string& structure,
                    bool identityCleared) {
    if (op.entity != "learner" && op.entity != "session") return;
    std::string action;
    if (op.entity == "learner" && op.op == "delete") action = "erase";
    else if (identityCleared) action = "withdraw_consent";
    else if (op.op == "update" || op.op == "delete") action = "correct";
    else return;
    std::string names;
    for (const auto& n : sync::fieldNamesOf(op.fields)) {
        if (!names.empty()) names += ',';
        names += n.get<std::string>();
    }
    store.recordPrivacyEvent({core::nowUtc(), action, op.entity, op.recordId, by.login, by.deviceId, structure,
                              names.empty() ? std::string() : "fields: " + names});
}

std::string hashedFingerprint(const std::string& fingerprint) {
    static constexpr const char* kPrefix = "erased:";
    if (fingerprint.rfind(kPrefix, 0) == 0) return fingerprint;
    unsigned char hash[32];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(fingerprint.data()), fingerprint.size(),
                       nullptr, 0);
    char hex[sizeof hash * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    std::string out = kPrefix;
    out.append(hex);  // appended, not `+`: g++ 12 warns falsely on literal + string
    return out;
}

bool fingerprintMatches(const std::string& stored, const std::string& computed) {
    return stored == computed || (stored.rfind("erased:", 0) == 0 && stored == hashedFingerprint(computed));
}

json erasedUpdateDetails(const sync::WireOp& op, std::int64_t hubVersion) {
    return {{"base_version", op.baseVersion}, {"hub_version", hubVersion}, {"erased", true},
            {"incoming_fields", sync::fieldNamesOf(op.fields)}};
}

int applyRetention(HubStore& store, const std::string& today, bool force) {
    if (!force && store.metaValue("retention_ran_on") == today) return 0;
    int cleared = 0;
    store.inTransaction([&] {
        std::map<std::string, std::string> cutoffs;
        for (const auto& l : store.learnersWithIdentity()) {
            auto [it, added] = cutoffs.try_emplace(l.structure);
            if (added) it->second = sync::retentionCutoff(today, store.retentionMonths(l.structure));
            if (l.lastActivity.empty() || l.lastActivity >= it->second) continue;
            auto record = store.findRecord("learner", l.recordId);
            if (!record || record->deleted) continue;
            ++record->version;
            for (const auto& f : sync::identityFields()) {
                record->fields[f] = "";
                record->fieldVersions[f] = record->version;
            }
            store.writeRecord(*record, "update", "retention-" + core::newUuidV7(), "hub");
            store.rewriteStoredFields("learner", l.recordId, clearIdentityIn);
            store.eraseConflictValues("learner", l.recordId);
            store.hashAppliedOpsNaming(l.recordId);
            store.recordPrivacyEvent({core::nowUtc(), "retention", "learner", l.recordId, "", "hub", l.structure,
                                      "identity cleared after " + std::to_string(store.retentionMonths(l.structure)) + " months"});
            ++cleared;
        }
        store.setMetaValue("retention_ran_on", today);
    });
    if (cleared > 0) {
        store.wipeFreedPages();
        std::fprintf(stderr, "retention: identities of %d learner(s) removed\n", cleared);
    }
    return cleared;
}

}  // namespace mediane::hub
