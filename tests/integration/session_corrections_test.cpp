// Corrections of sessions through the real hub: edits and deletions reach every laptop, concurrent edits of one
// field reach the conflict inbox with both values, and a deleted session never comes back.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>

#include "hub_process.hpp"
#include "app/conflict_inbox.hpp"
#include "core/calendar.hpp"
#include "store/local_conflicts.hpp"
#include "support/file_text.hpp"
#include "sync_fixture.hpp"

using namespace mediane;
using namespace mediane::test;

namespace {
// Alice and Bruno, advisers of one structure, both hold a session Alice recorded (at a distance: no place to share).
struct SharedSession {
    HubFixture hub;
    Laptop a, b;
    core::Learner learner, other;
    core::Session session;
    SharedSession() {
        hub.addUser("alice", "adviser", "Centre social Parilly", "metropole-lyon");
        hub.addUser("bruno", "adviser", "Centre social Parilly", "metropole-lyon");
        a.enroll(hub, "alice");
        b.enroll(hub, "bruno");
        learner = a.addLearner("Bénéficiaire 0001");
        other = a.addLearner("Bénéficiaire 0002");
        core::Session draft;
        draft.date = core::today();
        draft.durationMinutes = 45;
        draft.kind = core::SessionKind::Individual;
        draft.placeMode = core::PlaceMode::Remote;
        draft.learnerIds = {learner.id};
        draft.themes = {"email"};
        draft.notes = "Première séance";
        session = a.notebook->recordSession(draft);
        a.sync();
        b.sync();
    }
    core::Session edit(Laptop& laptop, const std::function<void(core::Session&)>& change) {
        auto s = laptop.notebook->session(session.id);
        REQUIRE(s);
        change(*s);
        return laptop.notebook->updateSession(*s);
    }
};
}  // namespace

TEST_CASE("a session corrected on one laptop reaches the other, its learner included") {
    SharedSession t;
    REQUIRE(t.b.notebook->session(t.session.id));
    CHECK(t.a.notebook->session(t.session.id)->version == 1);
    t.edit(t.a, [&](core::Session& s) {
        s.durationMinutes = 90;
        s.learnerIds = {t.other.id};  // saved with the wrong learner
        s.themes = {"email", "navigation_sur_internet"};
    });
    t.a.sync();
    t.b.sync();
    auto seen = t.b.notebook->session(t.session.id);
    REQUIRE(seen);
    CHECK(seen->durationMinutes == 90);
    CHECK(seen->learnerIds == std::vector<std::string>{t.other.id});
    CHECK(seen->themes.size() == 2);
    CHECK(seen->version == 2);
    CHECK(t.b.notebook->learnerHistory(t.other.id).size() == 1);
    CHECK(t.b.notebook->learnerHistory(t.learner.id).empty());
    CHECK(t.a.text("SELECT sync_state FROM sessions") == "synced");
    CHECK(t.a.notebook->session(t.session.id)->version == 2);

    // A second correction from the other laptop builds on the first: no conflict.
    t.edit(t.b, [](core::Session& s) { s.notes = "Deuxième séance en fait"; });
    t.b.sync();
    t.a.sync();
    CHECK(t.a.notebook->session(t.session.id)->notes == "Deuxième séance en fait");
    CHECK(t.a.notebook->conflicts().all().empty());
}

TEST_CASE("editing a session on two offline laptops yields one visible conflict with both values") {
    SharedSession t;
    t.edit(t.a, [](core::Session& s) { s.durationMinutes = 60; });
    t.edit(t.b, [](core::Session& s) { s.durationMinutes = 30; });
    t.a.sync();
    t.b.sync();
    t.a.sync();
    for (auto* laptop : {&t.a, &t.b}) {
        app::ConflictInbox inbox(*laptop->notebook);
        inbox.reload();
        REQUIRE(inbox.open().size() == 1);
        const auto& view = inbox.open().front();
        CHECK(view.conflict.kind == "hard");
        CHECK(view.conflict.entity == "session");
        CHECK(view.recordLabel.find("min") != std::string::npos);
        REQUIRE(view.fields.size() == 1);
        CHECK(view.fields[0].field == "duration_minutes");
        CHECK(view.fields[0].hub == "60");
        CHECK(view.fields[0].incoming == "30");
    }
    // The hub kept the first value until a person decides; both laptops show it.
    CHECK(t.a.notebook->session(t.session.id)->durationMinutes == 60);
    CHECK(t.b.notebook->session(t.session.id)->durationMinutes == 60);

    // An adviser of the structure decides; the decision reaches both laptops.
    app::ConflictInbox inbox(*t.b.notebook);
    inbox.reload();
    inbox.resolveFieldsKeeping(inbox.open().front().conflict.id, {{"duration_minutes", true}}, "C'était 30 minutes");
    t.b.sync();
    t.a.sync();
    CHECK(t.a.notebook->session(t.session.id)->durationMinutes == 30);
    CHECK(t.b.notebook->session(t.session.id)->durationMinutes == 30);
}

