#include "store/vocabulary_migration.hpp"

#include <nlohmann/json.hpp>

#include "core/vocabulary_upgrade.hpp"
#include "store/database.hpp"
#include "sync/protocol/record_kinds.hpp"
#include "sync/protocol/vocabulary_wire.hpp"

namespace mediane::store {

namespace {

// The mapping table of core/vocabulary_upgrade, as a temporary table the SQL below joins.
void loadMappingTable(Database& db) {
    db.exec("DROP TABLE IF EXISTS temp.vocab_map;"
            "CREATE TEMP TABLE vocab_map (vocabulary TEXT, old_code TEXT, new_code TEXT, PRIMARY KEY (vocabulary, old_code))");
    auto insert = db.prepare("INSERT INTO temp.vocab_map VALUES (?1, ?2, ?3)");
    for (const auto& m : core::vocabularyMappings()) {
        insert.bind(1, m.vocabulary).bind(2, m.oldCode).bind(3, m.newCode).run();
        insert.reset();
    }
}

const char* kSchemaAndCodes = R"SQL(
CREATE TABLE vocabulary_upgrade_report (
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  field TEXT NOT NULL,
  old_code TEXT NOT NULL,
  outcome TEXT NOT NULL
);

-- What cannot map, reported before anything moves.
INSERT INTO vocabulary_upgrade_report
  SELECT 'session', id, 'kind', kind,
         'kept as legacy code; type ' || CASE WHEN (SELECT count(*) FROM session_learners l WHERE l.session_id = s.id)
                                                 + anonymous_count > 1 THEN 'collectif' ELSE 'individuel' END
  FROM sessions s WHERE kind = 'oneoff';
INSERT INTO vocabulary_upgrade_report
  SELECT 'session', t.session_id, CASE t.facet WHEN 'theme' THEN 'themes' ELSE 'equipment' END, t.code, 'kept as legacy code'
  FROM session_tags t JOIN temp.vocab_map m
    ON m.vocabulary = CASE t.facet WHEN 'theme' THEN 'themes' ELSE 'equipment' END AND m.old_code = t.code
  WHERE t.facet IN ('theme', 'equipment') AND m.new_code = '';
INSERT INTO vocabulary_upgrade_report
  SELECT 'learner', id, 'age_bracket', age_bracket, 'kept as legacy code; bracket left « non communiqué » until a birth year is given'
  FROM learners JOIN temp.vocab_map m ON m.vocabulary = 'age_brackets' AND m.old_code = age_bracket
  WHERE m.new_code = '';

CREATE TABLE sessions_v9 (
  id TEXT PRIMARY KEY,
  date TEXT NOT NULL,
  duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
  kind TEXT NOT NULL CHECK (kind IN ('individuel', 'collectif')),
  place_mode TEXT NOT NULL CHECK (place_mode IN ('lieu_activite', 'domicile', 'a_distance', 'autre')),
  place_id TEXT REFERENCES places(id),
  commune TEXT NOT NULL DEFAULT '',
  commune_postal_code TEXT NOT NULL DEFAULT '',
  commune_insee TEXT NOT NULL DEFAULT '',
  anonymous_count INTEGER NOT NULL DEFAULT 0,
  anonymous_already_accompanied INTEGER NOT NULL DEFAULT 0,
  procedure_name TEXT NOT NULL DEFAULT '',
  autonomy TEXT NOT NULL DEFAULT '',
  workshop_title TEXT NOT NULL DEFAULT '',
  workshop_level TEXT NOT NULL DEFAULT '',
  oriented INTEGER NOT NULL DEFAULT 0,
  redirection TEXT NOT NULL DEFAULT '',
  orientation_place_id TEXT REFERENCES places(id),
  notes TEXT NOT NULL DEFAULT '',
  legacy_codes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  sync_state TEXT NOT NULL DEFAULT 'pending',
  structure TEXT NOT NULL DEFAULT '',
  adviser TEXT NOT NULL DEFAULT ''
);
INSERT INTO sessions_v9 (id, date, duration_minutes, kind, place_mode, place_id, anonymous_count, autonomy, oriented,
                         orientation_place_id, notes, legacy_codes, created_at, sync_state, structure, adviser)
  SELECT s.id, s.date, s.duration_minutes,
         coalesce(nullif(k.new_code, ''),
                  CASE WHEN (SELECT count(*) FROM session_learners l WHERE l.session_id = s.id) + s.anonymous_count > 1
                       THEN 'collectif' ELSE 'individuel' END),
         (SELECT new_code FROM temp.vocab_map WHERE vocabulary = 'place_modes' AND old_code = s.place_mode),
         s.place_id, s.anonymous_count, s.autonomy, s.orientation_place_id IS NOT NULL, s.orientation_place_id, s.notes,
         CASE WHEN k.new_code = '' THEN 'kind:' || s.kind ELSE '' END,
         s.created_at, s.sync_state, s.structure, s.adviser
  FROM sessions s LEFT JOIN temp.vocab_map k ON k.vocabulary = 'session_kinds' AND k.old_code = s.kind;

-- Themes and equipment: mapped codes replace old ones, the others join the session's legacy codes.
CREATE TABLE session_tags_v9 (
  session_id TEXT NOT NULL REFERENCES sessions(id),
  facet TEXT NOT NULL CHECK (facet IN ('theme', 'equipment', 'competence', 'anonymous_gender', 'anonymous_age',
                                       'anonymous_status')),
  code TEXT NOT NULL,
  PRIMARY KEY (session_id, facet, code)
) WITHOUT ROWID;
INSERT OR IGNORE INTO session_tags_v9
  SELECT t.session_id, t.facet, coalesce(m.new_code, t.code)
  FROM session_tags t
  LEFT JOIN temp.vocab_map m
    ON m.vocabulary = CASE t.facet WHEN 'theme' THEN 'themes' WHEN 'equipment' THEN 'equipment' END AND m.old_code = t.code
  WHERE m.new_code IS NULL OR m.new_code <> '';
UPDATE sessions_v9 SET legacy_codes = trim(legacy_codes || ' ' ||
  (SELECT group_concat(r.field || ':' || r.old_code, ' ') FROM vocabulary_upgrade_report r
   WHERE r.entity = 'session' AND r.record_id = sessions_v9.id AND r.field IN ('themes', 'equipment')))
  WHERE id IN (SELECT record_id FROM vocabulary_upgrade_report WHERE entity = 'session' AND field IN ('themes', 'equipment'));

DROP TABLE session_tags;
DROP TABLE sessions;
ALTER TABLE sessions_v9 RENAME TO sessions;
ALTER TABLE session_tags_v9 RENAME TO session_tags;
CREATE INDEX sessions_by_date ON sessions(date);
CREATE INDEX sessions_by_structure ON sessions(structure, date);
CREATE INDEX sessions_by_adviser ON sessions(adviser, date);
CREATE INDEX sessions_by_place ON sessions(place_id, date);

-- Learners: birth year and commune codes; gender and age in the national codes.
ALTER TABLE learners ADD COLUMN birth_year INTEGER NOT NULL DEFAULT 0;
ALTER TABLE learners ADD COLUMN commune_postal_code TEXT NOT NULL DEFAULT '';
ALTER TABLE learners ADD COLUMN commune_insee TEXT NOT NULL DEFAULT '';
ALTER TABLE learners ADD COLUMN legacy_codes TEXT NOT NULL DEFAULT '';
UPDATE learners SET legacy_codes = 'age_bracket:' || age_bracket
  WHERE id IN (SELECT record_id FROM vocabulary_upgrade_report WHERE entity = 'learner');
UPDATE learners SET
  age_bracket = coalesce((SELECT new_code FROM temp.vocab_map WHERE vocabulary = 'age_brackets' AND old_code = age_bracket), age_bracket),
  gender = coalesce((SELECT new_code FROM temp.vocab_map WHERE vocabulary = 'genders' AND old_code = gender), gender),
  social_status = coalesce((SELECT new_code FROM temp.vocab_map WHERE vocabulary = 'social_status' AND old_code = social_status), social_status);
)SQL";

// Changes not yet acknowledged by the hub still carry version 1 codes: they leave in version 2.
void upgradeOutbox(Database& db) {
    auto select = db.prepare("SELECT seq, entity, fields FROM outbox WHERE state <> 'acked' AND entity IN ('learner', 'session')");
    std::vector<std::pair<std::int64_t, std::string>> rewritten;
    while (select.step()) {
        const auto* kind = sync::findRecordKind(select.columnText(1));
        auto fields = nlohmann::json::parse(select.columnText(2), nullptr, false);
        if (!kind || !fields.is_object()) continue;
        sync::upgradeWireFields(*kind, fields);
        rewritten.emplace_back(select.columnInt(0), fields.dump());
    }
    auto update = db.prepare("UPDATE outbox SET fields = ?2 WHERE seq = ?1");
    for (const auto& [seq, fields] : rewritten) {
        update.bind(1, seq).bind(2, fields).run();
        update.reset();
    }
}

}  // namespace

void migrateToNationalVocabularies(Database& db) {
    loadMappingTable(db);
    db.exec(kSchemaAndCodes);
    upgradeOutbox(db);
    db.exec("DROP TABLE temp.vocab_map");
}

}  // namespace mediane::store
