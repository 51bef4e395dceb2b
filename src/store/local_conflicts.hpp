// The conflicts the hub raised, copied into the notebook so a person can review and decide them offline.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace mediane::store {

class Database;

// A conflict the hub raised, copied locally so a person can review it offline.
struct RemoteConflict {
    std::int64_t id = 0;
    std::string kind;  // hard | soft | over_redemption | update_after_delete | place_proposal
    std::string entity;
    std::string recordId;
    std::string opId;
    std::string deviceId;
    std::string structure;
    std::string createdAt;
    nlohmann::json details = nlohmann::json::object();
    std::string state = "open";  // open | sent (decided here, in the outbox) | resolved (the hub's decision pulled)
    nlohmann::json resolution = nlohmann::json::object();
    std::string resolvedBy, resolvedAt;
};

class LocalConflicts {
public:
    explicit LocalConflicts(Database& db) : m_db(db) {}
    // Stores (or refreshes) a conflict and marks the record it is about.
    void record(const RemoteConflict& conflict);
    std::vector<RemoteConflict> all(const std::string& recordId = {});
    std::optional<RemoteConflict> find(std::int64_t id);
    // A decision made on this laptop: the conflict shows "sent" until the hub's resolution is pulled.
    void markSent(std::int64_t id, const nlohmann::json& resolution);
    // The hub's decision, pulled: the record leaves "conflict" once none of its conflicts is open.
    void markResolved(const nlohmann::json& resolution);
    // A decision the hub refused (not this person's to make): the conflict is open again here.
    void reopen(std::int64_t id);
    std::int64_t count();

private:
    Database& m_db;
};

}  // namespace mediane::store
