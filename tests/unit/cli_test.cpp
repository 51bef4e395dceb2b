// The `mediane` command line as a process: exit codes, messages on stderr, data left untouched.
#include "support/temp_dir.hpp"
#include "support/file_text.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <sys/wait.h>

using namespace mediane;

namespace {

using test::quoted;
using test::slurp;

struct Run {
    int exitCode = -1;
    std::string out, err;
};



// Runs the built binary with English messages, capturing stdout and stderr in files of `dir`.
Run runMediane(const test::TempDir& dir, const std::vector<std::string>& args) {
    std::string command = quoted(MEDIANE_BINARY) + " --lang en";
    for (const auto& a : args) {
        command += ' ';
        command += quoted(a);  // appended separately: `" " + std::string&&` trips a g++ 12 -Wrestrict false positive
    }
    auto out = dir.path() / "stdout.txt", err = dir.path() / "stderr.txt";
    command.append(" > ").append(quoted(out.string())).append(" 2> ").append(quoted(err.string()));
    int status = std::system(command.c_str());
    Run run;
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = slurp(out);
    run.err = slurp(err);
    return run;
}

}  // namespace

TEST_CASE("the CLI refuses an unknown export kind with a clear message") {
    test::TempDir dir;
    auto data = (dir.path() / "data").string();
    auto run = runMediane(dir, {"--data", data, "export", "beneficiaires", "--format", "csv"});
    CHECK(run.exitCode != 0);
    CHECK(run.out.empty());
    CHECK(run.err.find("beneficiaires") != std::string::npos);
    CHECK(run.err.find("sessions, learners, cheques") != std::string::npos);
}

TEST_CASE("the CLI refuses a bad export format with a clear message") {
    test::TempDir dir;
    auto data = (dir.path() / "data").string();
    auto run = runMediane(dir, {"--data", data, "export", "sessions", "--format", "xml"});
    CHECK(run.exitCode != 0);
    CHECK(run.out.empty());
    CHECK(run.err.find("Unknown export format \"xml\"") != std::string::npos);
}

TEST_CASE("the CLI reports an unreadable data file and leaves it byte-identical") {
    test::TempDir dir;
    auto data = dir.path() / "data";
    std::filesystem::create_directories(data);
    auto file = data / "mediane.sqlite";
    const std::string content = "Ceci n'est pas une base de données.\nListe des bénéficiaires : à recopier\n";
    {
        std::ofstream text(file, std::ios::binary);
        text << content;
    }
    for (const char* kind : {"sessions", "learners", "cheques"}) {
        auto run = runMediane(dir, {"--data", data.string(), "export", kind, "--format", "json"});
        CHECK(run.exitCode != 0);
        CHECK(run.out.empty());
        CHECK(run.err.find(file.string()) != std::string::npos);
        CHECK(run.err.find("cannot be read") != std::string::npos);
    }
    auto demo = runMediane(dir, {"--data", data.string(), "demo"});
    CHECK(demo.exitCode != 0);
    CHECK(slurp(file) == content);
}

TEST_CASE("the CLI fills a demo notebook once, then exports it") {
    test::TempDir dir;
    auto data = (dir.path() / "data").string();
    auto demo = runMediane(dir, {"--data", data, "demo", "--seed", "3", "--scale", "small"});
    REQUIRE(demo.exitCode == 0);
    auto summary = nlohmann::json::parse(demo.out);
    CHECK(summary["sessions"] == 2000);
    CHECK(summary["seed"] == 3);
    CHECK(summary["elapsed_seconds"].is_number());

    auto again = runMediane(dir, {"--data", data, "demo"});
    CHECK(again.exitCode != 0);
    CHECK(again.err.find("already holds data") != std::string::npos);

    auto sessions = runMediane(dir, {"--data", data, "export", "sessions", "--format", "json"});
    REQUIRE(sessions.exitCode == 0);
    CHECK(nlohmann::json::parse(sessions.out).size() == 2000);

    auto learners = runMediane(dir, {"--data", data, "export", "learners", "--format", "csv"});
    REQUIRE(learners.exitCode == 0);
    CHECK(learners.out.rfind("id,pseudonym,consent_date,", 0) == 0);
    CHECK(learners.out.find("first_name") == std::string::npos);

    auto bad = runMediane(dir, {"--data", data, "demo", "--scale", "huge"});
    CHECK(bad.exitCode != 0);
    CHECK(bad.err.find("huge") != std::string::npos);
}

TEST_CASE("a command-line typo gets a translated message and exit code 2") {
    test::TempDir dir;
    auto data = (dir.path() / "data").string();

    auto typo = runMediane(dir, {"--data", data, "exprot"});
    CHECK(typo.exitCode == 2);
    CHECK(typo.err.find("“exprot” is not recognised.") != std::string::npos);
    CHECK(typo.err.find("export") != std::string::npos);
    CHECK(typo.err.find("--help") != std::string::npos);

    auto option = runMediane(dir, {"--data", data, "status", "--verbose"});
    CHECK(option.exitCode == 2);
    CHECK(option.err.find("“--verbose” is not an option of “mediane status”") != std::string::npos);

    auto missing = runMediane(dir, {"--data", data, "demo", "--seed"});
    CHECK(missing.exitCode == 2);
    CHECK(missing.err.find("The option --seed needs a value.") != std::string::npos);

    auto notNumber = runMediane(dir, {"--data", data, "demo", "--seed", "abc"});
    CHECK(notNumber.exitCode == 2);
    CHECK(notNumber.err.find("“abc” does not fit --seed.") != std::string::npos);

    auto noKind = runMediane(dir, {"--data", data, "export"});
    CHECK(noKind.exitCode == 2);
    CHECK(noKind.err.find("“mediane export” expects one of:") != std::string::npos);

    auto badLang = runMediane(dir, {"--data", data, "--lang", "de", "status"});
    CHECK(badLang.exitCode == 2);
    CHECK(badLang.err.find("possible value for --lang") != std::string::npos);

    for (const auto& run : {typo, option, missing, notNumber, noKind, badLang}) {
        CHECK(run.out.empty());
        CHECK(run.err.find("The following argument") == std::string::npos);  // not CLI11's English
        CHECK(run.err.find("Run with --help") == std::string::npos);
    }
    CHECK_FALSE(std::filesystem::exists(dir.path() / "data" / "mediane.sqlite"));
}

