// The shared SQLite library: cached statements lent one user at a time, clean between uses and bounded;
// transactions and savepoints that undo unless kept; SQLite errors under the keys the messages use.
#include "core/error.hpp"
#include "sql/connection.hpp"
#include "sql/transaction.hpp"
#include "store/database.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <functional>
#include <memory>
#include <string>

using namespace mediane;
using mediane::test::TempDir;

namespace {

std::string file(const TempDir& dir, const char* name = "test.sqlite3") { return (dir.path() / name).string(); }

// A table n holding 1, 2, 3.
void fillNumbers(sql::Connection& db) {
    db.exec("CREATE TABLE n (v INTEGER PRIMARY KEY); INSERT INTO n VALUES (1), (2), (3);");
}

std::string errorKey(const std::function<void()>& work) {
    try {
        work();
    } catch (const Error& e) {
        return e.key();
    }
    return "no error";
}

}  // namespace

TEST_CASE("a statement given back is lent again for the same SQL instead of being prepared anew") {
    TempDir dir;
    sql::Connection db(file(dir));
    fillNumbers(db);
    const auto before = db.statementCache();
    for (int i = 0; i < 5; ++i) CHECK(db.scalarInt("SELECT count(*) FROM n") == 3);
    const auto after = db.statementCache();
    CHECK(after.prepared - before.prepared == 1);
    CHECK(after.reused - before.reused == 4);
}

TEST_CASE("a nested loop over the same query gets two cursors, not one shared") {
    TempDir dir;
    sql::Connection db(file(dir));
    fillNumbers(db);
    const char* query = "SELECT v FROM n ORDER BY v";
    int pairs = 0;
    std::int64_t sum = 0;
    {
        auto outer = db.prepare(query);
        while (outer.step()) {
            auto inner = db.prepare(query);
            while (inner.step()) {
                ++pairs;
                sum += outer.columnInt(0) * 10 + inner.columnInt(0);
            }
        }
    }
    CHECK(pairs == 9);
    CHECK(sum == (10 + 20 + 30) * 3 + (1 + 2 + 3) * 3);
    // Each inner loop had a copy of its own, not kept: the cache holds the one statement, free again.
    CHECK(db.statementCache().prepared == 4);
    CHECK(db.statementCache().cached == 1);
    db.prepare(query).step();
    CHECK(db.statementCache().reused == 1);
}

TEST_CASE("what was bound for one use of a statement is not seen by the next") {
    TempDir dir;
    sql::Connection db(file(dir));
    db.prepare("SELECT ?1").bind(1, std::int64_t{42}).step();
    auto again = db.prepare("SELECT ?1 IS NULL");
    REQUIRE(again.step());
    CHECK(again.columnInt(0) == 1);
    {
        auto first = db.prepare("SELECT ?1 IS NULL, ?1");
        first.bind(1, "bound");
        REQUIRE(first.step());
        CHECK(first.columnInt(0) == 0);
    }
    auto second = db.prepare("SELECT ?1 IS NULL, ?1");
    REQUIRE(second.step());
    CHECK(second.columnInt(0) == 1);
    CHECK(db.statementCache().reused >= 1);
}

TEST_CASE("a statement given back in the middle of its rows no longer holds the table") {
    TempDir dir;
    sql::Connection db(file(dir));
    fillNumbers(db);
    {
        auto st = db.prepare("SELECT v FROM n");
        REQUIRE(st.step());
    }
    // A table with a statement still reading it cannot be dropped ("database table is locked").
    CHECK_NOTHROW(db.exec("DROP TABLE n"));
}

TEST_CASE("the cache keeps no more SQL texts than its bound, dropping the least recently used") {
    TempDir dir;
    sql::Options options;
    options.statementCacheSize = 4;
    sql::Connection db(file(dir), options);
    for (int i = 0; i < 10; ++i) db.scalarInt("SELECT " + std::to_string(i));
    auto stats = db.statementCache();
    CHECK(stats.cached == 4);
    CHECK(stats.capacity == 4);
    CHECK(stats.prepared == 10);
    db.scalarInt("SELECT 9");  // among the last four: still there
    CHECK(db.statementCache().reused == 1);
    db.scalarInt("SELECT 0");  // the first one: dropped long ago
    CHECK(db.statementCache().prepared == 11);
    CHECK(db.statementCache().cached == 4);
}

