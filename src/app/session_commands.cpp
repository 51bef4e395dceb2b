// Notebook: recording sessions (with the cheques they redeem and the assessments made) and places.
#include "app/notebook.hpp"

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "core/pass_rules.hpp"
#include "core/uuid.hpp"
#include "core/validation.hpp"
#include "store/correction_history.hpp"
#include "store/sync_account_store.hpp"

#include <set>

namespace mediane::app {

core::Session Notebook::recordSession(core::Session draft, std::vector<core::Assessment> assessments) {
    // Naming the place a learner was oriented to answers « orienté ? » with yes.
    if (!draft.orientationPlaceId.empty() || !draft.redirection.empty()) draft.oriented = 1;
    core::validateSession(draft, m_vocabularies, m_framework);
    for (const auto& id : draft.learnerIds)
        if (!m_learners.find(id)) throw Error(Error::Kind::NotFound, "err.learner_unknown", {{"id", id}}, "session.learners");
    if (!draft.placeId.empty() && !m_places.find(draft.placeId))
        throw Error(Error::Kind::NotFound, "err.place_unknown", {{"id", draft.placeId}}, "session.place");
    if (!draft.orientationPlaceId.empty() && !m_places.find(draft.orientationPlaceId))
        throw Error(Error::Kind::NotFound, "err.place_unknown", {{"id", draft.orientationPlaceId}}, "session.orientation");

    std::set<std::int64_t> seen;
    std::vector<core::PassCheque> cheques;
    for (auto number : draft.chequesRedeemed) {
        if (!seen.insert(number).second)
            throw Error(Error::Kind::Validation, "err.cheque_listed_twice", {{"number", std::to_string(number)}},
                        "session.cheques");
        int validYear = 0;
        for (const auto& [typed, year] : draft.chequeValidYears)
            if (typed == number) validYear = year;
        cheques.push_back(chequeForRedemption(number, draft.date, validYear));
    }
    const auto service = cheques.empty() ? std::string() : serviceForRedemption(draft.chequeService);
    if (!service.empty()) checkServiceCheques(service, static_cast<int>(cheques.size()));
    for (auto& a : assessments) {
        a.date = a.date.empty() ? draft.date : a.date;
        core::validateAssessment(a, m_framework);
    }

    draft.id = core::newUuidV7();
    draft.createdAt = core::nowUtc();
    draft.syncState = core::SyncState::Pending;
    if (auto account = store::SyncAccountStore(*m_db).load()) {
        draft.structure = account->structure;
        draft.adviser = account->login;
    }

    // A cheque of no local booklet gets its own row, with the year typed from it, before its redemption.
    std::vector<bool> unlisted;
    for (const auto& c : cheques) unlisted.push_back(!m_pass.findByNumber(c.number).has_value());
    store::Transaction tx(*m_db);
    m_sessions.insert(draft);
    for (std::size_t i = 0; i < cheques.size(); ++i)
        if (unlisted[i]) m_pass.insertUnlistedCheque(cheques[i].id, cheques[i].number, cheques[i].validYear);
    for (auto& c : cheques) {
        c.service = service;
        c.state = core::ChequeState::Redeemed;
        c.sessionId = draft.id;
        c.redeemedOn = draft.date;
        // A cheque from stock redeemed on the spot goes to the session's learner.
        if (c.learnerId.empty()) c.learnerId = draft.learnerIds.front();
        m_pass.recordEvent(c, "redeemed", draft.date);
    }
    for (auto& a : assessments) {
        a.id = core::newUuidV7();
        a.sessionId = draft.id;
        m_assessments.insert(a);
    }
    if (!draft.placeId.empty()) m_settings.set("last_place_id", draft.placeId);
    m_settings.set("last_duration", std::to_string(draft.durationMinutes));
    store::CorrectionHistory(*m_db).add("session", draft.id, "create", {}, draft.adviser);
    tx.commit();
    return draft;
}

std::vector<core::Session> Notebook::recentSessions(int limit) { return m_sessions.recent(limit); }
std::optional<core::Session> Notebook::session(const std::string& id) { return m_sessions.find(id); }

core::Place Notebook::addPlace(core::Place draft) {
    core::validatePlace(draft, m_vocabularies);
    draft.id = core::newUuidV7();
    store::Transaction tx(*m_db);
    m_places.insert(draft);
    tx.commit();
    return draft;
}

std::vector<core::Place> Notebook::places() { return m_places.all(); }

std::vector<core::Place> Notebook::ownPlaces() { return m_places.own(); }

core::Place Notebook::updatePlace(core::Place edited) {
    core::validatePlace(edited, m_vocabularies);
    auto before = m_places.find(edited.id);
    if (!before) throw Error(Error::Kind::NotFound, "first_day.err.place_unknown");
    if (!m_places.isOwn(edited.id)) throw Error(Error::Kind::Refused, "first_day.err.place_not_own", {{"name", before->name}});
    store::Transaction tx(*m_db);
    m_places.update(*before, edited);
    tx.commit();
    return edited;
}

}  // namespace mediane::app
