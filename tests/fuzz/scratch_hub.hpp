// A hub database for the fuzz targets: in a scratch folder (tmpfs when there is one, since every batch
// commits with synchronous=FULL), removed at exit, and emptied of its data between inputs so that a crash
// replays from its input alone. Accounts, devices and meta survive unless the caller wipes them too.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sync/hub/hub_database.hpp"
#include "sync/hub/sqlite_hub_store.hpp"

namespace mediane::fuzz {

class ScratchHub {
public:
    // Usage: static auto* hub = new ScratchHub("push"); ... hub->rememberDataTables(); hub->wipeData();
    explicit ScratchHub(const char* name) {
        std::string base = std::filesystem::is_directory("/dev/shm") ? "/dev/shm"
                                                                     : std::filesystem::temp_directory_path().string();
        std::string pattern = base + "/mediane-fuzz-" + name + "-XXXXXX";
        if (!mkdtemp(pattern.data())) std::abort();
        scratchDirs().push_back(pattern);
        static const bool cleanup = (std::atexit([] {
                                         for (const auto& dir : scratchDirs()) std::filesystem::remove_all(dir);
                                     }),
                                     true);
        (void)cleanup;
        m_file = pattern + "/hub.sqlite3";
        m_store = std::make_unique<hub::SqliteHubStore>(m_file);
    }

    hub::SqliteHubStore& store() { return *m_store; }

    // Once the accounts are set up: every table but accounts, devices and meta holds data.
    void rememberDataTables() {
        m_wiper = std::make_unique<hub::HubDatabase>(m_file);
        auto st = m_wiper->prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN "
                                   "('structures', 'users', 'devices', 'meta', 'sqlite_sequence')");
        while (st.step()) m_dataTables.push_back(st.columnText(0));
    }

    // Empties the data tables (and runs alsoSql in the same transaction, e.g. "DELETE FROM devices;").
    void wipeData(const std::string& alsoSql = {}) {
        std::string sql = "BEGIN;";
        for (const auto& table : m_dataTables) sql += "DELETE FROM \"" + table + "\";";
        sql += "DELETE FROM sqlite_sequence;" + alsoSql + "COMMIT;";
        m_wiper->exec(sql);
    }

private:
    static std::vector<std::string>& scratchDirs() {
        static std::vector<std::string> dirs;
        return dirs;
    }

    std::string m_file;
    std::unique_ptr<hub::SqliteHubStore> m_store;
    std::unique_ptr<hub::HubDatabase> m_wiper;
    std::vector<std::string> m_dataTables;
};

}  // namespace mediane::fuzz
