#include "store/migrations.hpp"

#include "core/error.hpp"
#include "store/database.hpp"
#include "store/device_secret.hpp"
#include "store/paid_migration.hpp"
#include "store/vocabulary_migration.hpp"

namespace mediane::store {

namespace {

// Version 1: the notebook as first shipped.
const char* kV1 = R"SQL(
CREATE TABLE device (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL
);
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE places (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) > 0),
  kind TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  postal_code TEXT NOT NULL DEFAULT '',
  commune TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 0,
  sync_state TEXT NOT NULL DEFAULT 'pending'
);
CREATE TABLE learners (
  id TEXT PRIMARY KEY,
  pseudonym TEXT NOT NULL CHECK (length(pseudonym) > 0),
  first_name TEXT NOT NULL DEFAULT '',
  last_name TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  consent_date TEXT NOT NULL DEFAULT '',
  age_bracket TEXT NOT NULL DEFAULT '',
  gender TEXT NOT NULL DEFAULT '',
  social_status TEXT NOT NULL DEFAULT '',
  commune TEXT NOT NULL DEFAULT '',
  goals TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0,
  sync_state TEXT NOT NULL DEFAULT 'pending'
);
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  date TEXT NOT NULL,
  duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
  kind TEXT NOT NULL CHECK (kind IN ('individual', 'workshop', 'oneoff')),
  place_mode TEXT NOT NULL CHECK (place_mode IN ('place', 'home', 'remote', 'other')),
  place_id TEXT REFERENCES places(id),
  anonymous_count INTEGER NOT NULL DEFAULT 0,
  autonomy TEXT NOT NULL DEFAULT '',
  orientation_place_id TEXT REFERENCES places(id),
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  sync_state TEXT NOT NULL DEFAULT 'pending'
);
CREATE TABLE session_learners (
  session_id TEXT NOT NULL REFERENCES sessions(id),
  learner_id TEXT NOT NULL REFERENCES learners(id),
  PRIMARY KEY (session_id, learner_id)
) WITHOUT ROWID;
CREATE INDEX session_learners_by_learner ON session_learners(learner_id);
CREATE TABLE session_tags (
  session_id TEXT NOT NULL REFERENCES sessions(id),
  facet TEXT NOT NULL CHECK (facet IN ('theme', 'equipment', 'competence')),
  code TEXT NOT NULL,
  PRIMARY KEY (session_id, facet, code)
) WITHOUT ROWID;
CREATE TABLE pass_booklets (
  id TEXT PRIMARY KEY,
  structure TEXT NOT NULL,
  first_number INTEGER NOT NULL,
  last_number INTEGER NOT NULL CHECK (last_number >= first_number),
  face_value_cents INTEGER NOT NULL CHECK (face_value_cents > 0),
  expiry TEXT NOT NULL,
  received_on TEXT NOT NULL,
  sync_state TEXT NOT NULL DEFAULT 'pending'
);
CREATE TABLE pass_cheques (
  id TEXT PRIMARY KEY,
  booklet_id TEXT NOT NULL REFERENCES pass_booklets(id),
  number INTEGER NOT NULL UNIQUE,
  state TEXT NOT NULL CHECK (state IN ('in_stock', 'given', 'redeemed', 'claimed')),
  learner_id TEXT REFERENCES learners(id),
  given_on TEXT NOT NULL DEFAULT '',
  session_id TEXT REFERENCES sessions(id),
  redeemed_on TEXT NOT NULL DEFAULT '',
  claimed_on TEXT NOT NULL DEFAULT '',
  sync_state TEXT NOT NULL DEFAULT 'pending'
);
CREATE INDEX pass_cheques_by_learner ON pass_cheques(learner_id);
CREATE TABLE cheque_events (
  id TEXT PRIMARY KEY,
  cheque_id TEXT NOT NULL REFERENCES pass_cheques(id),
  kind TEXT NOT NULL CHECK (kind IN ('given', 'redeemed', 'claimed')),
  learner_id TEXT REFERENCES learners(id),
  session_id TEXT REFERENCES sessions(id),
  on_date TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE assessments (
  id TEXT PRIMARY KEY,
  learner_id TEXT NOT NULL REFERENCES learners(id),
  competence_code TEXT NOT NULL,
  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 31),
  date TEXT NOT NULL,
  session_id TEXT REFERENCES sessions(id),
  sync_state TEXT NOT NULL DEFAULT 'pending'
);
CREATE INDEX assessments_by_learner ON assessments(learner_id, date);
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  op_id TEXT NOT NULL UNIQUE,
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete')),
  base_version INTEGER NOT NULL DEFAULT 0,
  fields TEXT NOT NULL,
  hlc TEXT NOT NULL,
  created_at TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'acked', 'error')),
  error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_by_state ON outbox(state, seq);
)SQL";

