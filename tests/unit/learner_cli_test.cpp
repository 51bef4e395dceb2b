// `mediane learner add|edit|erase|withdraw-consent` and `export learner`: JSON on stdin, exit 2 and nothing written on bad input.
#include "support/file_text.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

using namespace mediane;
using test::quoted;
using test::slurp;

namespace {
struct Run {
    int exitCode = -1;
    std::string out, err;
};

Run runCli(const test::TempDir& dir, const std::vector<std::string>& args, const std::string& input = {}) {
    std::string command = quoted(MEDIANE_BINARY) + " --lang en --data " + quoted((dir.path() / "data").string());
    for (const auto& a : args) {
        command += ' ';
        command += quoted(a);
    }
    auto in = dir.path() / "stdin.txt", out = dir.path() / "stdout.txt", err = dir.path() / "stderr.txt";
    std::ofstream(in) << input;
    command.append(" < ").append(quoted(in.string()));
    command.append(" > ").append(quoted(out.string())).append(" 2> ").append(quoted(err.string()));
    int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
}

nlohmann::json learners(const test::TempDir& dir) {
    return nlohmann::json::parse(runCli(dir, {"export", "learners", "--format", "json", "--with-identity"}).out);
}
}  // namespace

TEST_CASE("learner add prints the new id, edit changes only the given fields, export learner holds everything") {
    test::TempDir dir;
    auto added = runCli(dir, {"learner", "add"},
                         R"({"pseudonym": "Bénéficiaire 0101", "first_name": "Odette", "consent_date": "2026-02-01",
                             "gender": "feminin", "birth_year": 1950, "commune": "Vénissieux"})");
    REQUIRE(added.exitCode == 0);
    std::string id = added.out.substr(0, added.out.find('\n'));
    REQUIRE(id.size() == 36);
    auto edited = runCli(dir, {"learner", "edit", id}, R"({"phone": "0612345678"})");
    REQUIRE(edited.exitCode == 0);
    auto all = learners(dir);
    REQUIRE(all.size() == 1);
    CHECK(all[0]["phone"] == "0612345678");
    CHECK(all[0]["first_name"] == "Odette");
    auto dossier = runCli(dir, {"export", "learner", id, "--format", "json"});
    REQUIRE(dossier.exitCode == 0);
    auto d = nlohmann::json::parse(dossier.out);
    CHECK(d["learner"]["first_name"] == "Odette");
    CHECK(d["learner"]["consent_date"] == "2026-02-01");
    CHECK(d["sessions"].is_array());
    CHECK(d["assessments"].is_array());
    CHECK(d["cheques"].is_array());

    auto withdrawn = runCli(dir, {"learner", "withdraw-consent", id});
    REQUIRE(withdrawn.exitCode == 0);
    all = learners(dir);
    CHECK(all[0]["first_name"] == "");
    CHECK(all[0]["phone"] == "");
    CHECK(all[0]["pseudonym"] == "Bénéficiaire 0101");

    REQUIRE(runCli(dir, {"erase", "learner", id}).exitCode == 0);
    CHECK(learners(dir).empty());
    CHECK(runCli(dir, {"learner", "erase", id}).exitCode == 3);  // already gone: not found
}

TEST_CASE("learner add and edit refuse bad input with exit 2, a message naming the problem, and nothing written") {
    test::TempDir dir;
    auto notJson = runCli(dir, {"learner", "add"}, "{pseudonym: nope");
    CHECK(notJson.exitCode == 2);
    CHECK(notJson.err.find("JSON") != std::string::npos);
    auto unknown = runCli(dir, {"learner", "add"}, R"({"pseudonym": "B", "shoe_size": "42"})");
    CHECK(unknown.exitCode == 2);
    CHECK(unknown.err.find("shoe_size") != std::string::npos);
    auto wrongType = runCli(dir, {"learner", "add"}, R"({"pseudonym": "B", "birth_year": "soon"})");
    CHECK(wrongType.exitCode == 2);
    CHECK(wrongType.err.find("birth_year") != std::string::npos);
    auto noConsent = runCli(dir, {"learner", "add"}, R"({"pseudonym": "B", "last_name": "Martin"})");
    CHECK(noConsent.exitCode == 2);
    CHECK(learners(dir).empty());

    auto id = runCli(dir, {"learner", "add"}, R"({"pseudonym": "Bénéficiaire 0102"})").out;
    id = id.substr(0, id.find('\n'));
    CHECK(runCli(dir, {"learner", "edit", id}, R"({"phone": 612})").exitCode == 2);
    CHECK(runCli(dir, {"learner", "edit", id}, R"({"phone": "0612345678"})").exitCode == 2);  // no consent
    CHECK(learners(dir)[0]["phone"] == "");
}
