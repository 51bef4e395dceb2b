// `resin-hub migrate`: a SQLite hub copied into an empty PostgreSQL database, verified table by table.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mediane::hub {

class PgHubStore;

struct CopiedTable {
    std::string name;
    std::int64_t rows = 0;
    std::string checksum;  // BLAKE2b of the rows in key order, JSON columns compared as JSON values
};

struct HubMigrationReport {
    std::vector<CopiedTable> tables;
    std::int64_t lastServerSeq = 0;  // laptops' cursors stay valid: the feed's numbering continues from here
};

// Every row of every table (records, the feed, op results, conflicts, accounts, devices with their token hashes,
// cursors, history, audit) goes in one transaction; the sequences continue after the copied ids. Before the
// commit, both sides are read back and compared by row count and checksum; any difference throws and nothing is
// committed. The SQLite file is first brought to the current schema; it is only read.
HubMigrationReport migrateSqliteHub(const std::string& sqlitePath, PgHubStore& target);

}  // namespace mediane::hub
