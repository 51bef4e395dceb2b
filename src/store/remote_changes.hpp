// Applying the hub's pulled changes to the local tables.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "sync/protocol/wire_types.hpp"

namespace mediane::store {

class Database;
class RecordRows;

// One entry of the hub's change feed: the record's full state after the change (or a tombstone).
struct RemoteChange {
    std::int64_t serverSeq = 0;
    std::string entity;
    std::string recordId;
    std::int64_t version = 0;
    nlohmann::json fields = nlohmann::json::object();
    bool deleted = false;
    std::optional<sync::ChangeAuthor> author;  // who made it on another laptop (learners and sessions)
};

// Usage: { Transaction tx(db); RemoteChanges rc(db); for (auto& c : page) rc.apply(c); SyncCursor(db).setChanges(next); tx.commit(); }
class RemoteChanges {
public:
    explicit RemoteChanges(Database& db) : m_db(db) {}

    // Applies one change inside the caller's transaction. A record with local operations not yet
    // acknowledged is rebased: the hub's state, then the local changes on top. A change the local
    // schema refuses (e.g. a session whose cheque booklet never reached this laptop) is kept aside
    // in sync_skipped instead of blocking the feed; returns false then.
    bool apply(const RemoteChange& change);
    // Learners erased by the changes applied so far: the caller wipes the files once the page committed.
    int erasedLearners() const { return m_erasedLearners; }

private:
    void applyRecord(const RemoteChange& c);
    void applyMergeable(RecordRows& rows, const RemoteChange& c);
    void applyPlace(const RemoteChange& c);
    void applyResolution(const RemoteChange& c);
    void erase(const RemoteChange& c);
    void eraseLearner(const std::string& id);
    void eraseSession(const std::string& id);
    void erasePlace(const std::string& id);
    const std::set<std::string>& placeColumns();

    Database& m_db;
    std::set<std::string> m_placeColumns;
    int m_erasedLearners = 0;
};

}  // namespace mediane::store
