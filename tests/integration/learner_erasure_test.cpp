// Erasure through a real hub and three laptops: no file keeps the erased values, activity figures hold, nothing comes back.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "app/activity_report.hpp"
#include "app/conflict_inbox.hpp"
#include "core/calendar.hpp"
#include "hub_process.hpp"
#include "store/local_conflicts.hpp"
#include "store/outbox.hpp"
#include "sync_fixture.hpp"

using namespace mediane;
using namespace mediane::test;

namespace {
// Names no vocabulary, demo or translation holds: a byte-wise grep finds them only if they were kept.
constexpr const char* kLastName = "Quastelbaumer";
constexpr const char* kFirstName = "Zephyrinette";
constexpr const char* kPhone = "0698765432";
constexpr const char* kLatePhone = "0611223344";

// Every file under dir (the SQLite file, its -wal and -shm, the audit log…) that holds `needle`, byte-wise.
std::vector<std::string> filesHolding(const std::string& dir, const std::string& needle) {
    std::vector<std::string> out;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (bytes.find(needle) != std::string::npos) out.push_back(entry.path().string());
    }
    return out;
}

// The activity report's totals: sessions, participants, first times, and each breakdown summed per code.
struct Totals {
    int sessions = 0, participants = 0, firstTime = 0, alreadyAccompanied = 0;
    std::vector<int> gender, age, status;
    bool operator==(const Totals&) const = default;
};

void add(std::vector<int>& sum, const std::vector<int>& counts) {
    if (sum.size() < counts.size()) sum.resize(counts.size());
    for (std::size_t i = 0; i < counts.size(); ++i) sum[i] += counts[i];
}

Totals totals(app::Notebook& notebook) {
    Totals t;
    app::ActivityReport report(notebook);
    report.forEachRow({}, [&](const app::ActivityRow& r) {
        ++t.sessions;
        t.participants += r.learners + r.anonymous;
        t.firstTime += r.firstTime;
        add(t.gender, r.genderCounts);
        add(t.age, r.ageCounts);
        add(t.status, r.statusCounts);
    });
    return t;
}

core::Session sessionWith(const std::string& learnerId, const std::string& date, int anonymous = 0) {
    core::Session s;
    s.date = date;
    s.durationMinutes = 45;
    s.kind = anonymous > 0 ? core::SessionKind::Workshop : core::SessionKind::Individual;
    s.placeMode = core::PlaceMode::Home;
    s.communeName = "Vénissieux";
    s.communeInsee = "69259";
    s.learnerIds = {learnerId};
    s.anonymousCount = anonymous;
    s.themes = {"aide_aux_demarches_administratives"};
    return s;
}

// Alice and Bruno advise at one structure, Claire coordinates the territory; a named learner of Alice's
// has three sessions (one a workshop) and an assessment, synced everywhere.
struct ErasureFleet {
    HubFixture hub;
    Laptop a, b, c;
    core::Learner learner;
    ErasureFleet() {
        hub.addUser("alice", "adviser", "Centre social Parilly", "metropole-lyon");
        hub.addUser("bruno", "adviser", "Centre social Parilly", "metropole-lyon");
        hub.addUser("claire", "coordinator", "Métropole de Lyon", "metropole-lyon");
        a.enroll(hub, "alice");
        b.enroll(hub, "bruno");
        c.enroll(hub, "claire");
        core::Learner l;
        l.pseudonym = "Bénéficiaire 0042";
        l.firstName = kFirstName;
        l.lastName = kLastName;
        l.phone = kPhone;
        l.consentDate = "2026-01-05";
        l.gender = "feminin";
        l.ageBracket = "soixante_soixante_neuf";
        l.socialStatus = "retraite";
        l.commune = "Vénissieux";
        l.goals = "Écrire à sa petite-fille à Xylophonville";
        learner = a.notebook->createLearner(l);
        a.notebook->recordSession(sessionWith(learner.id, core::addDays(core::today(), -20)));
        a.notebook->recordSession(sessionWith(learner.id, core::addDays(core::today(), -10), 3));
        a.notebook->recordSession(sessionWith(learner.id, core::addDays(core::today(), -1)));
        core::Assessment as;
        as.learnerId = learner.id;
        as.competenceCode = "1.1";
        as.score = 5;
        as.date = core::today();
        a.notebook->recordAssessment(as);
        a.sync();
        b.sync();
        c.sync();
    }
};
}  // namespace