// Version 2: search-as-you-type over learners (FTS5, accents folded) and date indexes for the
// history and monthly views, which the large demo database showed to need.
const char* kV2 = R"SQL(
CREATE VIRTUAL TABLE learners_fts USING fts5(
  pseudonym, first_name, last_name, commune,
  content='learners', content_rowid='rowid',
  tokenize='unicode61 remove_diacritics 2', prefix='1 2 3'
);
INSERT INTO learners_fts(rowid, pseudonym, first_name, last_name, commune)
  SELECT rowid, pseudonym, first_name, last_name, commune FROM learners;
CREATE TRIGGER learners_fts_insert AFTER INSERT ON learners BEGIN
  INSERT INTO learners_fts(rowid, pseudonym, first_name, last_name, commune)
  VALUES (new.rowid, new.pseudonym, new.first_name, new.last_name, new.commune);
END;
CREATE TRIGGER learners_fts_delete AFTER DELETE ON learners BEGIN
  INSERT INTO learners_fts(learners_fts, rowid, pseudonym, first_name, last_name, commune)
  VALUES ('delete', old.rowid, old.pseudonym, old.first_name, old.last_name, old.commune);
END;
CREATE TRIGGER learners_fts_update AFTER UPDATE OF pseudonym, first_name, last_name, commune ON learners BEGIN
  INSERT INTO learners_fts(learners_fts, rowid, pseudonym, first_name, last_name, commune)
  VALUES ('delete', old.rowid, old.pseudonym, old.first_name, old.last_name, old.commune);
  INSERT INTO learners_fts(rowid, pseudonym, first_name, last_name, commune)
  VALUES (new.rowid, new.pseudonym, new.first_name, new.last_name, new.commune);
END;
CREATE INDEX sessions_by_date ON sessions(date);
CREATE INDEX pass_cheques_by_redeemed ON pass_cheques(redeemed_on);
CREATE INDEX cheque_events_by_cheque ON cheque_events(cheque_id);
)SQL";


