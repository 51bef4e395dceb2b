// The status bar's sync line for each state of the worker, in French: what the adviser reads and what to do.
#include <catch2/catch.hpp>

#include "app/sync_status.hpp"
#include "core/calendar.hpp"

using namespace mediane;
using State = sync::SyncStatus::State;

namespace {
core::Translator french() { return core::Translator::load(std::string(MEDIANE_TEST_ASSETS) + "/i18n", "fr"); }
sync::SyncStatus in(State state) {
    sync::SyncStatus s;
    s.state = state;
    return s;
}
}  // namespace

TEST_CASE("the sync line reads syncing n of m with grouped thousands while pushing") {
    auto tr = french();
    auto s = in(State::Syncing);
    s.done = 1200;
    s.total = 4051;
    auto line = app::describeSync(true, s, -1, "", tr);
    CHECK(line.text == "Synchronisation 1\xE2\x80\xAF" "200 sur 4\xE2\x80\xAF" "051\xE2\x80\xA6");
    CHECK(line.tone == app::SyncLine::Tone::Busy);
    CHECK_FALSE(line.canSyncNow);
}

TEST_CASE("the sync line shows the local time of a sync made today") {
    auto tr = french();
    auto line = app::describeSync(true, in(State::Synced), 300, core::nowUtc(), tr);
    REQUIRE(line.text.rfind("Synchronisé à ", 0) == 0);
    CHECK(line.text.size() == std::string("Synchronisé à 14:05").size());
    auto older = app::describeSync(true, in(State::Idle), -1, "2025-03-04T10:00:00Z", tr);
    CHECK(older.text.rfind("Synchronisé le 04/03/2025 à ", 0) == 0);
}

TEST_CASE("an expired session tells the adviser to enroll again, with the full message aside") {
    auto tr = french();
    auto s = in(State::Error);
    s.errorKey = "err.sync.unauthorized";
    auto line = app::describeSync(true, s, -1, "", tr);
    CHECK(line.text == "Session expirée\u202f: réinscrivez cet ordinateur (mediane enroll)");
    CHECK(line.tone == app::SyncLine::Tone::Error);
    CHECK(line.detail.find("Vos saisies sont conservées") != std::string::npos);
    CHECK(line.canSyncNow);
}

TEST_CASE("offline says when the worker tries again, in minutes past a minute") {
    auto tr = french();
    auto s = in(State::Offline);
    s.errorKey = "err.sync.network";
    s.errorParams = {{"hub", "https://hub"}, {"detail", "refused"}};
    CHECK(app::describeSync(true, s, 42, "", tr).hint.find("nouvel essai dans 42 s") != std::string::npos);
    CHECK(app::describeSync(true, s, 130, "", tr).hint.find("nouvel essai dans 3 min") != std::string::npos);
    CHECK(app::describeSync(true, s, 130, "", tr).text == "Hors ligne");
}

TEST_CASE("a notebook with no sync worker reads not enrolled with the enroll command") {
    auto tr = french();
    auto line = app::describeSync(false, {}, -1, "", tr);
    CHECK(line.text == "Non inscrit auprès du hub");
    CHECK(line.hint.find("mediane enroll --hub") != std::string::npos);
    CHECK_FALSE(line.canSyncNow);
}