TEST_CASE("a learner erased on one laptop leaves no trace on any machine, figures hold and a late edit does not resurrect them",
          "[erasure]") {
    ErasureFleet f;
    REQUIRE(f.b.count("SELECT count(*) FROM learners WHERE last_name = '" + std::string(kLastName) + "'") == 1);
    REQUIRE(f.c.count("SELECT count(*) FROM learners WHERE last_name = '" + std::string(kLastName) + "'") == 1);
    auto before = totals(*f.a.notebook);
    REQUIRE(before.sessions == 3);
    REQUIRE(before.participants == 6);
    CHECK(totals(*f.c.notebook) == before);

    // Bruno edits the learner while offline; Alice erases them meanwhile.
    f.b.editLearner(f.learner.id, [](core::Learner& l) { l.phone = kLatePhone; });
    f.a.notebook->eraseLearner(f.learner.id);
    CHECK(f.a.count("SELECT count(*) FROM learners") == 0);
    CHECK(f.a.count("SELECT count(*) FROM assessments") == 0);
    CHECK(totals(*f.a.notebook) == before);
    f.a.sync();
    f.c.sync();
    f.b.sync();  // pushes the late edit (a conflict on the hub), then pulls the tombstone
    f.a.sync();
    f.c.sync();

    for (auto* laptop : {&f.a, &f.b, &f.c}) {
        CHECK(laptop->count("SELECT count(*) FROM learners") == 0);
        CHECK(laptop->count("SELECT count(*) FROM assessments") == 0);
        CHECK(laptop->count("SELECT count(*) FROM session_learners") == 0);
        CHECK(laptop->count("SELECT sum(anonymous_count) FROM sessions") == 6);
        CHECK(totals(*laptop->notebook) == before);
        CHECK(laptop->intact());
    }
    auto hubRecord = HubFile(f.hub.dir.str()).record("learner", f.learner.id);
    CHECK((hubRecord.is_null() || hubRecord.empty()));
    CHECK(HubFile(f.hub.dir.str()).scalar("SELECT deleted FROM records WHERE entity = 'learner'") == 1);

    // The late edit is in the coordinator's inbox as an edit of an erased learner, without its value.
    CHECK(HubFile(f.hub.dir.str()).scalar("SELECT count(*) FROM conflicts WHERE kind = 'update_after_delete'") == 1);
    auto conflicts = f.c.notebook->conflicts().all(f.learner.id);
    REQUIRE(conflicts.size() == 1);
    app::ConflictInbox inbox(*f.c.notebook);
    inbox.reload();
    const auto* shown = inbox.find(conflicts[0].id);
    REQUIRE(shown);
    CHECK(shown->conflict.kind == "update_after_erasure");
    REQUIRE(shown->fields.size() == 1);
    CHECK(shown->fields[0].field == "phone");
    CHECK(shown->fields[0].incoming.empty());

    // The hub's audit names who erased, by id and login.
    CHECK(HubFile(f.hub.dir.str()).scalar("SELECT count(*) FROM privacy_audit WHERE action = 'erase' AND login = 'alice' "
                                          "AND record_id = '" + f.learner.id + "'") == 1);

    // No byte of the erased values anywhere: databases, WAL files, the hub's audit log.
    for (const auto* dir : {&f.a.dir, &f.b.dir, &f.c.dir, &f.hub.dir})
        // Lower case too: the search index keeps folded terms.
        for (const char* value : {kLastName, kFirstName, kPhone, kLatePhone, "Bénéficiaire 0042", "quastelbaumer",
                                  "zephyrinette", "Xylophonville"}) {
            auto holding = filesHolding(dir->str(), value);
            INFO(value << " is in " << (holding.empty() ? std::string("nothing") : holding.front()));
            CHECK(holding.empty());
        }
}

