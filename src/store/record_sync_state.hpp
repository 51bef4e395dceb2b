// The sync state a record shows (pending, synced, conflict, error), kept on the row its description names.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace mediane::store {

class Database;

class RecordSyncState {
public:
    explicit RecordSyncState(Database& db) : m_db(db) {}

    // Sets the state on the record's row, or (a cheque event) on its cheque's row. `fields` are the
    // record's wire fields when known (they name the cheque); otherwise the stored record is read.
    // Unknown entities and records that are not here are ignored: there is nothing to show.
    void show(std::string_view entity, const std::string& recordId, const nlohmann::json& fields,
              const std::string& state);
    // "synced", unless something else of the record is still on its way, and never over a conflict or
    // an error: those stay until a person deals with them.
    void showSyncedIfSettled(std::string_view entity, const std::string& recordId, const nlohmann::json& fields);
    // After a conflict is resolved: the record leaves "conflict" once none of its conflicts is open
    // (pending local edits keep it pending).
    void leaveConflict(std::string_view entity, const std::string& recordId);

private:
    std::string stateRowId(std::string_view entity, const std::string& recordId, const nlohmann::json& fields);
    Database& m_db;
};

}  // namespace mediane::store
