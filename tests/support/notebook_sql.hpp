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
