// What the hub's directory endpoints answer: the current places in the standard's format, and pending proposals.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/directory_schema.hpp"
#include "sync/hub/hub_store.hpp"
#include "sync/protocol/endpoints.hpp"
#include "sync/protocol/wire_types.hpp"

namespace mediane::hub {

struct DirectoryDocument {
    std::string body;
    std::string contentType;
    std::vector<std::string> skipped;  // ids of places left out because they break the schema
};

// The directory endpoint (sync::kDirectory): every live place that satisfies the schema, by id, through the
// core exporter (the same bytes `mediane export directory` writes).
DirectoryDocument directoryDocument(HubStore& store, const core::DirectorySchema& schema, sync::DirectoryFormat format);

// The proposals endpoint (sync::kProposals): the open place proposals the scope reaches, oldest first.
std::vector<sync::WireProposal> placeProposals(HubStore& store, const Scope& scope, int limit);

}  // namespace mediane::hub
