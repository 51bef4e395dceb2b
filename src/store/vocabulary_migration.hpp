// Migration 9 of a notebook: its codes move to the national activity report's vocabularies, nothing dropped.
#pragma once

namespace mediane::store {

class Database;

inline constexpr int kVocabularyMigration = 9;

// The schema and code changes, run inside migrate()'s transaction with foreign keys off (the sessions
// table is rebuilt for its new CHECKs). Every value with no equivalent stays on its record as a legacy
// code and gets a row in vocabulary_upgrade_report; pending outbox payloads are upgraded the same way.
void migrateToNationalVocabularies(Database& db);

}  // namespace mediane::store
