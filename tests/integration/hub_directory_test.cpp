// The directory on the hub: `resin-hub import directory` publishes, laptops pull it, GET /v1/directory exports it,
// and only coordinators' and admins' edits reach other laptops.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>

#include "hub_process.hpp"
#include "app/directory_service.hpp"
#include "core/csv.hpp"
#include "core/directory_schema.hpp"
#include "core/text_file.hpp"
#include "sync/protocol/wire_codec.hpp"
#include "sync_fixture.hpp"

using namespace mediane;
using namespace mediane::test;

namespace {

std::string exampleCsv() { return core::readTextFile(assetsDir() + "/directory/exemple-valide.csv"); }

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

struct ImportRun {
    int exitCode = -1;
    nlohmann::json report;
};

// `resin-hub --data DIR import directory FILE` with its stdout (the report) captured.
ImportRun hubImport(const std::string& dataDir, const std::string& fileDir, const std::string& csvText,
                    const std::string& name) {
    auto file = fileDir + "/" + name;
    std::ofstream(file, std::ios::binary) << csvText;
    std::string command = hubCommandLine(dataDir) + " import directory '" + file +
                          "' 2>/dev/null";
    ImportRun run;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe);
    std::string out;
    std::array<char, 4096> buffer{};
    while (auto n = std::fread(buffer.data(), 1, buffer.size(), pipe)) out.append(buffer.data(), n);
    int status = pclose(pipe);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (!out.empty()) run.report = nlohmann::json::parse(out);
    return run;
}

std::vector<std::string> searchIds(Laptop& laptop, const std::string& text) {
    app::DirectoryService directory(*laptop.notebook, assetsDir());
    app::DirectoryQuery query;
    query.text = text;
    std::vector<std::string> ids;
    for (const auto& hit : directory.search(query)) ids.push_back(hit.id);
    return ids;
}

std::string placeField(Laptop& laptop, const std::string& id, const std::string& column) {
    return laptop.text("SELECT " + column + " FROM places WHERE id = '" + id + "'");
}

struct DirectoryHub {
    HubFixture hub;
    TempDir files;
    DirectoryHub() {
        hub.addUser("alice", "adviser", "Centre social Parilly", "metropole-lyon");
        hub.addUser("bruno", "adviser", "Médiathèque Bron", "metropole-lyon");
        hub.addUser("carla", "coordinator", "Métropole de Lyon", "metropole-lyon");
    }
    // The admin imports while the hub serves, as in production (SQLite WAL, one writer at a time).
    ImportRun import(const std::string& csvText, const std::string& name = "annuaire.csv") {
        return hubImport(hub.dir.str(), files.str(), csvText, name);
    }
    std::int64_t placeChanges() { return HubFile(hub.dir.str()).scalar("SELECT count(*) FROM changes WHERE entity = 'place'"); }
};

// The laptop-side edit a person makes: a re-import of the place with one value changed (same path as the CLI).
void editHoursOnLaptop(Laptop& laptop, const std::string& hours) {
    app::DirectoryService directory(*laptop.notebook, assetsDir());
    auto r = directory.importText(replaced(exampleCsv(), "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00", hours),
                                  "correction.csv");
    REQUIRE(r.updated == 1);
}

}  // namespace

TEST_CASE("the standard's example imported on the hub reaches a laptop's searchable directory", "[hub][directory]") {
    DirectoryHub t;
    auto run = t.import(exampleCsv());
    REQUIRE(run.exitCode == 0);
    CHECK(run.report["created"] == 1);
    CHECK(run.report["rejected"] == 0);
    CHECK(run.report["rows"] == 1);

    Laptop laptop;
    laptop.enroll(t.hub, "alice");
    laptop.sync();
    CHECK(searchIds(laptop, "anonymal") == std::vector<std::string>{"structure-1"});
    CHECK(searchIds(laptop, "reims") == std::vector<std::string>{"structure-1"});
    app::DirectoryService directory(*laptop.notebook, assetsDir());
    auto place = directory.repository().find("structure-1");
    REQUIRE(place);
    CHECK(place->nom == "Anonymal");
    CHECK(place->codePostal == "51100");
    CHECK(place->adresse == "12 BIS RUE DE LECLERCQ");
    CHECK(place->latitude == Approx(43.52609));
    CHECK(place->services.size() == 3);
    CHECK(place->horaires == "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00");
    // What the laptop received is the hub's place, field for field: its own export says so.
    CHECK(directory.exportable().places.size() == 1);
    CHECK(laptop.pending() == 0);
}