TEST_CASE("an erasure queued before the learner ever reached the hub drops both and sends the sessions anonymous",
          "[erasure]") {
    HubFixture hub;
    hub.addUser("alice", "adviser", "Centre social Parilly", "metropole-lyon");
    hub.addUser("bruno", "adviser", "Centre social Parilly", "metropole-lyon");
    Laptop a, b;
    a.enroll(hub, "alice");
    b.enroll(hub, "bruno");
    core::Learner l;
    l.pseudonym = "Bénéficiaire 0007";
    l.lastName = kLastName;
    l.consentDate = "2026-01-05";
    l.gender = "masculin";
    auto learner = a.notebook->createLearner(l);
    a.notebook->recordSession(sessionWith(learner.id, core::today()));
    a.notebook->eraseLearner(learner.id);
    CHECK(a.count("SELECT count(*) FROM outbox WHERE entity = 'learner'") == 0);
    CHECK(filesHolding(a.dir.str(), kLastName).empty());
    a.sync();
    b.sync();
    CHECK(b.count("SELECT count(*) FROM sessions WHERE anonymous_count = 1") == 1);
    CHECK(b.count("SELECT count(*) FROM session_tags WHERE code = 'masculin:1'") == 1);
    CHECK(HubFile(hub.dir.str()).scalar("SELECT count(*) FROM records WHERE entity = 'learner'") == 0);
    CHECK(filesHolding(hub.dir.str(), kLastName).empty());
}

TEST_CASE("the hub keeps a tombstone until every active device pulled it, and a laptop away past the horizon re-snapshots "
          "without the erased learner", "[erasure]") {
    ErasureFleet f;
    f.a.notebook->eraseLearner(f.learner.id);
    f.a.sync();
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    // Bruno was seen today and has not pulled the tombstone: it stays.
    REQUIRE(runHubTool({"--data", f.hub.dir.str(), "prune", "--days=-1", "--offline-days", "1"}) == 0);
    CHECK(HubFile(f.hub.dir.str()).scalar("SELECT count(*) FROM changes WHERE deleted = 1 AND entity = 'learner'") == 1);
    auto report = f.b.sync();
    CHECK(f.b.count("SELECT count(*) FROM learners") == 0);

    // Claire's laptop stays away past the horizon: the tombstone goes without her, and she re-snapshots.
    REQUIRE(runHubTool({"--data", f.hub.dir.str(), "prune", "--days=-1", "--offline-days=-1"}) == 0);
    CHECK(HubFile(f.hub.dir.str()).scalar("SELECT count(*) FROM changes WHERE deleted = 1 AND entity = 'learner'") == 0);
    REQUIRE(f.c.count("SELECT count(*) FROM learners") == 1);
    f.c.sync();
    CHECK(f.c.count("SELECT count(*) FROM learners") == 0);
    CHECK(f.c.count("SELECT count(*) FROM session_learners") == 0);
    CHECK(f.c.count("SELECT sum(anonymous_count) FROM sessions") == 6);
    CHECK(totals(*f.c.notebook) == totals(*f.a.notebook));
    for (const char* value : {kLastName, kFirstName, kPhone}) CHECK(filesHolding(f.c.dir.str(), value).empty());
    (void)report;
}

TEST_CASE("withdrawing consent clears name and contact everywhere and keeps the pseudonymous record", "[erasure]") {
    ErasureFleet f;
    f.a.notebook->withdrawConsent(f.learner.id);
    f.a.sync();
    f.b.sync();
    for (auto* laptop : {&f.a, &f.b}) {
        auto l = laptop->notebook->learner(f.learner.id);
        REQUIRE(l);
        CHECK(l->pseudonym == "Bénéficiaire 0042");
        CHECK(l->lastName.empty());
        CHECK(l->phone.empty());
        CHECK(l->consentDate.empty());
        CHECK(l->gender == "feminin");
        for (const char* value : {kFirstName, kPhone}) CHECK(filesHolding(laptop->dir.str(), value).empty());
    }
    for (const char* value : {kFirstName, kPhone}) CHECK(filesHolding(f.hub.dir.str(), value).empty());
    CHECK(HubFile(f.hub.dir.str()).scalar("SELECT count(*) FROM privacy_audit WHERE action = 'withdraw_consent'") == 1);
}