// Version 3: the Rés'IN directory in the national standard (lieux de médiation numérique v1.0.2).
// The places table is extended in place, so sessions.place_id and orientation_place_id stay valid and
// the directory needs no join; in_directory marks the places that come from (or go to) the standard.
const char* kV3 = R"SQL(
ALTER TABLE places ADD COLUMN latitude REAL;
ALTER TABLE places ADD COLUMN longitude REAL;
ALTER TABLE places ADD COLUMN pivot TEXT NOT NULL DEFAULT '';
ALTER TABLE places ADD COLUMN code_insee TEXT NOT NULL DEFAULT '';
ALTER TABLE places ADD COLUMN complement_adresse TEXT NOT NULL DEFAULT '';
ALTER TABLE places ADD COLUMN typologie TEXT NOT NULL DEFAULT '';
ALTER TABLE places ADD COLUMN telephone TEXT NOT NULL DEFAULT '';
ALTER TABLE places ADD COLUMN courriels TEXT NOT NULL DEFAULT '';
ALTER TABLE places ADD COLUMN site_web TEXT NOT NULL DEFAULT '';
ALTER TABLE places ADD COLUMN horaires TEXT NOT NULL DEFAULT '';
ALTER TABLE places ADD COLUMN presentation_resume TEXT NOT NULL DEFAULT '';
ALTER TABLE places ADD COLUMN presentation_detail TEXT NOT NULL DEFAULT '';
ALTER TABLE places ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE places ADD COLUMN itinerance TEXT NOT NULL DEFAULT '';
ALTER TABLE places ADD COLUMN structure_parente TEXT NOT NULL DEFAULT '';
ALTER TABLE places ADD COLUMN date_maj TEXT NOT NULL DEFAULT '';
ALTER TABLE places ADD COLUMN services TEXT NOT NULL DEFAULT '';
ALTER TABLE places ADD COLUMN publics_specifiquement_adresses TEXT NOT NULL DEFAULT '';
ALTER TABLE places ADD COLUMN prise_en_charge_specifique TEXT NOT NULL DEFAULT '';
ALTER TABLE places ADD COLUMN frais_a_charge TEXT NOT NULL DEFAULT '';
ALTER TABLE places ADD COLUMN dispositif_programmes_nationaux TEXT NOT NULL DEFAULT '';
ALTER TABLE places ADD COLUMN formations_labels TEXT NOT NULL DEFAULT '';
ALTER TABLE places ADD COLUMN autres_formations_labels TEXT NOT NULL DEFAULT '';
ALTER TABLE places ADD COLUMN modalites_acces TEXT NOT NULL DEFAULT '';
ALTER TABLE places ADD COLUMN modalites_accompagnement TEXT NOT NULL DEFAULT '';
ALTER TABLE places ADD COLUMN fiche_acces_libre TEXT NOT NULL DEFAULT '';
ALTER TABLE places ADD COLUMN prise_rdv TEXT NOT NULL DEFAULT '';
ALTER TABLE places ADD COLUMN in_directory INTEGER NOT NULL DEFAULT 0;
CREATE INDEX places_directory_name ON places(in_directory, name COLLATE NOCASE);
CREATE INDEX places_directory_hours ON places(in_directory, horaires);
CREATE VIRTUAL TABLE places_fts USING fts5(
  name, commune, services, publics,
  content='places', content_rowid='rowid',
  tokenize='unicode61 remove_diacritics 2', prefix='1 2 3'
);
INSERT INTO places_fts(rowid, name, commune, services, publics)
  SELECT rowid, name, commune, services, publics_specifiquement_adresses FROM places;
CREATE TRIGGER places_fts_insert AFTER INSERT ON places BEGIN
  INSERT INTO places_fts(rowid, name, commune, services, publics)
  VALUES (new.rowid, new.name, new.commune, new.services, new.publics_specifiquement_adresses);
END;
CREATE TRIGGER places_fts_delete AFTER DELETE ON places BEGIN
  INSERT INTO places_fts(places_fts, rowid, name, commune, services, publics)
  VALUES ('delete', old.rowid, old.name, old.commune, old.services, old.publics_specifiquement_adresses);
END;
CREATE TRIGGER places_fts_update AFTER UPDATE OF name, commune, services, publics_specifiquement_adresses ON places BEGIN
  INSERT INTO places_fts(places_fts, rowid, name, commune, services, publics)
  VALUES ('delete', old.rowid, old.name, old.commune, old.services, old.publics_specifiquement_adresses);
  INSERT INTO places_fts(rowid, name, commune, services, publics)
  VALUES (new.rowid, new.name, new.commune, new.services, new.publics_specifiquement_adresses);
END;
)SQL";

// Version 4: the sync client's own state. The device token lives in sync_account, apart from the
// notebook's data and its exports; hub conflicts are copied here so a person can review them offline;
// pulled changes that cannot be applied locally are kept aside instead of blocking the feed.
const char* kV4 = R"SQL(
CREATE TABLE sync_account (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  hub_url TEXT NOT NULL,
  device_token TEXT NOT NULL,
  login TEXT NOT NULL,
  role TEXT NOT NULL,
  structure TEXT NOT NULL,
  territory TEXT NOT NULL DEFAULT '',
  enrolled_at TEXT NOT NULL
);
CREATE TABLE sync_conflicts (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  op_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  structure TEXT NOT NULL,
  created_at TEXT NOT NULL,
  details TEXT NOT NULL
);
CREATE INDEX sync_conflicts_by_record ON sync_conflicts(entity, record_id);
CREATE TABLE sync_skipped (
  server_seq INTEGER PRIMARY KEY,
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX outbox_by_record ON outbox(record_id, seq);
)SQL";

