#include "sync/hub/push_applier.hpp"

#include <algorithm>
#include <numeric>
#include <optional>
#include <set>

#include "core/calendar.hpp"
#include "sync/hub/access_policy.hpp"
#include "sync/hub/booklet_rules.hpp"
#include "sync/hub/conflict_codes.hpp"
#include "sync/hub/conflict_resolver.hpp"
#include "sync/hub/conflict_view.hpp"
#include "sync/hub/field_merge.hpp"
#include "sync/hub/learner_erasure_rules.hpp"
#include "sync/hub/record_history.hpp"
#include "sync/protocol/identifiers.hpp"
#include "sync/protocol/learner_erasure.hpp"
#include "sync/protocol/pass_settings.hpp"
#include "sync/protocol/record_kinds.hpp"
#include "sync/protocol/vocabulary_wire.hpp"
#include "sync/protocol/wire_codec.hpp"

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

sync::OpResult applied(const sync::WireOp& op, std::int64_t version, std::int64_t serverSeq) {
    sync::OpResult r;
    r.opId = op.opId;
    r.status = "applied";
    r.version = version;
    r.serverSeq = serverSeq;
    return r;
}

json fieldVersionsAt(const json& fields, std::int64_t version) {
    json out = json::object();
    for (auto it = fields.begin(); it != fields.end(); ++it) out[it.key()] = version;
    return out;
}

// PostgreSQL's text and jsonb cannot hold U+0000, and no field of a record means one: refused on either backend
// alike, before anything reads the op. Nesting is bounded by the push decoder.
bool holdsNul(const json& value) {
    if (value.is_string()) return value.get_ref<const std::string&>().find('\0') != std::string::npos;
    if (value.is_array())
        return std::any_of(value.begin(), value.end(), [](const json& v) { return holdsNul(v); });
    if (value.is_object())
        for (auto it = value.begin(); it != value.end(); ++it)
            if (it.key().find('\0') != std::string::npos || holdsNul(it.value())) return true;
    return false;
}

std::optional<std::string> nulProblem(const json& fields) {
    if (!fields.is_object()) return std::nullopt;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (it.key().find('\0') != std::string::npos) return "a field name holds a NUL character";
        if (holdsNul(it.value())) return "fields." + it.key() + " holds a NUL character";
    }
    return std::nullopt;
}

std::string stringField(const json& fields, const std::string& key) {
    auto it = fields.find(key);
    return it != fields.end() && it->is_string() ? it->get<std::string>() : std::string();
}
}  // namespace

PushApplier::PushApplier(HubStore& store, const Principal& principal,
                         std::shared_ptr<const CurrentVocabularies> vocabularies)
    : m_store(store), m_principal(principal), m_scope(scopeOf(principal, store)), m_vocabularies(std::move(vocabularies)) {}

sync::PushResponse PushApplier::apply(const sync::PushRequest& request) {
    // Ops of one device apply in their device order, even if a client sent them shuffled.
    std::vector<std::size_t> order(request.batch.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return request.batch[a].seq < request.batch[b].seq; });
    sync::PushResponse response;
    response.protocolVersion = request.protocolVersion;
    response.results.resize(request.batch.size());
    m_store.inTransaction([&] {
        for (auto i : order) response.results[i] = applyOne(request.batch[i]);
    });
    if (m_erased) m_store.wipeFreedPages();  // erased values leave the WAL once committed
    return response;
}

std::vector<core::LegacyCode> PushApplier::upgradeCodes(sync::WireOp& op, const sync::RecordKind& kind) {
    m_sentLegacy = op.fields.contains(sync::kLegacyCodesField);
    const core::Vocabularies* labels = m_vocabularies && m_vocabularies->version > 0 ? &m_vocabularies->terms : nullptr;
    auto kept = sync::upgradeWireFields(kind, op.fields, labels);
    if (m_vocabularies) {
        auto retired = sync::retireWireCodes(kind, op.fields, m_vocabularies->retired);
        kept.insert(kept.end(), retired.begin(), retired.end());
    }
    return kept;
}

