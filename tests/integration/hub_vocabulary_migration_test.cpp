// Hub schema 3: a hub database made by the first release (fixtures/hub-v1.sql) moves to the national
// activity report's codes on start, with nothing dropped and every unmapped value reported.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <set>

#include "core/text_file.hpp"
#include "raw_http.hpp"
#include "sync_fixture.hpp"

using namespace mediane;
using namespace mediane::test;

namespace {
constexpr const char* kLearnerAged18To35Then35To60 = "01a2303a-f2fa-701a-9f46-891eb78f808d";
constexpr const char* kLearnerAged60To70 = "01a2303b-23a1-7e20-80e0-d7d3904ef682";
constexpr const char* kOneOffSession = "01a2303a-f2fb-7170-9b6c-c14123e0523d";
constexpr const char* kWorkshop = "01a2303b-23a1-7a26-8cf1-e6f6b34864a7";
constexpr const char* kRemoteSession = "01a2303b-23a1-7a5a-87ac-c24cf9408295";
constexpr const char* kOldDevice = "01a2303a-f2fa-7019-9f9a-1e99139336f6";

std::string fixture(const std::string& name) {
    return core::readTextFile(std::string(MEDIANE_INTEGRATION_FIXTURES) + "/" + name);
}

// The first release's hub file, rebuilt from its dump in dir.
void restoreFirstReleaseHub(const std::string& dir) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((dir + "/hub.sqlite3").c_str(), &db) == SQLITE_OK);
    char* message = nullptr;
    int rc = sqlite3_exec(db, fixture("hub-v1.sql").c_str(), nullptr, nullptr, &message);
    std::string text = message ? message : "";
    sqlite3_free(message);
    sqlite3_close(db);
    REQUIRE(rc == SQLITE_OK);
    INFO(text);
}

std::set<std::string> strings(const json& list) {
    std::set<std::string> out;
    for (const auto& item : list) out.insert(item.get<std::string>());
    return out;
}

json changeOf(const std::vector<json>& changes, const std::string& recordId) {
    json last;
    for (const auto& c : changes)
        if (c["record_id"] == recordId) last = c["fields"];
    return last;
}
}  // namespace