// Version 5: the coordinator dashboard. Sessions name the structure and adviser that recorded them
// (empty: recorded on this laptop before sync knew the account), so a coordinator can filter the
// territory's activity; indexes serve each dashboard filter and the progress-in-a-period query.
const char* kV5 = R"SQL(
ALTER TABLE sessions ADD COLUMN structure TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN adviser TEXT NOT NULL DEFAULT '';
CREATE INDEX sessions_by_structure ON sessions(structure, date);
CREATE INDEX sessions_by_adviser ON sessions(adviser, date);
CREATE INDEX sessions_by_place ON sessions(place_id, date);
CREATE INDEX assessments_by_date ON assessments(date);
CREATE INDEX pass_cheques_by_booklet ON pass_cheques(booklet_id, state);
CREATE INDEX pass_cheques_by_session ON pass_cheques(session_id);
)SQL";

// Version 6: a conflict's life on this laptop. resolution_state: open, sent (resolved here, the decision
// is in the outbox), resolved (the hub's decision arrived in a pull, from here or from elsewhere).
const char* kV6 = R"SQL(
ALTER TABLE sync_conflicts ADD COLUMN resolution_state TEXT NOT NULL DEFAULT 'open';
ALTER TABLE sync_conflicts ADD COLUMN resolution TEXT NOT NULL DEFAULT '{}';
ALTER TABLE sync_conflicts ADD COLUMN resolved_by TEXT NOT NULL DEFAULT '';
ALTER TABLE sync_conflicts ADD COLUMN resolved_at TEXT NOT NULL DEFAULT '';
)SQL";

// Version 7: the device token leaves the notebook for the secret service or a 0600 file beside it
// (moveDeviceTokenOutOfNotebook runs first, in the same transaction), so a copied notebook or a
// backup of it never carries it. migrate() runs this with secure_delete on, VACUUMs, then truncates the WAL:
// the old bytes stay neither in the file's free space nor in old WAL frames.
constexpr int kTokenLeavesNotebook = 7;
// From this version every connection zeroes what it deletes (secure_delete): an older notebook's free
// pages may still hold values deleted before, which one VACUUM on the way past it removes.
constexpr int kSecureDeleteFrom = 10;
const char* kV7 = R"SQL(
UPDATE sync_account SET device_token = '';
ALTER TABLE sync_account DROP COLUMN device_token;
)SQL";

// Version 8: a cheque event keeps its cheque's number as it travelled, like every other wire field of a
// record is a column of its row (store/record_tables); filled from the cheque for events already here.
const char* kV8 = R"SQL(
ALTER TABLE cheque_events ADD COLUMN number INTEGER NOT NULL DEFAULT 0;
UPDATE cheque_events SET number = coalesce((SELECT c.number FROM pass_cheques c WHERE c.id = cheque_events.cheque_id), 0);
)SQL";

// Version 9: the national activity report's vocabularies and fields (store/vocabulary_migration).
const char* kV9 = "";

// Version 10: sessions are corrected in place (docs/sync-protocol.md §5): a version to merge against, the time of
// the last correction, and the history of corrections made on this laptop (field names and login, never values).
// A session the hub already holds is at its version 1: sessions were never updated before. Independent of
// later migrations: it touches sessions and its own table only.
const char* kV10 = R"SQL(
ALTER TABLE sessions ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
UPDATE sessions SET version = 1 WHERE sync_state IN ('synced', 'conflict');
CREATE TABLE record_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete')),
  fields TEXT NOT NULL DEFAULT '',
  login TEXT NOT NULL DEFAULT '',
  at TEXT NOT NULL
);
CREATE INDEX record_history_by_record ON record_history(entity, record_id, id);
)SQL";