void PushApplier::mergeLegacyCodes(sync::WireOp& op, const sync::RecordKind& kind, const StoredRecord& record) {
    if (m_sentLegacy) return;  // the laptop said what its legacy codes are
    const std::string key(sync::kLegacyCodesField);
    bool touchesCodes = false;
    for (const auto& f : kind.fields)
        if (!f.vocabulary.empty() && op.fields.contains(f.wire)) touchesCodes = true;
    if (!touchesCodes) return;
    auto stored = stringField(record.fields, key);
    std::vector<core::LegacyCode> merged;
    for (const auto& entry : core::parseLegacyCodes(stored)) {
        // A field this update sets replaces what was kept of its earlier value.
        if (!op.fields.contains(entry.field)) merged.push_back(entry);
    }
    for (const auto& entry : core::parseLegacyCodes(stringField(op.fields, key)))
        if (std::find(merged.begin(), merged.end(), entry) == merged.end()) merged.push_back(entry);
    auto text = core::formatLegacyCodes(merged);
    if (text == stored) op.fields.erase(key);
    else op.fields[key] = text;
}

sync::OpResult PushApplier::applyOne(const sync::WireOp& sent) {
    m_identityCleared = false;
    m_sentFields = &sent.fields;
    if (auto problem = nulProblem(sent.fields)) return rejected(sent, "field_invalid", *problem);
    // Current codes first: the fingerprint of a version 1 op and of the same op upgraded by a laptop's own
    // migration are then the same, so a resend after an upgrade is still a duplicate.
    sync::WireOp op = sent;
    std::vector<core::LegacyCode> kept;
    m_sentLegacy = false;
    if (const auto* coded = sync::findRecordKind(op.entity)) {
        kept = upgradeCodes(op, *coded);
    } else if (op.entity == sync::kConflictResolutionEntity) {
        recodeResolution(op.fields, [this](json& fields) {
            const core::Vocabularies* labels = m_vocabularies && m_vocabularies->version > 0 ? &m_vocabularies->terms : nullptr;
            return sync::upgradeWireFields(*sync::findRecordKind("learner"), fields, labels);
        });
    }
    auto fingerprint = sync::payloadFingerprint(op);
    // Kept as its hash only, whatever the entity: a resend is recognised by it (fingerprintMatches), and the
    // hub keeps no second copy of every payload. The copies were 190 MB of the large demo's 700 MB hub, written
    // through the log at each push, and sessions' notes and learners' ids that an erasure had to hunt for.
    const auto keptFingerprint = hashedFingerprint(fingerprint);
    if (auto earlier = m_store.findAppliedOp(op.opId)) {
        if (!fingerprintMatches(earlier->fingerprint, fingerprint))
            return rejected(op, "op_id_reused", "this op_id was already used for a different change");
        auto r = sync::decodeOpResult(earlier->result, "applied_ops.result");
        r.originalStatus = r.status;
        r.status = "duplicate";
        return r;
    }
    if (op.entity == sync::kPrivacyEventEntity) {
        auto result = notePrivacyEvent(op);
        if (result.status != "rejected")
            m_store.saveAppliedOp(op.opId, m_principal.deviceId, {keptFingerprint, sync::encode(result)});
        return result;
    }
    if (op.entity == sync::kConflictResolutionEntity) {
        // A person's decision on a conflict, pushed from a laptop's outbox like any other write.
        auto result = ConflictResolver(m_store, m_principal).resolve(op);
        if (result.status != "rejected")
            m_store.saveAppliedOp(op.opId, m_principal.deviceId, {keptFingerprint, sync::encode(result)});
        return result;
    }
    const auto* kind = sync::findRecordKind(op.entity);
    if (!kind) return rejected(op, "unknown_entity", "unknown entity '" + op.entity + "'");
    if (op.recordId.empty()) return rejected(op, "record_id_empty", "record_id is empty");
    // Never echoed: the id may hold the very bytes (NUL, controls) that make it unsafe.
    if (!sync::isRecordId(op.entity, op.recordId))
        return rejected(op, "id_invalid", "record_id has characters or a length the protocol does not allow");
    if (op.op != "create" && op.op != "update" && op.op != "delete")
        return rejected(op, "unknown_op", "unknown op '" + op.op + "'");

    if (kind->coordinatorsOnly && m_principal.role == "adviser")
        return rejected(op, "forbidden", "only a coordinator sets a structure's " + op.entity);
    if (op.op != "delete")
        if (auto field = sync::passSettingsProblem(op.entity, op.recordId, op.fields, op.op == "create"))
            return rejected(op, "field_invalid", *field + " is not valid for a " + op.entity);
    sync::OpResult result;
    if (kind->lifecycle == sync::Lifecycle::HubAuthoritative && !editsDirectory(m_principal)) {
        result = propose(op);
    } else {
        auto existing = m_store.findRecord(op.entity, op.recordId);
        if (existing && !m_scope.reaches(existing->structure))
            return rejected(op, "forbidden", "this record belongs to another structure");
        if (op.op == "create") {
            if (existing) return rejected(op, "record_exists", "a record with this id already exists");
            result = create(op, *kind);
        } else if (!existing) {
            return rejected(op, "unknown_record", "no record with this id on the hub");
        } else if (op.op == "update") {
            result = update(op, *kind, *existing);
        } else {
            result = remove(op, *kind, *existing);
        }
    }
    if (result.status != "rejected") {
        m_store.saveAppliedOp(op.opId, m_principal.deviceId, {keptFingerprint, sync::encode(result)});
        if (kind->lifecycle != sync::Lifecycle::HubAuthoritative) noteRecordChange(m_store, m_principal, op, *kind, result);
        for (const auto& k : kept) m_store.reportUnmapped({op.entity, op.recordId, k.field, k.code, "push", {}});
        if (result.status == "applied" || result.status == "conflict")
            auditPrivacyOp(m_store, m_principal, op, m_principal.structure, m_identityCleared);
    }
    return result;
}

