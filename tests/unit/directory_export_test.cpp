#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "app/directory_demo.hpp"
#include "core/csv.hpp"
#include "core/directory_export.hpp"
#include "directory_fixture.hpp"

using namespace mediane;
using mediane::test::DirectoryFixture;

namespace {

// A small Frictionless Table Schema validator written for the test, independent of the production code:
// its own CSV parser, its own reading of schema.json, every constraint the schema uses.
class TableSchemaValidator {
public:
    explicit TableSchemaValidator(const std::string& schemaPath)
        : m_schema(nlohmann::json::parse(core::readTextFile(schemaPath))) {}

    // Constraint kinds and types the validator checks; the test fails if schema.json uses another one.
    std::vector<std::string> unsupported() const {
        static const std::set<std::string> constraints = {"required", "unique", "pattern", "enum", "minLength", "maxLength"};
        static const std::set<std::string> types = {"string", "number", "date"};
        std::vector<std::string> out;
        for (const auto& f : m_schema["fields"]) {
            if (!types.count(f["type"].get<std::string>())) out.push_back(f["name"].get<std::string>() + ": type");
            if (f.contains("format") && f["format"] != "default") out.push_back(f["name"].get<std::string>() + ": format");
            if (f.contains("constraints"))
                for (const auto& [k, v] : f["constraints"].items())
                    if (!constraints.count(k)) out.push_back(f["name"].get<std::string>() + ": " + k);
        }
        return out;
    }

    std::vector<std::string> validateCsv(const std::string& text, std::size_t& rowCount) const {
        std::vector<std::string> errors;
        auto rows = parse(text, errors);
        if (rows.empty()) return {"no header"};
        const auto& fields = m_schema["fields"];
        std::vector<std::string> expected;
        for (const auto& f : fields) expected.push_back(f["name"]);
        if (rows[0] != expected) errors.push_back("header: field names or order differ from schema.json");
        std::set<std::string> seenUnique;
        rowCount = rows.size() - 1;
        for (std::size_t r = 1; r < rows.size(); ++r) {
            if (rows[r].size() != fields.size()) {
                errors.push_back("row " + std::to_string(r) + ": cell count");
                continue;
            }
            for (std::size_t c = 0; c < fields.size(); ++c) checkCell(fields[c], rows[r][c], r, seenUnique, errors);
        }
        return errors;
    }

    std::vector<std::string> validateJson(const nlohmann::ordered_json& array) const {
        std::vector<std::string> errors;
        std::set<std::string> seenUnique;
        std::size_t r = 0;
        for (const auto& obj : array) {
            ++r;
            for (const auto& [k, v] : obj.items()) {
                bool known = false;
                for (const auto& f : m_schema["fields"]) known = known || f["name"] == k;
                if (!known) errors.push_back("object " + std::to_string(r) + ": unknown key " + k);
            }
            for (const auto& f : m_schema["fields"]) {
                std::string name = f["name"];
                std::string cell;
                if (obj.contains(name)) {
                    const auto& v = obj[name];
                    if (f["type"] == "number") {
                        if (!v.is_number()) errors.push_back("object " + std::to_string(r) + ": " + name + " not a number");
                        continue;
                    }
                    if (!v.is_string()) {
                        errors.push_back("object " + std::to_string(r) + ": " + name + " not a string");
                        continue;
                    }
                    cell = v.get<std::string>();
                }
                checkCell(f, cell, r, seenUnique, errors);
            }
        }
        return errors;
    }

private:
    static std::size_t codePoints(const std::string& s) {
        std::size_t n = 0;
        for (unsigned char c : s) n += (c & 0xC0) != 0x80;
        return n;
    }

    static bool validDate(const std::string& s) {
        static const std::regex iso(R"((\d{4})-(\d{2})-(\d{2}))");
        std::smatch m;
        if (!std::regex_match(s, m, iso)) return false;
        int y = std::stoi(m[1]), mo = std::stoi(m[2]), d = std::stoi(m[3]);
        static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        if (mo < 1 || mo > 12 || d < 1) return false;
        bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        return d <= days[mo - 1] + (mo == 2 && leap);
    }

    void checkCell(const nlohmann::json& f, const std::string& cell, std::size_t r, std::set<std::string>& seenUnique,
                   std::vector<std::string>& errors) const {
        std::string where = "row " + std::to_string(r) + ", " + f["name"].get<std::string>() + " = \"" + cell + "\": ";
        nlohmann::json c = f.value("constraints", nlohmann::json::object());
        if (cell.empty()) {
            if (c.value("required", false)) errors.push_back(where + "required");
            return;
        }
        if (f["type"] == "number" && !std::regex_match(cell, std::regex(R"(-?\d+(\.\d+)?([eE][-+]?\d+)?)")))
            errors.push_back(where + "not a number");
        if (f["type"] == "date" && !validDate(cell)) errors.push_back(where + "not a date");
        if (c.contains("pattern") && !std::regex_match(cell, std::regex(c["pattern"].get<std::string>())))
            errors.push_back(where + "pattern");
        if (c.contains("enum")) {
            bool found = false;
            for (const auto& e : c["enum"]) found = found || e == cell;
            if (!found) errors.push_back(where + "enum");
        }
        if (c.contains("maxLength") && codePoints(cell) > c["maxLength"].get<std::size_t>()) errors.push_back(where + "maxLength");
        if (c.contains("minLength") && codePoints(cell) < c["minLength"].get<std::size_t>()) errors.push_back(where + "minLength");
        if (c.value("unique", false) && !seenUnique.insert(f["name"].get<std::string>() + "\x1f" + cell).second)
            errors.push_back(where + "unique");
    }

