#include "store/learner_repository.hpp"

#include "store/database.hpp"
#include "store/outbox.hpp"
#include "store/record_counts.hpp"
#include "store/record_rows.hpp"
#include "store/record_writer.hpp"
#include "sync/protocol/record_wire.hpp"

#include <cctype>

#include <nlohmann/json.hpp>

namespace mediane::store {

namespace {
// The synced fields come from the learner's description (record_kinds.cpp); these are the notebook's own.
constexpr const char* kLocalColumns = "l.id, l.created_at, l.updated_at, l.version, l.sync_state";
constexpr int kLocalCount = 5;

std::string selectFrom(const RecordRows& rows, const char* from) {
    return std::string("SELECT ") + kLocalColumns + ", " + rows.selectList("l") + " " + from;
}

core::Learner read(const RecordRows& rows, const Statement& st) {
    core::Learner l;
    l.id = st.columnText(0);
    l.createdAt = st.columnText(1);
    l.updatedAt = st.columnText(2);
    l.version = static_cast<int>(st.columnInt(3));
    l.syncState = core::syncStateFrom(st.columnText(4));
    nlohmann::json wire = nlohmann::json::object();
    rows.readColumns(st, kLocalCount, wire);
    sync::fromWire(wire, l);
    return l;
}
}  // namespace

void LearnerRepository::insert(const core::Learner& l) {
    RecordWriter(m_db, m_outbox)
        .create("learner", l.id, sync::toWire(l),
                {{"created_at", l.createdAt}, {"updated_at", l.updatedAt}, {"version", l.version}});
}

void LearnerRepository::update(const core::Learner& before, const core::Learner& after) {
    nlohmann::json changed = nlohmann::json::object();
    auto old = sync::toWire(before), now = sync::toWire(after);
    for (auto it = now.begin(); it != now.end(); ++it)
        if (old[it.key()] != it.value()) changed[it.key()] = it.value();
    if (changed.empty()) return;
    RecordRows(m_db, "learner").update(after.id, changed, {{"updated_at", after.updatedAt}, {"sync_state", "pending"}});
    m_outbox.append("learner", after.id, "update", changed, before.version);
}

std::optional<core::Learner> LearnerRepository::find(const std::string& id) {
    RecordRows rows(m_db, "learner");
    auto st = m_db.prepare(selectFrom(rows, "FROM learners l WHERE l.id = ?"));
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return read(rows, st);
}

std::string ftsPrefixQuery(const std::string& typed) {
    std::string query, word;
    auto flush = [&] {
        if (word.empty()) return;
        if (!query.empty()) query += ' ';
        query += '"' + word + "\"*";
        word.clear();
    };
    for (char c : typed) {
        unsigned char u = static_cast<unsigned char>(c);
        // Letters (including UTF-8 bytes of accented ones) and digits make words; everything else separates.
        if (u >= 0x80 || std::isalnum(u)) word += c;
        else flush();
    }
    flush();
    return query;
}

std::vector<core::Learner> LearnerRepository::search(const std::string& typed, int limit) {
    std::vector<core::Learner> out;
    std::string query = ftsPrefixQuery(typed);
    // Why FTS first and ORDER BY f.rowid: FTS5 then walks its matches newest first and stops at the limit;
    // ordering by the learners' rowid sorted every match of a one-letter prefix first (24 ms instead of
    // 0.2 ms on 20,000 learners).
    RecordRows rows(m_db, "learner");
    auto st = query.empty()
                  ? m_db.prepare(selectFrom(rows, "FROM learners l ORDER BY l.rowid DESC LIMIT ?"))
                  : m_db.prepare(selectFrom(rows, "FROM learners_fts f JOIN learners l ON l.rowid = f.rowid "
                                                  "WHERE learners_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?"));
    if (query.empty()) st.bind(1, limit);
    else st.bind(1, query).bind(2, limit);
    while (st.step()) out.push_back(read(rows, st));
    return out;
}

std::vector<core::Learner> LearnerRepository::all() {
    RecordRows rows(m_db, "learner");
    auto st = m_db.prepare(selectFrom(rows, "FROM learners l ORDER BY l.rowid"));
    std::vector<core::Learner> out;
    while (st.step()) out.push_back(read(rows, st));
    return out;
}

std::int64_t LearnerRepository::count() { return keptRowCount(m_db, "learners"); }

}  // namespace mediane::store
