// LearnerDirectory: the Bénéficiaires view-model on a real notebook on disk.
#include <catch2/catch.hpp>

#include "app/learner_directory.hpp"
#include "core/calendar.hpp"
#include "core/error.hpp"
#include "support/temp_dir.hpp"

using namespace mediane;

namespace {

core::Learner pseudonymous(const std::string& pseudonym, const std::string& commune = "Vénissieux") {
    core::Learner l;
    l.pseudonym = pseudonym;
    l.commune = commune;
    return l;
}

core::Assessment assessment(const std::string& competence, int level, int step, const std::string& date) {
    core::Assessment a;
    a.learnerId = "x";
    a.competenceCode = competence;
    a.score = (level - 1) * core::Assessment::kStepsPerLevel + step;
    a.date = date;
    return a;
}

}  // namespace

TEST_CASE("typing the same search text again does not query the notebook again", "[learner_directory]") {
    test::TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    notebook->createLearner(pseudonymous("Hélène R."));
    notebook->createLearner(pseudonymous("Marc T."));
    app::LearnerDirectory directory(*notebook);

    directory.notice(notebook->status());
    directory.setQuery("hel");
    directory.refresh();
    REQUIRE(directory.searchCount() == 1);
    REQUIRE(directory.results().size() == 1);
    CHECK(directory.results()[0].pseudonym == "Hélène R.");

    for (int frame = 0; frame < 10; ++frame) {
        directory.notice(notebook->status());
        directory.setQuery("hel");
        directory.refresh();
    }
    CHECK(directory.searchCount() == 1);

    directory.setQuery("mar");
    directory.refresh();
    CHECK(directory.searchCount() == 2);
    REQUIRE(directory.results().size() == 1);
    CHECK(directory.results()[0].pseudonym == "Marc T.");
}

TEST_CASE("a search without accents finds a learner written with accents", "[learner_directory]") {
    test::TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    notebook->createLearner(pseudonymous("Zoé", "Saint-Étienne"));
    app::LearnerDirectory directory(*notebook);
    directory.setQuery("etie");
    directory.refresh();
    REQUIRE(directory.results().size() == 1);
    CHECK(directory.results()[0].pseudonym == "Zoé");
}

TEST_CASE("a write elsewhere in the notebook refreshes the results once", "[learner_directory]") {
    test::TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    app::LearnerDirectory directory(*notebook);
    directory.setQuery("ami");
    directory.notice(notebook->status());
    directory.refresh();
    CHECK(directory.results().empty());
    int before = directory.searchCount();

    notebook->createLearner(pseudonymous("Amina B."));  // e.g. created from the session screen
    directory.notice(notebook->status());
    directory.refresh();
    directory.notice(notebook->status());
    directory.refresh();
    CHECK(directory.searchCount() == before + 1);
    REQUIRE(directory.results().size() == 1);
    CHECK(directory.results()[0].pseudonym == "Amina B.");
}

TEST_CASE("creating a learner with a name but no consent date is refused and stores nothing", "[learner_directory]") {
    test::TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    app::LearnerDirectory directory(*notebook);
    auto draft = pseudonymous("Bénéficiaire 0007");
    draft.lastName = "Durand";
    draft.phone = "06 12 34 56 78";

    try {
        directory.create(draft);
        FAIL("identity without consent was accepted");
    } catch (const Error& e) {
        CHECK(e.key() == "err.identity_without_consent");
        CHECK(e.field() == "learner.consent");
    }
    CHECK(notebook->status().learners == 0);
    CHECK(notebook->outbox().pendingCount() == 0);
    CHECK_FALSE(directory.hasCard());

    draft.consentDate = "2025-03-02";
    auto created = directory.create(draft);
    directory.refresh();
    REQUIRE(directory.hasCard());
    CHECK(directory.card().learner.id == created.id);
    CHECK(directory.card().learner.displayName() == "Durand");
}

TEST_CASE("saving the learner card updates the card and the results", "[learner_directory]") {
    test::TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    app::LearnerDirectory directory(*notebook);
    auto created = directory.create(pseudonymous("Bénéficiaire 0012"));
    directory.refresh();
    auto edited = directory.card().learner;
    edited.commune = "Lyon 8e";
    edited.goals = "Faire ses démarches CAF seule";
    directory.save(edited);
    directory.refresh();
    CHECK(directory.card().learner.commune == "Lyon 8e");
    CHECK(notebook->learner(created.id)->goals == "Faire ses démarches CAF seule");
    REQUIRE(directory.results().size() == 1);
    CHECK(directory.results()[0].commune == "Lyon 8e");
}

TEST_CASE("recording an assessment from the card shows in its progress", "[learner_directory]") {
    test::TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    app::LearnerDirectory directory(*notebook);
    directory.create(pseudonymous("Bénéficiaire 0020"));
    directory.refresh();
    directory.recordAssessment("4.2", 1, 2, "2025-01-10");
    directory.recordAssessment("4.2", 2, 0, "2025-02-10");
    directory.refresh();
    REQUIRE(directory.card().assessments.size() == 2);
    REQUIRE(directory.card().progress.size() == 1);
    const auto& line = directory.card().progress[0];
    CHECK(line.domainCode == "4");
    REQUIRE(line.points.size() == 2);
    CHECK(line.points[0].level == Approx(1.5));
    CHECK(line.points[1].level == Approx(2.0));

    CHECK_THROWS_AS(directory.recordAssessment("4.2", 9, 0, "2025-03-10"), Error);
    CHECK_THROWS_AS(directory.recordAssessment("4.2", 1, 4, "2025-03-10"), Error);
    CHECK(notebook->learnerAssessments(directory.openId()).size() == 2);
}