TEST_CASE("edits of different fields of one session on two offline laptops merge without a hard conflict") {
    SharedSession t;
    t.edit(t.a, [](core::Session& s) { s.durationMinutes = 60; });
    t.edit(t.b, [](core::Session& s) { s.notes = "Notes corrigées"; });
    t.a.sync();
    t.b.sync();
    t.a.sync();
    for (auto* laptop : {&t.a, &t.b}) {
        auto s = laptop->notebook->session(t.session.id);
        REQUIRE(s);
        CHECK(s->durationMinutes == 60);
        CHECK(s->notes == "Notes corrigées");
        CHECK(laptop->count("SELECT count(*) FROM sync_conflicts WHERE kind = 'hard'") == 0);
    }
}

TEST_CASE("a deleted session disappears from every laptop and the hub keeps only its tombstone") {
    SharedSession t;
    t.a.notebook->deleteSession(t.session.id);
    t.a.sync();
    t.b.sync();
    CHECK_FALSE(t.b.notebook->session(t.session.id));
    CHECK(t.b.notebook->learnerHistory(t.learner.id).empty());
    HubFile hub(t.hub.dir.str());
    CHECK(hub.scalar("SELECT deleted FROM records WHERE entity = 'session' AND record_id = '" + t.session.id + "'") == 1);
    CHECK(hub.record("session", t.session.id).empty());
    // Its earlier states leave the feed at once: the tombstone is the only change row, and no row holds its notes.
    CHECK(hub.scalar("SELECT count(*) FROM changes WHERE record_id = '" + t.session.id + "'") == 1);
    CHECK(hub.scalar("SELECT count(*) FROM changes WHERE fields LIKE '%Première séance%'") == 0);
    // A laptop that never held the session reads the tombstone and nothing else.
    Laptop late;
    t.hub.addUser("carole", "adviser", "Centre social Parilly", "metropole-lyon");
    late.enroll(t.hub, "carole");
    late.sync();
    CHECK_FALSE(late.notebook->session(t.session.id));
    CHECK(late.text("SELECT count(*) FROM sync_skipped") == "0");
}

TEST_CASE("a correction of a session deleted meanwhile does not bring it back") {
    SharedSession t;
    t.a.notebook->deleteSession(t.session.id);
    t.edit(t.b, [](core::Session& s) { s.notes = "Corrigée hors ligne"; });
    t.a.sync();
    t.b.sync();
    t.a.sync();
    CHECK_FALSE(t.a.notebook->session(t.session.id));
    CHECK_FALSE(t.b.notebook->session(t.session.id));
    HubFile hub(t.hub.dir.str());
    CHECK(hub.scalar("SELECT deleted FROM records WHERE record_id = '" + t.session.id + "'") == 1);
    CHECK(hub.text("SELECT fields FROM records WHERE record_id = '" + t.session.id + "'") == "{}");
    CHECK(hub.scalar("SELECT count(*) FROM conflicts WHERE kind = 'update_after_delete' AND record_id = '" +
                     t.session.id + "'") == 1);
    CHECK(t.b.pending() == 0);
}

TEST_CASE("the hub's history lists who corrected or deleted a session and which fields, never the values") {
    SharedSession t;
    t.edit(t.b, [](core::Session& s) { s.notes = "Sa fille au 06 98 76 54 32"; });
    t.b.sync();
    t.a.sync();
    t.a.notebook->deleteSession(t.session.id);
    t.a.sync();
    HubFile hub(t.hub.dir.str());
    CHECK(hub.text("SELECT login || ' ' || op || ' ' || fields FROM record_history WHERE entity = 'session' AND op = 'update'") ==
          "bruno update [\"notes\"]");
    CHECK(hub.text("SELECT login FROM record_history WHERE entity = 'session' AND op = 'delete'") == "alice");
    CHECK(hub.scalar("SELECT count(*) FROM record_history WHERE fields LIKE '%06 98%'") == 0);

    // What an admin reads: `resin-hub history --since DATE`, one JSON line per change.
    auto out = t.hub.dir.path() / "history.txt";
    std::string command = hubCommandLine(t.hub.dir.str()) + " history --since " +
                          core::today() + " > '" + out.string() + "'";
    REQUIRE(std::system(command.c_str()) == 0);
    auto text = slurp(out);
    CHECK(text.find("\"action\":\"session update\"") != std::string::npos);
    CHECK(text.find("\"login\":\"bruno\"") != std::string::npos);
    CHECK(text.find("\"action\":\"session delete\"") != std::string::npos);
    CHECK(text.find("06 98") == std::string::npos);
}