TEST_CASE("a first-release hub database moves to the national codes on start, nothing dropped, unmapped values reported",
          "[hub][migration][vocabulary][sqlite-only]") {
    TempDir dir;
    restoreFirstReleaseHub(dir.str());
    HubFile file(dir.str());
    REQUIRE(file.scalar("PRAGMA user_version") == 2);
    const auto records = file.scalar("SELECT count(*) FROM records");
    const auto changes = file.scalar("SELECT count(*) FROM changes");
    const auto applied = file.scalar("SELECT count(*) FROM applied_ops");
    const auto lastSeq = file.scalar("SELECT max(server_seq) FROM changes");
    const auto versions = file.text("SELECT group_concat(record_id || ':' || version, ' ') FROM records");
    REQUIRE(records == 5);

    HubProcess hub(dir.str());
    CHECK(file.scalar("PRAGMA user_version") >= 3);  // the vocabularies step, and any later one
    CHECK(file.scalar("SELECT count(*) FROM records") == records);
    CHECK(file.scalar("SELECT count(*) FROM changes") == changes);
    CHECK(file.scalar("SELECT count(*) FROM applied_ops") == applied);
    CHECK(file.scalar("SELECT max(server_seq) FROM changes") == lastSeq);
    CHECK(file.text("SELECT group_concat(record_id || ':' || version, ' ') FROM records") == versions);
    CHECK(file.scalar("SELECT count(*) FROM users") == 3);
    CHECK(file.scalar("SELECT count(*) FROM conflicts") == 1);

    auto learner = file.record("learner", kLearnerAged18To35Then35To60);
    CHECK(learner["age_bracket"] == "");
    CHECK(learner["legacy_codes"] == "age_bracket:35_60");
    CHECK(learner["gender"] == "feminin");
    CHECK(learner["pseudonym"] == "Bénéficiaire 0001");
    // legacy_codes changed with the field it keeps: a later edit of it merges against that version.
    auto fieldVersions = json::parse(file.text(std::string("SELECT field_versions FROM records WHERE record_id = '") +
                                               kLearnerAged18To35Then35To60 + "'"));
    CHECK(fieldVersions["legacy_codes"] == fieldVersions["age_bracket"]);
    auto older = file.record("learner", kLearnerAged60To70);
    CHECK(older["age_bracket"] == "soixante_soixante_neuf");
    CHECK(older["gender"] == "masculin");
    CHECK(older["social_status"] == "retraite");
    CHECK_FALSE(older.contains("legacy_codes"));

    auto oneOff = file.record("session", kOneOffSession);
    CHECK(oneOff["kind"] == "individuel");
    CHECK(oneOff["place_mode"] == "domicile");
    CHECK(oneOff["themes"] == json{"email"});
    CHECK(oneOff["equipment"] == json{"telephone"});
    CHECK(oneOff["legacy_codes"] == "kind:oneoff themes:smartphone");
    auto workshop = file.record("session", kWorkshop);
    CHECK(workshop["kind"] == "collectif");
    CHECK(workshop["place_mode"] == "autre");
    CHECK(strings(workshop["themes"]) == std::set<std::string>{"aide_aux_demarches_administratives", "securite_numerique"});
    CHECK(workshop["legacy_codes"] == "themes:autre");
    CHECK(workshop["notes"] == "Atelier");
    auto remote = file.record("session", kRemoteSession);
    CHECK(remote["place_mode"] == "a_distance");
    CHECK(remote["themes"] == json{"banque_et_achats_en_ligne"});

    // The feed: every row of every record's history in the new codes.
    CHECK(file.scalar("SELECT count(*) FROM changes WHERE fields LIKE '%\"oneoff\"%' OR fields LIKE '%\"workshop\"%' "
                      "OR fields LIKE '%\"18_35\"%' OR fields LIKE '%\"35_60\"%' OR fields LIKE '%\"femme\"%' "
                      "OR fields LIKE '%\"home\"%' OR fields LIKE '%\"courriel\"%'") == 0);
    // The conflict keeps both values: the one with no equivalent as it was, the other in its new code.
    auto details = json::parse(file.text("SELECT details FROM conflicts"));
    CHECK(details["fields"]["age_bracket"] == json{{"hub", "35_60"}, {"incoming", "soixante_dix_plus"}});

    int status = -1;
    auto report = json::parse(hubToolOutput({"--data", dir.str(), "vocab", "report"}, &status));
    REQUIRE(status == 0);
    std::set<std::string> rows;
    for (const auto& u : report["unmapped"]) {
        CHECK(u["source"] == "migration");
        rows.insert(u["entity"].get<std::string>() + " " + u["record_id"].get<std::string>() + " " +
                    u["field"].get<std::string>() + " " + u["old_code"].get<std::string>());
    }
    CHECK(rows == std::set<std::string>{std::string("learner ") + kLearnerAged18To35Then35To60 + " age_bracket 35_60",
                                        std::string("session ") + kOneOffSession + " kind oneoff",
                                        std::string("session ") + kOneOffSession + " themes smartphone",
                                        std::string("session ") + kWorkshop + " themes autre"});

    SECTION("the first release's laptop resends its last push after the upgrade: duplicates, not new records") {
        HttpClient old(hub.url());
        auto enrolled = enrollRaw(hub.url(), "alice", HubFixture::kPassword, kOldDevice);
        REQUIRE(enrolled.status == 200);
        old.setToken(json::parse(enrolled.body)["device_token"].get<std::string>());
        auto again = old.post("/v1/push", fixture("v1_push_learner_and_session.json"));
        REQUIRE(again.status == 200);
        auto againResults = again.json()["results"];  // kept: a loop over a temporary's member dangles
        REQUIRE(againResults.size() == 2);
        for (const auto& r : againResults) CHECK(r["status"] == "duplicate");
        CHECK(file.scalar("SELECT count(*) FROM records") == records);

        // And pulls its records back in its own codes.
        auto v1 = pullAll(old, 500, 1);
        CHECK(changeOf(v1, kLearnerAged18To35Then35To60)["age_bracket"] == "35_60");
        CHECK(changeOf(v1, kOneOffSession)["kind"] == "oneoff");
        CHECK(strings(changeOf(v1, kWorkshop)["themes"]) == std::set<std::string>{"demarches", "autre", "securite"});
        CHECK(changeOf(v1, kWorkshop)["kind"] == "workshop");
    }

    SECTION("a laptop of this build takes the whole hub in the new codes, conflict included") {
        Laptop laptop;
        laptop.hubUrl = hub.url();
        app::enrollDevice(*laptop.notebook, hub.url(), "bruno", HubFixture::kPassword);
        auto synced = laptop.sync();
        CHECK(synced.pulled == changes);
        CHECK(synced.skipped == 0);
        CHECK(synced.newConflicts == 1);
        CHECK(laptop.count("SELECT count(*) FROM sessions") == 3);
        CHECK(laptop.count("SELECT count(*) FROM learners") == 2);
        auto stored = laptop.notebook->session(kWorkshop);
        REQUIRE(stored);
        CHECK(stored->kind == core::SessionKind::Workshop);
        CHECK(stored->legacyCodes == "themes:autre");
    }
}