TEST_CASE("a domain's level is the mean of the latest score of each assessed competence", "[learner_directory]") {
    test::TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    std::vector<core::Assessment> history = {
        assessment("1.1", 1, 0, "2025-01-05"),  // domain 1: 1.0
        assessment("1.2", 2, 0, "2025-01-05"),  // same date: one point, (1.0 + 2.0) / 2
        assessment("4.1", 1, 1, "2025-01-20"),  // domain 4 starts: 1.25
        assessment("1.1", 1, 2, "2025-02-01"),  // 1.1 moves to 1.5, 1.2 stays 2.0 → 1.75
    };
    auto progress = app::domainProgress(history, notebook->framework());
    REQUIRE(progress.size() == 2);
    CHECK(progress[0].domainCode == "1");
    REQUIRE(progress[0].points.size() == 2);
    CHECK(progress[0].points[0].date == "2025-01-05");
    CHECK(progress[0].points[0].level == Approx(1.5));
    CHECK(progress[0].points[1].date == "2025-02-01");
    CHECK(progress[0].points[1].level == Approx(1.75));
    CHECK(progress[1].domainCode == "4");
    REQUIRE(progress[1].points.size() == 1);
    CHECK(progress[1].points[0].level == Approx(1.25));
}

TEST_CASE("the progress chart zooms to the levels learners actually sit at", "[learner_directory]") {
    app::DomainProgress low{"1", "", {{"2025-01-01", 1.25}, {"2025-02-01", 1.75}}};
    auto range = app::levelRange({low});
    CHECK(range.low == Approx(1.0));
    CHECK(range.high == Approx(3.0));

    app::DomainProgress mid{"2", "", {{"2025-01-01", 4.0}, {"2025-02-01", 5.5}}};
    range = app::levelRange({mid});
    CHECK(range.low == Approx(3.0));
    CHECK(range.high == Approx(7.0));

    range = app::levelRange({});
    CHECK(range.low == Approx(1.0));
    CHECK(range.high == Approx(3.0));

    app::DomainProgress top{"3", "", {{"2025-01-01", 8.75}}};
    range = app::levelRange({top});
    CHECK(range.high == Approx(9.0));
    CHECK(range.low == Approx(7.0));
}

TEST_CASE("the learner form's birth year is blank, four digits, or refused by validation naming the field",
          "[learner_directory]") {
    CHECK(app::birthYearFrom("") == 0);
    CHECK(app::birthYearFrom("  ") == 0);
    CHECK(app::birthYearFrom(" 1954 ") == 1954);
    CHECK(app::birthYearFrom("54") == -1);
    CHECK(app::birthYearFrom("19a4") == -1);

    test::TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    auto draft = pseudonymous("Bénéficiaire 0007");
    draft.birthYear = app::birthYearFrom("54");
    try {
        notebook->createLearner(draft);
        FAIL("created");
    } catch (const Error& e) {
        CHECK(e.field() == "learner.birth_year");
    }
    CHECK(app::birthYearText(draft).empty());
    draft.birthYear = 1954;
    CHECK(app::birthYearText(draft) == "1954");
}

TEST_CASE("with a birth year the age bracket shown is derived from it, without one it is the adviser's choice",
          "[learner_directory]") {
    test::TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    const auto& vocab = notebook->vocabularies();
    core::Learner l = pseudonymous("Bénéficiaire 0008");
    CHECK(app::derivedAgeBracket(l, vocab, 2026).empty());
    l.birthYear = 1950;
    CHECK(app::derivedAgeBracket(l, vocab, 2026) == "soixante_dix_plus");
    l.birthYear = 2001;
    CHECK(app::derivedAgeBracket(l, vocab, 2026) == "vingt_cinq_trente_neuf");
    l.birthYear = 2030;  // not yet born: nothing derived, validation will say why
    CHECK(app::derivedAgeBracket(l, vocab, 2026).empty());

    // The notebook derives the same bracket on save, over whatever was chosen before.
    l.birthYear = 1950;
    l.ageBracket = "dix_huit_vingt_quatre";
    auto created = notebook->createLearner(l);
    int thisYear = std::stoi(core::today().substr(0, 4));
    CHECK(created.ageBracket == app::derivedAgeBracket(l, vocab, thisYear));
}

TEST_CASE("a picked commune of residence keeps its postal and INSEE codes, and clearing it clears them",
          "[learner_directory]") {
    core::Learner l = pseudonymous("Bénéficiaire 0009", "Roubaix");
    app::setCommune(l, {"Vénissieux", "69200", "69259"});
    CHECK(l.commune == "Vénissieux");
    CHECK(l.communePostalCode == "69200");
    CHECK(l.communeInsee == "69259");
    app::setCommune(l, {});
    CHECK(l.commune.empty());
    CHECK(l.communePostalCode.empty());
    CHECK(l.communeInsee.empty());
}
