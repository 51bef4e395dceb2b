// Creating any synced record on this laptop from its wire fields: its rows, what follows from it, its outbox row.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace mediane::store {

class Database;
class Outbox;

class RecordWriter {
public:
    RecordWriter(Database& db, Outbox& outbox) : m_db(db), m_outbox(outbox) {}

    // Inside the caller's Transaction. `local` sets the notebook's own columns (created_at...); those left
    // out take their schema default, and the time stamps the description names take the current time.
    void create(std::string_view entity, const std::string& id, const nlohmann::json& wire,
                const nlohmann::json& local = nlohmann::json::object());

private:
    Database& m_db;
    Outbox& m_outbox;
};

// What a new record brings with it, wherever it was written: a booklet's cheques, a cheque's state after
// its events. `syncState` is the state the new cheque rows show.
void applyRecordEffects(Database& db, std::string_view entity, const std::string& id, const nlohmann::json& wire,
                        const std::string& syncState);
// A cheque's state, dates, learner and session recomputed from its events (after one came or went).
void refreshChequeState(Database& db, const std::string& chequeId);

}  // namespace mediane::store