TEST_CASE("re-importing a modified file on the hub changes only the changed place, pulled incrementally",
          "[hub][directory]") {
    DirectoryHub t;
    auto second = replaced(replaced(exampleCsv(), "\"structure-1\"", "\"structure-2\""), "\"Anonymal\"",
                           "\"Médiathèque Jean Macé\"");
    auto header = exampleCsv().substr(0, exampleCsv().find('\n') + 1);
    auto twoPlaces = exampleCsv() + second.substr(header.size());
    REQUIRE(t.import(twoPlaces).report["created"] == 2);
    Laptop laptop;
    laptop.enroll(t.hub, "alice");
    laptop.sync();
    REQUIRE(laptop.count("SELECT count(*) FROM places WHERE in_directory = 1") == 2);

    SECTION("the same file again writes nothing") {
        auto again = t.import(twoPlaces);
        CHECK(again.report["unchanged"] == 2);
        CHECK(again.report["created"] == 0);
        CHECK(again.report["updated"] == 0);
        CHECK(t.placeChanges() == 2);
        CHECK(laptop.sync().pulled == 0);
    }
    SECTION("one renamed place is one new change, and the laptop's next pull brings only it") {
        auto edited = replaced(twoPlaces, "\"Médiathèque Jean Macé\"", "\"Médiathèque Jean-Macé (Lyon 7e)\"");
        auto run = t.import(edited);
        CHECK(run.report["updated"] == 1);
        CHECK(run.report["unchanged"] == 1);
        CHECK(t.placeChanges() == 3);
        auto report = laptop.sync();
        CHECK(report.pulled == 1);
        CHECK(placeField(laptop, "structure-2", "name") == "Médiathèque Jean-Macé (Lyon 7e)");
        CHECK(placeField(laptop, "structure-2", "version") == "2");
        CHECK(placeField(laptop, "structure-1", "version") == "1");
        CHECK(searchIds(laptop, "jean mace") == std::vector<std::string>{"structure-2"});
        CHECK(laptop.count("SELECT count(*) FROM places WHERE in_directory = 1") == 2);
    }
}

TEST_CASE("a messy row is reported by line and field and the other rows are published", "[hub][directory]") {
    DirectoryHub t;
    auto header = exampleCsv().substr(0, exampleCsv().find('\n') + 1);
    auto row = exampleCsv().substr(header.size());
    // Line 3: no name (required) → rejected. Line 4: a phone without +33 → normalised, kept.
    auto noName = replaced(replaced(row, "\"structure-1\"", "\"structure-2\""), "\"Anonymal\"", "\"\"");
    auto localPhone = replaced(replaced(row, "\"structure-1\"", "\"structure-3\""), "\"+33180059880\"", "\"01 80 05 98 80\"");
    auto run = t.import(exampleCsv() + noName + localPhone);
    REQUIRE(run.exitCode == 0);
    CHECK(run.report["rows"] == 3);
    CHECK(run.report["rejected"] == 1);
    CHECK(run.report["created"] == 2);
    bool rejectedLine3 = false, phoneLine4 = false;
    for (const auto& note : run.report["notes"]) {
        if (note["line"] == 3 && note["action"] == "rejected" && note["field"] == "nom") rejectedLine3 = true;
        if (note["line"] == 4 && note["field"] == "telephone" && note["action"] == "normalised") {
            phoneLine4 = note["new"] == "+33180059880";
            CHECK_FALSE(note["message"].get<std::string>().empty());
        }
    }
    CHECK(rejectedLine3);
    CHECK(phoneLine4);

    Laptop laptop;
    laptop.enroll(t.hub, "alice");
    laptop.sync();
    CHECK(laptop.count("SELECT count(*) FROM places WHERE in_directory = 1") == 2);
    CHECK(placeField(laptop, "structure-3", "telephone") == "+33180059880");
}