// Version 11: the Pass numérique as the scheme runs it (docs/pass-numerique.md). A booklet names its funder and
// validity year; a cheque can be cancelled (lost, stolen, damaged) with a reason; a cheque that no booklet of
// this laptop covers (handed out by another structure, redeemed here) has a row of its own, with no booklet and
// the validity year typed from it. SQLite cannot change a CHECK or drop a NOT NULL in place, so both cheque
// tables are rebuilt (foreign keys off, checked after): every row, « claimed » ones included, is copied as is.
constexpr int kPassValidityMigration = 11;
const char* kV11 = R"SQL(
ALTER TABLE pass_booklets ADD COLUMN funder TEXT NOT NULL DEFAULT '';
ALTER TABLE pass_booklets ADD COLUMN valid_year INTEGER NOT NULL DEFAULT 0;
CREATE TABLE pass_cheques_v11 (
  id TEXT PRIMARY KEY,
  booklet_id TEXT REFERENCES pass_booklets(id),
  number INTEGER NOT NULL UNIQUE,
  state TEXT NOT NULL CHECK (state IN ('in_stock', 'given', 'redeemed', 'claimed', 'cancelled')),
  learner_id TEXT REFERENCES learners(id),
  given_on TEXT NOT NULL DEFAULT '',
  session_id TEXT REFERENCES sessions(id),
  redeemed_on TEXT NOT NULL DEFAULT '',
  claimed_on TEXT NOT NULL DEFAULT '',
  sync_state TEXT NOT NULL DEFAULT 'pending',
  valid_year INTEGER NOT NULL DEFAULT 0,
  cancelled_on TEXT NOT NULL DEFAULT '',
  cancel_cause TEXT NOT NULL DEFAULT '',
  cancel_reason TEXT NOT NULL DEFAULT ''
);
INSERT INTO pass_cheques_v11 (id, booklet_id, number, state, learner_id, given_on, session_id, redeemed_on,
                              claimed_on, sync_state)
  SELECT id, booklet_id, number, state, learner_id, given_on, session_id, redeemed_on, claimed_on, sync_state
  FROM pass_cheques;
DROP TABLE pass_cheques;
ALTER TABLE pass_cheques_v11 RENAME TO pass_cheques;
CREATE INDEX pass_cheques_by_learner ON pass_cheques(learner_id);
CREATE INDEX pass_cheques_by_redeemed ON pass_cheques(redeemed_on);
CREATE INDEX pass_cheques_by_booklet ON pass_cheques(booklet_id, state);
CREATE INDEX pass_cheques_by_session ON pass_cheques(session_id);
CREATE TABLE cheque_events_v11 (
  id TEXT PRIMARY KEY,
  cheque_id TEXT NOT NULL REFERENCES pass_cheques(id),
  kind TEXT NOT NULL CHECK (kind IN ('given', 'redeemed', 'claimed', 'cancelled')),
  learner_id TEXT REFERENCES learners(id),
  session_id TEXT REFERENCES sessions(id),
  on_date TEXT NOT NULL,
  created_at TEXT NOT NULL,
  number INTEGER NOT NULL DEFAULT 0,
  cause TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  valid_year INTEGER NOT NULL DEFAULT 0
);
INSERT INTO cheque_events_v11 (id, cheque_id, kind, learner_id, session_id, on_date, created_at, number)
  SELECT id, cheque_id, kind, learner_id, session_id, on_date, created_at, number FROM cheque_events;
DROP TABLE cheque_events;
ALTER TABLE cheque_events_v11 RENAME TO cheque_events;
CREATE INDEX cheque_events_by_cheque ON cheque_events(cheque_id);
)SQL";

// Version 12: a structure's roles in the Pass numérique and its catalogue of services (docs/pass-numerique.md),
// pulled from the hub; a redemption names the service the cheque paid for, a payment its amount, every event the
// structure where it happened (another structure's events on this structure's cheques come from the hub).
const char* kV12 = R"SQL(
ALTER TABLE cheque_events ADD COLUMN service TEXT NOT NULL DEFAULT '';
ALTER TABLE cheque_events ADD COLUMN amount_cents INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cheque_events ADD COLUMN structure TEXT NOT NULL DEFAULT '';
CREATE TABLE pass_profiles (
  id TEXT PRIMARY KEY,
  structure TEXT NOT NULL,
  distributor INTEGER NOT NULL DEFAULT 1,
  qualified_place INTEGER NOT NULL DEFAULT 1,
  grace_days INTEGER NOT NULL DEFAULT 31,
  updated_at TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 0,
  sync_state TEXT NOT NULL DEFAULT 'pending'
);
CREATE TABLE pass_services (
  id TEXT PRIMARY KEY,
  structure TEXT NOT NULL,
  code TEXT NOT NULL CHECK (length(code) > 0),
  label TEXT NOT NULL DEFAULT '',
  cheques INTEGER NOT NULL DEFAULT 1,
  withdrawn INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 0,
  sync_state TEXT NOT NULL DEFAULT 'pending'
);
CREATE INDEX pass_services_by_structure ON pass_services(structure, code);
)SQL";

