#include "core/directory_schema.hpp"

#include <charconv>
#include <nlohmann/json.hpp>
#include <regex>

#include "core/calendar.hpp"
#include "core/directory_text.hpp"
#include "core/text_file.hpp"

namespace mediane::core {

struct CompiledPattern {
    std::regex regex;
};

namespace {

constexpr std::string_view kListPrefix = "(?:(?:^|\\|)(";
constexpr std::string_view kListSuffix = "))+$";

// "(?:(?:^|\|)(A|B \(c\)))+$" → {"A", "B (c)"}; anything else → {}.
std::vector<std::string> vocabularyOf(const std::string& pattern) {
    std::vector<std::string> out;
    if (pattern.size() <= kListPrefix.size() + kListSuffix.size() || !pattern.starts_with(kListPrefix) ||
        !pattern.ends_with(kListSuffix))
        return out;
    std::string body = pattern.substr(kListPrefix.size(), pattern.size() - kListPrefix.size() - kListSuffix.size());
    std::string current;
    for (std::size_t i = 0; i < body.size(); ++i) {
        char c = body[i];
        if (c == '\\' && i + 1 < body.size()) {
            current += body[++i];
        } else if (c == '|') {
            out.push_back(current);
            current.clear();
        } else if (c == '(' || c == ')' || c == '[' || c == '*' || c == '+' || c == '?') {
            return {};  // a real regular expression, not a plain list of values
        } else {
            current += c;
        }
    }
    out.push_back(current);
    return out;
}

bool isNumber(const std::string& s) {
    double v = 0;
    auto res = std::from_chars(s.data(), s.data() + s.size(), v);
    return res.ec == std::errc() && res.ptr == s.data() + s.size();
}

}  // namespace

DirectorySchema DirectorySchema::loadFile(const std::string& path) { return fromJson(readTextFile(path), path); }

DirectorySchema DirectorySchema::fromJson(const std::string& jsonText, const std::string& origin) {
    DirectorySchema schema;
    try {
        auto j = nlohmann::json::parse(jsonText);
        schema.m_version = j.value("version", "");
        for (const auto& f : j.at("fields")) {
            SchemaField field;
            field.name = f.at("name").get<std::string>();
            field.title = f.value("title", field.name);
            field.type = f.value("type", "string");
            if (auto c = f.find("constraints"); c != f.end()) {
                field.required = c->value("required", false);
                field.unique = c->value("unique", false);
                field.pattern = c->value("pattern", "");
                if (c->contains("minLength")) field.minLength = c->at("minLength").get<std::size_t>();
                if (c->contains("maxLength")) field.maxLength = c->at("maxLength").get<std::size_t>();
                if (c->contains("enum")) field.enumValues = c->at("enum").get<std::vector<std::string>>();
            }
            if (!field.pattern.empty()) {
                field.vocabulary = vocabularyOf(field.pattern);
                field.regex = std::make_shared<const CompiledPattern>(
                    CompiledPattern{std::regex(field.pattern, std::regex::ECMAScript | std::regex::optimize)});
            }
            schema.m_fields.push_back(std::move(field));
        }
    } catch (const nlohmann::json::exception& e) {
        throw Error(Error::Kind::Validation, "directory.err.schema_invalid", {{"file", origin}, {"detail", e.what()}});
    } catch (const std::regex_error& e) {
        throw Error(Error::Kind::Validation, "directory.err.schema_invalid", {{"file", origin}, {"detail", e.what()}});
    }
    return schema;
}

const SchemaField* DirectorySchema::field(const std::string& name) const {
    for (const auto& f : m_fields)
        if (f.name == name) return &f;
    return nullptr;
}

std::optional<SchemaViolation> DirectorySchema::checkCell(const SchemaField& field, const std::string& text) const {
    auto violation = [&](std::string key, Error::Params params = {}) {
        params["field"] = field.name;
        params["value"] = text;
        return SchemaViolation{field.name, std::move(key), std::move(params)};
    };
    if (text.empty()) {
        if (field.required) return violation("directory.violation.required");
        return std::nullopt;
    }
    if (!isValidUtf8(text)) return violation("directory.violation.invalid_utf8");
    if (field.type == "number" && !isNumber(text)) return violation("directory.violation.number");
    if (field.type == "date" && !isIsoDate(text)) return violation("directory.violation.date");
    if (!field.vocabulary.empty()) {
        // Same answer as the list pattern (values of the vocabulary joined by `|`), without std::regex's cost
        // on long alternations, and naming the unknown value.
        for (const auto& value : splitList(text)) {
            bool known = false;
            for (const auto& v : field.vocabulary) known = known || v == value;
            if (!known) return violation("directory.violation.unknown_value", {{"item", value}});
        }
    } else if (field.regex && !std::regex_match(text, field.regex->regex)) {
        return violation("directory.violation.pattern", {{"pattern", field.pattern}});
    }
    if (!field.enumValues.empty()) {
        bool known = false;
        for (const auto& v : field.enumValues) known = known || v == text;
        if (!known) return violation("directory.violation.unknown_value", {{"item", text}});
    }
    auto length = codePointCount(text);
    if (field.maxLength && length > *field.maxLength)
        return violation("directory.violation.max_length", {{"max", std::to_string(*field.maxLength)}});
    if (field.minLength && length < *field.minLength)
        return violation("directory.violation.min_length", {{"min", std::to_string(*field.minLength)}});
    return std::nullopt;
}

std::vector<SchemaViolation> DirectorySchema::check(const PlaceRecord& place) const {
    std::vector<SchemaViolation> out;
    for (const auto& f : m_fields)
        if (auto v = checkCell(f, place.get(f.name))) out.push_back(std::move(*v));
    return out;
}

}  // namespace mediane::core
