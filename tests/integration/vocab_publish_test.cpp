// `resin-hub vocab publish`: a theme added nationally reaches every laptop on its next sync, without a release;
// a publication that would orphan records is refused by name, and one that maps them rewrites them.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <fstream>
#include <set>

#include "hub_process.hpp"
#include "core/text_file.hpp"
#include "raw_http.hpp"
#include "sync_fixture.hpp"

using namespace mediane;
using namespace mediane::test;

namespace {
constexpr const char* kStructure = "Centre social Parilly";

json shippedDocument() { return json::parse(core::readTextFile(assetsDir() + "/vocab/vocabularies.json")); }

// The shipped vocabularies as a newer version, with a national theme the release does not know.
json withNewTheme(int version) {
    auto doc = shippedDocument();
    doc["version"] = version;
    doc["themes"].push_back({{"code", "sobriete_numerique"}, {"fr", "Sobriété numérique"}, {"en", "Digital sobriety"},
                             {"group", "mediation_numerique"}});
    return doc;
}

json withoutTheme(json doc, const std::string& code) {
    json kept = json::array();
    for (const auto& t : doc["themes"])
        if (t["code"] != code) kept.push_back(t);
    doc["themes"] = kept;
    return doc;
}

struct Publication {
    int status = -1;
    json out;
    std::string errors;
};

// Runs `resin-hub --data DIR vocab publish FILE` and keeps its JSON output and its stderr.
Publication publishText(const std::string& dataDir, const std::string& text) {
    TempDir scratch;
    const std::string file = scratch.str() + "/vocabularies.json";
    std::ofstream(file) << text;
    std::string command = hubCommandLine(dataDir) + " vocab publish '" + file +
                          "' > '" + scratch.str() + "/out' 2> '" + scratch.str() + "/err' < /dev/null";
    int rc = std::system(command.c_str());
    Publication p;
    p.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    if (p.status == 0) p.out = json::parse(core::readTextFile(scratch.str() + "/out"));
    p.errors = core::readTextFile(scratch.str() + "/err");
    return p;
}

Publication publish(const std::string& dataDir, const json& document) { return publishText(dataDir, document.dump(2)); }

Op sessionWith(const std::string& id, std::vector<std::string> themes, std::int64_t seq) {
    return {newOpId(), seq, "session", id, "create", 0,
            {{"date", "2026-03-02"}, {"duration_minutes", 30}, {"kind", "individuel"}, {"place_mode", "a_distance"},
             {"learner_ids", json::array()}, {"anonymous_count", 0}, {"themes", themes}}};
}

std::set<std::string> strings(const json& list) {
    std::set<std::string> out;
    for (const auto& item : list) out.insert(item.get<std::string>());
    return out;
}
}  // namespace

