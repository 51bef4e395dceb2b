// The local list of places (the directory issue replaces it with the national standard's places).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace mediane::store {

class Database;
class Outbox;

class PlaceRepository {
public:
    PlaceRepository(Database& db, Outbox& outbox) : m_db(db), m_outbox(outbox) {}
    void insert(const core::Place& place);
    std::optional<core::Place> find(const std::string& id);
    // By name.
    std::vector<core::Place> all();
    std::int64_t count();

private:
    Database& m_db;
    Outbox& m_outbox;
};

}  // namespace mediane::store
