// The data directory 0700 and every file Médiane writes there 0600, also when an older set-up left them open.
#include "app/notebook.hpp"
#include "core/private_files.hpp"
#include "store/database.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <vector>

#include <sys/stat.h>

using namespace mediane;
using mediane::test::TempDir;
namespace fs = std::filesystem;

namespace {

unsigned modeOf(const fs::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

void touch(const fs::path& p, unsigned mode) {
    { std::ofstream out(p, std::ios::binary); }
    REQUIRE(::chmod(p.c_str(), mode) == 0);
}

// Collects the "permissions tightened" notices instead of printing them; restores stderr after.
struct NoticeLog {
    std::vector<std::string> files;
    NoticeLog() {
        core::setPermissionNotice([this](const std::string& file, unsigned, unsigned) { files.push_back(file); });
    }
    ~NoticeLog() { core::setPermissionNotice(nullptr); }
    bool mentions(const fs::path& p) const {
        for (const auto& f : files)
            if (f == p.string()) return true;
        return false;
    }
};

}  // namespace

TEST_CASE("a new data directory is 0700 and the notebook, its WAL and shared memory are 0600") {
    TempDir dir;
    // A permissive umask, as on many desktops: the modes must not depend on it.
    ::umask(022);
    auto data = dir.path() / "mediane";
    auto notebook = app::Notebook::open(data.string(), test::assetsDir());
    notebook->settings().set("probe", "written");
    auto file = data / app::Notebook::kDatabaseFile;
    CHECK(modeOf(data) == 0700);
    CHECK(modeOf(file) == 0600);
    REQUIRE(fs::exists(file.string() + "-wal"));
    CHECK(modeOf(file.string() + "-wal") == 0600);
    REQUIRE(fs::exists(file.string() + "-shm"));
    CHECK(modeOf(file.string() + "-shm") == 0600);
}

TEST_CASE("a data directory left 0755 with 0644 files is tightened at open, and said once") {
    TempDir dir;
    ::umask(022);
    auto data = dir.path() / "mediane";
    auto file = data / app::Notebook::kDatabaseFile;
    {
        // An older Médiane's notebook: created with the default umask, WAL and shm left behind.
        fs::create_directories(data);
        REQUIRE(::chmod(data.c_str(), 0755) == 0);
        store::Database db(file.string());
        db.exec("CREATE TABLE probe (x)");
    }
    REQUIRE(::chmod(file.c_str(), 0644) == 0);
    touch(file.string() + "-wal", 0644);
    touch(file.string() + "-shm", 0644);

    NoticeLog log;
    auto notebook = app::Notebook::open(data.string(), test::assetsDir());
    CHECK(modeOf(data) == 0700);
    CHECK(modeOf(file) == 0600);
    CHECK(modeOf(file.string() + "-wal") == 0600);
    CHECK(modeOf(file.string() + "-shm") == 0600);
    CHECK(log.mentions(data));
    CHECK(log.mentions(file));
    CHECK(log.mentions(file.string() + "-wal"));

    SECTION("a second open finds nothing to say") {
        notebook.reset();
        log.files.clear();
        auto again = app::Notebook::open(data.string(), test::assetsDir());
        CHECK(log.files.empty());
    }
}

TEST_CASE("an export written into the data directory after the notebook opened is 0600") {
    TempDir dir;
    ::umask(022);
    auto data = dir.path() / "mediane";
    auto notebook = app::Notebook::open(data.string(), test::assetsDir());
    // The dashboard writes its exports under <data>/exports with no mode argument of its own.
    fs::create_directories(data / "exports");
    std::ofstream(data / "exports" / "rapport-activite.csv") << "id\n";
    CHECK(modeOf(data / "exports") == 0700);
    CHECK(modeOf(data / "exports" / "rapport-activite.csv") == 0600);
}

TEST_CASE("a symbolic link in the data directory is not followed when tightening") {
    TempDir dir;
    auto outside = dir.path() / "outside.txt";
    touch(outside, 0644);
    auto link = dir.path() / "mediane.sqlite-wal";
    fs::create_symlink(outside, link);
    NoticeLog log;
    CHECK_FALSE(core::tightenPrivateFile(link));
    CHECK(modeOf(outside) == 0644);
}

TEST_CASE("a private umask is restored when its scope ends") {
    ::umask(022);
    {
        core::PrivateUmask guard;
        CHECK(::umask(077) == 077);
    }
    CHECK(::umask(022) == 022);
}

TEST_CASE("a database opened on its own creates its files 0600 whatever the umask") {
    TempDir dir;
    ::umask(022);
    auto file = dir.path() / "alone.sqlite";
    store::Database db(file.string());
    db.exec("CREATE TABLE probe (x); INSERT INTO probe VALUES (1)");
    CHECK(modeOf(file) == 0600);
    CHECK(modeOf(file.string() + "-wal") == 0600);
    CHECK(modeOf(file.string() + "-shm") == 0600);
    // The scoped umask did not leak into the rest of the process.
    CHECK(::umask(022) == 022);
}

TEST_CASE("a shared sticky folder given as the data directory keeps its mode, its files are still 0600") {
    TempDir dir;
    auto shared = dir.path() / "partage";
    fs::create_directories(shared);
    REQUIRE(::chmod(shared.c_str(), 01777) == 0);
    auto notebook = app::Notebook::open(shared.string(), test::assetsDir());
    CHECK(modeOf(shared) == 01777);
    CHECK(modeOf(shared / app::Notebook::kDatabaseFile) == 0600);
}
