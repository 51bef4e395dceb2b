// `mediane pass booklet add|give|cancel|check|redeem` driven as a process: JSON on stdout, exit 2 naming the
// field on bad input (nothing written), exit 3 with the reason on a refusal.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/calendar.hpp"
#include "support/file_text.hpp"
#include "cli_run.hpp"
#include "support/temp_dir.hpp"

using namespace mediane;
using nlohmann::json;

namespace {
using test::firstLine;
using test::runCli;
std::string year() { return core::today().substr(0, 4); }

// A notebook with booklet 7000..7009 of this year and a learner; returns the learner's id.
std::string prepared(const test::TempDir& dir) {
    auto booklet = runCli(dir, {"pass", "booklet", "add", "--first", "7000", "--last", "7009", "--value-cents", "1000",
                                "--funder", "Conseil départemental du Rhône", "--valid-year", year(),
                                "--structure", "Centre social Parilly"});
    REQUIRE(booklet.exitCode == 0);
    auto b = json::parse(booklet.out);
    CHECK(b["funder"] == "Conseil départemental du Rhône");
    CHECK(b["expiry"] == year() + "-12-31");
    auto learner = runCli(dir, {"learner", "add"}, R"({"pseudonym": "Bénéficiaire 0301"})");
    REQUIRE(learner.exitCode == 0);
    return firstLine(learner.out);
}

std::string sessionFor(const test::TempDir& dir, const std::string& learnerId) {
    auto run = runCli(dir, {"session", "add"},
                      json{{"date", core::today()}, {"duration_minutes", 60}, {"kind", "individuel"},
                           {"place_mode", "a_distance"}, {"themes", {"email"}}, {"learner_ids", {learnerId}}}
                          .dump());
    REQUIRE(run.exitCode == 0);
    return firstLine(run.out);
}
}  // namespace

TEST_CASE("pass give, check, cancel and redeem from the command line", "[cli][pass]") {
    test::TempDir dir;
    auto learner = prepared(dir);

    auto given = runCli(dir, {"pass", "give", "--cheque", "7001", "--learner", learner});
    REQUIRE(given.exitCode == 0);
    CHECK(json::parse(given.out)["state"] == "given");

    auto check = runCli(dir, {"pass", "check", "--cheque", "7001"});
    REQUIRE(check.exitCode == 0);
    auto verdict = json::parse(check.out);
    CHECK(verdict["redeemable"] == true);
    CHECK(verdict["redeemable_until"] == std::to_string(std::stoi(year()) + 1) + "-01-31");

    auto cancel = runCli(dir, {"pass", "cancel", "--cheque", "7003", "--to", "7005", "--cause", "stolen",
                               "--reason", "carnet volé dans le bureau"});
    REQUIRE(cancel.exitCode == 0);
    CHECK(json::parse(cancel.out)["cancelled"] == json::array({7003, 7004, 7005}));

    auto refused = json::parse(runCli(dir, {"pass", "check", "--cheque", "7004"}).out);
    CHECK(refused["redeemable"] == false);
    CHECK(refused["reason"]["key"] == "err.cheque_cancelled");
    CHECK(refused["reason"]["message"].get<std::string>().find("carnet volé dans le bureau") != std::string::npos);

    auto session = sessionFor(dir, learner);
    auto redeemed = runCli(dir, {"pass", "redeem", "--cheque", "7001", "--session", session});
    REQUIRE(redeemed.exitCode == 0);
    CHECK(json::parse(redeemed.out)["session_id"] == session);
    auto again = runCli(dir, {"pass", "redeem", "--cheque", "7001", "--session", session});
    CHECK(again.exitCode == 3);
    CHECK(again.err.find("already redeemed") != std::string::npos);
    auto cancelledOne = runCli(dir, {"pass", "redeem", "--cheque", "7005", "--session", session});
    CHECK(cancelledOne.exitCode == 3);
    CHECK(cancelledOne.err.find("cancelled") != std::string::npos);

    // Another structure's cheque: refused without its year, accepted with it.
    auto noYear = runCli(dir, {"pass", "redeem", "--cheque", "990001", "--session", session});
    CHECK(noYear.exitCode == 3);
    CHECK(noYear.err.find("validity year") != std::string::npos);
    auto other = runCli(dir, {"pass", "redeem", "--cheque", "990001", "--session", session, "--valid-year", year()});
    REQUIRE(other.exitCode == 0);
    CHECK(json::parse(other.out)["booklet_id"].is_null());
}

