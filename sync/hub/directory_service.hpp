// What the hub's directory endpoints answer: the current places in the standard's format, and pending proposals.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/directory_schema.hpp"
#include "sync/hub/hub_store.hpp"

namespace mediane::hub {

struct DirectoryDocument {
    std::string body;
    std::string contentType;
    std::vector<std::string> skipped;  // ids of places left out because they break the schema
};

// `GET /v1/directory?format=csv|json`: every live place that satisfies the schema, by id, through the core
// exporter (the same bytes `mediane export directory` writes). format is "csv" or "json".
DirectoryDocument directoryDocument(HubStore& store, const core::DirectorySchema& schema, const std::string& format);

// `GET /v1/directory/proposals`: the open place proposals the scope reaches, oldest first.
nlohmann::json placeProposals(HubStore& store, const Scope& scope, int limit);

}  // namespace mediane::hub
