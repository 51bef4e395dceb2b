// Writing the directory strictly in the national standard: the schema's columns in its order, `|` lists, RFC 4180.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/directory_schema.hpp"
#include "core/place_record.hpp"

namespace mediane::core {

// Header and one row per place, comma-separated, CRLF, quoted where needed. Callers pass only valid places.
std::string directoryCsv(const std::vector<PlaceRecord>& places, const DirectorySchema& schema);
// An array of objects keyed by the schema's field names: numbers as numbers, empty optional fields left out.
nlohmann::ordered_json directoryJson(const std::vector<PlaceRecord>& places, const DirectorySchema& schema);

}  // namespace mediane::core
