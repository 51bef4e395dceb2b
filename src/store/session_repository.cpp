#include "store/session_repository.hpp"

#include "store/database.hpp"
#include "store/outbox.hpp"
#include "store/record_counts.hpp"
#include "store/record_rows.hpp"
#include "store/record_writer.hpp"
#include "sync/protocol/record_kinds.hpp"
#include "sync/protocol/record_wire.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace mediane::store {

namespace {
// The synced fields come from the session's description (record_kinds.cpp); these are the notebook's own.
constexpr const char* kLocalColumns = "s.id, s.created_at, s.sync_state, s.version, s.updated_at";
constexpr int kLocalCount = 5;

core::Session read(RecordRows& rows, const Statement& st) {
    core::Session s;
    s.id = st.columnText(0);
    s.createdAt = st.columnText(1);
    s.syncState = core::syncStateFrom(st.columnText(2));
    s.version = static_cast<int>(st.columnInt(3));
    s.updatedAt = st.columnText(4);
    nlohmann::json wire = nlohmann::json::object();
    rows.readColumns(st, kLocalCount, wire);
    rows.readLists(s.id, wire);
    sync::fromWire(wire, s);
    return s;
}

std::string selectFrom(const RecordRows& rows, const std::string& rest) {
    return std::string("SELECT ") + kLocalColumns + ", " + rows.selectList("s") + " FROM sessions s " + rest;
}
}  // namespace

void SessionRepository::insert(const core::Session& s) {
    RecordWriter(m_db, m_outbox).create("session", s.id, sync::toWire(s), {{"created_at", s.createdAt}});
}

std::vector<std::string> SessionRepository::update(const core::Session& before, const core::Session& after) {
    const auto& kind = *sync::findRecordKind("session");
    nlohmann::json changed = nlohmann::json::object();
    auto old = sync::toWire(before), now = sync::toWire(after);
    // A list is a set on disk (read back in value order): compared and sent in that order, a list the
    // adviser did not change is not a change, and two laptops sending the same set do not clash.
    for (const auto& f : kind.fields) {
        if (f.type != sync::FieldType::TextList && f.type != sync::FieldType::IntegerList) continue;
        for (auto* list : {&old[f.wire], &now[f.wire]}) {
            if (!list->is_array()) continue;
            std::sort(list->begin(), list->end());
            list->erase(std::unique(list->begin(), list->end()), list->end());
        }
    }
    std::vector<std::string> names;
    for (const auto& f : kind.fields) {
        if (!sync::isCorrectable(f) || old[f.wire] == now[f.wire]) continue;
        changed[f.wire] = now[f.wire];
        names.push_back(f.wire);
    }
    if (changed.empty()) return names;
    RecordRows rows(m_db, "session");
    rows.update(after.id, changed, {{"updated_at", after.updatedAt}, {"sync_state", "pending"}});
    rows.replaceLists(after.id, changed, Origin::ThisLaptop);
    m_outbox.append("session", after.id, "update", changed, before.version);
    return names;
}

void SessionRepository::remove(const core::Session& session) {
    const auto& id = session.id;
    // The learners' assessments stay theirs (their progress); they no longer point at the session.
    m_db.prepare("UPDATE assessments SET session_id = NULL WHERE session_id = ?").bind(1, id).run();
    m_db.prepare("DELETE FROM session_tags WHERE session_id = ?").bind(1, id).run();
    m_db.prepare("DELETE FROM session_learners WHERE session_id = ?").bind(1, id).run();
    m_db.prepare("DELETE FROM sessions WHERE id = ?").bind(1, id).run();
    m_outbox.append("session", id, "delete", nlohmann::json::object(), session.version);
}

std::vector<core::Session> SessionRepository::query(const std::string& whereAndOrder, const std::string& param,
                                                    int limit) {
    RecordRows rows(m_db, "session");
    auto st = m_db.prepare(selectFrom(rows, whereAndOrder + " LIMIT ?"));
    int next = 1;
    if (!param.empty()) st.bind(next++, param);
    st.bind(next, limit);
    std::vector<core::Session> out;
    while (st.step()) out.push_back(read(rows, st));
    return out;
}

std::optional<core::Session> SessionRepository::find(const std::string& id) {
    auto found = query("WHERE s.id = ?", id, 1);
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::vector<core::Session> SessionRepository::forLearner(const std::string& learnerId, int limit) {
    return query("JOIN session_learners sl ON sl.session_id = s.id WHERE sl.learner_id = ? "
                 "ORDER BY s.date DESC, s.id DESC",
                 learnerId, limit);
}

std::vector<core::Session> SessionRepository::recent(int limit) {
    return query("ORDER BY s.date DESC, s.id DESC", "", limit);
}

void SessionRepository::forEach(const std::function<void(const core::Session&)>& visit) {
    RecordRows rows(m_db, "session");
    auto st = m_db.prepare(selectFrom(rows, "ORDER BY s.date, s.id"));
    while (st.step()) visit(read(rows, st));
}

std::int64_t SessionRepository::count() { return keptRowCount(m_db, "sessions"); }

}  // namespace mediane::store