sync::OpResult PushApplier::notePrivacyEvent(const sync::WireOp& op) {
    if (op.op != "create") return rejected(op, "unknown_op", "a privacy event is only created");
    if (!sync::isRecordId(op.entity, op.recordId))
        return rejected(op, "id_invalid", "record_id has characters or a length the protocol does not allow");
    auto action = stringField(op.fields, "action");
    if (action != "export") return rejected(op, "field_invalid", "fields.action must be \"export\"");
    auto learnerId = stringField(op.fields, "learner_id");
    if (!sync::isRecordId("learner", learnerId))
        return rejected(op, "field_invalid", "fields.learner_id is not a learner id");
    auto format = stringField(op.fields, "format");
    if (format != "json") return rejected(op, "field_invalid", "fields.format must be \"json\"");
    // A learner the hub holds for another structure is not this laptop's to have exported: refused, so that
    // the audit cannot be filled with another structure's ids. One it never received (created and erased
    // before a sync) is still recorded: the export happened.
    auto learner = m_store.findRecord("learner", learnerId);
    if (learner && !m_scope.reaches(learner->structure))
        return rejected(op, "forbidden", "this learner belongs to another structure");
    m_store.recordPrivacyEvent({core::nowUtc(), "export", "learner", learnerId, m_principal.login, m_principal.deviceId,
                                learner ? learner->structure : m_principal.structure,
                                learner ? "format: json" : "format: json; learner unknown to the hub"});
    return applied(op, 1, 0);
}