TEST_CASE("a theme published on the hub reaches a laptop on its next sync and shows by its label",
          "[sync][vocabulary][publish]") {
    HubFixture hub;
    hub.addUser("alice", "adviser", kStructure);
    hub.addUser("bruno", "adviser", kStructure);
    Laptop laptop;
    laptop.enroll(hub, "alice");
    // The hub speaks the laptop's own version: a 304 each sync, nothing stored.
    CHECK(laptop.sync().vocabularyVersion == 0);
    CHECK(laptop.notebook->vocabularies().version() == 2);
    auto alice = hub.enroll("alice", "laptop-raw");
    CHECK(alice.get("/v1/vocabularies?known=2").status == 304);
    auto served = alice.get("/v1/vocabularies");
    REQUIRE(served.status == 200);
    CHECK(served.json()["version"] == 2);
    CHECK(served.json()["themes"].size() == shippedDocument()["themes"].size());

    // Another laptop, already on the national list, records the theme before this one knows it.
    auto bruno = hub.enroll("bruno", "laptop-bruno");
    const std::string early = "0192f0c5-bbbb-7000-8000-000000000001";
    REQUIRE(hub.push(bruno, "laptop-bruno", {sessionWith(early, {"sobriete_numerique"}, 1)}).status == 200);
    auto before = laptop.sync();
    CHECK(before.skipped == 0);
    auto stored = laptop.notebook->session(early);
    REQUIRE(stored);
    CHECK(stored->themes == std::vector<std::string>{"sobriete_numerique"});  // kept verbatim, never refused
    CHECK(laptop.notebook->vocabularies().themes().label("sobriete_numerique", "fr") == "sobriete_numerique");

    auto published = publish(hub.dir.str(), withNewTheme(3));
    REQUIRE(published.status == 0);
    CHECK(published.out["version"] == 3);
    CHECK(published.out["previous_version"] == 2);
    CHECK(published.out["added"] == json{"themes:sobriete_numerique"});
    CHECK(core::readTextFile(hub.dir.str() + "/audit.jsonl").find("vocab publish") != std::string::npos);
    // Served at once by the hub already running.
    CHECK(alice.get("/v1/vocabularies?known=2").json()["version"] == 3);

    auto after = laptop.sync();
    CHECK(after.vocabularyVersion == 3);
    const auto& vocab = laptop.notebook->vocabularies();
    CHECK(vocab.version() == 3);
    CHECK(vocab.themes().label("sobriete_numerique", "fr") == "Sobriété numérique");
    CHECK(vocab.themes().label("sobriete_numerique", "en") == "Digital sobriety");
    // The laptop records with it from now on; the next sync asks and gets 304.
    core::Session s;
    s.date = "2026-03-03";
    s.durationMinutes = 30;
    s.kind = core::SessionKind::Individual;
    s.placeMode = core::PlaceMode::Remote;
    s.communeName = "Lyon";
    s.communeInsee = "69123";
    s.communePostalCode = "69001";
    s.learnerIds = {laptop.addLearner("Ana").id};
    s.themes = {"sobriete_numerique"};
    CHECK_NOTHROW(laptop.notebook->recordSession(s));
    CHECK(laptop.sync().vocabularyVersion == 0);

    // A notebook opened afterwards (the GUI's next start) uses the pulled set too.
    auto reopened = app::Notebook::open(laptop.dir.str(), assetsDir());
    CHECK(reopened->vocabularies().version() == 3);
    CHECK(reopened->vocabularies().themes().contains("sobriete_numerique"));
}

TEST_CASE("mediane sync says the vocabularies version when a sync brought a newer one", "[sync][vocabulary][publish]") {
    HubFixture hub;
    hub.addUser("alice", "adviser", kStructure);
    TempDir data;
    auto run = [&](const std::string& args, const std::string& input = {}) {
        TempDir scratch;
        std::ofstream(scratch.str() + "/in") << input;
        std::string command = std::string(MEDIANE_CLI) + " --data '" + data.str() + "' " + args + " < '" + scratch.str() +
                              "/in' > '" + scratch.str() + "/out' 2>/dev/null";
        int rc = std::system(command.c_str());
        REQUIRE(rc == 0);
        return core::readTextFile(scratch.str() + "/out");
    };
    run("enroll --hub " + hub.hub->url() + " --login alice", std::string(HubFixture::kPassword) + "\n");
    CHECK(json::parse(run("sync"))["vocabulary_version"].is_null());
    REQUIRE(publish(hub.dir.str(), withNewTheme(3)).status == 0);
    CHECK(json::parse(run("sync"))["vocabulary_version"] == 3);
    CHECK(json::parse(run("sync"))["vocabulary_version"].is_null());
}

