#include "store/session_repository.hpp"

#include "store/database.hpp"
#include "store/outbox.hpp"

#include <nlohmann/json.hpp>

namespace mediane::store {

namespace {
constexpr const char* kSelect =
    "SELECT s.id, s.date, s.duration_minutes, s.kind, s.place_mode, coalesce(s.place_id, ''), s.anonymous_count, "
    "s.autonomy, coalesce(s.orientation_place_id, ''), s.notes, s.created_at, s.sync_state FROM sessions s ";

core::Session read(const Statement& st) {
    core::Session s;
    s.id = st.columnText(0);
    s.date = st.columnText(1);
    s.durationMinutes = static_cast<int>(st.columnInt(2));
    s.kind = core::sessionKindFrom(st.columnText(3)).value_or(core::SessionKind::Individual);
    s.placeMode = core::placeModeFrom(st.columnText(4)).value_or(core::PlaceMode::Other);
    s.placeId = st.columnText(5);
    s.anonymousCount = static_cast<int>(st.columnInt(6));
    s.autonomy = st.columnText(7);
    s.orientationPlaceId = st.columnText(8);
    s.notes = st.columnText(9);
    s.createdAt = st.columnText(10);
    s.syncState = core::syncStateFrom(st.columnText(11));
    return s;
}
}  // namespace

void SessionRepository::insert(const core::Session& s) {
    m_db.prepare("INSERT INTO sessions (id, date, duration_minutes, kind, place_mode, place_id, anonymous_count, "
                 "autonomy, orientation_place_id, notes, created_at, sync_state, structure, adviser) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)")
        .bind(1, s.id).bind(2, s.date).bind(3, s.durationMinutes).bind(4, core::toString(s.kind))
        .bind(5, core::toString(s.placeMode)).bindOptional(6, s.placeId).bind(7, s.anonymousCount)
        .bind(8, s.autonomy).bindOptional(9, s.orientationPlaceId).bind(10, s.notes).bind(11, s.createdAt)
        .bind(12, s.structure).bind(13, s.adviser)
        .run();
    auto link = m_db.prepare("INSERT INTO session_learners (session_id, learner_id) VALUES (?, ?)");
    for (const auto& id : s.learnerIds) {
        link.bind(1, s.id).bind(2, id).run();
        link.reset();
    }
    auto tag = m_db.prepare("INSERT OR IGNORE INTO session_tags (session_id, facet, code) VALUES (?, ?, ?)");
    auto tagAll = [&](const char* facet, const std::vector<std::string>& codes) {
        for (const auto& c : codes) {
            tag.bind(1, s.id).bind(2, facet).bind(3, c).run();
            tag.reset();
        }
    };
    tagAll("theme", s.themes);
    tagAll("equipment", s.equipment);
    tagAll("competence", s.competences);

    nlohmann::json fields = {{"date", s.date},
                             {"duration_minutes", s.durationMinutes},
                             {"kind", core::toString(s.kind)},
                             {"place_mode", core::toString(s.placeMode)},
                             {"place_id", s.placeId},
                             {"learner_ids", s.learnerIds},
                             {"anonymous_count", s.anonymousCount},
                             {"themes", s.themes},
                             {"equipment", s.equipment},
                             {"autonomy", s.autonomy},
                             {"competences", s.competences},
                             {"cheques_redeemed", s.chequesRedeemed},
                             {"orientation_place_id", s.orientationPlaceId},
                             {"notes", s.notes},
                             {"structure", s.structure},
                             {"adviser", s.adviser}};
    m_outbox.append("session", s.id, "create", fields);
}

void SessionRepository::loadDetails(core::Session& s) {
    auto learners = m_db.prepare("SELECT learner_id FROM session_learners WHERE session_id = ?");
    learners.bind(1, s.id);
    while (learners.step()) s.learnerIds.push_back(learners.columnText(0));
    auto tags = m_db.prepare("SELECT facet, code FROM session_tags WHERE session_id = ?");
    tags.bind(1, s.id);
    while (tags.step()) {
        auto facet = tags.columnText(0);
        auto& list = facet == "theme" ? s.themes : facet == "equipment" ? s.equipment : s.competences;
        list.push_back(tags.columnText(1));
    }
    auto cheques = m_db.prepare("SELECT number FROM pass_cheques WHERE session_id = ? ORDER BY number");
    cheques.bind(1, s.id);
    while (cheques.step()) s.chequesRedeemed.push_back(cheques.columnInt(0));
}

std::vector<core::Session> SessionRepository::query(const std::string& whereAndOrder, const std::string& param,
                                                    int limit) {
    auto st = m_db.prepare(std::string(kSelect) + whereAndOrder + " LIMIT ?");
    int next = 1;
    if (!param.empty()) st.bind(next++, param);
    st.bind(next, limit);
    std::vector<core::Session> out;
    while (st.step()) out.push_back(read(st));
    for (auto& s : out) loadDetails(s);
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
    auto st = m_db.prepare(std::string(kSelect) + "ORDER BY s.date, s.id");
    while (st.step()) {
        auto s = read(st);
        loadDetails(s);
        visit(s);
    }
}

std::int64_t SessionRepository::count() { return m_db.scalarInt("SELECT count(*) FROM sessions"); }

}  // namespace mediane::store
