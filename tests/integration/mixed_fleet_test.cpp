// Laptops upgrade one by one: a first-release laptop (protocol 1, Médiane's first codes) and this build's
// (protocol 2, the national report's codes) sync with the same hub. The first release's payloads are the
// ones it really sends (fixtures/README.md).
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "core/text_file.hpp"
#include "core/vocabulary_upgrade.hpp"
#include "raw_http.hpp"
#include "sync/protocol/record_kinds.hpp"
#include "sync/protocol/vocabulary_wire.hpp"
#include "sync_fixture.hpp"

using namespace mediane;
using namespace mediane::test;

namespace {
constexpr const char* kStructure = "Centre social Parilly";
// The ids the first release gave its records (fixtures/v1_push_learner_and_session.json).
constexpr const char* kOldDevice = "01a2303a-f2fa-7019-9f9a-1e99139336f6";
constexpr const char* kOldLearner = "01a2303a-f2fa-701a-9f46-891eb78f808d";
constexpr const char* kOldSession = "01a2303a-f2fb-7170-9b6c-c14123e0523d";

std::string fixture(const std::string& name) {
    return core::readTextFile(std::string(MEDIANE_INTEGRATION_FIXTURES) + "/" + name);
}

// A client speaking as the first release does: enrolled with protocol_version 1.
HttpClient firstReleaseLaptop(HubFixture& hub, const std::string& login, const std::string& deviceId) {
    HttpClient http(hub.hub->url());
    auto r = http.post("/v1/enroll", json{{"protocol_version", 1}, {"login", login}, {"password", HubFixture::kPassword},
                                          {"device_id", deviceId}}.dump());
    REQUIRE(r.status == 200);
    CHECK(r.json()["protocol_version"] == 1);  // the first release refuses any other version in an answer
    http.setToken(r.json()["device_token"].get<std::string>());
    return http;
}

// The first release's pull, as it builds the request line (no protocol parameter).
json firstReleasePull(const HttpClient& http) {
    auto r = http.get("/v1/pull?since=0&limit=500");
    REQUIRE(r.status == 200);
    auto page = r.json();
    CHECK(page["protocol_version"] == 1);
    return page["changes"];
}

// The record's state after the last change of the page.
json changeOf(const json& changes, const std::string& recordId) {
    json last;
    for (const auto& c : changes)
        if (c["record_id"] == recordId) last = c["fields"];
    if (last.is_null()) FAIL("no change for " << recordId);
    return last;
}

std::set<std::string> strings(const json& list) {
    std::set<std::string> out;
    for (const auto& item : list) out.insert(item.get<std::string>());
    return out;
}

// Every code the first release knows, by vocabulary (the old side of the mapping table).
bool isVersionOneCode(const std::string& vocabulary, const std::string& code) {
    for (const auto& m : core::vocabularyMappings())
        if (m.vocabulary == vocabulary && m.oldCode == code) return true;
    return false;
}

bool isFrenchLabel(const core::Vocabularies& vocab, const std::string& vocabulary, const std::string& text) {
    for (const auto& t : vocab.get(vocabulary).terms())
        if (t.labelFr == text) return true;
    return false;
}

core::Vocabularies shippedVocabularies() {
    return core::Vocabularies::loadFile(assetsDir() + "/vocab/vocabularies.json");
}

// Every coded field a first-release laptop receives is a code it knows or a French label it shows as is.
void checkReadableByFirstRelease(const json& changes) {
    auto vocab = shippedVocabularies();
    for (const auto& c : changes) {
        const auto* kind = sync::findRecordKind(c["entity"].get<std::string>());
        if (!kind || c["deleted"] == true) continue;
        for (const auto& f : kind->fields) {
            if (f.vocabulary.empty() || f.headCounts || !c["fields"].contains(f.wire)) continue;
            const auto& value = c["fields"][f.wire];
            for (const auto& v : value.is_array() ? value : json::array({value})) {
                auto text = v.get<std::string>();
                if (text.empty()) continue;
                INFO(c["entity"] << " " << f.wire << " = " << text);
                if (f.wire == "kind") CHECK(isVersionOneCode(f.vocabulary, text));
                else CHECK((isVersionOneCode(f.vocabulary, text) || isFrenchLabel(vocab, f.vocabulary, text)));
            }
        }
    }
}
}  // namespace

