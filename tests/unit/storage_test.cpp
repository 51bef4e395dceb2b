#include "core/error.hpp"
#include "notebook_fixture.hpp"
#include "store/migrations.hpp"
#include "store/outbox_operation.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

using namespace mediane;
using mediane::test::NotebookFixture;
using mediane::test::TempDir;

namespace {
std::string readBytes(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string integrity(store::Database& db) {
    auto st = db.prepare("PRAGMA integrity_check");
    return st.step() ? st.columnText(0) : "";
}
}  // namespace

TEST_CASE("the database opens in WAL mode with full sync and foreign keys") {
    NotebookFixture f;
    test::NotebookSql db(*f.notebook);
    auto mode = db.prepare("PRAGMA journal_mode");
    REQUIRE(mode.step());
    CHECK(mode.columnText(0) == "wal");
    CHECK(db.scalarInt("PRAGMA synchronous") == 2);  // FULL
    CHECK(db.scalarInt("PRAGMA foreign_keys") == 1);
    CHECK(store::schemaVersion(db) == store::latestSchemaVersion());
}

TEST_CASE("a file from an older schema is upgraded in place and keeps its data") {
    TempDir dir;
    auto path = (dir.path() / app::Notebook::kDatabaseFile).string();
    {
        store::Database db(path);
        store::migrate(db, 1);
        REQUIRE(store::schemaVersion(db) == 1);
        db.exec("INSERT INTO learners (id, pseudonym, first_name, last_name, consent_date, created_at, updated_at) "
                "VALUES ('0192f0c4-7b1e-7a3c-8d21-5f0e3c9b1a77', 'Ancien', 'Éloïse', 'Gérard', '2024-01-01', "
                "'2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')");
    }
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    test::NotebookSql sql(*notebook);
    CHECK(store::schemaVersion(sql) == store::latestSchemaVersion());
    auto found = notebook->searchLearners("elo");
    REQUIRE(found.size() == 1);
    CHECK(found[0].lastName == "Gérard");
}

TEST_CASE("a file written by a newer Médiane is refused and left untouched") {
    TempDir dir;
    auto path = dir.path() / app::Notebook::kDatabaseFile;
    {
        store::Database db(path.string());
        store::migrate(db);
        db.exec("PRAGMA user_version = 99");
    }
    auto before = readBytes(path);
    try {
        app::Notebook::open(dir.str(), test::assetsDir());
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.key() == "err.db_too_new");
    }
    CHECK(readBytes(path) == before);
}

TEST_CASE("an unreadable data file is reported and left byte-identical") {
    TempDir dir;
    auto path = dir.path() / app::Notebook::kDatabaseFile;
    {
        std::ofstream out(path, std::ios::binary);
        out << "Ceci n'est pas une base de données, mais une liste de courses.\n";
        for (int i = 0; i < 200; ++i) out << "pommes, poires, « abricots »\n";
    }
    auto before = readBytes(path);
    try {
        app::Notebook::open(dir.str(), test::assetsDir());
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.key() == "err.db_unreadable");
        CHECK(e.params().at("file") == path.string());
    }
    CHECK(readBytes(path) == before);
}

TEST_CASE("every change is written with its outbox row") {
    NotebookFixture f;
    auto s = f.makeSession();
    s.chequesRedeemed = {1000};
    core::Assessment a;
    a.learnerId = f.learner.id;
    a.competenceCode = "4.2";
    a.score = 2;
    auto saved = f.notebook->recordSession(s, {a});
    f.notebook->giveCheque(1001, f.learner.id, core::today());

    test::NotebookSql db(*f.notebook);
    auto missing = [&](const std::string& table, const std::string& idColumn) {
        return db.scalarInt("SELECT count(*) FROM " + table + " t WHERE NOT EXISTS "
                            "(SELECT 1 FROM outbox o WHERE o.record_id = t." + idColumn + ")");
    };
    CHECK(missing("learners", "id") == 0);
    CHECK(missing("sessions", "id") == 0);
    CHECK(missing("places", "id") == 0);
    CHECK(missing("pass_booklets", "id") == 0);
    CHECK(missing("cheque_events", "id") == 0);
    CHECK(missing("assessments", "id") == 0);
    // and no outbox row without its record
    CHECK(db.scalarInt("SELECT count(*) FROM outbox o WHERE o.entity = 'session' AND NOT EXISTS "
                       "(SELECT 1 FROM sessions s WHERE s.id = o.record_id)") == 0);
    auto ops = f.notebook->outbox().pending(1000);
    REQUIRE(!ops.empty());
    for (std::size_t i = 1; i < ops.size(); ++i) {
        CHECK(ops[i - 1].seq < ops[i].seq);
        CHECK(ops[i - 1].hlc < ops[i].hlc);
    }
    CHECK(f.notebook->status().pendingChanges == static_cast<std::int64_t>(ops.size()));
    auto sessionOp = f.notebook->outbox().forRecord(saved.id);
    REQUIRE(sessionOp.size() == 1);
    CHECK(sessionOp[0].fields.at("cheques_redeemed") == nlohmann::json::array({1000}));
}

