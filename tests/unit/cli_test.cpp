// The `mediane` command line as a process: exit codes, messages on stderr, data left untouched.
#include "support/temp_dir.hpp"
#include "support/file_text.hpp"

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