TEST_CASE("the structure's retention period set on the hub clears old identities on the hub and on the laptops",
          "[erasure]") {
    ErasureFleet f;
    // A second learner last seen 400 days ago: past a 12-month period as soon as it is set.
    core::Learner old;
    old.pseudonym = "Bénéficiaire 0043";
    old.lastName = "Oldenbourgault";
    old.phone = "0677889900";
    old.consentDate = "2024-01-05";
    old = f.a.notebook->createLearner(old);
    f.a.notebook->recordSession(sessionWith(old.id, core::addDays(core::today(), -400)));
    f.a.sync();
    f.b.sync();
    REQUIRE(f.b.notebook->learner(old.id)->lastName == "Oldenbourgault");
    REQUIRE(runHubTool({"--data", f.hub.dir.str(), "retention", "set", "--structure", "Centre social Parilly",
                        "--months", "12"}) == 0);
    CHECK(HubFile(f.hub.dir.str()).scalar("SELECT count(*) FROM privacy_audit WHERE action = 'retention'") == 1);
    f.a.sync();
    f.b.sync();
    for (auto* laptop : {&f.a, &f.b}) {
        CHECK(laptop->notebook->learner(old.id)->lastName.empty());
        CHECK(laptop->notebook->learner(old.id)->pseudonym == "Bénéficiaire 0043");
        CHECK(laptop->notebook->learner(f.learner.id)->lastName == kLastName);  // seen yesterday: kept
        CHECK(filesHolding(laptop->dir.str(), "Oldenbourgault").empty());
        CHECK(filesHolding(laptop->dir.str(), "0677889900").empty());
    }
    CHECK(filesHolding(f.hub.dir.str(), "Oldenbourgault").empty());

    // The last session was yesterday: a one-month period keeps the identity.
    REQUIRE(runHubTool({"--data", f.hub.dir.str(), "retention", "set", "--structure", "Centre social Parilly",
                        "--months", "1"}) == 0);
    f.b.sync();
    CHECK(f.b.notebook->retentionMonths() == 1);
    CHECK(f.b.notebook->learner(f.learner.id)->lastName == kLastName);
    // Past the period (as if a year went by), the laptop clears it by itself, counted without names.
    CHECK(f.b.notebook->expireIdentities(1, core::addDays(core::today(), 400)) == 1);
    CHECK(f.b.notebook->learner(f.learner.id)->lastName.empty());
    CHECK(f.b.notebook->learner(f.learner.id)->pseudonym == "Bénéficiaire 0042");
    CHECK(filesHolding(f.b.dir.str(), kLastName).empty());
}

TEST_CASE("a learner's access export reaches the hub's privacy audit with who asked, and never a value", "[erasure][audit]") {
    ErasureFleet f;
    auto dossier = f.c.notebook->learnerDossierJson(f.learner.id);
    CHECK(dossier.find(kLastName) != std::string::npos);  // the export itself holds everything
    f.c.sync();
    CHECK(f.c.notebook->outbox().pendingCount() == 0);
    HubFile hub(f.hub.dir.str());
    CHECK(hub.scalar("SELECT count(*) FROM privacy_audit WHERE action = 'export' AND entity = 'learner' AND record_id = '" +
                     f.learner.id + "' AND login = 'claire' AND note = 'format: json'") == 1);
    // The hub holds the learner (not erased), but neither its audit table nor its audit log holds a value.
    for (const char* value : {kFirstName, kLastName, kPhone}) {
        CHECK(hub.scalar(std::string("SELECT count(*) FROM privacy_audit WHERE note LIKE '%") + value + "%'") == 0);
        for (const auto& file : filesHolding(f.hub.dir.str(), value)) CHECK(file.find("audit") == std::string::npos);
    }
}

TEST_CASE("a forged access export naming another structure's learner is refused and audits nothing", "[erasure][audit][hostile]") {
    ErasureFleet f;
    f.hub.addUser("denis", "adviser", "Médiathèque Bron", "metropole-lyon");
    Laptop d;
    d.enroll(f.hub, "denis");
    {
        auto tx = d.notebook->transaction();
        d.notebook->outbox().append("privacy_event", "forged-export-1", "create",
                                    {{"action", "export"}, {"learner_id", f.learner.id}, {"format", "json"}});
        d.notebook->outbox().append("privacy_event", "forged-export-2", "create",
                                    {{"action", "erase"}, {"learner_id", f.learner.id}, {"format", "json"}});
        d.notebook->outbox().append("privacy_event", "forged-export-3", "create",
                                    {{"action", "export"}, {"learner_id", "../../etc"}, {"format", "json"}});
        tx.commit();
    }
    d.sync();
    CHECK(HubFile(f.hub.dir.str()).scalar("SELECT count(*) FROM privacy_audit WHERE login = 'denis'") == 0);
    CHECK(d.notebook->outbox().pendingCount() == 3);  // refused, kept with their reason for the adviser to see
}
