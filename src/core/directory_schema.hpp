// The national standard's Table Schema (assets/directory/schema.json), loaded at start: fields, order, constraints.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/place_record.hpp"

namespace mediane::core {

// A field's pattern, compiled once at load; defined in the .cpp so <regex> stays out of this header.
struct CompiledPattern;

struct SchemaField {
    std::string name;
    std::string title;
    std::string type;          // "string", "number", "date"
    bool required = false;
    bool unique = false;
    std::string pattern;       // empty: none
    std::optional<std::size_t> minLength, maxLength;
    std::vector<std::string> enumValues;
    // For the standard's `|`-separated lists of a closed vocabulary, the vocabulary itself, read out of the
    // pattern "(?:(?:^|\|)(A|B|…))+$" so a new version of the schema brings its new values with it.
    std::vector<std::string> vocabulary;
    std::shared_ptr<const CompiledPattern> regex;  // null: no pattern
};

struct SchemaViolation {
    std::string field;
    std::string key;           // translation key, e.g. "directory.violation.pattern"
    Error::Params params;
};

class DirectorySchema {
public:
    // Throws mediane::Error (Io / Validation) naming the file when it is missing or not a Table Schema.
    static DirectorySchema loadFile(const std::string& path);
    static DirectorySchema fromJson(const std::string& jsonText, const std::string& origin = "schema.json");

    const std::string& version() const { return m_version; }
    const std::vector<SchemaField>& fields() const { return m_fields; }
    const SchemaField* field(const std::string& name) const;

    // Empty when the cell text satisfies every constraint of its field.
    std::optional<SchemaViolation> checkCell(const SchemaField& field, const std::string& cellText) const;
    // Every violation of a whole place, in field order.
    std::vector<SchemaViolation> check(const PlaceRecord& place) const;

private:
    std::string m_version;
    std::vector<SchemaField> m_fields;
};

}  // namespace mediane::core
