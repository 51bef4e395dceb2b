// A laptop's own changes do not travel back to it, unless the hub changed them on the way or the laptop
// no longer holds them (a notebook restored from an older backup).
#include <catch2/catch.hpp>

#include <filesystem>

#include "core/calendar.hpp"
#include "sync/protocol/wire_codec.hpp"
#include "sync_fixture.hpp"

using namespace mediane;
using namespace mediane::test;

namespace {

core::Session recordWorkshop(Laptop& laptop, int people, const std::string& notes) {
    core::Session s;
    s.date = core::today();
    s.durationMinutes = 90;
    s.kind = core::SessionKind::Workshop;
    s.placeMode = core::PlaceMode::Remote;
    s.anonymousCount = people;
    s.themes = {"email"};
    s.notes = notes;
    return laptop.notebook->recordSession(s);
}

// Every change the laptop's pulls received, as the hub sent them.
struct PulledChanges {
    FaultTransport transport;
    std::vector<sync::Change> changes;
    explicit PulledChanges(const std::string& url) : transport(url) {
        transport.observe = [this](const sync::HttpRequest& request, const sync::HttpResponse& response) {
            if (request.target.rfind("/v1/pull", 0) != 0 || response.status != 200) return;
            for (auto& c : sync::decodePullResponse(response.body).changes) changes.push_back(std::move(c));
        };
    }
    int count(const std::string& entity, bool held) const {
        int n = 0;
        for (const auto& c : changes) n += c.entity == entity && c.held == held;
        return n;
    }
};
}  // namespace

TEST_CASE("a laptop's own sessions and learners do not travel back to it, and it holds them as the hub does",
          "[sync][echo]") {
    TwoLaptops t;
    for (int i = 1; i <= 12; ++i) t.a.addLearner(numbered("Bénéficiaire ", i));
    for (int i = 1; i <= 30; ++i) recordWorkshop(t.a, i, numbered("Atelier ", i));
    PulledChanges wire(t.a.hubUrl);
    auto report = t.a.sync(wire.transport);
    CHECK(report.acked == 42);
    // The sessions stay home; the learners come as markers only, without a field.
    CHECK(wire.count("session", false) == 0);
    CHECK(wire.count("session", true) == 0);
    CHECK(wire.count("learner", false) == 0);
    CHECK(wire.count("learner", true) == 12);
    for (const auto& c : wire.changes) CHECK(c.fields.empty());
    CHECK(report.pulled == 0);
    CHECK(report.held == 12);
    // Its cursor passed its own changes: the next pull scans nothing and brings nothing.
    auto again = t.a.sync();
    CHECK(again.pulled == 0);
    CHECK(again.held == 0);
    CHECK(again.cursor == report.cursor);
    CHECK(t.a.text("SELECT group_concat(DISTINCT sync_state) FROM sessions") == "synced");
    CHECK(t.a.text("SELECT group_concat(DISTINCT sync_state) FROM learners") == "synced");

    // Another laptop gets all of it, in full, and both hold the same records at the same versions.
    auto other = t.b.sync();
    CHECK(other.pulled == 42);
    CHECK(t.b.learnersDump() == t.a.learnersDump());
    CHECK(t.b.text("SELECT group_concat(notes || ':' || version, ',') FROM (SELECT * FROM sessions ORDER BY id)") ==
          t.a.text("SELECT group_concat(notes || ':' || version, ',') FROM (SELECT * FROM sessions ORDER BY id)"));
}

TEST_CASE("an own edit merged with another laptop's comes back whole, an own edit on top does not",
          "[sync][echo]") {
    TwoLaptops t;
    auto shared = t.a.addLearner("Bénéficiaire 0001");
    auto alone = t.a.addLearner("Bénéficiaire 0002");
    t.a.sync();
    t.b.sync();
    t.b.editLearner(shared.id, [](core::Learner& l) { l.goals = "banque en ligne"; });
    t.b.sync();
    // Alice edits offline on the version she had: the hub merges Bruno's goals in; her other edit is on top.
    t.a.editLearner(shared.id, [](core::Learner& l) { l.commune = "Lyon"; });
    t.a.editLearner(alone.id, [](core::Learner& l) { l.phone = "0611111111"; });
    PulledChanges wire(t.a.hubUrl);
    t.a.sync(wire.transport);
    std::map<std::string, int> full, held;
    for (const auto& c : wire.changes) (c.held ? held : full)[c.recordId]++;
    CHECK(full[shared.id] >= 1);  // Bruno's change, then the merged state
    CHECK(full.count(alone.id) == 0);
    CHECK(held[alone.id] == 1);
    auto merged = t.a.notebook->learner(shared.id);
    CHECK(merged->goals == "banque en ligne");
    CHECK(merged->commune == "Lyon");
    t.b.sync();
    CHECK(t.a.learnersDump() == t.b.learnersDump());
}

