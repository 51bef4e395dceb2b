// The offline copy of the Rés'IN directory: places in the national standard, stored in `places`, searched with FTS5.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/place_record.hpp"

namespace mediane::store {

// The local places column of a field of the national standard: the three the notebook had before the
// directory keep their first names (name, postal_code, address); the others are named as in the standard.
std::string placeColumnOf(const std::string& standardField);

class Database;
class Outbox;

// What a search asks for; every filter is optional.
struct DirectoryFilter {
    std::string text;        // words typed: prefixes of name, commune, service or public words, accents ignored
    std::string service;     // exact value of the standard's `services` vocabulary
    std::string publicType;  // exact value of `publics_specifiquement_adresses`
    bool freeOnly = false;   // `frais_a_charge` contains "Gratuit"
    // When set, only places whose `horaires` text is one of these (the caller decided which hours are open).
    std::optional<std::vector<std::string>> hoursAmong;
    int limit = 50;          // <= 0: no limit
};

// One search result: only what a result list shows, so a search reads a few columns, not the whole standard.
struct DirectoryHit {
    std::string id, name, commune, postalCode;
    std::vector<std::string> services;
    std::string horaires;
    std::vector<std::string> typologie;
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
    // By name (then age); every filter applied in SQL, so the limit is too.
    std::vector<DirectoryHit> search(const DirectoryFilter& filter);
    // The distinct opening-hours texts of the directory (a few dozen in practice, even for 10,000 places).
    std::vector<std::string> distinctHours();

private:
    Database& m_db;
    Outbox& m_outbox;
};

// "médiat lyon" → "\"médiat\"* \"lyon\"*": every word a prefix, all words required; "" when nothing searchable.
std::string directoryFtsQuery(const std::string& typed);

}  // namespace mediane::store
