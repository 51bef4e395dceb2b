// `mediane export pass-statement|pass-unused` and `import pass-payment` as processes: a bad month or funder
// exits 2 naming the option, a payment file with refused lines exits 3 naming each line and writes nothing.
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

std::string written(const test::TempDir& dir, const std::string& name, const std::string& text) {
    auto path = (dir.path() / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

// Booklet 7000..7009 of this year, funded by the Rhône; cheques 7001 and 7002 redeemed today in one session.
void prepared(const test::TempDir& dir) {
    REQUIRE(runCli(dir, {"pass", "booklet", "add", "--first", "7000", "--last", "7009", "--value-cents", "1000",
                         "--funder", "Conseil départemental du Rhône", "--valid-year", core::today().substr(0, 4),
                         "--structure", "Centre social Parilly"})
                .exitCode == 0);
    auto learner = runCli(dir, {"learner", "add"}, R"({"pseudonym": "Bénéficiaire 0701"})");
    REQUIRE(learner.exitCode == 0);
    auto session = runCli(dir, {"session", "add"},
                          json{{"date", core::today()}, {"duration_minutes", 60}, {"kind", "individuel"},
                               {"place_mode", "a_distance"}, {"themes", {"email"}},
                               {"learner_ids", {firstLine(learner.out)}}}
                              .dump());
    REQUIRE(session.exitCode == 0);
    for (auto cheque : {"7001", "7002"})
        REQUIRE(runCli(dir, {"pass", "redeem", "--cheque", cheque, "--session", firstLine(session.out)}).exitCode == 0);
}
}  // namespace

TEST_CASE("a payment file with refused lines exits 3 naming each line, then a good one pays and the statement shows it",
          "[cli][pass][payment]") {
    test::TempDir dir;
    prepared(dir);
    const auto today = core::today();
    auto bad = written(dir, "bad.csv", "number;amount_cents;paid_on\r\n7001;1000;" + today + "\r\n7003;1000;" + today +
                                           "\r\n7002;1000;31/02/2026\r\n");
    auto refused = runCli(dir, {"import", "pass-payment", bad});
    CHECK(refused.exitCode == 3);
    CHECK(refused.err.find("line 3: Cheque no. 7003 has not been redeemed") == 0);
    CHECK(refused.err.find("line 4: invalid payment date “31/02/2026”") != std::string::npos);
    CHECK(refused.err.find("2 line(s) in error, nothing was recorded") != std::string::npos);
    auto before = runCli(dir, {"export", "pass-statement", "--month", today.substr(0, 7)});
    REQUIRE(before.exitCode == 0);
    CHECK(before.out.find(",paid") == std::string::npos);

    auto good = written(dir, "good.csv", "number,amount_cents,paid_on\n7001,1000," + today + "\n7002,990," + today + "\n");
    auto paid = runCli(dir, {"import", "pass-payment", good});
    REQUIRE(paid.exitCode == 0);
    CHECK(json::parse(paid.out) == json{{"count", 2}, {"total_cents", 1990}});

    auto statement = runCli(dir, {"export", "pass-statement", "--month", today.substr(0, 7), "--format", "csv-excel"});
    REQUIRE(statement.exitCode == 0);
    CHECK(statement.out.rfind("\xEF\xBB\xBFnumber;value_euros;service;redeemed_on;place;structure;state\r\n", 0) == 0);
    // Not enrolled: the structure is not known here; a session at a distance has no place.
    CHECK(statement.out.find("7001;10.00;;" + today + ";;;paid\r\n7002;10.00;;" + today + ";;;paid\r\n") !=
          std::string::npos);
    auto xlsx = (dir.path() / "releve.xlsx").string();
    auto workbook = runCli(dir, {"export", "pass-statement", "--month", today.substr(0, 7), "--format", "xlsx",
                                 "--output", xlsx});
    REQUIRE(workbook.exitCode == 0);
    CHECK(test::slurp(xlsx).rfind("PK", 0) == 0);
}

TEST_CASE("a bad month, format or funder exits 2 naming the option", "[cli][pass][payment]") {
    test::TempDir dir;
    prepared(dir);
    auto month = runCli(dir, {"export", "pass-statement", "--month", "2026-13"});
    CHECK(month.exitCode == 2);
    CHECK(month.err.find("--month") != std::string::npos);
    auto missing = runCli(dir, {"export", "pass-statement"});
    CHECK(missing.exitCode == 2);
    CHECK(missing.err.find("--month") != std::string::npos);
    auto format = runCli(dir, {"export", "pass-statement", "--month", "2026-11", "--format", "pdf"});
    CHECK(format.exitCode == 2);
    auto funder = runCli(dir, {"export", "pass-unused", "--funder", "Métropole"});
    CHECK(funder.exitCode == 2);
    CHECK(funder.err.find("--funder") != std::string::npos);
    CHECK(funder.err.find("« Conseil départemental du Rhône »") != std::string::npos);
    auto unused = runCli(dir, {"export", "pass-unused", "--funder", "Conseil départemental du Rhône"});
    REQUIRE(unused.exitCode == 0);
    CHECK(unused.out == "number,value_euros,valid_year,redeemable_until,state\r\n");  // still redeemable this year
    auto header = runCli(dir, {"import", "pass-payment", written(dir, "x.csv", "numero;montant\n7001;1000\n")});
    CHECK(header.exitCode == 2);
    CHECK(header.err.find("“number”") != std::string::npos);
}
