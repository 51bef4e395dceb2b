// A notebook with the directory services on a fresh on-disk database, and the directory test fixtures' paths.
#pragma once

#include <memory>
#include <string>

#include "app/directory_service.hpp"
#include "app/notebook.hpp"
#include "core/text_file.hpp"
#include "support/notebook_sql.hpp"
#include "support/temp_dir.hpp"

namespace mediane::test {

inline std::string directoryFixture(const std::string& name) {
    return assetsDir() + "/../tests/unit/fixtures/directory/" + name;
}
inline std::string exampleFile() { return assetsDir() + "/directory/exemple-valide.csv"; }

struct DirectoryFixture {
    TempDir dir;
    std::unique_ptr<app::Notebook> notebook = app::Notebook::open(dir.str(), assetsDir());
    app::DirectoryService directory{*notebook, assetsDir()};

    std::int64_t count(const std::string& sql) { return sqlInt(*notebook, sql); }
    std::int64_t placeOutboxRows() { return count("SELECT count(*) FROM outbox WHERE entity = 'place'"); }
};

}  // namespace mediane::test
