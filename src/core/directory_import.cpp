#include "core/directory_import.hpp"

#include <map>
#include <optional>
#include <regex>

#include "core/csv.hpp"
#include "core/directory_text.hpp"
#include "core/opening_hours.hpp"
#include "core/text_file.hpp"

namespace mediane::core {

namespace {

bool allDigits(const std::string& s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

// The column each header cell feeds, recognised by name or title with case, accents and separators folded.
std::vector<const SchemaField*> mapHeader(const CsvRecord& header, const DirectorySchema& schema,
                                          std::vector<ImportNote>& notes) {
    std::vector<const SchemaField*> columns;
    for (const auto& rawCell : header.fields) {
        std::string cell = trimText(rawCell);
        const SchemaField* match = schema.field(cell);
        if (!match) {
            std::string folded = foldText(cell);
            for (const auto& f : schema.fields())
                if (folded == foldText(f.name) || folded == foldText(f.title)) match = &f;
            if (match) notes.push_back({1, match->name, "renamed", "directory.change.column_renamed",
                                        {{"old", cell}, {"new", match->name}}, cell, match->name});
            else notes.push_back({1, cell, "ignored", "directory.change.column_ignored", {{"old", cell}}, cell, ""});
        }
        for (const auto* seen : columns)
            if (match && seen == match) match = nullptr;  // a second column of the same field is ignored
        columns.push_back(match);
    }
    return columns;
}

class RowNormaliser {
public:
    RowNormaliser(const DirectorySchema& schema, int line) : m_schema(schema), m_line(line) {}

    std::vector<ImportNote> changes, rejections;

    // The cell as the standard wants it, or nullopt when the row must be rejected.
    std::string normalise(const SchemaField& field, const std::string& raw) {
        if (!isValidUtf8(raw)) {
            reject(field, {field.name, "directory.violation.invalid_utf8", {{"field", field.name}, {"value", ""}}});
            return {};
        }
        std::string v = trimText(raw);
        if (v != raw && !v.empty()) change(field, "directory.change.trimmed", raw, v);
        if (v.empty()) return check(field, v);
        const auto rejectedBefore = rejections.size();

        if (!field.vocabulary.empty()) v = vocabularyList(field, v);
        else if (PlaceRecord::isListField(field.name)) v = freeList(field, v);
        else if (field.name == "telephone") v = phone(field, v);
        else if (field.name == "code_postal" || field.name == "code_insee") {
            if (v.size() == 4 && allDigits(v.substr(0, 2))) {
                std::string padded = v;
                padded.insert(padded.begin(), '0');
                change(field, "directory.change.postal_code_padded", v, padded);
                v = padded;
            }
        } else if (field.name == "pivot") {
            std::string compact;
            for (char c : v)
                if (c != ' ' && c != '.') compact += c;
            if (compact != v) change(field, "directory.change.pivot_spaces", v, compact);
            v = compact;
        } else if (field.type == "date") {
            static const std::regex french(R"((\d{1,2})/(\d{1,2})/(\d{4}))");
            std::smatch m;
            if (std::regex_match(v, m, french)) {
                auto pad = [](std::string s) {
                    if (s.size() == 1) s.insert(s.begin(), '0');
                    return s;
                };
                std::string iso = m[3].str() + "-" + pad(m[2].str()) + "-" + pad(m[1].str());
                change(field, "directory.change.date_reformatted", v, iso);
                v = iso;
            }
        } else if (field.type == "number") {
            if (auto comma = v.find(','); comma != std::string::npos && v.find(',', comma + 1) == std::string::npos) {
                std::string dotted = v;
                dotted[comma] = '.';
                change(field, "directory.change.decimal_comma", v, dotted);
                v = dotted;
            }
        } else if (field.name == "horaires") {
            auto hours = OpeningHours::parse(v);
            if (!hours.parsed())
                kept.push_back({m_line, field.name, "kept", "directory.change.hours_unparsed",
                                        {{"value", v}, {"problem", hours.problem()}}, v, v});
        }
        if (rejections.size() > rejectedBefore) return v;
        if (field.maxLength && codePointCount(v) > *field.maxLength && field.vocabulary.empty() && !field.required) {
            std::string cut = firstCodePoints(v, *field.maxLength);
            change(field, "directory.change.truncated", v, cut, {{"max", std::to_string(*field.maxLength)}});
            v = cut;
        }
        return check(field, v);
    }

    std::vector<ImportNote> kept;
    bool rejected() const { return !rejections.empty(); }

private:
    std::string check(const SchemaField& field, const std::string& v) {
        auto violation = m_schema.checkCell(field, v);
        if (!violation) return v;
        // Why: a wrong optional free value (a phone, a code INSEE) costs less than losing the whole place,
        // but a required field or a closed vocabulary value cannot be guessed.
        if (field.required || !field.vocabulary.empty()) {
            reject(field, *violation);
            return v;
        }
        ImportNote n{m_line, field.name, "dropped", "directory.change.dropped", violation->params, v, ""};
        n.params["reason_key"] = violation->key;
        changes.push_back(n);
        return {};
    }

    std::string vocabularyList(const SchemaField& field, const std::string& v) {
        auto known = [&](const std::string& item) -> std::optional<std::string> {
            for (const auto& value : field.vocabulary)
                if (value == item) return value;
            std::string folded = foldText(item);
            for (const auto& value : field.vocabulary)
                if (foldText(value) == folded) return value;
            return std::nullopt;
        };
        std::vector<std::string> items;
        if (v.find('|') != std::string::npos || known(v)) {
            items = splitList(v, "|");
        } else if (v.find(';') != std::string::npos) {
            items = splitList(v, ";");
        } else if (v.find(", ") != std::string::npos) {
            items = splitList(v, ", ");
        } else if (v.find(',') != std::string::npos) {
            items = splitList(v, ",");
        } else {
            items = {v};
        }
        for (auto& item : items) item = trimText(item);
        std::vector<std::string> out;
        for (const auto& item : items) {
            if (item.empty()) continue;
            auto value = known(item);
            if (!value) {
                reject(field, {field.name, "directory.violation.unknown_value",
                               {{"field", field.name}, {"value", v}, {"item", item}}});
                return v;
            }
            out.push_back(*value);
        }
        std::string joined = joinList(out);
        if (joined != v) {
            bool separatorOnly = joinList(items) != v && joinList(out) == joinList(items);
            change(field, separatorOnly ? "directory.change.list_separator" : "directory.change.value_normalised", v,
                   joined);
        }
        return joined;
    }

    std::string freeList(const SchemaField& field, const std::string& v) {
        if (v.find('|') != std::string::npos) return v;
        std::vector<std::string> items;
        if (v.find(';') != std::string::npos) items = splitList(v, ";");
        else if (v.find(", ") != std::string::npos) items = splitList(v, ", ");
        else return v;
        for (auto& item : items) item = trimText(item);
        std::string joined = joinList(items);
        change(field, "directory.change.list_separator", v, joined);
        return joined;
    }

    std::string phone(const SchemaField& field, const std::string& v) {
        std::string digits;
        for (char c : v)
            if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')' && c != '/') digits += c;
        if (digits.starts_with("00")) digits.replace(0, 2, "+");
        if (digits.size() == 10 && digits[0] == '0' && allDigits(digits) && digits[1] != '0')
            digits.replace(0, 1, "+33");
        if (digits.starts_with("+330")) digits.erase(3, 1);  // "+33 (0)1 …"
        if (digits != v) change(field, "directory.change.phone_international", v, digits);
        return digits;
    }

    void change(const SchemaField& field, const std::string& key, const std::string& from, const std::string& to,
                Error::Params params = {}) {
        params["old"] = from;
        params["new"] = to;
        changes.push_back({m_line, field.name, "normalised", key, std::move(params), from, to});
    }
    void reject(const SchemaField& field, const SchemaViolation& v) {
        rejections.push_back({m_line, field.name, "rejected", v.key, v.params, v.params.count("value") ? v.params.at("value") : "", ""});
    }

    const DirectorySchema& m_schema;
    int m_line;
};

}  // namespace

DirectoryImportPlan planDirectoryImport(const std::string& bytes, const DirectorySchema& schema,
                                        const std::string& fileName) {
    DirectoryImportPlan plan;
    auto doc = readCsv(bytes);
    plan.encoding = doc.encoding;
    plan.delimiter = doc.delimiter;
    plan.hadBom = doc.hadBom;
    plan.crlf = doc.crlf;
    if (doc.records.empty()) throw Error(Error::Kind::Validation, "directory.err.empty_file", {{"file", fileName}});
    const auto& header = doc.records.front();
    if (!header.error.empty())
        throw Error(Error::Kind::Validation, "directory.err.header_broken",
                    {{"file", fileName}, {"line", std::to_string(header.line)}, {"detail", header.error}});
    if (doc.encoding != "utf-8")
        plan.notes.push_back({0, "", "normalised", "directory.change.encoding", {{"encoding", doc.encoding}}, doc.encoding, "utf-8"});

    auto columns = mapHeader(header, schema, plan.notes);
    for (const auto& f : schema.fields()) {
        bool present = false;
        for (const auto* c : columns) present = present || c == &f;
        if (f.required && !present)
            throw Error(Error::Kind::Validation, "directory.err.missing_column", {{"file", fileName}, {"column", f.name}},
                        f.name);
    }

    std::map<std::string, int> firstLineOfId;
    for (std::size_t r = 1; r < doc.records.size(); ++r) {
        const auto& rec = doc.records[r];
        ++plan.rows;
        auto rejectRow = [&](ImportNote note) {
            plan.notes.push_back(std::move(note));
            ++plan.rejectedRows;
        };
        if (!rec.error.empty()) {
            std::string column = rec.errorColumn - 1 < static_cast<int>(header.fields.size())
                                     ? trimText(header.fields[rec.errorColumn - 1]) : "";
            const SchemaField* f = rec.errorColumn - 1 < static_cast<int>(columns.size()) ? columns[rec.errorColumn - 1] : nullptr;
            rejectRow({rec.line, f ? f->name : column, "rejected", rec.error,
                       {{"column", std::to_string(rec.errorColumn)}, {"field", f ? f->name : column}}, "", ""});
            continue;
        }
        if (rec.fields.size() != header.fields.size()) {
            rejectRow({rec.line, "", "rejected", "directory.violation.column_count",
                       {{"found", std::to_string(rec.fields.size())}, {"expected", std::to_string(header.fields.size())}},
                       "", ""});
            continue;
        }
        RowNormaliser normaliser(schema, rec.line);
        PlaceRecord place;
        for (std::size_t c = 0; c < columns.size(); ++c) {
            if (!columns[c]) continue;
            place.set(columns[c]->name, normaliser.normalise(*columns[c], rec.fields[c]));
        }
        // Columns missing from the file are still checked (a required one was refused above).
        if (!normaliser.rejected()) {
            if (auto it = firstLineOfId.find(place.id); it != firstLineOfId.end()) {
                rejectRow({rec.line, "id", "rejected", "directory.violation.duplicate_id",
                           {{"field", "id"}, {"value", place.id}, {"first", std::to_string(it->second)}}, place.id, ""});
                continue;
            }
        }
        if (normaliser.rejected()) {
            ++plan.rejectedRows;
            for (auto& n : normaliser.rejections) plan.notes.push_back(std::move(n));
            continue;
        }
        firstLineOfId[place.id] = rec.line;
        for (auto& n : normaliser.changes) plan.notes.push_back(std::move(n));
        for (auto& n : normaliser.kept) plan.notes.push_back(std::move(n));
        plan.places.emplace_back(rec.line, std::move(place));
    }
    return plan;
}

}  // namespace mediane::core
