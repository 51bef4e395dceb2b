// Places of the directory as hub records: fields keyed by the laptop's `places` columns, so a pulled change applies as is.
#pragma once

#include <nlohmann/json.hpp>

#include "core/place_record.hpp"
#include "sync/hub/hub_store.hpp"

namespace mediane::hub {

// Every field of the place under its local column name (lists joined with `|`, coordinates as numbers or null),
// plus `kind` and `in_directory` = 1, which a laptop's search needs to list the place.
nlohmann::json placeFields(const core::PlaceRecord& place);
// The place a record holds. A laptop's own edit arrives under the standard's names ("nom"): when both names
// are present, the one written by the later version wins.
core::PlaceRecord placeFromRecord(const StoredRecord& record);

}  // namespace mediane::hub
