// The demo generator: deterministic per seed, realistic counts, and never mixed into real data.
#include "app/demo_generator.hpp"
#include "app/notebook.hpp"
#include "core/error.hpp"
#include "core/vocabulary.hpp"
#include "store/database.hpp"
#include "support/notebook_sql.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace mediane;

namespace {

const app::DemoOptions kSmall{7, app::DemoScale::Small, "2025-06-30"};

std::unique_ptr<app::Notebook> openIn(const test::TempDir& dir) {
    return app::Notebook::open(dir.str(), test::assetsDir());
}

// Every row of a query, its columns joined: ids are random, so the fingerprint uses contents only.
std::string rows(store::Database& db, const std::string& sql, int columns) {
    auto st = db.prepare(sql);
    std::string out;
    while (st.step()) {
        for (int i = 0; i < columns; ++i) out += st.columnText(i) + '\x1f';
        out += '\n';
    }
    return out;
}

std::string fingerprint(app::Notebook& notebook) {
    test::NotebookSql db(notebook);
    return rows(db, "SELECT pseudonym, first_name, last_name, phone, email, age_bracket, gender, social_status, commune, "
                    "goals, consent_date, birth_year, commune_postal_code, commune_insee FROM learners ORDER BY rowid", 14) +
           rows(db, "SELECT s.date, s.duration_minutes, s.kind, s.place_mode, coalesce(p.name, ''), s.anonymous_count, "
                    "s.autonomy, s.notes, (SELECT group_concat(l.pseudonym, ',') FROM (SELECT l.pseudonym FROM "
                    "session_learners sl JOIN learners l ON l.id = sl.learner_id WHERE sl.session_id = s.id ORDER BY "
                    "l.pseudonym) l), (SELECT group_concat(t.facet || ':' || t.code, ',') FROM (SELECT facet, code FROM "
                    "session_tags WHERE session_id = s.id ORDER BY facet, code) t), s.commune, s.commune_insee, "
                    "s.anonymous_already_accompanied, s.procedure_name, s.workshop_title, s.workshop_level, s.oriented, "
                    "s.redirection "
                    "FROM sessions s LEFT JOIN places p ON p.id = s.place_id ORDER BY s.rowid", 18) +
           rows(db, "SELECT c.number, c.state, c.given_on, c.redeemed_on, c.paid_on, coalesce(l.pseudonym, '') "
                    "FROM pass_cheques c LEFT JOIN learners l ON l.id = c.learner_id ORDER BY c.number", 6) +
           rows(db, "SELECT l.pseudonym, a.competence_code, a.score, a.date FROM assessments a "
                    "JOIN learners l ON l.id = a.learner_id ORDER BY a.rowid", 4);
}

}  // namespace

TEST_CASE("the demo is the same for the same seed and differs for another seed") {
    test::TempDir first, second, third;
    auto a = openIn(first), b = openIn(second), c = openIn(third);
    app::generateDemo(*a, kSmall);
    app::generateDemo(*b, kSmall);
    auto other = kSmall;
    other.seed = 8;
    app::generateDemo(*c, other);

    auto fa = fingerprint(*a);
    CHECK(fa.size() > 100000);
    CHECK(fa == fingerprint(*b));
    CHECK(fa != fingerprint(*c));
}