sync::OpResult PushApplier::create(const sync::WireOp& op, const sync::RecordKind& kind) {
    StoredRecord record;
    record.entity = op.entity;
    record.recordId = op.recordId;
    record.version = 1;
    record.fields = op.fields;
    record.fieldVersions = fieldVersionsAt(op.fields, 1);
    // The directory belongs to the territory, every other record to the structure that wrote it.
    record.structure = kind.lifecycle == sync::Lifecycle::HubAuthoritative ? std::string() : m_principal.structure;
    for (const auto& field : kind.fields) {
        // The hub is authoritative on who recorded a fact: a laptop cannot claim another structure or adviser.
        if (field.role == sync::FieldRole::StampedStructure) record.fields[field.wire] = m_principal.structure;
        if (field.role == sync::FieldRole::StampedAdviser) record.fields[field.wire] = m_principal.login;
        if (field.role == sync::FieldRole::OwnerStructure) {
            // A record that names its structure (a booklet) is received only for one's own.
            record.structure = stringField(op.fields, field.wire);
            if (record.structure.empty()) return rejected(op, "field_missing", "fields." + field.wire + " is required");
            if (!m_scope.reaches(record.structure))
                return rejected(op, "forbidden", "this " + op.entity + " belongs to another structure");
        }
    }
    // A cheque is matched by its number across the network: a number or a year that is not one would make a
    // forged event match, or miss, someone else's cheque.
    if (op.entity == "cheque_event") {
        auto it = op.fields.find("number");
        if (it != op.fields.end() && !(it->is_number_integer() && it->get<std::int64_t>() >= 1))
            return rejected(op, "field_invalid", "fields.number must be a positive integer");
        auto year = op.fields.find("valid_year");
        if (year != op.fields.end() &&
            !(year->is_number_integer() && year->get<std::int64_t>() >= 0 && year->get<std::int64_t>() <= 9999))
            return rejected(op, "field_invalid", "fields.valid_year must be a year");
    }
    // Read before writing: the redemptions and cancellations that were on the hub before this one. A redemption
    // clashes with either (a cheque is redeemable once in the network, never after it was cancelled); a
    // cancellation clashes with a redemption only (cancelling twice harms no one).
    std::vector<StoredRecord> earlier;
    const auto eventKind = stringField(op.fields, "kind");
    const auto number = op.fields.is_object() && op.fields.contains("number") && op.fields["number"].is_number_integer()
                            ? op.fields["number"].get<std::int64_t>() : std::int64_t{0};
    if (kind.conflicts == sync::ConflictRule::OverRedemption && (eventKind == "redeemed" || eventKind == "cancelled")) {
        earlier = m_store.chequeRedemptions(stringField(op.fields, "cheque_id"), number);
        if (eventKind == "cancelled")
            std::erase_if(earlier, [](const StoredRecord& e) { return stringField(e.fields, "kind") != "redeemed"; });
    }
    if (op.entity == "session") anonymiseErasedLearners(m_store, record.fields);
    if (op.entity == "pass_booklet")
        if (auto problem = bookletProblem(m_store, record)) return rejected(op, "field_invalid", *problem);
    auto seq = write(op, record);
    if (earlier.empty()) {
        // The laptop keeps a fact as it first wrote it, and holds a new record as stored unless the hub
        // stamped or anonymised something in it: its pulls need not bring either back (no echo). The
        // directory is the hub's to send.
        if (kind.lifecycle == sync::Lifecycle::AppendOnly ||
            (kind.lifecycle == sync::Lifecycle::Mergeable && record.fields == sync::stampedAsAcknowledged(
                                                                 kind, *m_sentFields, m_principal.structure,
                                                                 m_principal.login)))
            m_store.markHeldByAuthor(seq);
        return applied(op, record.version, seq);
    }
    json first = json::array();
    // The structure whose booklet the cheque came from answers for it, and every structure that used it
    // before: each sees the conflict in its inbox.
    auto chequeId = stringField(op.fields, "cheque_id");
    auto owner = chequeOwner(m_store, chequeId, number);
    json structures = json::array();
    auto involve = [&](const std::string& s) {
        if (!s.empty() && std::find(structures.begin(), structures.end(), json(s)) == structures.end()) structures.push_back(s);
    };
    involve(record.structure);
    involve(owner);
    for (const auto& e : earlier) {
        first.push_back({{"record_id", e.recordId}, {"structure", e.structure}, {"fields", e.fields}});
        involve(e.structure);
    }
    return conflict(op, "over_redemption", record.structure,
                    {{"cheque_id", chequeId},
                     {"number", number},
                     {"owner_structure", owner},
                     {"structures", structures},
                     {"earlier", first},
                     {"incoming", {{"record_id", op.recordId}, {"structure", record.structure}, {"fields", op.fields}}}},
                    record.version, seq);
}

sync::OpResult PushApplier::update(const sync::WireOp& op, const sync::RecordKind& kind, StoredRecord record) {
    if (record.deleted)
        return conflict(op, "update_after_delete", record.structure,
                        // An erased learner's values never come back, not even in a conflict: names only.
                        op.entity == "learner" ? erasedUpdateDetails(op, record.version)
                                               : json{{"base_version", op.baseVersion}, {"hub_version", record.version},
                                                      {"incoming", op.fields}},
                        record.version, 0);
    if (kind.lifecycle == sync::Lifecycle::AppendOnly)
        return rejected(op, "append_only", op.entity + " records are facts: send a new event instead of an update");
    if (op.baseVersion > record.version)
        return rejected(op, "base_version_ahead", "base_version is newer than the hub's version of the record");
    sync::WireOp merged = op;
    // A session's cheques follow their redemptions, its structure and adviser are stamped here: not corrected.
    for (const auto& f : kind.fields)
        if (!sync::isCorrectable(f)) merged.fields.erase(f.wire);
    mergeLegacyCodes(merged, kind, record);
    auto merge = mergeUpdate(record.fields, record.fieldVersions, record.version, op.baseVersion, merged.fields);
    // What the laptop holds after this op: the state it based it on, with its fields on top.
    json laptopState = record.fields;
    for (auto it = m_sentFields->begin(); it != m_sentFields->end(); ++it) laptopState[it.key()] = it.value();
    const bool onLaptopBase = op.baseVersion == record.version;
    std::int64_t seq = 0;
    if (!merge.apply.empty()) {
        ++record.version;
        for (auto it = merge.apply.begin(); it != merge.apply.end(); ++it) {
            record.fields[it.key()] = it.value();
            record.fieldVersions[it.key()] = record.version;
        }
        // A correction from a laptop that had not heard of an erasure cannot bring the learner back into it.
        if (op.entity == "session") anonymiseErasedLearners(m_store, record.fields);
        seq = write(op, record);
        if (op.entity == "learner") m_identityCleared = scrubClearedIdentity(m_store, op.recordId, merge.apply);
        if (m_identityCleared) m_erased = true;  // the old values leave the WAL too
    }
    json details = {{"base_version", op.baseVersion}, {"hub_version", record.version},
                    {"applied", merge.apply}, {"changed_since_base", merge.changedSince}};
    if (!merge.clashes.empty()) {
        details["fields"] = merge.clashes;
        return conflict(op, "hard", record.structure, details, record.version, seq);
    }
    // A gap only matters when this op changed something others had not already written.
    if (merge.versionGap && !merge.apply.empty()) return conflict(op, "soft", record.structure, details, record.version, seq);
    if (seq > 0 && onLaptopBase && !m_identityCleared && record.fields == laptopState) m_store.markHeldByAuthor(seq);
    return applied(op, record.version, seq);
}

