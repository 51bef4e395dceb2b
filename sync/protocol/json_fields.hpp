// Strict readers for wire JSON: a missing or mistyped field is an error naming its full path.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace mediane::sync {

// Usage: auto body = parseJson(text);  // throws Error "err.sync.json_invalid" with the parser's reason
nlohmann::json parseJson(const std::string& text);

// Each reader takes the object, the key and the object's own path ("batch[3]") for the error message.
// Errors: "err.sync.not_object", "err.sync.field_missing", "err.sync.field_type" with params field/expected.
void requireObject(const nlohmann::json& value, const std::string& path);
const nlohmann::json& requireField(const nlohmann::json& obj, const std::string& key, const std::string& path);
std::string readString(const nlohmann::json& obj, const std::string& key, const std::string& path);
std::int64_t readInt(const nlohmann::json& obj, const std::string& key, const std::string& path);
bool readBool(const nlohmann::json& obj, const std::string& key, const std::string& path);
const nlohmann::json& readObject(const nlohmann::json& obj, const std::string& key, const std::string& path);
const nlohmann::json& readArray(const nlohmann::json& obj, const std::string& key, const std::string& path);
// Optional string: empty when absent, an error when present with another type.
std::string readOptionalString(const nlohmann::json& obj, const std::string& key, const std::string& path);
std::int64_t readOptionalInt(const nlohmann::json& obj, const std::string& key, const std::string& path);

// A field of a record already stored, read leniently: its integer value, 0 when absent or of another type.
std::int64_t storedInteger(const nlohmann::json& fields, const char* key);

// "batch" + 3 → "batch[3]"; "" + "op_id" → "op_id"; "batch[3]" + "op_id" → "batch[3].op_id".
std::string childPath(const std::string& path, const std::string& key);
std::string indexPath(const std::string& path, std::size_t index);

}  // namespace mediane::sync