TEST_CASE("the small demo has the planned counts, a full cheque lifecycle and an outbox row per record") {
    test::TempDir dir;
    auto nb = openIn(dir);
    auto s = app::generateDemo(*nb, kSmall);

    CHECK(s.sessions == 2000);
    CHECK(s.learners >= 150);
    CHECK(s.learners <= 220);
    CHECK(s.places >= 10);
    CHECK(s.places <= 20);
    CHECK(s.workshops > 100);
    CHECK(s.cheques == 1000);
    CHECK(s.chequesGiven > 300);
    CHECK(s.chequesRedeemed > 100);
    CHECK(s.chequesRedeemed <= s.chequesGiven);
    CHECK(s.chequesPaid > 50);
    CHECK(s.chequesPaid <= s.chequesRedeemed);
    CHECK(s.assessments > 100);
    // About 30 % of learners agreed to keep their name.
    CHECK(s.learnersWithConsent * 100 >= s.learners * 15);
    CHECK(s.learnersWithConsent * 100 <= s.learners * 45);
    CHECK(s.firstDate == "2020-07-01");
    CHECK(s.lastDate == "2025-06-30");

    auto status = nb->status();
    CHECK(status.sessions == s.sessions);
    CHECK(status.learners == s.learners);
    CHECK(status.cheques == s.cheques);
    CHECK(status.assessments == s.assessments);

    test::NotebookSql db(*nb);
    // As in real use: no record without its outbox row.
    CHECK(db.scalarInt("SELECT count(*) FROM sessions WHERE id NOT IN (SELECT record_id FROM outbox WHERE entity = 'session')") == 0);
    CHECK(db.scalarInt("SELECT count(*) FROM learners WHERE id NOT IN (SELECT record_id FROM outbox WHERE entity = 'learner')") == 0);
    CHECK(db.scalarInt("SELECT count(*) FROM cheque_events WHERE id NOT IN (SELECT record_id FROM outbox WHERE entity = 'cheque_event')") == 0);
    CHECK(db.scalarInt("SELECT count(*) FROM outbox") == s.outboxRows);
    // Busier in recent years; weekdays (and some Saturdays) only.
    CHECK(db.scalarInt("SELECT count(*) FROM sessions WHERE date >= '2024-07-01'") >
          2 * db.scalarInt("SELECT count(*) FROM sessions WHERE date < '2021-07-01'"));
    CHECK(db.scalarInt("SELECT count(*) FROM sessions WHERE strftime('%w', date) = '0'") == 0);
    // Names only with consent, and with accents.
    CHECK(db.scalarInt("SELECT count(*) FROM learners WHERE first_name != '' AND consent_date = ''") == 0);
    CHECK(db.scalarInt("SELECT count(*) FROM learners WHERE first_name GLOB '*[éèëïÉ]*' OR last_name GLOB '*[éèëïÉ]*'") > 0);
    // Unused cheques past their expiry exist, as they do on a real shelf.
    auto stock = nb->chequeStock("2025-06-30");
    CHECK(stock.expired > 0);
    CHECK(stock.paid == s.chequesPaid);
    // Levels start at 1–2 and only rise, a step at a time.
    CHECK(db.scalarInt("SELECT max(score) FROM assessments a WHERE NOT EXISTS (SELECT 1 FROM assessments b "
                       "WHERE b.learner_id = a.learner_id AND b.competence_code = a.competence_code AND b.rowid < a.rowid)") <= 6);
    CHECK(db.scalarInt("SELECT count(*) FROM assessments a JOIN assessments b ON b.learner_id = a.learner_id AND "
                       "b.competence_code = a.competence_code AND b.rowid > a.rowid WHERE b.score < a.score") == 0);
}

TEST_CASE("the demo refuses a notebook that already holds data and leaves it untouched") {
    test::TempDir dir;
    auto nb = openIn(dir);
    core::Learner real;
    real.pseudonym = "Vraie personne";
    nb->createLearner(real);
    auto outboxBefore = nb->outbox().pendingCount();

    try {
        app::generateDemo(*nb, kSmall);
        FAIL("the demo filled a notebook that holds real data");
    } catch (const Error& e) {
        CHECK(e.key() == "err.demo_not_empty");
        CHECK(e.kind() == Error::Kind::Refused);
    }
    CHECK(nb->status().learners == 1);
    CHECK(nb->status().sessions == 0);
    CHECK(nb->outbox().pendingCount() == outboxBefore);
}

