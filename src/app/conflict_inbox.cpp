#include "app/conflict_inbox.hpp"

#include <algorithm>

#include "app/conflict_scope.hpp"
#include "core/error.hpp"
#include "store/conflict_labels.hpp"
#include "store/local_conflicts.hpp"

namespace mediane::app {

namespace {
using nlohmann::json;

std::string readable(const json& v) {
    if (v.is_null()) return {};
    if (v.is_string()) return v.get<std::string>();
    return v.dump();
}

ConflictView::FieldRow fieldRow(const std::string& field, const json& hub, const json& incoming) {
    return {field, readable(hub), readable(incoming), hub.dump(), incoming.dump()};
}
}  // namespace

void ConflictInbox::refresh(std::int64_t generation) {
    if (generation == m_generation) return;
    m_generation = generation;
    reload();
}

void ConflictInbox::reload() {
    m_open.clear();
    m_closed.clear();
    // What this person can decide, and what they must know of (a cheque of theirs redeemed twice); an
    // adviser's own place proposals are the coordinator's business.
    auto scope = m_notebook.enrolledScope();
    for (const auto& c : m_notebook.conflicts().all()) {
        if (!maySee(scope, c)) continue;
        auto v = view(c);
        v.decidable = mayActOn(scope, c);
        (c.state == "resolved" ? m_closed : m_open).push_back(std::move(v));
    }
    // Newest first: the one that just arrived is the one the coordinator came for.
    std::reverse(m_open.begin(), m_open.end());
    std::reverse(m_closed.begin(), m_closed.end());
}

const ConflictView* ConflictInbox::find(std::int64_t id) const {
    for (const auto* list : {&m_open, &m_closed})
        for (const auto& v : *list)
            if (v.conflict.id == id) return &v;
    return nullptr;
}

ConflictView ConflictInbox::view(const store::RemoteConflict& c) {
    auto& labels = m_notebook.conflictLabels();
    ConflictView v;
    v.conflict = {c.id, c.kind, c.entity, c.recordId, c.deviceId, c.structure, c.createdAt, c.state,
                  c.resolvedBy, c.resolvedAt, c.resolution.is_object() ? c.resolution.value("note", "") : ""};
    v.raisedHere = c.deviceId == m_notebook.settings().deviceId();
    const auto& d = c.details;
    if (c.entity == "learner" || c.entity == "session") {
        v.recordLabel = c.entity == "learner" ? labels.learnerPseudonym(c.recordId) : labels.sessionLabel(c.recordId);
        // An edit of an erased learner: the hub kept which fields were sent, never their values.
        if (c.entity == "learner" && d.value("erased", false)) {
            if (c.kind == "update_after_delete") v.conflict.kind = "update_after_erasure";
            for (const char* key : {"incoming_fields", "field_names"})
                if (d.contains(key) && d[key].is_array())
                    for (const auto& name : d[key])
                        if (name.is_string()) v.fields.push_back(fieldRow(name.get<std::string>(), json(), json()));
            return v;
        }
        if (d.contains("fields") && d["fields"].is_object())
            for (auto it = d["fields"].begin(); it != d["fields"].end(); ++it)
                v.fields.push_back(fieldRow(it.key(), it.value().value("hub", json()), it.value().value("incoming", json())));
        else if (d.contains("applied") && d["applied"].is_object())
            for (auto it = d["applied"].begin(); it != d["applied"].end(); ++it)
                v.fields.push_back(fieldRow(it.key(), json(), it.value()));
    } else if (c.kind == "over_redemption") {
        std::string cheque = d.value("cheque_id", "");
        v.recordLabel = labels.chequeNumber(cheque);
        // A cheque this laptop knows under another id (its booklet's, or none): its number says which it is.
        if (v.recordLabel.empty() && d.contains("number") && d["number"].is_number_integer() && d["number"] > 0)
            v.recordLabel = std::to_string(d["number"].get<std::int64_t>());
        auto add = [&](const json& e, bool incoming) {
            ConflictView::Redemption r;
            r.recordId = e.value("record_id", "");
            r.structure = e.value("structure", c.structure);
            const json fields = e.value("fields", json::object());
            r.sessionId = fields.value("session_id", "");
            r.date = fields.value("on_date", "");
            r.place = labels.sessionPlaceName(r.sessionId);
            r.incoming = incoming;
            v.redemptions.push_back(std::move(r));
        };
        if (d.contains("earlier") && d["earlier"].is_array())
            for (const auto& e : d["earlier"]) add(e, false);
        if (d.contains("incoming")) add(d["incoming"], true);
    } else if (c.entity == "place") {
        v.recordLabel = labels.placeName(c.recordId);
    }
    if (v.recordLabel.empty()) v.recordLabel = c.recordId;
    if (c.state == "open")
        v.refusal = labels.decisionRefusal(c.id);
    return v;
}

void ConflictInbox::resolveFields(std::int64_t id, const json& chosen, const std::string& note) {
    auto c = m_notebook.conflicts().find(id);
    if (!c) throw Error(Error::Kind::NotFound, "conflicts.err.unknown", {{"id", std::to_string(id)}});
    if (c->entity != "learner" && c->entity != "session") throw Error(Error::Kind::Refused, "conflicts.err.not_fields");
    if (c->kind == "hard" && c->details.contains("fields"))
        for (auto it = c->details["fields"].begin(); it != c->details["fields"].end(); ++it)
            if (!chosen.contains(it.key()))
                throw validationError("conflicts.err.field_undecided", "conflicts.field", {{"field", it.key()}});
    decide(*c, {{"fields", chosen}, {"note", note}});
}

void ConflictInbox::resolveFieldsKeeping(std::int64_t id, const std::map<std::string, bool>& keepIncoming,
                                         const std::string& note) {
    const auto* view = find(id);
    if (!view) throw Error(Error::Kind::NotFound, "conflicts.err.unknown", {{"id", std::to_string(id)}});
    json chosen = json::object();
    for (const auto& row : view->fields) {
        auto keep = keepIncoming.find(row.field);
        chosen[row.field] = json::parse(keep != keepIncoming.end() && keep->second ? row.incomingJson : row.hubJson);
    }
    resolveFields(id, chosen, note);
}

void ConflictInbox::resolveRedemption(std::int64_t id, const std::string& keepRecordId, const std::string& note) {
    auto c = m_notebook.conflicts().find(id);
    if (!c) throw Error(Error::Kind::NotFound, "conflicts.err.unknown", {{"id", std::to_string(id)}});
    if (c->kind != "over_redemption") throw Error(Error::Kind::Refused, "conflicts.err.not_redemption");
    if (keepRecordId.empty() && note.empty())
        throw validationError("conflicts.err.decision_missing", "conflicts.note");
    decide(*c, {{"keep", keepRecordId}, {"note", note}});
}

void ConflictInbox::resolveWithNote(std::int64_t id, const std::string& note) {
    auto c = m_notebook.conflicts().find(id);
    if (!c) throw Error(Error::Kind::NotFound, "conflicts.err.unknown", {{"id", std::to_string(id)}});
    if (note.empty()) throw validationError("conflicts.err.decision_missing", "conflicts.note");
    decide(*c, {{"note", note}});
}

void ConflictInbox::decide(const store::RemoteConflict& conflict, const json& resolution) {
    if (conflict.state != "open")
        throw Error(Error::Kind::Refused, "conflicts.err.already_decided", {{"id", std::to_string(conflict.id)}});
    // The decision and its outbox row in one transaction, like every other write of the notebook.
    auto tx = m_notebook.transaction();
    m_notebook.outbox().append("conflict_resolution", std::to_string(conflict.id), "create", resolution);
    m_notebook.conflicts().markSent(conflict.id, resolution);
    tx.commit();
    reload();
}

}  // namespace mediane::app
