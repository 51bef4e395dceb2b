// Who recorded each session, end to end: the laptop stamps its account, the hub stamps the pushing device's
// user over whatever the laptop claims, and the coordinator's dashboard filters on what was pulled.
#include <catch2/catch.hpp>

#include <map>

#include "app/dashboard.hpp"
#include "sync_fixture.hpp"

using namespace mediane;
using namespace mediane::test;

namespace {

// A workshop with an anonymous head count: no learner to sync, so the count is all about the session.
core::Session recordWorkshop(Laptop& laptop, const std::string& date, int people) {
    core::Session s;
    s.date = date;
    s.durationMinutes = 90;
    s.kind = core::SessionKind::Workshop;
    s.placeMode = core::PlaceMode::Remote;
    s.anonymousCount = people;
    s.themes = {"email"};
    return laptop.notebook->recordSession(s);
}

app::ActivityFigures figuresFor(app::Dashboard& dashboard, const std::string& structure, const std::string& adviser) {
    app::DashboardFilter filter;  // the whole period
    filter.structure = structure;
    filter.adviser = adviser;
    dashboard.setFilter(filter);
    dashboard.refresh();
    return dashboard.activity();
}

}  // namespace

TEST_CASE("a coordinator's dashboard filtered by structure or adviser shows exactly each one's pulled sessions",
          "[sync][dashboard]") {
    HubFixture hub;
    hub.addUser("alice", "adviser", "lyon8", "metropole");
    hub.addUser("bruno", "adviser", "villeurbanne", "metropole");
    hub.addUser("coord", "coordinator", "metropole-hq", "metropole");
    Laptop alice, bruno, coord;
    alice.enroll(hub, "alice");
    bruno.enroll(hub, "bruno");
    coord.enroll(hub, "coord");

    // Independent tallies, kept as the sessions are recorded.
    std::map<std::string, std::int64_t> sessionsOf, peopleOf;
    auto record = [&](Laptop& laptop, const std::string& who, const std::string& date, int people) {
        auto s = recordWorkshop(laptop, date, people);
        CHECK(s.adviser == who);
        ++sessionsOf[who];
        peopleOf[who] += people;
        return s;
    };
    record(alice, "alice", "2026-01-12", 4);
    record(alice, "alice", "2026-02-03", 6);
    auto forged = record(alice, "alice", "2026-03-20", 5);
    record(bruno, "bruno", "2026-01-15", 7);
    record(bruno, "bruno", "2026-02-25", 3);

    // The laptop names its own account on a local save, in the row and in the outbox fields.
    CHECK(alice.text("SELECT structure || '/' || adviser FROM sessions WHERE id = '" + forged.id + "'") ==
          "lyon8/alice");
    CHECK(alice.count("SELECT count(*) FROM outbox WHERE entity = 'session' AND "
                      "json_extract(fields, '$.structure') = 'lyon8' AND json_extract(fields, '$.adviser') = 'alice'") ==
          3);
    // A tampered laptop claims one of its sessions for the other structure and adviser.
    mediane::test::NotebookSql sql(*alice.notebook);
    sql.prepare("UPDATE outbox SET fields = json_set(fields, '$.structure', 'villeurbanne', '$.adviser', 'bruno') "
                 "WHERE record_id = ?")
        .bind(1, forged.id)
        .run();

    alice.sync();
    bruno.sync();
    coord.sync();
    REQUIRE(coord.count("SELECT count(*) FROM sessions") == 5);

    // The hub stamped the pushing device's user: the forged session is alice's, in lyon8.
    CHECK(coord.text("SELECT structure || '/' || adviser FROM sessions WHERE id = '" + forged.id + "'") ==
          "lyon8/alice");

    app::Dashboard dashboard(*coord.notebook, "2026-06-30");
    dashboard.refresh();
    CHECK(dashboard.choices().structures == std::vector<std::string>{"lyon8", "villeurbanne"});
    CHECK(dashboard.choices().advisers == std::vector<std::string>{"alice", "bruno"});

    auto lyon8 = figuresFor(dashboard, "lyon8", "");
    CHECK(lyon8.sessions == sessionsOf["alice"]);
    CHECK(lyon8.participants == peopleOf["alice"]);
    auto villeurbanne = figuresFor(dashboard, "villeurbanne", "");
    CHECK(villeurbanne.sessions == sessionsOf["bruno"]);
    CHECK(villeurbanne.participants == peopleOf["bruno"]);
    CHECK(figuresFor(dashboard, "", "alice").sessions == sessionsOf["alice"]);
    CHECK(figuresFor(dashboard, "", "bruno").participants == peopleOf["bruno"]);
    CHECK(figuresFor(dashboard, "lyon8", "bruno").sessions == 0);
    CHECK(figuresFor(dashboard, "", "").sessions == sessionsOf["alice"] + sessionsOf["bruno"]);

    // Bruno pulls only his structure: the forged claim did not slip alice's session into it.
    bruno.sync();
    CHECK(bruno.count("SELECT count(*) FROM sessions") == sessionsOf["bruno"]);
}
