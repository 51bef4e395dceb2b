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
    // An adviser's correction of their own place: the changed fields, one outbox op (a proposal on the hub).
    void update(const core::Place& before, const core::Place& after);
    // True for a place this laptop made (« Mes lieux »), false for one of the directory's.
    bool isOwn(const std::string& id);
    // By name.
    std::vector<core::Place> all();
    // The places this laptop made, not the directory's, by name.
    std::vector<core::Place> own();
    std::int64_t count();

private:
    Database& m_db;
    Outbox& m_outbox;
};

}  // namespace mediane::store