TEST_CASE("statements on loan are never dropped to make room, and stay usable") {
    TempDir dir;
    sql::Options options;
    options.statementCacheSize = 2;
    sql::Connection db(file(dir), options);
    fillNumbers(db);
    auto a = db.prepare("SELECT v FROM n ORDER BY v");
    auto b = db.prepare("SELECT v FROM n ORDER BY v DESC");
    auto c = db.prepare("SELECT count(*) FROM n");  // no room, nothing free to drop: not kept
    CHECK(db.statementCache().cached == 2);
    REQUIRE(a.step());
    REQUIRE(b.step());
    REQUIRE(c.step());
    CHECK(a.columnInt(0) == 1);
    CHECK(b.columnInt(0) == 3);
    CHECK(c.columnInt(0) == 3);
}

TEST_CASE("a cache of size zero prepares every time and keeps nothing") {
    TempDir dir;
    sql::Options options;
    options.statementCacheSize = 0;
    sql::Connection db(file(dir), options);
    db.scalarInt("SELECT 1");
    db.scalarInt("SELECT 1");
    CHECK(db.statementCache().prepared == 2);
    CHECK(db.statementCache().cached == 0);
}

TEST_CASE("a statement that outlives its connection is given back without harm") {
    TempDir dir;
    auto db = std::make_unique<sql::Connection>(file(dir));
    fillNumbers(*db);
    auto st = db->prepare("SELECT v FROM n");
    REQUIRE(st.step());
    db.reset();
    CHECK(st.columnInt(0) >= 1);
}  // st is finalized here, and SQLite frees the connection with it

TEST_CASE("a transaction rolls back unless committed") {
    TempDir dir;
    sql::Connection db(file(dir));
    fillNumbers(db);
    {
        sql::Transaction tx(db);
        db.exec("INSERT INTO n VALUES (4)");
    }
    CHECK(db.scalarInt("SELECT count(*) FROM n") == 3);
    {
        sql::Transaction tx(db);
        db.exec("INSERT INTO n VALUES (4)");
        tx.commit();
    }
    CHECK(db.scalarInt("SELECT count(*) FROM n") == 4);
}

TEST_CASE("a savepoint rolls back what followed it unless released, and the transaction keeps the rest") {
    TempDir dir;
    sql::Connection db(file(dir));
    fillNumbers(db);
    {
        sql::Transaction tx(db);
        db.exec("INSERT INTO n VALUES (4)");
        {
            sql::Savepoint sp(db, "change");
            db.exec("INSERT INTO n VALUES (5)");
        }  // not released: undone
        CHECK(db.scalarInt("SELECT count(*) FROM n") == 4);
        try {
            sql::Savepoint sp(db, "change");
            db.exec("INSERT INTO n VALUES (6)");
            throw Error(Error::Kind::Validation, "err.test");
        } catch (const Error&) {
        }
        CHECK(db.scalarInt("SELECT count(*) FROM n WHERE v = 6") == 0);
        {
            sql::Savepoint sp(db, "change");
            db.exec("INSERT INTO n VALUES (7)");
            sp.release();
        }
        {
            sql::Savepoint sp(db, "a \"quoted\" name");
            db.exec("INSERT INTO n VALUES (8)");
            sp.rollback();
        }
        tx.commit();
    }
    auto values = db.prepare("SELECT group_concat(v, ',') FROM (SELECT v FROM n ORDER BY v)");
    REQUIRE(values.step());
    CHECK(values.columnText(0) == "1,2,3,4,7");
}

TEST_CASE("the notebook's connection offers the shared savepoint under its own name") {
    TempDir dir;
    store::Database db(file(dir));
    db.exec("CREATE TABLE t (x INTEGER)");
    {
        store::Transaction tx(db);
        db.prepare("INSERT INTO t VALUES (?)").bind(1, 1).run();
        {
            store::Savepoint sp(db, "remote_change");
            db.prepare("INSERT INTO t VALUES (?)").bind(1, 2).run();
        }
        tx.commit();
    }
    CHECK(db.scalarInt("SELECT sum(x) FROM t") == 1);
    CHECK(db.statementCache().reused >= 1);  // the second INSERT reused the first one's statement
}

