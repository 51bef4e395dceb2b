// Why a notebook did not open, sorted into what to do: damaged, read-only, newer, full disk, busy; never "overwrite it".
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "app/startup_problem.hpp"
#include "notebook_fixture.hpp"
#include "support/file_text.hpp"

using namespace mediane;
using Kind = app::StartupProblemKind;

namespace {
core::Translator french() { return core::Translator::load(test::assetsDir() + "/i18n", "fr"); }

Error openError(const std::string& dir) {
    try {
        app::Notebook::open(dir, test::assetsDir());
    } catch (const Error& e) {
        return e;
    }
    FAIL("the notebook opened");
    return Error(Error::Kind::Io, "none");
}

std::string fileOf(const test::TempDir& dir) { return dir.str() + "/" + app::Notebook::kDatabaseFile; }
}  // namespace

TEST_CASE("a file that is not a notebook is damaged, and the advice keeps it as it is") {
    test::TempDir dir;
    {
        std::ofstream out(fileOf(dir), std::ios::binary);
        for (int i = 0; i < 300; ++i) out << "liste de courses\n";
    }
    auto problem = app::describeStartupProblem(openError(dir.str()), fileOf(dir), french());
    CHECK(problem.kind == Kind::Corrupt);
    CHECK(problem.message.find(fileOf(dir)) != std::string::npos);
    CHECK(problem.nextStep.find("nouveau dossier") != std::string::npos);
    CHECK_FALSE(problem.canRetry);
}

TEST_CASE("a notebook from a newer Médiane says so, and the file is left byte-identical") {
    test::TempDir dir;
    {
        auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
        test::NotebookSql(*notebook).exec("PRAGMA user_version = 999");
    }
    auto before = test::slurp(fileOf(dir));
    auto problem = app::describeStartupProblem(openError(dir.str()), fileOf(dir), french());
    CHECK(problem.kind == Kind::NewerVersion);
    CHECK(problem.message.find("999") != std::string::npos);
    CHECK(problem.nextStep.find("dernière version") != std::string::npos);
    CHECK(test::slurp(fileOf(dir)) == before);
}

TEST_CASE("a write-protected notebook is read-only, never unreadable") {
    auto tr = french();
    // What SQLite reports for a file it may read but not write, whatever the account running the test.
    auto problem = app::describeStartupProblem(
        Error(Error::Kind::Storage, "err.db_readonly", {{"detail", "attempt to write a readonly database"}}),
        "/media/cle/mediane/mediane.sqlite", tr);
    CHECK(problem.kind == Kind::ReadOnly);
    CHECK(problem.title == "Carnet en lecture seule");
    CHECK(problem.nextStep.find("/media/cle/mediane") != std::string::npos);
    CHECK(problem.canRetry);
    // The same vague "unreadable" from SQLite on a file this account cannot write is read-only too.
    if (::geteuid() != 0) {
        test::TempDir dir;
        { app::Notebook::open(dir.str(), test::assetsDir()); }
        std::filesystem::permissions(dir.path(), std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
        auto kind = app::classifyStartupError(Error(Error::Kind::Storage, "err.db_unreadable"), fileOf(dir));
        std::filesystem::permissions(dir.path(), std::filesystem::perms::owner_all);
        CHECK(kind == Kind::ReadOnly);
    }
}

TEST_CASE("a full disk and a notebook held by another window each get their own message and a retry") {
    auto tr = french();
    auto full = app::describeStartupProblem(Error(Error::Kind::Storage, "err.disk_full"), "/tmp/x/mediane.sqlite", tr);
    CHECK(full.kind == Kind::DiskFull);
    CHECK(full.nextStep.find("Libérez de la place") != std::string::npos);
    CHECK(full.canRetry);
    auto busy = app::describeStartupProblem(Error(Error::Kind::Storage, "err.db_busy"), "/tmp/x/mediane.sqlite", tr);
    CHECK(busy.kind == Kind::Locked);
    CHECK(busy.nextStep.find("Fermez l\u2019autre fenêtre") != std::string::npos);
    CHECK(busy.canRetry);
}

TEST_CASE("no startup advice suggests restoring or copying a backup over the notebook") {
    auto tr = french();
    std::set<std::string> titles;
    for (const char* key : {"err.db_unreadable", "err.db_readonly", "err.db_too_new", "err.disk_full", "err.db_busy"}) {
        auto p = app::describeStartupProblem(Error(Error::Kind::Storage, key, {{"version", "99"}}), "/nowhere/mediane.sqlite", tr);
        INFO(key << ": " << p.nextStep);
        CHECK(p.kind != Kind::Other);
        CHECK(p.nextStep.find("restaurez") == std::string::npos);
        bool overwriteAdvised = p.nextStep.find("par-dessus") != std::string::npos &&
                                p.nextStep.find("n\u2019écrivez rien par-dessus") == std::string::npos;
        CHECK_FALSE(overwriteAdvised);
        titles.insert(p.title);
    }
    CHECK(titles.size() == 5);  // each its own message
}
