// The Rés'IN directory services the CLI, the future Annuaire screen and the tests call: import, export, search, card.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/directory_import.hpp"
#include "core/directory_schema.hpp"
#include "core/model.hpp"
#include "core/opening_hours.hpp"
#include "core/place_record.hpp"
#include "core/translator.hpp"
#include "store/directory_repository.hpp"

namespace mediane::app {

class Notebook;

struct DirectoryImportResult {
    std::string file;
    core::DirectoryImportPlan plan;    // encoding, rows, rejected rows and every note
    int created = 0, updated = 0, unchanged = 0;
};

struct DirectoryExportResult {
    std::vector<core::PlaceRecord> places;                                  // valid against the schema
    std::vector<std::pair<std::string, core::SchemaViolation>> skipped;     // (place id, first violation)
};

struct DirectoryQuery {
    std::string text;                           // typed words (name, commune, service, public), accents ignored
    std::string service;                        // a value of the standard's `services`
    std::string publicType;                     // a value of `publics_specifiquement_adresses`
    bool freeOnly = false;                      // "Gratuit" among `frais_a_charge`
    std::optional<core::LocalDateTime> openAt;  // keep only places known to be open then
    std::optional<core::LocalDateTime> badgeAt; // filter nothing, but say of each result whether it is open then
    int limit = 50;
};

// One line of the result list.
struct PlaceSummary {
    std::string id, name, commune, postalCode;
    std::vector<std::string> services;
    std::optional<bool> openAtQueryTime;        // set when the query asked for openAt (or badgeAt: nullopt = hours unknown)
    std::vector<std::string> typologie;
};

// What the place card shows, translated.
struct PlaceCard {
    core::PlaceRecord place;
    std::vector<std::string> hoursLines;
    bool hoursUnparsed = false;                 // shown as written, with a warning
    std::string hoursWarning;
    std::optional<bool> openNow;                // nullopt: hours unknown
};

class DirectoryService {
public:
    // Loads the standard's schema from assetsDir/directory/schema.json.
    DirectoryService(Notebook& notebook, const std::string& assetsDir);
    DirectoryService(Notebook& notebook, core::DirectorySchema schema);

    const core::DirectorySchema& schema() const { return m_schema; }
    store::DirectoryRepository& repository() { return m_repository; }

    // The whole file in one transaction (all or nothing); rejected rows are reported and skipped,
    // places are created or updated by id, each change with its outbox row.
    DirectoryImportResult importFile(const std::string& path);
    DirectoryImportResult importText(const std::string& bytes, const std::string& fileName);

    // Directory places that satisfy every constraint of the schema; the others listed with why.
    DirectoryExportResult exportable();

    std::vector<PlaceSummary> search(const DirectoryQuery& query);
    // Throws mediane::Error (NotFound, "directory.err.place_unknown").
    PlaceCard card(const std::string& placeId, const core::Translator& tr, const core::LocalDateTime& now);
    // "Orient this learner here": sets the session draft's orientation place, after checking it exists.
    void orientTo(core::Session& draft, const std::string& placeId);

private:
    const core::OpeningHours& hours(const std::string& text);

    Notebook& m_notebook;
    core::DirectorySchema m_schema;
    store::DirectoryRepository& m_repository;
    // Why a cache: thousands of places share a few dozen hour patterns; parsing once keeps "open now" in a frame.
    std::unordered_map<std::string, core::OpeningHours> m_hours;
};

// The import report the CLI prints: counts, then every note with its translated message.
nlohmann::json importReportJson(const DirectoryImportResult& result, const core::Translator& tr);
// The local time now, for "open now".
core::LocalDateTime localNow();

}  // namespace mediane::app