TEST_CASE("a session update cannot change who recorded the session nor the cheques it redeemed") {
    HubFixture f;
    f.addUser("alice", "adviser", "s1");
    auto alice = f.enroll("alice", "laptop-1");
    Op create{newOpId(), 1, "session", "S1", "create", 0,
              {{"date", "2026-03-02"}, {"duration_minutes", 45}, {"cheques_redeemed", json::array()}}};
    REQUIRE(f.push(alice, "laptop-1", {create}).json()["results"][0]["status"] == "applied");
    Op forged{newOpId(), 2, "session", "S1", "update", 1,
              {{"structure", "s2"}, {"adviser", "mallory"}, {"cheques_redeemed", {5}}, {"notes", "corrigée"}}};
    auto result = f.push(alice, "laptop-1", {forged}).json()["results"][0];
    CHECK(result["status"] == "applied");
    HubFile hub(f.dir.str());
    auto stored = hub.record("session", "S1");
    CHECK(stored["structure"] == "s1");
    CHECK(stored["adviser"] == "alice");
    CHECK(stored["cheques_redeemed"] == json::array());
    CHECK(stored["notes"] == "corrigée");
    CHECK(hub.text("SELECT fields FROM record_history WHERE op = 'update'") == "[\"notes\"]");
}

TEST_CASE("deleting a session another laptop corrected meanwhile deletes it and raises a soft conflict without its values") {
    SharedSession t;
    t.edit(t.b, [](core::Session& s) { s.notes = "Rappeler sa fille au 06 11 22 33 44"; });
    t.b.sync();
    t.a.notebook->deleteSession(t.session.id);  // made on version 1: the correction was not seen here
    t.a.sync();
    t.b.sync();
    CHECK_FALSE(t.b.notebook->session(t.session.id));
    HubFile hub(t.hub.dir.str());
    CHECK(hub.scalar("SELECT deleted FROM records WHERE record_id = '" + t.session.id + "'") == 1);
    CHECK(hub.text("SELECT kind FROM conflicts WHERE record_id = '" + t.session.id + "'") == "soft");
    auto details = hub.text("SELECT details FROM conflicts WHERE record_id = '" + t.session.id + "'");
    CHECK(details.find("notes") != std::string::npos);
    CHECK(details.find("06 11") == std::string::npos);
    CHECK(hub.scalar("SELECT count(*) FROM changes WHERE fields LIKE '%06 11%' AND server_seq = "
                     "(SELECT max(server_seq) FROM changes WHERE record_id = '" + t.session.id + "')") == 0);
}

TEST_CASE("a session's history on every laptop lists who created and corrected it and which fields, each change once") {
    SharedSession t;
    t.edit(t.a, [](core::Session& s) { s.durationMinutes = 90; });
    t.a.sync();
    t.b.sync();
    t.edit(t.b, [](core::Session& s) { s.notes = "Deuxième séance en fait"; });
    t.b.sync();
    t.a.sync();
    t.a.sync();  // pulling again adds nothing

    auto summary = [](const std::vector<store::CorrectionEntry>& entries) {
        std::vector<std::string> out;
        for (const auto& e : entries) {
            std::string line = e.login + " " + e.op;
            for (const auto& f : e.fields) line += " " + f;
            out.push_back(line);
        }
        return out;
    };
    // Bruno's laptop holds Alice's creation and correction from the hub, and its own edit.
    CHECK(summary(t.b.notebook->sessionHistory(t.session.id)) ==
          std::vector<std::string>{"alice create", "alice update duration_minutes", "bruno update notes"});
    // Alice's laptop: its own two changes, then Bruno's from the hub; never a value.
    auto onA = summary(t.a.notebook->sessionHistory(t.session.id));
    REQUIRE(onA.size() == 3);
    CHECK(onA[2] == "bruno update notes");
    for (const auto& e : t.a.notebook->sessionHistory(t.session.id)) CHECK(e.at.size() >= 19);
    CHECK(t.a.text("SELECT count(*) FROM record_history WHERE fields LIKE '%séance%'") == "0");
}