TEST_CASE("a first-release laptop's push is stored in the national codes, nothing dropped, every unmapped code reported",
          "[sync][vocabulary][fleet]") {
    HubFixture hub;
    hub.addUser("alice", "adviser", kStructure);
    auto old = firstReleaseLaptop(hub, "alice", kOldDevice);
    const auto body = fixture("v1_push_learner_and_session.json");
    REQUIRE(json::parse(body)["protocol_version"] == 1);

    auto pushed = old.post("/v1/push", json::parse(body).dump(), true);
    REQUIRE(pushed.status == 200);
    CHECK(pushed.json()["protocol_version"] == 1);
    auto pushedResults = pushed.json()["results"];  // kept: a loop over a temporary's member dangles
    REQUIRE(pushedResults.size() == 2);
    for (const auto& r : pushedResults) CHECK(r["status"] == "applied");

    HubFile file(hub.dir.str());
    auto learner = file.record("learner", kOldLearner);
    CHECK(learner["gender"] == "feminin");
    CHECK(learner["social_status"] == "sans_emploi");
    CHECK(learner["age_bracket"] == "");  // 18 - 35 straddles two national brackets: not guessed
    CHECK(learner["legacy_codes"] == "age_bracket:18_35");
    CHECK(learner["pseudonym"] == "Bénéficiaire 0001");
    auto session = file.record("session", kOldSession);
    CHECK(session["kind"] == "individuel");  // one-off help for one person
    CHECK(session["place_mode"] == "domicile");
    CHECK(session["themes"] == json{"email"});
    CHECK(session["equipment"] == json{"telephone"});
    CHECK(session["autonomy"] == "partiellement_autonome");
    CHECK(session["legacy_codes"] == "kind:oneoff themes:smartphone");
    CHECK(session["structure"] == kStructure);
    // The feed carries the same state as the record.
    CHECK(file.scalar("SELECT count(*) FROM changes WHERE fields LIKE '%\"oneoff\"%' OR fields LIKE '%\"18_35\"%'") == 0);

    int status = -1;
    auto report = json::parse(hubToolOutput({"--data", hub.dir.str(), "vocab", "report"}, &status));
    REQUIRE(status == 0);
    CHECK(report["vocabulary_version"] == 2);
    std::set<std::string> rows;
    for (const auto& u : report["unmapped"]) {
        CHECK(u["source"] == "push");
        rows.insert(u["entity"].get<std::string>() + " " + u["record_id"].get<std::string>() + " " +
                    u["field"].get<std::string>() + " " + u["old_code"].get<std::string>());
    }
    CHECK(rows == std::set<std::string>{std::string("learner ") + kOldLearner + " age_bracket 18_35",
                                        std::string("session ") + kOldSession + " kind oneoff",
                                        std::string("session ") + kOldSession + " themes smartphone"});

    SECTION("the same push again is a duplicate, in the first release's codes or in a migrated outbox's") {
        auto again = old.post("/v1/push", body);
        REQUIRE(again.status == 200);
        auto againResults = again.json()["results"];  // kept: a loop over a temporary's member dangles
        REQUIRE(againResults.size() == 2);
        for (const auto& r : againResults) CHECK(r["status"] == "duplicate");
        // The laptop upgraded before it heard the answer: notebook migration 9 rewrote its outbox.
        auto migrated = json::parse(body);
        for (auto& op : migrated["batch"])
            sync::upgradeWireFields(*sync::findRecordKind(op["entity"].get<std::string>()), op["fields"]);
        migrated["protocol_version"] = 2;
        auto resent = old.post("/v1/push", migrated.dump());
        REQUIRE(resent.status == 200);
        auto resentResults = resent.json()["results"];  // kept: a loop over a temporary's member dangles
        REQUIRE(resentResults.size() == 2);
        for (const auto& r : resentResults) CHECK(r["status"] == "duplicate");
        CHECK(file.scalar("SELECT count(*) FROM vocabulary_upgrade_report") == 3);
    }

    SECTION("a laptop of this build pulls the national codes and keeps the legacy ones") {
        hub.addUser("bruno", "adviser", kStructure);
        Laptop laptop;
        laptop.enroll(hub, "bruno");
        auto synced = laptop.sync();
        CHECK(synced.pulled == 2);
        CHECK(synced.skipped == 0);
        CHECK(laptop.text(std::string("SELECT gender FROM learners WHERE id = '") + kOldLearner + "'") == "feminin");
        CHECK(laptop.text(std::string("SELECT legacy_codes FROM learners WHERE id = '") + kOldLearner + "'") ==
              "age_bracket:18_35");
        auto stored = laptop.notebook->session(kOldSession);
        REQUIRE(stored);
        CHECK(stored->kind == core::SessionKind::Individual);
        CHECK(stored->placeMode == core::PlaceMode::Home);
        CHECK(stored->themes == std::vector<std::string>{"email"});
        CHECK(stored->equipment == std::vector<std::string>{"telephone"});
        CHECK(stored->legacyCodes == "kind:oneoff themes:smartphone");
    }

    SECTION("the first-release laptop pulls back what it wrote, in its own codes") {
        auto changes = firstReleasePull(old);
        REQUIRE(changes.size() == 2);
        auto l = changeOf(changes, kOldLearner);
        CHECK(l["age_bracket"] == "18_35");
        CHECK(l["gender"] == "femme");
        CHECK(l["social_status"] == "sans_emploi");
        auto s = changeOf(changes, kOldSession);
        CHECK(s["kind"] == "oneoff");
        CHECK(s["place_mode"] == "home");
        CHECK(strings(s["themes"]) == std::set<std::string>{"courriel", "smartphone"});
        CHECK(s["equipment"] == json{"smartphone"});
        checkReadableByFirstRelease(changes);
    }
}

