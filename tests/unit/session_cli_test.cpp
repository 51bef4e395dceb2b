// `mediane session add|edit|delete` as a process: JSON on stdin, the id on stdout, exit 2 and nothing written on bad input.
#include "support/file_text.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

using namespace mediane;

namespace {
using test::quoted;
using test::slurp;

struct Run {
    int exitCode = -1;
    std::string out, err;
};

// Runs the built binary in English with `input` on stdin.
Run runWithInput(const test::TempDir& dir, const std::vector<std::string>& args, const std::string& input = "") {
    auto in = dir.path() / "stdin.txt", out = dir.path() / "stdout.txt", err = dir.path() / "stderr.txt";
    std::ofstream(in) << input;
    std::string command = quoted(MEDIANE_BINARY) + " --lang en";
    for (const auto& a : args) {
        command += ' ';
        command += quoted(a);
    }
    command.append(" < ").append(quoted(in.string()));
    command.append(" > ").append(quoted(out.string())).append(" 2> ").append(quoted(err.string()));
    int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
}

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    return s;
}

nlohmann::json exportedSessions(const test::TempDir& dir, const std::string& data) {
    return nlohmann::json::parse(runWithInput(dir, {"--data", data, "export", "sessions", "--format", "json"}).out);
}

const char* kRemoteSession =
    R"({"date": "2026-11-30", "duration_minutes": 30, "kind": "individuel", "place_mode": "a_distance",
        "themes": ["email"], "anonymous_count": 1})";
}  // namespace

TEST_CASE("session add records a session from JSON on stdin and prints its id", "[cli][corrections]") {
    test::TempDir dir;
    auto data = (dir.path() / "data").string();
    auto run = runWithInput(dir, {"--data", data, "session", "add"}, kRemoteSession);
    REQUIRE(run.exitCode == 0);
    auto id = trimmed(run.out);
    auto sessions = exportedSessions(dir, data);
    REQUIRE(sessions.size() == 1);
    CHECK(sessions[0]["id"] == id);
    CHECK(sessions[0]["duration_minutes"] == 30);
}

TEST_CASE("session edit replaces the given fields only, and an exported object can be sent back", "[cli][corrections]") {
    test::TempDir dir;
    auto data = (dir.path() / "data").string();
    auto id = trimmed(runWithInput(dir, {"--data", data, "session", "add"}, kRemoteSession).out);
    auto run = runWithInput(dir, {"--data", data, "session", "edit", id}, R"({"duration_minutes": 50, "notes": "corrigée"})");
    REQUIRE(run.exitCode == 0);
    auto exported = exportedSessions(dir, data)[0];
    CHECK(exported["duration_minutes"] == 50);
    CHECK(exported["notes"] == "corrigée");
    CHECK(exported["themes"] == nlohmann::json::array({"email"}));
    exported["duration_minutes"] = 55;
    REQUIRE(runWithInput(dir, {"--data", data, "session", "edit", id}, exported.dump()).exitCode == 0);
    CHECK(exportedSessions(dir, data)[0]["duration_minutes"] == 55);
}

TEST_CASE("session add and edit refuse bad input with exit 2, a message naming the field, and write nothing",
          "[cli][corrections]") {
    test::TempDir dir;
    auto data = (dir.path() / "data").string();
    auto id = trimmed(runWithInput(dir, {"--data", data, "session", "add"}, kRemoteSession).out);
    auto before = exportedSessions(dir, data);
    struct Case {
        std::string input, mentions;
    };
    for (const auto& c : std::vector<Case>{{"{\"duration_minutes\": \"long\"}", "duration_minutes"},
                                           {"{\"duree\": 3}", "duree"},
                                           {"{\"duration_minutes\": 0}", "uration"},
                                           {"{\"learner_ids\": [\"nobody\"], \"anonymous_count\": 0}", "learner is not in the notebook"},
                                           {"{\"date\": ", "byte"},
                                           {"[1, 2]", "one JSON object"},
                                           {"{\"cheques_redeemed\": [7]}", "cheques_redeemed"}}) {
        auto run = runWithInput(dir, {"--data", data, "session", "edit", id}, c.input);
        INFO(c.input << " → " << run.err);
        CHECK(run.exitCode == 2);
        CHECK(run.out.empty());
        CHECK(run.err.find(c.mentions) != std::string::npos);
    }
    auto bad = runWithInput(dir, {"--data", data, "session", "add"}, "{\"duration_minutes\": 20}");
    CHECK(bad.exitCode == 2);
    CHECK(exportedSessions(dir, data) == before);
}

TEST_CASE("session delete removes the session, and an unknown id is refused with exit 3", "[cli][corrections]") {
    test::TempDir dir;
    auto data = (dir.path() / "data").string();
    auto id = trimmed(runWithInput(dir, {"--data", data, "session", "add"}, kRemoteSession).out);
    REQUIRE(runWithInput(dir, {"--data", data, "session", "delete", id}).exitCode == 0);
    CHECK(exportedSessions(dir, data).empty());
    auto again = runWithInput(dir, {"--data", data, "session", "delete", id});
    CHECK(again.exitCode == 3);
    CHECK(again.err.find(id) != std::string::npos);
}