sync::OpResult PushApplier::remove(const sync::WireOp& op, const sync::RecordKind& kind, StoredRecord record) {
    if (!kind.erasable)
        return rejected(op, "append_only", op.entity + " records are never deleted: record a correcting event, or "
                                                        "withdraw a service");
    if (record.deleted) return applied(op, record.version, 0);
    bool gap = op.baseVersion < record.version;
    // What the deleter had not seen: the names of the fields changed after base_version, not their values, so
    // that the conflict does not keep a copy of what was deleted (a session's notes, a learner's phone).
    json changedSince = json::array();
    for (auto it = record.fieldVersions.begin(); it != record.fieldVersions.end(); ++it)
        if (it.value().is_number_integer() && it.value().get<std::int64_t>() > op.baseVersion) changedSince.push_back(it.key());
    if (op.entity == "learner") {
        eraseLearnerEverywhere(m_store, record, m_principal, op.opId);
        m_erased = true;
    }
    // A deleted session's earlier states (its notes, the learners it named) leave the feed at once rather
    // than at the next prune: its tombstone is all a laptop needs. A learner's rows were emptied above.
    if (op.entity == "session") m_store.dropChangeRows(op.entity, op.recordId);
    // Erasure propagates: a tombstone keeps no personal data, only that the record existed.
    ++record.version;
    record.deleted = true;
    record.fields = json::object();
    record.fieldVersions = json::object();
    auto seq = write(op, record);
    if (gap && kind.lifecycle == sync::Lifecycle::Mergeable)
        return conflict(op, "soft", record.structure,
                        {{"base_version", op.baseVersion}, {"hub_version", record.version - 1},
                         {"changed_since_base", changedSince}},
                        record.version, seq);
    if (kind.lifecycle == sync::Lifecycle::Mergeable) m_store.markHeldByAuthor(seq);  // deleted there already
    return applied(op, record.version, seq);
}

sync::OpResult PushApplier::propose(const sync::WireOp& op) {
    auto existing = m_store.findRecord(op.entity, op.recordId);
    return conflict(op, "place_proposal", m_principal.structure,
                    {{"op", op.op}, {"proposed", op.fields}, {"current", existing ? existing->fields : json()}},
                    existing ? existing->version : 0, 0);
}

sync::OpResult PushApplier::conflict(const sync::WireOp& op, const std::string& kind, const std::string& structure,
                                     json details, std::int64_t version, std::int64_t serverSeq) {
    ConflictEntry entry;
    entry.kind = kind;
    entry.entity = op.entity;
    entry.recordId = op.recordId;
    entry.opId = op.opId;
    entry.deviceId = m_principal.deviceId;
    entry.structure = structure;
    entry.details = std::move(details);
    sync::OpResult r;
    r.opId = op.opId;
    r.status = "conflict";
    r.version = version;
    r.serverSeq = serverSeq;
    r.conflictKind = kind;
    r.conflictId = m_store.addConflict(entry);
    return r;
}

std::int64_t PushApplier::write(const sync::WireOp& op, const StoredRecord& record) {
    return m_store.writeRecord(record, op.op, op.opId, m_principal.deviceId);
}

}  // namespace mediane::hub
