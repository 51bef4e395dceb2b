// A test's own connection to a notebook's file, for the raw SQL checks and set-ups the app no longer offers.
#pragma once

#include <cstdint>
#include <string>

#include "app/notebook.hpp"
#include "core/competence_framework.hpp"
#include "core/vocabulary.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "support/temp_dir.hpp"

namespace mediane::test {

// Usage: CHECK(test::NotebookSql(*notebook).scalarInt("SELECT count(*) FROM outbox") == 3);
// A second connection, as the sync engine and the dashboard's reader thread open: WAL lets it read and write
// beside the notebook's, and an encrypted notebook opens too once its key is registered in the process.
// Temp tables and temp triggers belong to one connection: the notebook never sees this one's.
class NotebookSql : public store::Database {
public:
    explicit NotebookSql(app::Notebook& notebook) : store::Database(notebook.dataFile()) {}
};

// One value from a one-row query, on a connection opened for it.
inline std::int64_t sqlInt(app::Notebook& notebook, const std::string& sql) {
    return NotebookSql(notebook).scalarInt(sql);
}

// Back to schema 14's tables: what schema 15 adds (the counts kept by triggers) is dropped, as on a laptop not yet
// upgraded. The caller sets user_version.
inline void dropKeptCounts(store::Database& db) {
    db.exec("DROP TABLE record_counts; DROP TABLE pass_stock; DROP TABLE cheque_use_months;");
    for (const char* trigger : {"learners_counted", "learners_uncounted", "sessions_counted", "sessions_uncounted",
                                "pass_cheques_counted", "pass_cheques_uncounted", "places_counted", "places_uncounted",
                                "assessments_counted", "assessments_uncounted", "pass_stock_insert", "pass_stock_delete",
                                "pass_stock_update", "cheque_use_insert", "cheque_use_delete", "cheque_use_update"})
        db.exec(std::string("DROP TRIGGER ") + trigger);
}

// The notebook in file reopened on a connection the test keeps a hand on, for what SQLite keeps per connection
// and a second connection cannot reach (PRAGMA max_page_count, to fake a full disk). The notebook owns it.
inline std::unique_ptr<app::Notebook> openOnConnection(std::string file, store::Database*& connection) {
    auto db = std::make_unique<store::Database>(file);
    store::migrate(*db);
    connection = db.get();
    return std::make_unique<app::Notebook>(std::move(db),
                                           core::Vocabularies::loadFile(assetsDir() + "/vocab/vocabularies.json"),
                                           core::CompetenceFramework::loadFile(assetsDir() + "/vocab/crcn.json"));
}

}  // namespace mediane::test
