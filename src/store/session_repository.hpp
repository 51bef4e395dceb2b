// Sessions (accompagnements) on disk: inserts, corrections and deletions with their outbox row, history and listings.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace mediane::store {

class Database;
class Outbox;

class SessionRepository {
public:
    SessionRepository(Database& db, Outbox& outbox) : m_db(db), m_outbox(outbox) {}

    // Inside the caller's Transaction. Cheque redemptions are recorded by PassRepository, not here.
    void insert(const core::Session& session);
    // Inside the caller's Transaction: writes the correctable fields that differ (lists included) and one
    // outbox update on before.version; returns the names of the fields changed (none: nothing written).
    std::vector<std::string> update(const core::Session& before, const core::Session& after);
    // Inside the caller's Transaction: the session's rows go and a delete (a tombstone on the hub) is queued.
    // The caller has refused a session with redeemed cheques; assessments made in it stay, unlinked.
    void remove(const core::Session& session);
    std::optional<core::Session> find(const std::string& id);
    // A learner's sessions, most recent first.
    std::vector<core::Session> forLearner(const std::string& learnerId, int limit = 500);
    std::vector<core::Session> recent(int limit);
    // Streams every session in date order, for exports of any size.
    void forEach(const std::function<void(const core::Session&)>& visit);
    std::int64_t count();

private:
    std::vector<core::Session> query(const std::string& whereAndOrder, const std::string& param, int limit);

    Database& m_db;
    Outbox& m_outbox;
};

}  // namespace mediane::store