TEST_CASE("retiring a code still in use is refused by name unless mapped, and mapped, the records are rewritten",
          "[sync][vocabulary][publish]") {
    HubFixture hub;
    hub.addUser("alice", "adviser", kStructure);
    auto alice = hub.enroll("alice", "laptop-a");
    const std::string used = "0192f0c5-cccc-7000-8000-000000000001", learnerId = "0192f0c5-cccc-7000-8000-000000000002";
    Op learner{newOpId(), 1, "learner", learnerId, "create", 0,
               {{"pseudonym", "Ana"}, {"social_status", "retraite"}, {"age_bracket", "soixante_dix_plus"}}};
    REQUIRE(hub.push(alice, "laptop-a", {learner, sessionWith(used, {"bureautique", "email"}, 2)}).status == 200);
    Laptop laptop;
    laptop.enroll(hub, "alice");
    laptop.sync();
    REQUIRE(laptop.notebook->session(used));

    auto refused = publish(hub.dir.str(), withoutTheme(withNewTheme(3), "bureautique"));
    CHECK(refused.status != 0);
    CHECK(refused.errors.find("the code “bureautique” of the vocabulary “themes”") != std::string::npos);
    CHECK(refused.errors.find("retired") != std::string::npos);
    CHECK(alice.get("/v1/vocabularies?known=2").status == 304);  // nothing published
    CHECK(core::readTextFile(hub.dir.str() + "/audit.jsonl").find("refused err.vocab.retires_used") != std::string::npos);

    SECTION("a version that is not newer, or a changed closed vocabulary, is refused too") {
        CHECK(publish(hub.dir.str(), withNewTheme(2)).errors.find("not newer") != std::string::npos);
        auto closed = withNewTheme(3);
        closed["session_kinds"].push_back({{"code", "ponctuel"}, {"fr", "Ponctuel"}});
        CHECK(publish(hub.dir.str(), closed).errors.find("session_kinds") != std::string::npos);
    }

    SECTION("with a mapping, stored records take the replacement, history and later pushes included") {
        auto doc = withoutTheme(withNewTheme(3), "bureautique");
        auto statuses = doc["social_status"];
        json keptStatuses = json::array();
        for (const auto& t : statuses)
            if (t["code"] != "retraite") keptStatuses.push_back(t);
        doc["social_status"] = keptStatuses;
        doc["retired"] = json::array({{{"vocabulary", "themes"}, {"code", "bureautique"}, {"replaced_by", "culture_numerique"}},
                                      {{"vocabulary", "social_status"}, {"code", "retraite"}, {"replaced_by", nullptr}}});
        auto published = publish(hub.dir.str(), doc);
        REQUIRE(published.status == 0);
        CHECK(published.out["records_rewritten"] == 2);

        HubFile file(hub.dir.str());
        CHECK(strings(file.record("session", used)["themes"]) == std::set<std::string>{"culture_numerique", "email"});
        CHECK(file.scalar("SELECT count(*) FROM changes WHERE fields LIKE '%bureautique%'") == 0);
        auto stored = file.record("learner", learnerId);
        CHECK(stored["social_status"] == "");
        CHECK(stored["legacy_codes"] == "social_status:retraite");  // no replacement: kept, never dropped
        auto served = alice.get("/v1/vocabularies?known=2").json();
        CHECK(served["version"] == 3);
        CHECK_FALSE(served.contains("retired"));
        auto report = json::parse(hubToolOutput({"--data", hub.dir.str(), "vocab", "report"}));
        REQUIRE(report["unmapped"].size() == 1);
        CHECK(report["unmapped"][0]["source"] == "publish");
        CHECK(report["unmapped"][0]["old_code"] == "retraite");

        // The learner's new version reaches the laptop; a laptop still sending the old code is mapped on ingest.
        auto synced = laptop.sync();
        CHECK(synced.vocabularyVersion == 3);
        CHECK(laptop.text("SELECT legacy_codes FROM learners WHERE id = '" + learnerId + "'") == "social_status:retraite");
        const std::string late = "0192f0c5-cccc-7000-8000-000000000003";
        REQUIRE(hub.push(alice, "laptop-a", {sessionWith(late, {"bureautique"}, 3)}).status == 200);
        CHECK(file.record("session", late)["themes"] == json{"culture_numerique"});
    }
}

TEST_CASE("an oversized or deeply nested vocabularies file is refused by name and publishes nothing",
          "[sync][vocabulary][publish][hostile]") {
    HubFixture hub;
    hub.addUser("alice", "adviser", kStructure);
    auto alice = hub.enroll("alice", "laptop-a");

    auto large = publishText(hub.dir.str(), withNewTheme(3).dump() + std::string(2 * 1024 * 1024, ' '));
    CHECK(large.status != 0);
    CHECK(large.errors.find("larger than 1024 KB") != std::string::npos);

    // Deep enough to exhaust a recursive parser's stack, small enough to pass the size cap.
    auto deep = publishText(hub.dir.str(), std::string(200000, '[') + std::string(200000, ']'));
    CHECK(deep.status != 0);
    CHECK(deep.errors.find("nested more than") != std::string::npos);

    auto nested = withNewTheme(3);
    json chain = json::array();
    for (int i = 0; i < 40; ++i) chain = json::array({chain});
    nested["themes"][0]["extra"] = chain;
    CHECK(publish(hub.dir.str(), nested).errors.find("nested more than") != std::string::npos);

    CHECK(alice.get("/v1/vocabularies?known=2").status == 304);  // nothing published
    CHECK(publish(hub.dir.str(), withNewTheme(3)).status == 0);   // and the hub still publishes a good one
}
