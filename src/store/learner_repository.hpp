// Learners on disk: insert/update with their outbox rows, lookup, FTS5 search, history.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace mediane::store {

class Database;
class Outbox;

class LearnerRepository {
public:
    LearnerRepository(Database& db, Outbox& outbox) : m_db(db), m_outbox(outbox) {}

    // Writes inside the caller's Transaction, with the outbox row.
    void insert(const core::Learner& learner);
    // Records only the fields that differ from `before`; no change, no outbox row.
    void update(const core::Learner& before, const core::Learner& after);

    std::optional<core::Learner> find(const std::string& id);
    // Prefix search over pseudonym, names and commune; accents folded; most recent first.
    std::vector<core::Learner> search(const std::string& query, int limit);
    std::vector<core::Learner> all();
    std::int64_t count();

private:
    Database& m_db;
    Outbox& m_outbox;
};

// FTS5 query for what an adviser types: each word becomes a quoted prefix term,
// so "dup mar" finds "Dupont Marie" and quotes or operators typed by accident are harmless.
std::string ftsPrefixQuery(const std::string& typed);

}  // namespace mediane::store