TEST_CASE("a notebook restored from an older backup gets back from the hub what it had pushed after the backup",
          "[sync][echo][backup]") {
    TwoLaptops t;
    t.a.addLearner("Bénéficiaire avant");
    recordWorkshop(t.a, 4, "Atelier avant");
    t.a.sync();
    TempDir backup;
    auto reopen = [&](const std::filesystem::path& from) {
        t.a.notebook.reset();
        if (!from.empty()) {
            for (const auto& e : std::filesystem::directory_iterator(t.a.dir.path())) std::filesystem::remove_all(e.path());
            std::filesystem::copy(from, t.a.dir.path(), std::filesystem::copy_options::recursive);
        }
        t.a.notebook = app::Notebook::open(t.a.dir.str(), assetsDir());
    };
    reopen({});  // closed cleanly: the copy below is the whole notebook
    std::filesystem::copy(t.a.dir.path(), backup.path(), std::filesystem::copy_options::recursive);

    auto after = t.a.addLearner("Bénéficiaire après");
    auto workshop = recordWorkshop(t.a, 9, "Atelier après");
    t.a.sync();
    reopen(backup.path());
    REQUIRE_FALSE(t.a.notebook->learner(after.id));

    auto report = t.a.sync();
    CHECK(report.pulled >= 2);
    REQUIRE(t.a.notebook->learner(after.id));
    CHECK(t.a.notebook->learner(after.id)->pseudonym == "Bénéficiaire après");
    REQUIRE(t.a.notebook->session(workshop.id));
    CHECK(t.a.notebook->session(workshop.id)->notes == "Atelier après");
    t.b.sync();
    CHECK(t.a.learnersDump() == t.b.learnersDump());
}

TEST_CASE("a re-snapshot still counts the laptop's own learners and forgets only the erased ones", "[sync][echo][erasure]") {
    TwoLaptops t;
    auto kept = t.a.addLearner("Bénéficiaire gardé");
    auto erased = t.a.addLearner("Bénéficiaire effacé");
    t.a.sync();
    t.b.sync();
    REQUIRE(t.b.notebook->learner(erased.id));
    t.b.notebook->eraseLearner(erased.id);
    t.b.sync();
    // Alice's laptop lost its cursor (as after a prune past it): the whole feed again, from since=0.
    t.a.text("UPDATE settings SET value = '0' WHERE key = 'sync.cursor'");
    auto report = t.a.sync();
    CHECK(report.held >= 1);
    CHECK(t.a.notebook->learner(kept.id));
    CHECK_FALSE(t.a.notebook->learner(erased.id));
}

TEST_CASE("a pull's held_through must be a count, and a first-release pull gets every change whole",
          "[sync][echo][hostile]") {
    TwoLaptops t;
    t.a.addLearner("Bénéficiaire 0001");
    t.a.sync();
    auto http = t.hub.enroll("alice", "laptop-raw");
    CHECK(http.get("/v1/pull?since=0&protocol=2&held_through=-1").status == 400);
    CHECK(http.get("/v1/pull?since=0&protocol=2&held_through=abc").status == 400);
    CHECK(http.get("/v1/pull?since=0&protocol=2&held_through=99999999999999999999999").status == 400);
    // Another device's id never makes alice's laptop's changes its own: they come whole.
    auto other = nlohmann::json::parse(http.get("/v1/pull?since=0&protocol=2&held_through=1000000").body);
    for (const auto& c : other["changes"]) CHECK_FALSE(c.contains("held"));
    CHECK(other["changes"].size() >= 1);
}

TEST_CASE("sessions typed before enrolment take the laptop's structure and adviser when acknowledged, and stay home",
          "[sync][echo]") {
    HubFixture hub;
    hub.addUser("alice", "adviser", "Centre social Parilly", "metropole-lyon");
    Laptop a;
    for (int i = 1; i <= 5; ++i) recordWorkshop(a, i, numbered("Atelier ", i));
    REQUIRE(a.text("SELECT group_concat(DISTINCT structure || '/' || adviser) FROM sessions") == "/");
    a.enroll(hub, "alice");
    PulledChanges wire(a.hubUrl);
    a.sync(wire.transport);
    CHECK(wire.count("session", false) == 0);
    CHECK(a.text("SELECT group_concat(DISTINCT structure || '/' || adviser) FROM sessions") ==
          "Centre social Parilly/alice");
    HubFile file(hub.dir.str());
    CHECK(file.scalar("SELECT count(*) FROM records WHERE entity = 'session' AND json_extract(fields, '$.adviser') = 'alice'") == 5);
}
