// The offline copy of the Rés'IN directory: places in the national standard, stored in `places`, searched with FTS5.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/place_record.hpp"

namespace mediane::store {

class Database;
class Outbox;

// What a search asks for; every filter is optional.
struct DirectoryFilter {
    std::string text;        // words typed: prefixes of name, commune, service or public words, accents ignored
    std::string service;     // exact value of the standard's `services` vocabulary
    std::string publicType;  // exact value of `publics_specifiquement_adresses`
    bool freeOnly = false;   // `frais_a_charge` contains "Gratuit"
    int limit = 50;          // <= 0: no limit
};

class DirectoryRepository {
public:
    enum class Upsert { Created, Updated, Unchanged };

    DirectoryRepository(Database& db, Outbox& outbox) : m_db(db), m_outbox(outbox) {}

    // Creates or updates the place with this id, writing its outbox row (entity "place") only when something
    // changed, with only the changed fields. Call inside a Transaction.
    Upsert upsert(const core::PlaceRecord& place);
    std::optional<core::PlaceRecord> find(const std::string& id);
    // Directory places by id (the export order).
    std::vector<core::PlaceRecord> all();
    std::int64_t count();
    // Best matches first when text is given, else by name.
    std::vector<core::PlaceRecord> search(const DirectoryFilter& filter);

private:
    Database& m_db;
    Outbox& m_outbox;
};

// "médiat lyon" → "\"médiat\"* \"lyon\"*": every word a prefix, all words required; "" when nothing searchable.
std::string directoryFtsQuery(const std::string& typed);

}  // namespace mediane::store