TEST_CASE("what a laptop of this build records reaches a first-release laptop in codes it knows or labels it shows",
          "[sync][vocabulary][fleet]") {
    HubFixture hub;
    hub.addUser("alice", "adviser", kStructure);
    hub.addUser("bruno", "adviser", kStructure);
    auto newer = hub.enroll("bruno", "laptop-new");
    const std::string s1 = "0192f0c5-aaaa-7000-8000-000000000001", l1 = "0192f0c5-aaaa-7000-8000-000000000002",
                      l2 = "0192f0c5-aaaa-7000-8000-000000000003";
    Op learnerOne{newOpId(), 1, "learner", l1, "create", 0,
                  {{"pseudonym", "Léa"}, {"age_bracket", "vingt_cinq_trente_neuf"}, {"gender", "feminin"}}};
    Op learnerTwo{newOpId(), 2, "learner", l2, "create", 0, {{"pseudonym", "Tom"}, {"age_bracket", "soixante_soixante_neuf"}}};
    Op workshop{newOpId(), 3, "session", s1, "create", 0,
                {{"date", "2026-03-05"}, {"duration_minutes", 120}, {"kind", "collectif"}, {"place_mode", "lieu_activite"},
                 {"learner_ids", {l1, l2}}, {"anonymous_count", 3}, {"anonymous_by_gender", {"feminin:2", "masculin:1"}},
                 {"themes", {"intelligence_artificielle", "email"}}, {"equipment", {"aucun"}},
                 {"workshop_title", "L'IA au quotidien"}, {"workshop_level", "debutant"}}};
    auto pushed = hub.push(newer, "laptop-new", {learnerOne, learnerTwo, workshop});
    REQUIRE(pushed.status == 200);
    CHECK(pushed.json()["protocol_version"] == 2);

    auto old = firstReleaseLaptop(hub, "alice", kOldDevice);
    auto changes = firstReleasePull(old);
    REQUIRE(changes.size() == 3);
    auto s = changeOf(changes, s1);
    CHECK(s["kind"] == "workshop");  // never a label: the first release reads an unknown kind as individual
    CHECK(s["place_mode"] == "place");
    auto vocab = shippedVocabularies();
    CHECK(strings(s["themes"]) ==
          std::set<std::string>{vocab.themes().find("intelligence_artificielle")->labelFr, "courriel"});
    CHECK(s["equipment"] == json{vocab.equipment().find("aucun")->labelFr});
    CHECK(changeOf(changes, l1)["age_bracket"] == vocab.ageBrackets().find("vingt_cinq_trente_neuf")->labelFr);
    CHECK(changeOf(changes, l2)["age_bracket"] == "60_70");
    checkReadableByFirstRelease(changes);

    SECTION("labels the first release sends back read as the codes again") {
        const std::string s2 = "0192f0c5-aaaa-7000-8000-000000000004";
        json fields = {{"date", "2026-03-06"}, {"duration_minutes", 60}, {"kind", "workshop"}, {"place_mode", "place"},
                       {"learner_ids", {l1, l2}}, {"anonymous_count", 0}, {"themes", s["themes"]},
                       {"equipment", s["equipment"]}, {"autonomy", ""}};
        auto body = json{{"protocol_version", 1}, {"device_id", kOldDevice},
                         {"batch", {toJson(Op{newOpId(), 1, "session", s2, "create", 0, fields})}}};
        REQUIRE(old.post("/v1/push", body.dump()).status == 200);
        auto stored = HubFile(hub.dir.str()).record("session", s2);
        CHECK(stored["kind"] == "collectif");
        CHECK(strings(stored["themes"]) == std::set<std::string>{"intelligence_artificielle", "email"});
        CHECK(stored["equipment"] == json{"aucun"});
        CHECK(stored.value("legacy_codes", "") == "");
    }

    SECTION("a conflict on a coded field is listed to the first release in its codes") {
        REQUIRE(hub.push(newer, "laptop-new", {learnerUpdate(l1, 1, {{"age_bracket", "soixante_dix_plus"}}, 4)}).status == 200);
        auto clash = json{{"protocol_version", 1}, {"device_id", kOldDevice},
                          {"batch", {toJson(learnerUpdate(l1, 1, {{"age_bracket", "60_70"}}, 2))}}};
        auto r = old.post("/v1/push", clash.dump());
        REQUIRE(r.status == 200);
        CHECK(r.json()["results"][0]["conflict"]["kind"] == "hard");
        auto listed = old.get("/v1/conflicts?after=0");
        REQUIRE(listed.status == 200);
        CHECK(listed.json()["protocol_version"] == 1);
        auto details = listed.json()["conflicts"][0]["details"]["fields"]["age_bracket"];
        CHECK(details == json{{"hub", "plus_70"}, {"incoming", "60_70"}});
        // This build's laptops see the national codes.
        auto current = newer.get("/v1/conflicts?after=0&protocol=2").json();
        CHECK(current["conflicts"][0]["details"]["fields"]["age_bracket"] ==
              json{{"hub", "soixante_dix_plus"}, {"incoming", "soixante_soixante_neuf"}});

        // The first release resolves it in its codes; the hub keeps the national one.
        auto conflictId = std::to_string(listed.json()["conflicts"][0]["id"].get<std::int64_t>());
        auto decision = json{{"protocol_version", 1}, {"device_id", kOldDevice},
                             {"batch", {toJson(Op{newOpId(), 3, "conflict_resolution", conflictId, "create", 0,
                                                  {{"fields", {{"age_bracket", "60_70"}}}, {"note", "vu avec Léa"}}})}}};
        auto resolved = old.post("/v1/push", decision.dump());
        REQUIRE(resolved.status == 200);
        CHECK(resolved.json()["results"][0]["status"] == "applied");
        CHECK(HubFile(hub.dir.str()).record("learner", l1)["age_bracket"] == "soixante_soixante_neuf");
        json decided;
        for (const auto& c : firstReleasePull(old))
            if (c["entity"] == "conflict_resolution") decided = c["fields"];
        CHECK(decided["fields"]["age_bracket"] == "60_70");
        CHECK(changeOf(firstReleasePull(old), l1)["age_bracket"] == "60_70");
    }
}

TEST_CASE("a protocol version the hub does not speak is refused with a clear message", "[sync][vocabulary][fleet]") {
    HubFixture hub;
    hub.addUser("alice", "adviser", kStructure);
    auto alice = hub.enroll("alice", "laptop-a");
    auto r = alice.get("/v1/pull?since=0&protocol=3");
    CHECK(r.status == 400);
    CHECK(r.json()["field"] == "protocol");
    CHECK(r.json()["message"].get<std::string>().find("1 to 2") != std::string::npos);
    auto push = alice.post("/v1/push", json{{"protocol_version", 3}, {"device_id", "laptop-a"}, {"batch", json::array()}}.dump());
    CHECK(push.status == 400);
    CHECK(push.json()["field"] == "protocol_version");
    auto health = HttpClient(hub.hub->url()).get("/healthz").json();
    CHECK(health["protocol_version"] == 2);
    CHECK(health["oldest_protocol_version"] == 1);
}
