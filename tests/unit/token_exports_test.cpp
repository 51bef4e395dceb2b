// No export, report, status output or copy of the notebook file ever carries the device token.
#include "app/notebook.hpp"
#include "store/device_secret.hpp"
#include "store/sync_account_store.hpp"
#include "support/notebook_sql.hpp"
#include "support/temp_dir.hpp"
#include "support/file_text.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>

using namespace mediane;
namespace fs = std::filesystem;

namespace {

using test::quoted;
using test::slurp;

constexpr const char* kToken = "dt_c0ffee5ecret0badcafe9e8d7c6b5a41";



// Runs a shell command; returns its exit status and stdout.
std::pair<int, std::string> shell(const std::string& command, const fs::path& outFile) {
    int status = std::system((command + " > " + quoted(outFile.string()) + " 2>/dev/null").c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(outFile)};
}

std::pair<int, std::string> runMediane(const fs::path& data, const fs::path& outFile, const std::vector<std::string>& args) {
    std::string command = quoted(MEDIANE_BINARY) + " --lang en --data " + quoted(data.string());
    for (const auto& a : args) {
        command += ' ';
        command += quoted(a);
    }
    return shell(command, outFile);
}

unsigned modeOf(const fs::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

}  // namespace

TEST_CASE("exporting everything from an enrolled notebook never writes its device token") {
    test::TempDir dir;
    auto data = dir.path() / "data";
    auto out = dir.path() / "out.txt";
    REQUIRE(runMediane(data, out, {"demo", "--seed", "7"}).first == 0);
    {
        auto notebook = app::Notebook::open(data.string(), test::assetsDir());
        test::NotebookSql db(*notebook);
        store::SyncAccountStore(db, std::make_unique<store::FileDeviceSecret>(data))
            .save({"https://hub.example.org", kToken, "alice", "adviser", "cs-parilly", "", "2025-03-01T09:00:00Z"});
    }
    REQUIRE(slurp(data / store::FileDeviceSecret::kFileName).find(kToken) != std::string::npos);

    const std::vector<std::vector<std::string>> exports = {
        {"export", "sessions", "--format", "json"},
        {"export", "sessions", "--format", "csv"},
        {"export", "learners", "--format", "json", "--with-identity"},
        {"export", "learners", "--format", "csv", "--with-identity"},
        {"export", "cheques", "--format", "json"},
        {"export", "cheques", "--format", "csv"},
        {"export", "directory", "--format", "json"},
        {"export", "directory", "--format", "csv"},
        {"export", "activity-report", "--from", "2000-01-01", "--to", "2100-12-31", "--format", "csv"},
        {"export", "pass-claim", "--from", "2000-01-01", "--to", "2100-12-31"},
        {"status"},
    };
    for (const auto& args : exports) {
        std::string shown;
        for (const auto& a : args) shown += a + " ";
        INFO(shown);
        auto [status, text] = runMediane(data, out, args);
        CHECK(status == 0);
        CHECK_FALSE(text.empty());
        CHECK(text.find(kToken) == std::string::npos);
    }

    // The XLSX report written into the data directory, as the dashboard does: private, and token-free
    // once unzipped (its parts are compressed, so the raw bytes prove nothing).
    fs::create_directories(data / "exports");
    auto xlsx = data / "exports" / "rapport.xlsx";
    REQUIRE(runMediane(data, out, {"export", "activity-report", "--from", "2000-01-01", "--to", "2100-12-31", "--format",
                                "xlsx", "--output", xlsx.string()})
                .first == 0);
    CHECK(modeOf(xlsx) == 0600);
    auto [unzipStatus, unzipped] = shell("unzip -p " + quoted(xlsx.string()), out);
    REQUIRE(unzipStatus == 0);
    CHECK_FALSE(unzipped.empty());
    CHECK(unzipped.find(kToken) == std::string::npos);

    // A copy of the notebook file (a backup, a file sent for support) carries no token either.
    auto file = data / app::Notebook::kDatabaseFile;
    CHECK(slurp(file).find(kToken) == std::string::npos);
    if (fs::exists(file.string() + "-wal")) CHECK(slurp(file.string() + "-wal").find(kToken) == std::string::npos);
}
