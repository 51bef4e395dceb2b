// Migration 13 of a notebook: the manual « claimed » step becomes the operator's payment (docs/pass-numerique.md).
#pragma once

namespace mediane::store {

class Database;

inline constexpr int kPaidMigration = 13;

// Run inside migrate()'s transaction with foreign keys off. pass_cheques and cheque_events are rebuilt because
// their CHECKs name 'claimed' and SQLite cannot change a CHECK in place: claimed cheques and events become paid,
// claimed_on becomes paid_on, every other column and index is kept as version 12 left it.
void migrateClaimedToPaid(Database& db);

}  // namespace mediane::store
