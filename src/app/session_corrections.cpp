// Notebook: correcting and deleting a session (issue 11), each an outbox op that syncs like any other write.
#include "app/notebook.hpp"

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "core/validation.hpp"
#include "store/correction_history.hpp"
#include "store/sync_account_store.hpp"

namespace mediane::app {

namespace {
std::string accountLogin(store::Database& db) {
    auto account = store::SyncAccountStore(db).load();
    return account ? account->login : std::string();
}
}  // namespace

core::Session Notebook::updateSession(core::Session edited) {
    auto before = m_sessions.find(edited.id);
    if (!before) throw Error(Error::Kind::NotFound, "corrections.err.session_unknown", {{"id", edited.id}});
    // What the form does not own stays as recorded: the cheques follow their redemption events, the structure
    // and adviser are who recorded the session (the hub stamps them), the dates of the row are the notebook's.
    edited.chequesRedeemed = before->chequesRedeemed;
    edited.structure = before->structure;
    edited.adviser = before->adviser;
    edited.createdAt = before->createdAt;
    edited.version = before->version;
    edited.legacyCodes = before->legacyCodes;
    if (!edited.orientationPlaceId.empty() || !edited.redirection.empty()) edited.oriented = 1;
    core::validateSession(edited, m_vocabularies, m_framework);
    for (const auto& id : edited.learnerIds)
        if (!m_learners.find(id)) throw Error(Error::Kind::NotFound, "err.learner_unknown", {{"id", id}}, "session.learners");
    if (!edited.placeId.empty() && !m_places.find(edited.placeId))
        throw Error(Error::Kind::NotFound, "err.place_unknown", {{"id", edited.placeId}}, "session.place");
    if (!edited.orientationPlaceId.empty() && !m_places.find(edited.orientationPlaceId))
        throw Error(Error::Kind::NotFound, "err.place_unknown", {{"id", edited.orientationPlaceId}}, "session.orientation");
    edited.updatedAt = core::nowUtc();

    store::Transaction tx(*m_db);
    auto changed = m_sessions.update(*before, edited);
    if (!changed.empty()) store::CorrectionHistory(*m_db).add("session", edited.id, "update", changed, accountLogin(*m_db));
    tx.commit();
    return *m_sessions.find(edited.id);
}

void Notebook::deleteSession(const std::string& id) {
    auto session = m_sessions.find(id);
    if (!session) throw Error(Error::Kind::NotFound, "corrections.err.session_unknown", {{"id", id}});
    // A redeemed cheque is money owed to the place and its event is never deleted (record_kinds: not erasable):
    // deleting its session would leave a payment without its service. Such a session is corrected, not deleted.
    if (!session->chequesRedeemed.empty()) {
        std::string numbers;
        for (auto n : session->chequesRedeemed) numbers += (numbers.empty() ? "" : ", ") + std::to_string(n);
        throw Error(Error::Kind::Refused, "corrections.err.session_has_cheques", {{"numbers", numbers}});
    }
    store::Transaction tx(*m_db);
    m_sessions.remove(*session);
    store::CorrectionHistory(*m_db).add("session", id, "delete", {}, accountLogin(*m_db));
    tx.commit();
}

std::vector<store::CorrectionEntry> Notebook::sessionHistory(const std::string& id) {
    return store::CorrectionHistory(*m_db).forRecord("session", id);
}

}  // namespace mediane::app
