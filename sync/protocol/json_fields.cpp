#include "sync/protocol/json_fields.hpp"

#include <cmath>

#include "core/error.hpp"

namespace mediane::sync {

namespace {
Error typeError(const std::string& field, const std::string& expected) {
    return Error(Error::Kind::Validation, "err.sync.field_type", {{"field", field}, {"expected", expected}}, field);
}
}  // namespace

namespace {
// Deeper than any message of the protocol, far shallower than what exhausts a thread's stack in the
// recursive parts of the JSON library (copy, dump, comparison).
constexpr int kMaxDepth = 32;

// Counted on the raw text before parsing, so a deep body costs one pass and no allocation.
bool tooDeep(const std::string& text) {
    int depth = 0;
    bool inString = false, escaped = false;
    for (char c : text) {
        if (inString) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxDepth) return true;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return false;
}

// Whether any number in value is infinite or NaN; walks without building paths (a push batch holds thousands
// of values, and none is infinite in practice).
bool holdsNonFinite(const nlohmann::json& value) {
    if (value.is_number_float()) return !std::isfinite(value.get<double>());
    if (value.is_object() || value.is_array())
        for (const auto& item : value)
            if (holdsNonFinite(item)) return true;
    return false;
}

// 1e400 parses to infinity, which no field of the model can hold and JSON cannot write back. Names the first
// such value's path; holdsNonFinite() said there is one.
void requireFinite(const nlohmann::json& value, const std::string& path) {
    if (value.is_number_float() && !std::isfinite(value.get<double>()))
        throw Error(Error::Kind::Validation, "err.sync.number_range", {{"field", path.empty() ? "(body)" : path}},
                    path);
    if (value.is_object())
        for (auto it = value.begin(); it != value.end(); ++it) requireFinite(*it, childPath(path, it.key()));
    else if (value.is_array())
        for (std::size_t i = 0; i < value.size(); ++i) requireFinite(value[i], indexPath(path, i));
}
}  // namespace

nlohmann::json parseJson(const std::string& text) {
    if (tooDeep(text))
        throw Error(Error::Kind::Validation, "err.sync.json_too_deep", {{"max", std::to_string(kMaxDepth)}});
    try {
        auto value = nlohmann::json::parse(text);
        if (holdsNonFinite(value)) requireFinite(value, "");
        return value;
    } catch (const nlohmann::json::parse_error& e) {
        // The parser's byte offset tells a client author where a truncated body stops.
        throw Error(Error::Kind::Validation, "err.sync.json_invalid",
                    {{"byte", std::to_string(e.byte)}, {"detail", e.what()}});
    } catch (const nlohmann::json::out_of_range&) {
        // A number past what a double holds ("1e400"): the library stops at it before any field is known.
        throw Error(Error::Kind::Validation, "err.sync.number_range", {{"field", "(body)"}});
    }
}

std::string childPath(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
}

std::string indexPath(const std::string& path, std::size_t index) {
    return path + "[" + std::to_string(index) + "]";
}

void requireObject(const nlohmann::json& value, const std::string& path) {
    if (!value.is_object()) {
        std::string where = path.empty() ? "(body)" : path;
        throw Error(Error::Kind::Validation, "err.sync.not_object", {{"field", where}}, where);
    }
}

const nlohmann::json& requireField(const nlohmann::json& obj, const std::string& key, const std::string& path) {
    requireObject(obj, path);
    auto it = obj.find(key);
    if (it == obj.end()) {
        std::string field = childPath(path, key);
        throw Error(Error::Kind::Validation, "err.sync.field_missing", {{"field", field}}, field);
    }
    return *it;
}

std::string readString(const nlohmann::json& obj, const std::string& key, const std::string& path) {
    const auto& v = requireField(obj, key, path);
    if (!v.is_string()) throw typeError(childPath(path, key), "string");
    return v.get<std::string>();
}

std::int64_t readInt(const nlohmann::json& obj, const std::string& key, const std::string& path) {
    const auto& v = requireField(obj, key, path);
    if (!v.is_number_integer()) throw typeError(childPath(path, key), "integer");
    return v.get<std::int64_t>();
}

bool readBool(const nlohmann::json& obj, const std::string& key, const std::string& path) {
    const auto& v = requireField(obj, key, path);
    if (!v.is_boolean()) throw typeError(childPath(path, key), "boolean");
    return v.get<bool>();
}

const nlohmann::json& readObject(const nlohmann::json& obj, const std::string& key, const std::string& path) {
    const auto& v = requireField(obj, key, path);
    if (!v.is_object()) throw typeError(childPath(path, key), "object");
    return v;
}

const nlohmann::json& readArray(const nlohmann::json& obj, const std::string& key, const std::string& path) {
    const auto& v = requireField(obj, key, path);
    if (!v.is_array()) throw typeError(childPath(path, key), "array");
    return v;
}

std::string readOptionalString(const nlohmann::json& obj, const std::string& key, const std::string& path) {
    requireObject(obj, path);
    if (!obj.contains(key)) return {};
    return readString(obj, key, path);
}

std::int64_t readOptionalInt(const nlohmann::json& obj, const std::string& key, const std::string& path) {
    requireObject(obj, path);
    if (!obj.contains(key)) return 0;
    return readInt(obj, key, path);
}

std::int64_t storedInteger(const nlohmann::json& fields, const char* key) {
    auto it = fields.find(key);
    return it != fields.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

}  // namespace mediane::sync