// Version 13: the operator pays each month for the cheques scanned the month before (docs/pass-numerique.md);
// the manual « claimed » step is gone: claimed cheques and their events become paid, dates kept
// (store/paid_migration).
const char* kV13 = "";

// Version 14: how many operations wait for the hub, kept beside the outbox by triggers. The status bar showed it
// by counting the backlog after every save: 11 ms at 200,000 operations, which weeks offline can reach.
const char* kV14 = R"SQL(
CREATE TABLE outbox_waiting (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
INSERT INTO outbox_waiting (id, n) SELECT 1, count(*) FROM outbox WHERE state != 'acked';
CREATE TRIGGER outbox_waiting_insert AFTER INSERT ON outbox WHEN NEW.state != 'acked'
BEGIN UPDATE outbox_waiting SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER outbox_waiting_delete AFTER DELETE ON outbox WHEN OLD.state != 'acked'
BEGIN UPDATE outbox_waiting SET n = n - 1 WHERE id = 1; END;
CREATE TRIGGER outbox_waiting_update AFTER UPDATE OF state ON outbox WHEN (OLD.state = 'acked') != (NEW.state = 'acked')
BEGIN UPDATE outbox_waiting SET n = n + (CASE WHEN NEW.state = 'acked' THEN -1 ELSE 1 END) WHERE id = 1; END;
)SQL";

