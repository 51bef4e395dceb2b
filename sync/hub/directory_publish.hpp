// `resin-hub import directory`: the core importer's plan published as hub-authoritative place records.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/directory_import.hpp"
#include "core/translator.hpp"
#include "sync/hub/hub_store.hpp"

namespace mediane::hub {

struct DirectoryPublication {
    int created = 0, updated = 0, unchanged = 0;
};

// Stores every accepted place of the plan in one transaction, each new or changed place as a new version with
// its change in the feed (device "hub"); a place whose content is unchanged writes nothing, so laptops pull
// only what an import really changed.
DirectoryPublication publishDirectory(HubStore& store, const core::DirectoryImportPlan& plan);

// The same report as the laptop's `mediane import directory`: file facts, counts and every note, translated.
nlohmann::json directoryImportReport(const std::string& file, const core::DirectoryImportPlan& plan,
                                     const DirectoryPublication& publication, const core::Translator& tr);

}  // namespace mediane::hub
