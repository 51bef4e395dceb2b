// The status view of refused changes: counted apart from what waits, amber instead of « Synchronisé », explained.
#include <catch2/catch.hpp>

#include "app/conflict_scope.hpp"
#include "app/refused_changes.hpp"
#include "notebook_fixture.hpp"
#include "store/local_conflicts.hpp"

using namespace mediane;
using State = sync::SyncStatus::State;

namespace {
core::Translator french() { return core::Translator::load(std::string(MEDIANE_TEST_ASSETS) + "/i18n", "fr"); }
core::Translator english() { return core::Translator::load(std::string(MEDIANE_TEST_ASSETS) + "/i18n", "en"); }
sync::SyncStatus in(State state) {
    sync::SyncStatus s;
    s.state = state;
    return s;
}
}  // namespace

TEST_CASE("a synced line turns amber and counts refused changes instead of saying Synchronisé") {
    auto tr = french();
    auto synced = app::describeSync(true, in(State::Synced), -1, "2025-03-04T10:00:00Z", tr);
    REQUIRE(synced.tone == app::SyncLine::Tone::Ok);
    auto line = app::withRefusals(synced, 10, tr);
    CHECK(line.tone == app::SyncLine::Tone::Warning);
    CHECK(line.text == "10 modifications refusées par le hub");
    CHECK(line.showRefusals);
    CHECK(line.detail.rfind("Synchronisé le 04/03/2025", 0) == 0);  // when it last ran, in the tooltip
    CHECK(app::withRefusals(synced, 1, tr).text == "1 modification refusée par le hub");
    CHECK(app::withRefusals(synced, 1234, tr).text == "1\u202f234 modifications refusées par le hub");
    CHECK(app::withRefusals(synced, 1234, english()).text == "1,234 changes refused by the hub");
}

TEST_CASE("without refused changes the synced line is left as it is") {
    auto tr = french();
    auto synced = app::describeSync(true, in(State::Synced), -1, "2025-03-04T10:00:00Z", tr);
    auto line = app::withRefusals(synced, 0, tr);
    CHECK(line.tone == app::SyncLine::Tone::Ok);
    CHECK(line.text == synced.text);
    CHECK_FALSE(line.showRefusals);
}

TEST_CASE("offline and error lines keep their words and still offer the list of refused changes") {
    auto tr = french();
    auto s = in(State::Offline);
    s.errorKey = "err.sync.network";
    auto line = app::withRefusals(app::describeSync(true, s, 30, "", tr), 3, tr);
    CHECK(line.text == "Hors ligne");
    CHECK(line.showRefusals);
}

TEST_CASE("a refused change reads what it was, why the hub refused it and what to do") {
    auto tr = french();
    store::RefusedOperation booklet = store::splitRefusal("forbidden: this pass_booklet belongs to another structure");
    booklet.entity = "pass_booklet";
    booklet.op = "create";
    store::RefusedOperation odd = store::splitRefusal("weird_code: something new");
    odd.entity = "spaceship";
    odd.op = "launch";
    auto rows = app::describeRefusals({booklet, odd}, tr);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].what == "Carnet Pass numérique\u202f: création");
    CHECK(rows[0].reason.find("autre structure") != std::string::npos);
    CHECK(rows[0].todo.find("coordinateur") != std::string::npos);
    // A reason this version does not know: the hub's own words, and a safe generic next step.
    CHECK(rows[1].reason.find("something new") != std::string::npos);
    CHECK(rows[1].what.find("spaceship") != std::string::npos);
    CHECK(!rows[1].todo.empty());
}

TEST_CASE("a stored refusal splits into the hub's code and its words") {
    auto r = store::splitRefusal("payload_too_large: this change is larger than the hub accepts");
    CHECK(r.reason == "payload_too_large");
    CHECK(r.message == "this change is larger than the hub accepts");
    auto plain = store::splitRefusal("Something Else: with words");
    CHECK(plain.reason.empty());
    CHECK(plain.message == "Something Else: with words");
}

TEST_CASE("the notebook counts refused changes apart and lists them with their reason") {
    test::NotebookFixture f;
    {
        test::NotebookSql sql(*f.notebook);
        sql.exec("UPDATE outbox SET state = 'error', error = 'forbidden: this pass_booklet belongs to another structure' "
                 "WHERE entity = 'pass_booklet'");
    }
    auto s = f.notebook->status();
    CHECK(s.refusedChanges == 1);
    CHECK(s.pendingChanges >= 3);
    auto refused = f.notebook->refusedChanges();
    REQUIRE(refused.size() == 1);
    CHECK(refused[0].entity == "pass_booklet");
    CHECK(refused[0].reason == "forbidden");
    CHECK(refused[0].message == "this pass_booklet belongs to another structure");
}

TEST_CASE("an adviser is offered only the conflicts an adviser can decide") {
    store::EnrolledScope adviser{"alice", "adviser", "Centre social Parilly", "http://127.0.0.1:1"};
    store::EnrolledScope coordinator{"claire", "coordinator", "Métropole de Lyon", "http://127.0.0.1:1"};
    store::RemoteConflict learner;
    learner.kind = "hard";
    learner.entity = "learner";
    learner.structure = "Centre social Parilly";
    store::RemoteConflict proposal;
    proposal.kind = "place_proposal";
    proposal.entity = "place";
    proposal.structure = "Centre social Parilly";
    store::RemoteConflict cheque;
    cheque.kind = "over_redemption";
    cheque.entity = "cheque_event";
    cheque.structure = "Centre social Parilly";
    CHECK(app::mayActOn(adviser, learner));
    CHECK_FALSE(app::mayActOn(adviser, proposal));
    CHECK_FALSE(app::mayActOn(adviser, cheque));
    learner.structure = "Espace numérique Croix-Rousse";
    CHECK_FALSE(app::mayActOn(adviser, learner));
    CHECK(app::mayActOn(coordinator, cheque));
    CHECK(app::mayActOn(std::nullopt, proposal));
    // A cheque of theirs redeemed twice is listed for the adviser to know of; a proposal is not.
    CHECK(app::maySee(adviser, cheque));
    CHECK_FALSE(app::maySee(adviser, proposal));
}