TEST_CASE("SQLite failures are thrown under the key that says what happened") {
    TempDir dir;
    sql::Connection db(file(dir));
    db.exec("CREATE TABLE u (k TEXT PRIMARY KEY)");
    db.prepare("INSERT INTO u VALUES (?)").bind(1, "a").run();

    SECTION("a constraint refused is a write error naming the SQL") {
        try {
            db.prepare("INSERT INTO u VALUES (?)").bind(1, "a").run();
            FAIL("no error");
        } catch (const Error& e) {
            CHECK(e.kind() == Error::Kind::Storage);
            CHECK(e.key() == "err.db_write");
            CHECK(e.params().at("sql") == "INSERT INTO u VALUES (?)");
            CHECK(e.params().at("detail").find("UNIQUE") != std::string::npos);
        }
    }
    SECTION("SQL that does not compile is a write error too") {
        CHECK(errorKey([&] { db.prepare("SELEKT 1"); }) == "err.db_write");
        CHECK(errorKey([&] { db.exec("SELEKT 1"); }) == "err.db_write");
    }
    SECTION("another connection holding the write lock is busy") {
        sql::Options impatient;
        impatient.busyTimeoutMs = 0;
        sql::Connection other(file(dir), impatient);
        sql::Transaction holding(db);
        db.exec("INSERT INTO u VALUES ('b')");
        CHECK(errorKey([&] { sql::Transaction tx(other); }) == "err.db_busy");
        CHECK(errorKey([&] { other.prepare("INSERT INTO u VALUES ('c')").run(); }) == "err.db_busy");
    }
    SECTION("a read-only connection refuses a write") {
        sql::Options readOnly;
        readOnly.access = sql::Options::Access::ReadOnly;
        sql::Connection reader(file(dir), readOnly);
        CHECK(errorKey([&] { reader.exec("INSERT INTO u VALUES ('c')"); }) == "err.db_readonly");
    }
    SECTION("a file that is not a database is unreadable") {
        auto junk = file(dir, "junk.sqlite3");
        std::ofstream(junk) << std::string(4096, 'x');
        sql::Connection notADatabase(junk);
        CHECK(errorKey([&] { notADatabase.scalarInt("SELECT count(*) FROM sqlite_master"); }) == "err.db_unreadable");
    }
    SECTION("a file that cannot be opened is unreadable, naming the file") {
        sql::Options readOnly;
        readOnly.access = sql::Options::Access::ReadOnly;
        auto missing = file(dir, "missing.sqlite3");
        try {
            sql::Connection absent(missing, readOnly);
            FAIL("no error");
        } catch (const Error& e) {
            CHECK(e.key() == "err.db_unreadable");
            CHECK(e.params().at("file") == missing);
        }
    }
}

TEST_CASE("a connection given its own error mapping throws its errors, told which call failed") {
    TempDir dir;
    sql::Options options;
    options.errors = [](const sql::Failure& f) {
        const char* stage = f.stage == sql::Stage::Prepare ? "prepare"
                            : f.stage == sql::Stage::Step  ? "step"
                            : f.stage == sql::Stage::Exec  ? "exec"
                                                           : "other";
        return Error(Error::Kind::Storage, "err.own", {{"stage", stage}, {"code", std::to_string(f.code & 0xFF)}});
    };
    sql::Connection db(file(dir), options);
    db.exec("CREATE TABLE u (k TEXT PRIMARY KEY); INSERT INTO u VALUES ('a');");
    try {
        db.exec("INSERT INTO u VALUES ('a')");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.key() == "err.own");
        CHECK(e.params().at("stage") == "exec");
        CHECK(e.params().at("code") == "19");  // SQLITE_CONSTRAINT
    }
    try {
        db.prepare("INSERT INTO nowhere VALUES (1)");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.params().at("stage") == "prepare");
    }
}