TEST_CASE("pass commands exit 2 naming the field on bad input and write nothing", "[cli][pass]") {
    test::TempDir dir;
    auto learner = prepared(dir);
    auto status = [&] { return json::parse(runCli(dir, {"status"}).out)["pending_changes"]; };
    auto before = status();
    struct Case {
        std::vector<std::string> args;
        std::string mentions;
    };
    for (const auto& c : std::vector<Case>{
             {{"pass", "booklet", "add", "--first", "8000", "--last", "8009", "--value-cents", "1000", "--funder", "F",
               "--valid-year", "20x6", "--structure", "S"}, "Validity year"},
             {{"pass", "booklet", "add", "--first", "8000", "--last", "8009", "--value-cents", "1000", "--valid-year",
               year(), "--structure", "S"}, "Funder"},
             {{"pass", "booklet", "add", "--first", "8000", "--last", "7000", "--value-cents", "1000", "--funder", "F",
               "--valid-year", year(), "--structure", "S"}, "last"},
             {{"pass", "give", "--cheque", "abc", "--learner", learner}, "Cheque number"},
             {{"pass", "give", "--cheque", "7002"}, "Learner"},
             {{"pass", "cancel", "--cheque", "7002", "--reason", "x", "--cause", "burnt"}, "burnt"},
             {{"pass", "cancel", "--cheque", "7002"}, "Cancellation reason"},
             {{"pass", "check", "--cheque", "7002", "--valid-year", "1850"}, "validity year"},
             {{"pass", "redeem", "--cheque", "7002"}, "Session"}}) {
        auto run = runCli(dir, c.args);
        INFO(c.args[1] << " → " << run.err);
        CHECK(run.exitCode == 2);
        CHECK(run.err.find(c.mentions) != std::string::npos);
    }
    CHECK(status() == before);
    auto check = json::parse(runCli(dir, {"pass", "check", "--cheque", "7002"}).out);
    CHECK(check["cheque"]["state"] == "in_stock");
}

TEST_CASE("pass profile, pass service and export conflicts from the command line", "[cli][pass]") {
    test::TempDir dir;
    auto learner = prepared(dir);
    // No profile yet: both roles, the laptop's grace period, no catalogue.
    auto profile = runCli(dir, {"pass", "profile"});
    REQUIRE(profile.exitCode == 0);
    auto p = json::parse(profile.out);
    CHECK(p["distributor"] == true);
    CHECK(p["qualified_place"] == true);
    CHECK(p["grace_days_applied"] == 31);
    CHECK(runCli(dir, {"pass", "service", "list"}).out == "[]\n");
    // Changing them needs a coordinator's account on the hub: refused here, nothing written.
    auto before = json::parse(runCli(dir, {"status"}).out)["pending_changes"];
    auto set = runCli(dir, {"pass", "service", "set", "--code", "atelier-2h", "--label", "Atelier 2 h"});
    CHECK(set.exitCode == 3);
    CHECK(set.err.find("enrol") != std::string::npos);
    CHECK(runCli(dir, {"pass", "profile", "--distributor", "no"}).exitCode == 3);
    CHECK(runCli(dir, {"pass", "profile", "--distributor", "peut-être"}).exitCode == 2);
    CHECK(runCli(dir, {"pass", "service", "set", "--code", "atelier", "--cheques", "0"}).exitCode == 2);
    CHECK(json::parse(runCli(dir, {"status"}).out)["pending_changes"] == before);
    // A service the place does not offer.
    auto session = sessionFor(dir, learner);
    auto unknown = runCli(dir, {"pass", "redeem", "--cheque", "7001", "--session", session, "--service", "atelier"});
    CHECK(unknown.exitCode == 2);
    CHECK(unknown.err.find("atelier") != std::string::npos);

    auto conflicts = runCli(dir, {"export", "conflicts", "--format", "json"});
    REQUIRE(conflicts.exitCode == 0);
    CHECK(json::parse(conflicts.out) == json::array());
    CHECK(runCli(dir, {"export", "conflicts", "--format", "csv"}).exitCode == 2);
}