TEST_CASE("a failure in the middle of a save rolls back the whole session") {
    NotebookFixture f;
    // Make the second write of the save (the cheque event) fail, after the session row was inserted.
    // A real trigger, made through a second connection: a temp one would fire on that connection only.
    test::NotebookSql sql(*f.notebook);
    sql.exec("CREATE TRIGGER fail_event BEFORE INSERT ON cheque_events "
             "BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
    auto sessionsBefore = f.count("sessions");
    auto outboxBefore = f.count("outbox");
    auto s = f.makeSession();
    s.chequesRedeemed = {1002};
    CHECK_THROWS_AS(f.notebook->recordSession(s), Error);
    CHECK(f.count("sessions") == sessionsBefore);
    CHECK(f.count("session_learners") == 0);
    CHECK(f.count("session_tags") == 0);
    CHECK(f.count("outbox") == outboxBefore);
    CHECK(f.notebook->passStore().findByNumber(1002)->state == core::ChequeState::InStock);
    CHECK(f.notebook->settings().get("last_duration").empty());

    sql.exec("DROP TRIGGER fail_event");
    CHECK_NOTHROW(f.notebook->recordSession(s));
}

TEST_CASE("a full disk refuses the save with a clear error and leaves the data intact") {
    NotebookFixture f;
    for (int i = 0; i < 20; ++i) f.notebook->recordSession(f.makeSession());
    // SQLite keeps max_page_count per connection: the notebook is reopened on one this test holds.
    store::Database* connection = nullptr;
    f.notebook = test::openOnConnection(f.notebook->dataFile(), connection);
    auto& db = *connection;
    auto sessionsBefore = f.count("sessions");
    auto outboxBefore = f.count("outbox");
    // No page may be added from now on: the next growing write gets SQLITE_FULL, as on a full disk.
    db.exec("PRAGMA max_page_count = " + std::to_string(db.scalarInt("PRAGMA page_count")));

    std::string key;
    for (int i = 0; i < 200 && key.empty(); ++i) {
        auto s = f.makeSession();
        s.notes = std::string(3000, 'n');
        try {
            f.notebook->recordSession(s);
        } catch (const Error& e) {
            key = e.key();
        }
    }
    CHECK(key == "err.disk_full");
    db.exec("PRAGMA max_page_count = 1073741823");
    CHECK(integrity(db) == "ok");
    // Whatever was saved before the disk filled up is still there, each with its outbox row.
    CHECK(f.count("sessions") >= sessionsBefore);
    CHECK(f.count("outbox") - outboxBefore == f.count("sessions") - sessionsBefore);
    CHECK_NOTHROW(f.notebook->recordSession(f.makeSession()));
}

TEST_CASE("the data survives closing and reopening the notebook") {
    TempDir dir;
    std::string sessionId;
    {
        auto nb = app::Notebook::open(dir.str(), test::assetsDir());
        auto place = nb->addPlace({"", "Bus numérique", "ITINERANT", "", "", "Bron"});
        auto learner = nb->createLearner(NotebookFixture::makeLearner("Bénéficiaire 0042"));
        core::Session s;
        s.date = core::today();
        s.placeId = place.id;
        s.learnerIds = {learner.id};
        s.themes = {"email"};
        sessionId = nb->recordSession(s).id;
    }
    auto nb = app::Notebook::open(dir.str(), test::assetsDir());
    CHECK(nb->session(sessionId).has_value());
    CHECK(nb->status().pendingChanges == 3);
}
