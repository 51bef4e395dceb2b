#include "sync/hub/conflict_resolver.hpp"

#include <algorithm>
#include <vector>

#include "core/calendar.hpp"
#include "sync/hub/access_policy.hpp"
#include "sync/protocol/record_kinds.hpp"

namespace mediane::hub {

namespace {
using nlohmann::json;

sync::OpResult rejected(const sync::WireOp& op, const std::string& reason, const std::string& message) {
    sync::OpResult r;
    r.opId = op.opId;
    r.status = "rejected";
    r.reason = reason;
    r.message = message;
    return r;
}

// A conflict over the fields of a record people correct (a learner, a session): decided field by field.
bool isFieldConflict(const ConflictEntry& c) {
    const auto* kind = sync::findRecordKind(c.entity);
    return kind && kind->lifecycle == sync::Lifecycle::Mergeable;
}

// The record ids of the redemptions an over-redemption conflict is about.
bool namesRedemption(const ConflictEntry& c, const std::string& recordId) {
    if (c.details.contains("incoming") && c.details["incoming"].value("record_id", "") == recordId) return true;
    if (c.details.contains("earlier") && c.details["earlier"].is_array())
        for (const auto& e : c.details["earlier"])
            if (e.value("record_id", "") == recordId) return true;
    return false;
}
}  // namespace

bool mayResolve(const Principal& principal, const ConflictEntry& conflict, HubStore& store) {
    if (principal.role == "admin") return true;
    // The shared directory is the admin's: a proposal is accepted or declined by them only.
    if (conflict.kind == "place_proposal") return false;
    if (principal.role == "coordinator") return scopeOf(principal, store).reaches(conflict.structure);
    // An adviser knows their own learners and sessions; a cheque redeemed twice is money, decided by a coordinator.
    return isFieldConflict(conflict) && conflict.structure == principal.structure;
}

sync::OpResult ConflictResolver::resolve(const sync::WireOp& op) {
    std::int64_t id = 0;
    try {
        std::size_t used = 0;
        id = std::stoll(op.recordId, &used);
        if (used != op.recordId.size()) id = 0;
    } catch (const std::exception&) {
        id = 0;
    }
    auto conflict = id > 0 ? m_store.findConflict(id) : std::nullopt;
    if (!conflict) return rejected(op, "unknown_conflict", "no conflict with id '" + op.recordId + "' on the hub");
    if (!mayResolve(m_principal, *conflict, m_store))
        return rejected(op, "forbidden",
                        m_principal.role == "adviser" && conflict->structure == m_principal.structure
                            ? "this kind of conflict is resolved by a coordinator of the territory"
                            : "this conflict belongs to a structure outside your scope");
    if (!conflict->resolvedAt.empty())
        return rejected(op, "already_resolved", "this conflict was resolved at " + conflict->resolvedAt);
    if (!op.fields.is_object()) return rejected(op, "bad_resolution", "the resolution must be an object");
    std::string note = op.fields.value("note", "");
    json chosen = op.fields.value("fields", json::object());
    std::string keep = op.fields.value("keep", "");
    if (!chosen.is_object()) return rejected(op, "bad_resolution", "resolution.fields must be an object");

    std::int64_t seq = 0, version = 0;
    if (isFieldConflict(*conflict)) {
        if (conflict->kind == "hard") {
            // Every clashing field needs a decision; other fields may be set in the same stroke (a merged value).
            for (auto it = conflict->details["fields"].begin(); it != conflict->details["fields"].end(); ++it)
                if (!chosen.contains(it.key()))
                    return rejected(op, "bad_resolution", "resolution.fields." + it.key() + " is missing");
        }
        auto record = m_store.findRecord(conflict->entity, conflict->recordId);
        if (record && !record->deleted && !chosen.empty()) {
            ++record->version;
            for (auto it = chosen.begin(); it != chosen.end(); ++it) {
                record->fields[it.key()] = it.value();
                record->fieldVersions[it.key()] = record->version;
            }
            version = record->version;
            seq = m_store.writeRecord(*record, "update", op.opId, m_principal.deviceId);
        }
    } else if (conflict->kind == "over_redemption") {
        if (keep.empty() && note.empty())
            return rejected(op, "bad_resolution", "say which redemption keeps the cheque (keep) or why (note)");
        if (!keep.empty() && !namesRedemption(*conflict, keep))
            return rejected(op, "bad_resolution", "resolution.keep names no redemption of this conflict");
    } else if (note.empty() && chosen.empty()) {
        return rejected(op, "bad_resolution", "a resolution needs a note");
    }

    // The decision itself is a change in the feed: laptops mark their copy of the conflict resolved.
    auto now = core::nowUtc();
    StoredRecord decision;
    decision.entity = "conflict_resolution";
    decision.recordId = std::to_string(conflict->id);
    decision.version = 1;
    decision.fields = {{"conflict_id", conflict->id}, {"kind", conflict->kind},     {"entity", conflict->entity},
                       {"record_id", conflict->recordId}, {"fields", chosen},      {"keep", keep},
                       {"note", note},                {"resolved_by", m_principal.login}, {"resolved_at", now}};
    decision.structure = conflict->structure;
    auto decisionSeq = m_store.writeRecord(decision, "create", op.opId, m_principal.deviceId);
    // The cheque's owner and the structures that used it saw the conflict too; the same decision in their
    // feeds closes it on their laptops.
    std::vector<std::string> told = {conflict->structure};
    auto tell = [&](const std::string& s) {
        if (s.empty() || std::find(told.begin(), told.end(), s) != told.end()) return;
        told.push_back(s);
        decision.structure = s;
        m_store.writeRecord(decision, "create", op.opId, m_principal.deviceId);
    };
    tell(conflict->details.value("owner_structure", ""));
    if (conflict->details.contains("structures") && conflict->details["structures"].is_array())
        for (const auto& s : conflict->details["structures"])
            if (s.is_string()) tell(s.get<std::string>());
    m_store.markConflictResolved(conflict->id, now);

    sync::OpResult r;
    r.opId = op.opId;
    r.status = "applied";
    r.version = version > 0 ? version : 1;
    r.serverSeq = seq > 0 ? seq : decisionSeq;
    return r;
}

}  // namespace mediane::hub