// Version 15: what the window counts, kept by triggers. The rows of each kind of record, which the status reads
// after every save (4 ms on the large demo's 100,000 sessions and 20,000 learners, in the first frame too). The
// Pass screen's figures: cheques per booklet and state, and the events of each month; counting 50,000 cheques
// and grouping their events took 15 ms at each read, on a thread that competed with the screen's first frame,
// and again after every cheque handed out. The stock's reader applies expiry per booklet, so the counts stay
// per booklet. A migration that rebuilds one of these tables drops its triggers with it: it must create them
// again.
const char* kV15 = R"SQL(
CREATE TABLE record_counts (tbl TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO record_counts (tbl, n) VALUES
  ('learners', (SELECT count(*) FROM learners)), ('sessions', (SELECT count(*) FROM sessions)),
  ('pass_cheques', (SELECT count(*) FROM pass_cheques)), ('places', (SELECT count(*) FROM places)),
  ('assessments', (SELECT count(*) FROM assessments));
CREATE TRIGGER learners_counted AFTER INSERT ON learners
BEGIN UPDATE record_counts SET n = n + 1 WHERE tbl = 'learners'; END;
CREATE TRIGGER learners_uncounted AFTER DELETE ON learners
BEGIN UPDATE record_counts SET n = n - 1 WHERE tbl = 'learners'; END;
CREATE TRIGGER sessions_counted AFTER INSERT ON sessions
BEGIN UPDATE record_counts SET n = n + 1 WHERE tbl = 'sessions'; END;
CREATE TRIGGER sessions_uncounted AFTER DELETE ON sessions
BEGIN UPDATE record_counts SET n = n - 1 WHERE tbl = 'sessions'; END;
CREATE TRIGGER pass_cheques_counted AFTER INSERT ON pass_cheques
BEGIN UPDATE record_counts SET n = n + 1 WHERE tbl = 'pass_cheques'; END;
CREATE TRIGGER pass_cheques_uncounted AFTER DELETE ON pass_cheques
BEGIN UPDATE record_counts SET n = n - 1 WHERE tbl = 'pass_cheques'; END;
CREATE TRIGGER places_counted AFTER INSERT ON places
BEGIN UPDATE record_counts SET n = n + 1 WHERE tbl = 'places'; END;
CREATE TRIGGER places_uncounted AFTER DELETE ON places
BEGIN UPDATE record_counts SET n = n - 1 WHERE tbl = 'places'; END;
CREATE TRIGGER assessments_counted AFTER INSERT ON assessments
BEGIN UPDATE record_counts SET n = n + 1 WHERE tbl = 'assessments'; END;
CREATE TRIGGER assessments_uncounted AFTER DELETE ON assessments
BEGIN UPDATE record_counts SET n = n - 1 WHERE tbl = 'assessments'; END;
CREATE TABLE pass_stock (
  booklet_id TEXT NOT NULL,
  state TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (booklet_id, state)
) WITHOUT ROWID;
INSERT INTO pass_stock (booklet_id, state, n)
  SELECT booklet_id, state, count(*) FROM pass_cheques WHERE booklet_id IS NOT NULL GROUP BY booklet_id, state;
CREATE TRIGGER pass_stock_insert AFTER INSERT ON pass_cheques WHEN NEW.booklet_id IS NOT NULL
BEGIN
  INSERT INTO pass_stock (booklet_id, state, n) VALUES (NEW.booklet_id, NEW.state, 1)
    ON CONFLICT (booklet_id, state) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER pass_stock_delete AFTER DELETE ON pass_cheques WHEN OLD.booklet_id IS NOT NULL
BEGIN
  UPDATE pass_stock SET n = n - 1 WHERE booklet_id = OLD.booklet_id AND state = OLD.state;
END;
CREATE TRIGGER pass_stock_update AFTER UPDATE OF state, booklet_id ON pass_cheques
  WHEN OLD.state IS NOT NEW.state OR OLD.booklet_id IS NOT NEW.booklet_id
BEGIN
  UPDATE pass_stock SET n = n - 1 WHERE booklet_id = OLD.booklet_id AND state = OLD.state;
  INSERT INTO pass_stock (booklet_id, state, n) SELECT NEW.booklet_id, NEW.state, 1 WHERE NEW.booklet_id IS NOT NULL
    ON CONFLICT (booklet_id, state) DO UPDATE SET n = n + 1;
END;
CREATE TABLE cheque_use_months (
  month TEXT PRIMARY KEY,
  events INTEGER NOT NULL,
  given INTEGER NOT NULL,
  redeemed INTEGER NOT NULL,
  paid INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO cheque_use_months (month, events, given, redeemed, paid)
  SELECT substr(on_date, 1, 7), count(*), sum(kind = 'given'), sum(kind = 'redeemed'), sum(kind = 'paid')
  FROM cheque_events GROUP BY 1;
CREATE TRIGGER cheque_use_insert AFTER INSERT ON cheque_events
BEGIN
  INSERT INTO cheque_use_months (month, events, given, redeemed, paid)
    VALUES (substr(NEW.on_date, 1, 7), 1, NEW.kind = 'given', NEW.kind = 'redeemed', NEW.kind = 'paid')
    ON CONFLICT (month) DO UPDATE SET events = events + 1, given = given + excluded.given,
      redeemed = redeemed + excluded.redeemed, paid = paid + excluded.paid;
END;
CREATE TRIGGER cheque_use_delete AFTER DELETE ON cheque_events
BEGIN
  UPDATE cheque_use_months SET events = events - 1, given = given - (OLD.kind = 'given'),
    redeemed = redeemed - (OLD.kind = 'redeemed'), paid = paid - (OLD.kind = 'paid')
    WHERE month = substr(OLD.on_date, 1, 7);
END;
CREATE TRIGGER cheque_use_update AFTER UPDATE OF kind, on_date ON cheque_events
  WHEN OLD.kind IS NOT NEW.kind OR OLD.on_date IS NOT NEW.on_date
BEGIN
  UPDATE cheque_use_months SET events = events - 1, given = given - (OLD.kind = 'given'),
    redeemed = redeemed - (OLD.kind = 'redeemed'), paid = paid - (OLD.kind = 'paid')
    WHERE month = substr(OLD.on_date, 1, 7);
  INSERT INTO cheque_use_months (month, events, given, redeemed, paid)
    VALUES (substr(NEW.on_date, 1, 7), 1, NEW.kind = 'given', NEW.kind = 'redeemed', NEW.kind = 'paid')
    ON CONFLICT (month) DO UPDATE SET events = events + 1, given = given + excluded.given,
      redeemed = redeemed + excluded.redeemed, paid = paid + excluded.paid;
END;
)SQL";

}  // namespace

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> all = {
        {1, "notebook: learners, sessions, Pass numérique, assessments, places, outbox", kV1},
        {2, "learner search (FTS5) and date indexes", kV2},
        {3, "Rés'IN directory: the national standard's place fields and place search (FTS5)", kV3},
        {4, "sync client: hub account and device token, conflict inbox, skipped changes", kV4},
        {5, "coordinator dashboard: session structure and adviser, dashboard indexes", kV5},
        {6, "conflict inbox: resolution state of each conflict", kV6},
        {7, "sync client: the device token leaves the notebook (secret service or a 0600 file)", kV7},
        {8, "one description per record: a cheque event keeps its cheque's number", kV8},
        {kVocabularyMigration, "the national activity report: its codes and fields, unmapped values kept", kV9},
        {10, "corrections: sessions edited and deleted, with their history", kV10},
        {kPassValidityMigration, "Pass numérique: funders, validity years, cancelled cheques, cheques of other structures", kV11},
        {12, "Pass numérique: a structure's roles and catalogue of services, the service a cheque paid for", kV12},
        {kPaidMigration, "Pass numérique: the operator's payment replaces the manual claim (claimed cheques are paid)", kV13},
        {14, "the outbox's count of operations waiting for the hub, kept by triggers", kV14},
        {15, "the window's counts kept by triggers: records of each kind, the Pass stock and use per month", kV15},
    };
    return all;
}

