// Version 3 of the hub schema: every stored learner and session moves to the national activity report's codes.
#pragma once

#include "sync/hub/hub_database.hpp"

namespace mediane::hub {

// Creates the report and publication tables, then upgrades in place, with sync::upgradeWireFields (the
// same mapping a laptop's notebook and the hub's ingest use): the records, every change row of the feed,
// the conflicts' record fields and the idempotency fingerprints of applied ops (a laptop resending an op
// after its own upgrade sends the upgraded payload: it must still read as the same op). A code with no
// equivalent is kept in the record's legacy_codes and listed in vocabulary_upgrade_report. Runs inside the
// caller's transaction; nothing else changes (versions and server_seq stay).
void upgradeHubToNationalVocabularies(HubDatabase& db);

}  // namespace mediane::hub