TEST_CASE("the demo fills every field of the national activity report, as advisers would") {
    test::TempDir dir;
    auto nb = openIn(dir);
    app::generateDemo(*nb, kSmall);
    test::NotebookSql db(*nb);
    const auto& vocab = nb->vocabularies();
    auto count = [&](const std::string& where, const char* table = "sessions") {
        return db.scalarInt(std::string("SELECT count(*) FROM ") + table + " WHERE " + where);
    };
    const auto learners = count("1", "learners");

    // Most learners give a birth year, and their bracket is the one it gives in the year they came.
    CHECK(count("birth_year > 0", "learners") * 100 >= learners * 60);
    auto years = db.prepare("SELECT birth_year, substr(created_at, 1, 4), age_bracket FROM learners WHERE birth_year > 0");
    int checked = 0;
    while (years.step()) {
        const auto bracket = core::ageBracketFor(vocab, static_cast<int>(years.columnInt(0)), std::stoi(years.columnText(1)));
        if (bracket != years.columnText(2)) FAIL_CHECK("birth year " << years.columnInt(0) << " in bracket " << years.columnText(2));
        ++checked;
    }
    CHECK(checked > 0);
    // Their communes come with postal and INSEE codes.
    CHECK(count("commune <> '' AND (commune_insee = '' OR commune_postal_code = '')", "learners") == 0);
    CHECK(count("commune_insee <> ''", "learners") == learners);

    // Workshops: a title, mostly a level, anonymous participants broken down, some already accompanied.
    CHECK(count("kind = 'collectif' AND workshop_title = ''") == 0);
    CHECK(count("kind = 'collectif' AND workshop_level <> ''") > count("kind = 'collectif'") / 2);
    CHECK(count("id IN (SELECT session_id FROM session_tags WHERE facet = 'anonymous_gender')") > 50);
    CHECK(count("id IN (SELECT session_id FROM session_tags WHERE facet = 'anonymous_age')") > 50);
    CHECK(count("id IN (SELECT session_id FROM session_tags WHERE facet = 'anonymous_status')") > 50);
    CHECK(count("anonymous_already_accompanied > 0") > 20);
    CHECK(count("kind = 'individuel' AND anonymous_count = 1") > 20);  // people seen once, not recorded

    // Administrative procedures: under their parent theme, often with the procedure's name.
    CHECK(count("id IN (SELECT session_id FROM session_tags WHERE facet = 'theme' AND code IN ('social_sante', "
                "'argent_impots', 'logement', 'papiers_elections_citoyennete'))") > 20);
    CHECK(count("procedure_name <> ''") > 50);
    CHECK(count("procedure_name <> '' AND id NOT IN (SELECT session_id FROM session_tags WHERE facet = 'theme' "
                "AND code = 'aide_aux_demarches_administratives')") == 0);

    // Orientations name the kind of structure; some also the directory's place.
    CHECK(count("oriented = 1") > 20);
    CHECK(count("oriented = 1 AND redirection = ''") == 0);
    CHECK(count("oriented = 1 AND orientation_place_id IS NOT NULL") > 0);
    CHECK(count("oriented = 1 AND orientation_place_id IS NULL") > 0);

    // At home, remote or elsewhere: a commune with its INSEE code; « aucun » equipment stands alone.
    for (const char* mode : {"domicile", "a_distance", "autre"}) {
        INFO(mode);
        CHECK(count(std::string("place_mode = '") + mode + "'") > 0);
        CHECK(count(std::string("place_mode = '") + mode + "' AND (commune = '' OR commune_insee = '')") == 0);
    }
    CHECK(count("id IN (SELECT session_id FROM session_tags WHERE facet = 'equipment' AND code = 'aucun')") > 20);
    CHECK(db.scalarInt("SELECT count(*) FROM session_tags a JOIN session_tags b ON b.session_id = a.session_id "
                       "AND b.facet = 'equipment' AND b.code <> 'aucun' WHERE a.facet = 'equipment' AND a.code = 'aucun'") == 0);
}