int latestSchemaVersion() { return migrations().back().version; }

int schemaVersion(Database& db) { return static_cast<int>(db.scalarInt("PRAGMA user_version")); }

int oldestVersionSafeToKeep() { return kSecureDeleteFrom; }

void migrate(Database& db, int target) {
    if (target < 0) target = latestSchemaVersion();
    int current = schemaVersion(db);
    if (current > latestSchemaVersion())
        throw Error(Error::Kind::Storage, "err.db_too_new",
                    {{"file", db.path()}, {"version", std::to_string(current)}});
    for (const auto& m : migrations()) {
        if (m.version <= current || m.version > target) continue;
        const bool erasesToken = m.version == kTokenLeavesNotebook;
        const auto secureDelete = db.scalarInt("PRAGMA secure_delete");
        if (erasesToken) db.exec("PRAGMA secure_delete = ON");
        // Rebuilding a table that others reference needs foreign keys off, outside any transaction;
        // foreign_key_check then proves the rebuilt tables still hold every reference.
        const bool rebuildsTables =
            m.version == kVocabularyMigration || m.version == kPassValidityMigration || m.version == kPaidMigration;
        if (rebuildsTables) db.exec("PRAGMA foreign_keys = OFF");
        Transaction tx(db);
        const bool movedToken = erasesToken && moveDeviceTokenOutOfNotebook(db);
        db.exec(m.sql);
        if (m.version == kVocabularyMigration) migrateToNationalVocabularies(db);
        if (m.version == kPaidMigration) migrateClaimedToPaid(db);
        if (rebuildsTables && db.scalarInt("SELECT count(*) FROM pragma_foreign_key_check") != 0)
            throw Error(Error::Kind::Storage, "err.migration_broke_references", {{"file", db.path()}});
        db.exec("PRAGMA user_version = " + std::to_string(m.version));
        tx.commit();
        if (rebuildsTables) db.exec("PRAGMA foreign_keys = ON");
        if (erasesToken) {
            db.exec("PRAGMA secure_delete = " + std::to_string(secureDelete));
            // Tokens of earlier enrolments were replaced without secure_delete and may linger in free
            // space of the page; VACUUM rewrites the file from live rows only (once, on old notebooks).
            if (movedToken) db.exec("VACUUM");
            db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }
    if (current > 0 && current < kSecureDeleteFrom && target >= kSecureDeleteFrom) {
        db.exec("VACUUM");
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
}

}  // namespace mediane::store
