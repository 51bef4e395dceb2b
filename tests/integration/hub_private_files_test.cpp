// The hub's data directory is 0700 and hub.sqlite3 with its WAL and shared memory 0600, also on an older set-up.
#include <catch2/catch.hpp>

#include <filesystem>

#include <sys/stat.h>

#include "hub_fixture.hpp"

using namespace mediane::test;
namespace fs = std::filesystem;

namespace {

unsigned modeOf(const fs::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

void checkPrivate(const fs::path& dir) {
    auto db = dir / "hub.sqlite3";
    CHECK(modeOf(dir) == 0700);
    CHECK(modeOf(db) == 0600);
    REQUIRE(fs::exists(db.string() + "-wal"));
    CHECK(modeOf(db.string() + "-wal") == 0600);
    REQUIRE(fs::exists(db.string() + "-shm"));
    CHECK(modeOf(db.string() + "-shm") == 0600);
}

}  // namespace

TEST_CASE("a new hub keeps its data directory 0700 and its database files 0600", "[hub][at_rest][sqlite-only]") {
    HubFixture f;
    f.addUser("alice", "adviser", "mediatheque-lyon8");
    auto http = f.enroll("alice", "laptop-1");
    REQUIRE(f.push(http, "laptop-1", {learnerCreate("0192f0c4-7b1e-7a3c-8d21-5f0e3c9b1a77", "Ana")}).status == 200);
    checkPrivate(f.dir.path());
}

TEST_CASE("a hub data directory left 0755 with 0644 files is tightened when the hub starts", "[hub][at_rest][sqlite-only]") {
    HubFixture f;
    f.addUser("alice", "adviser", "mediatheque-lyon8");
    auto http = f.enroll("alice", "laptop-1");
    f.hub.reset();
    auto db = f.dir.path() / "hub.sqlite3";
    // As a hub set up by an older resin-hub (or restored from a backup by root) would be.
    REQUIRE(::chmod(f.dir.path().c_str(), 0755) == 0);
    for (const auto& file : {db.string(), db.string() + "-wal", db.string() + "-shm"})
        if (fs::exists(file)) REQUIRE(::chmod(file.c_str(), 0644) == 0);

    f.restart();
    auto again = f.enroll("alice", "laptop-2");
    REQUIRE(f.push(again, "laptop-2", {learnerCreate("0192f0c4-7b1e-7a3c-8d21-5f0e3c9b1a78", "Bea")}).status == 200);
    checkPrivate(f.dir.path());
    CHECK(f.hub->log().find("hub.sqlite3 was open to other accounts") != std::string::npos);
}