    static std::vector<std::vector<std::string>> parse(const std::string& s, std::vector<std::string>& errors) {
        std::vector<std::vector<std::string>> rows;
        std::vector<std::string> row;
        std::string cell;
        bool quoted = false, wasQuoted = false;
        for (std::size_t i = 0; i < s.size(); ++i) {
            char ch = s[i];
            if (quoted) {
                if (ch == '"' && i + 1 < s.size() && s[i + 1] == '"') { cell += '"'; ++i; }
                else if (ch == '"') quoted = false;
                else cell += ch;
            } else if (ch == '"') {
                if (!cell.empty() || wasQuoted) errors.push_back("quote inside a field near byte " + std::to_string(i));
                quoted = wasQuoted = true;
            } else if (ch == ',') {
                row.push_back(cell); cell.clear(); wasQuoted = false;
            } else if (ch == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
                row.push_back(cell); cell.clear(); wasQuoted = false;
                rows.push_back(row); row.clear();
                ++i;
            } else if (ch == '\n' || ch == '\r') {
                errors.push_back("bare line break outside quotes near byte " + std::to_string(i));
            } else {
                if (wasQuoted) errors.push_back("text after a closing quote near byte " + std::to_string(i));
                cell += ch;
            }
        }
        if (quoted) errors.push_back("unterminated quote");
        if (!cell.empty() || !row.empty()) errors.push_back("last record not terminated by CRLF");
        return rows;
    }

    nlohmann::json m_schema;
};

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += s + "\n";
    return out;
}

struct FilledDirectory : DirectoryFixture {
    FilledDirectory() {
        directory.importFile(test::exampleFile());
        for (auto name : {"spreadsheet_cp1252_bom_crlf.csv", "renamed_columns.csv", "old_separators.csv"})
            directory.importFile(test::directoryFixture(name));
        std::mt19937_64 rng(42);
        app::generateDemoDirectory(*notebook, rng, 500, test::assetsDir());
    }
};

}  // namespace

TEST_CASE("the test's validator understands every constraint schema.json uses", "[directory][export]") {
    TableSchemaValidator validator(test::assetsDir() + "/directory/schema.json");
    CHECK(join(validator.unsupported()).empty());
}

TEST_CASE("the CSV export satisfies every constraint of schema.json", "[directory][export]") {
    FilledDirectory f;
    TableSchemaValidator validator(test::assetsDir() + "/directory/schema.json");
    auto result = f.directory.exportable();
    CHECK(result.skipped.empty());
    auto csv = core::directoryCsv(result.places, f.directory.schema());
    std::size_t rows = 0;
    auto errors = validator.validateCsv(csv, rows);
    CHECK(join(errors).empty());
    CHECK(rows == 1 + 2 + 1 + 2 + 500);
    CHECK(rows == static_cast<std::size_t>(f.directory.repository().count()));
}

TEST_CASE("the validator catches a broken export, so the passing test means something", "[directory][export]") {
    FilledDirectory f;
    TableSchemaValidator validator(test::assetsDir() + "/directory/schema.json");
    auto csv = core::directoryCsv(f.directory.exportable().places, f.directory.schema());
    std::size_t rows = 0;
    auto broken = csv;
    broken.replace(broken.find(",51100,"), 7, ",5110,");
    CHECK(validator.validateCsv(broken, rows).size() == 1);
    auto reordered = csv;
    reordered.replace(0, 9, "pivot,id,");
    CHECK_FALSE(validator.validateCsv(reordered, rows).empty());
}

TEST_CASE("the JSON export satisfies schema.json with numbers as numbers", "[directory][export]") {
    FilledDirectory f;
    TableSchemaValidator validator(test::assetsDir() + "/directory/schema.json");
    auto json = core::directoryJson(f.directory.exportable().places, f.directory.schema());
    CHECK(json.size() == 506);
    CHECK(join(validator.validateJson(json)).empty());
    CHECK(json[0]["latitude"].is_number());
}

TEST_CASE("a directory place that breaks the standard is left out of the export and named", "[directory][export]") {
    FilledDirectory f;
    test::NotebookSql(*f.notebook).exec("UPDATE places SET pivot = '' WHERE id = 'structure-1'");
    auto result = f.directory.exportable();
    REQUIRE(result.skipped.size() == 1);
    CHECK(result.skipped[0].first == "structure-1");
    CHECK(result.skipped[0].second.field == "pivot");
    CHECK(result.places.size() == 505);
}

TEST_CASE("the example file survives import then export with the same values", "[directory][export]") {
    DirectoryFixture f;
    f.directory.importFile(test::exampleFile());
    auto exported = core::readCsv(core::directoryCsv(f.directory.exportable().places, f.directory.schema()));
    auto original = core::readCsv(core::readTextFile(test::exampleFile()));
    REQUIRE(exported.records.size() == 2);
    CHECK(exported.records[0].fields == original.records[0].fields);
    CHECK(exported.records[1].fields == original.records[1].fields);
}