TEST_CASE("GET /v1/directory?format=csv is the standard's file, valid against schema.json", "[hub][directory]") {
    DirectoryHub t;
    auto header = exampleCsv().substr(0, exampleCsv().find('\n') + 1);
    auto second = replaced(replaced(exampleCsv().substr(header.size()), "\"structure-1\"", "\"structure-2\""),
                           "\"Anonymal\"", "\"Espace, \"\"numérique\"\"\"");
    REQUIRE(t.import(exampleCsv() + second).report["created"] == 2);
    auto http = t.hub.enroll("bruno", "laptop-b");
    HttpClient anonymous(t.hub.hub->url());
    CHECK(anonymous.get("/v1/directory?format=csv").status == 401);
    CHECK(http.get("/v1/directory?format=xml").status == 400);

    auto response = http.get("/v1/directory?format=csv");
    REQUIRE(response.status == 200);
    auto schemaText = core::readTextFile(assetsDir() + "/directory/schema.json");
    auto rawSchema = nlohmann::json::parse(schemaText);
    auto schema = core::DirectorySchema::fromJson(schemaText);
    auto doc = core::readCsv(response.body);
    CHECK(doc.encoding == "utf-8");
    CHECK_FALSE(doc.hadBom);
    REQUIRE(doc.records.size() == 3);
    // The header is exactly the schema's fields, in the schema's order.
    std::vector<std::string> expectedHeader;
    for (const auto& f : rawSchema["fields"]) expectedHeader.push_back(f["name"]);
    CHECK(doc.records[0].fields == expectedHeader);
    for (std::size_t r = 1; r < doc.records.size(); ++r) {
        const auto& record = doc.records[r];
        CHECK(record.error.empty());
        REQUIRE(record.fields.size() == expectedHeader.size());
        for (std::size_t c = 0; c < expectedHeader.size(); ++c) {
            const auto& field = rawSchema["fields"][c];
            const auto& cell = record.fields[c];
            bool required = field.contains("constraints") && field["constraints"].value("required", false);
            if (required) CHECK_FALSE(cell.empty());
            auto* parsed = schema.field(expectedHeader[c]);
            REQUIRE(parsed);
            INFO(expectedHeader[c] << " = " << cell);
            if (!cell.empty()) CHECK_FALSE(schema.checkCell(*parsed, cell).has_value());
        }
    }
    CHECK(doc.records[1].fields[0] == "structure-1");
    CHECK(doc.records[2].fields[2] == "Espace, \"numérique\"");

    auto json = http.get("/v1/directory?format=json");
    REQUIRE(json.status == 200);
    auto places = json.json();
    REQUIRE(places.size() == 2);
    CHECK(places[0]["nom"] == "Anonymal");
    CHECK(places[0]["latitude"].is_number());
}

TEST_CASE("an adviser's correction stays pending on the hub, a coordinator's edit reaches the other laptops",
          "[hub][directory]") {
    DirectoryHub t;
    REQUIRE(t.import(exampleCsv()).exitCode == 0);
    Laptop alice, bruno, carla;
    alice.enroll(t.hub, "alice");
    bruno.enroll(t.hub, "bruno");
    carla.enroll(t.hub, "carla");
    for (auto* laptop : {&alice, &bruno, &carla}) laptop->sync();

    editHoursOnLaptop(alice, "Mo-Fr 10:00-17:00");
    alice.sync();
    bruno.sync();
    CHECK(placeField(bruno, "structure-1", "horaires") == "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00");
    CHECK(t.placeChanges() == 1);

    auto coordinator = t.hub.enroll("carla", "review-desk");
    auto proposals = coordinator.get("/v1/directory/proposals");
    REQUIRE(proposals.status == 200);
    auto list = mediane::sync::decodeProposalsResponse(proposals.body).proposals;
    REQUIRE(list.size() == 1);
    CHECK(list[0].recordId == "structure-1");
    CHECK(list[0].structure == "Centre social Parilly");
    CHECK(list[0].proposed["horaires"] == "Mo-Fr 10:00-17:00");
    auto adviser = t.hub.enroll("bruno", "laptop-b2");
    CHECK(adviser.get("/v1/directory/proposals").status == 403);

    // Accepting = the coordinator makes the edit: published to every laptop.
    editHoursOnLaptop(carla, "Mo-Fr 10:00-17:00");
    carla.sync();
    bruno.sync();
    CHECK(placeField(bruno, "structure-1", "horaires") == "Mo-Fr 10:00-17:00");
    CHECK(t.placeChanges() == 2);
    auto csv = adviser.get("/v1/directory?format=csv");
    CHECK(csv.body.find("Mo-Fr 10:00-17:00") != std::string::npos);
}

TEST_CASE("a coordinator's rename of a place on a laptop reaches the other laptops' name column", "[hub][directory]") {
    DirectoryHub t;
    REQUIRE(t.import(exampleCsv()).exitCode == 0);
    Laptop bruno, carla;
    bruno.enroll(t.hub, "bruno");
    carla.enroll(t.hub, "carla");
    bruno.sync();
    carla.sync();
    REQUIRE(placeField(bruno, "structure-1", "name") == "Anonymal");

    // Laptops push the standard's field names (nom); the receiving laptop stores them in its own columns.
    app::DirectoryService directory(*carla.notebook, assetsDir());
    auto r = directory.importText(replaced(exampleCsv(), "\"Anonymal\"", "\"Anonymal – Espace numérique\""),
                                  "rename.csv");
    REQUIRE(r.updated == 1);
    carla.sync();
    bruno.sync();
    CHECK(placeField(bruno, "structure-1", "name") == "Anonymal – Espace numérique");
}