TEST_CASE("a command-line typo is explained in French by default") {
    test::TempDir dir;
    auto data = (dir.path() / "data").string();
    auto out = dir.path() / "o.txt", err = dir.path() / "e.txt";
    std::string command = test::quoted(MEDIANE_BINARY) + " --data " + test::quoted(data) + " exprot > " +
                          test::quoted(out.string()) + " 2> " + test::quoted(err.string());
    int status = std::system(command.c_str());
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 2);
    CHECK(slurp(err).find("« exprot » n’est pas reconnu.") != std::string::npos);
}

TEST_CASE("help and version still exit 0") {
    test::TempDir dir;
    CHECK(runMediane(dir, {"--help"}).exitCode == 0);
    CHECK(runMediane(dir, {"export", "--help"}).exitCode == 0);
    CHECK(runMediane(dir, {"--version"}).exitCode == 0);
}

TEST_CASE("the CLI exports CSV for French spreadsheets with --format csv-excel") {
    test::TempDir dir;
    auto data = (dir.path() / "data").string();
    REQUIRE(runMediane(dir, {"--data", data, "demo", "--seed", "5", "--scale", "small"}).exitCode == 0);
    const std::string bom = "\xEF\xBB\xBF";

    auto plain = runMediane(dir, {"--data", data, "export", "learners", "--format", "csv"});
    auto excel = runMediane(dir, {"--data", data, "export", "learners", "--format", "csv-excel"});
    REQUIRE(excel.exitCode == 0);
    CHECK(excel.out.rfind(bom + "id;pseudonym;consent_date;", 0) == 0);
    // Same number of lines as the plain CSV: one per learner, nothing merged or split.
    CHECK(std::count(excel.out.begin(), excel.out.end(), '\n') == std::count(plain.out.begin(), plain.out.end(), '\n'));

    auto report = runMediane(dir, {"--data", data, "export", "activity-report", "--from", "2000-01-01", "--to",
                                   "2100-12-31", "--format", "csv-excel"});
    REQUIRE(report.exitCode == 0);
    CHECK(report.out.rfind(bom, 0) == 0);
    auto header = report.out.substr(0, report.out.find('\n'));
    CHECK(header.find(';') != std::string::npos);
    CHECK(header.find(',') == std::string::npos);

    auto claim = runMediane(dir, {"--data", data, "export", "pass-claim", "--from", "2000-01-01", "--to", "2100-12-31",
                                  "--format", "csv-excel"});
    REQUIRE(claim.exitCode == 0);
    CHECK(claim.out.rfind(bom, 0) == 0);

    auto wrong = runMediane(dir, {"--data", data, "export", "activity-report", "--from", "2000-01-01", "--to",
                                  "2100-12-31", "--format", "xlsx-excel", "--output", (dir.path() / "r.xlsx").string()});
    CHECK(wrong.exitCode == 2);
}

TEST_CASE("the XLSX activity report adds a territory's coverage sheets with --territory, and refuses an unknown one",
          "[coverage]") {
    test::TempDir dir;
    auto data = (dir.path() / "data").string();
    REQUIRE(runMediane(dir, {"--data", data, "demo", "--seed", "3", "--scale", "small"}).exitCode == 0);
    auto xlsx = (dir.path() / "rapport.xlsx").string();
    auto run = runMediane(dir, {"--data", data, "export", "activity-report", "--from", "2000-01-01", "--to", "2100-12-31",
                                "--format", "xlsx", "--output", xlsx, "--territory", "200046977"});
    INFO(run.err);
    REQUIRE(run.exitCode == 0);
    auto listing = dir.path() / "workbook.xml";
    std::string unzip = "unzip -p ";
    unzip.append(test::quoted(xlsx)).append(" xl/workbook.xml > ").append(test::quoted(listing.string()));
    REQUIRE(std::system(unzip.c_str()) == 0);
    CHECK(slurp(listing).find("name=\"Communes with no place\"") != std::string::npos);

    auto unknown = runMediane(dir, {"--data", data, "export", "activity-report", "--from", "2000-01-01", "--to",
                                    "2100-12-31", "--format", "xlsx", "--output", xlsx, "--territory", "123456789"});
    CHECK(unknown.exitCode != 0);
    CHECK(unknown.err.find("123456789") != std::string::npos);
    auto csv = runMediane(dir, {"--data", data, "export", "activity-report", "--from", "2000-01-01", "--to",
                                "2100-12-31", "--territory", "200046977"});
    CHECK(csv.exitCode != 0);
    CHECK(csv.err.find("--territory") != std::string::npos);
}
