// A notebook on a fresh on-disk database, with a place, a learner and a booklet, for service-level tests.
#pragma once

#include "app/notebook.hpp"
#include "core/calendar.hpp"
#include "support/notebook_sql.hpp"
#include "support/temp_dir.hpp"

namespace mediane::test {

struct NotebookFixture {
    TempDir dir;
    std::unique_ptr<app::Notebook> notebook = app::Notebook::open(dir.str(), assetsDir());
    core::Place place = notebook->addPlace({"", "Médiathèque Lucie-Aubrac", "BIB", "2 place Henri-Barbusse", "69200", "Vénissieux"});
    core::Learner learner = notebook->createLearner(makeLearner("Bénéficiaire 0001"));
    // Cheques 1000..1019, expiring in a year.
    core::PassBooklet booklet = notebook->receiveBooklet(
        {"", "Centre social Parilly", 1000, 1019, 1000, core::addDays(core::today(), 365), core::addDays(core::today(), -30),
         "", 0});

    static core::Learner makeLearner(const std::string& pseudonym) {
        core::Learner l;
        l.pseudonym = pseudonym;
        l.ageBracket = "soixante_soixante_neuf";
        l.commune = "Vénissieux";
        return l;
    }

    core::Session makeSession() const {
        core::Session s;
        s.date = core::today();
        s.durationMinutes = 45;
        s.kind = core::SessionKind::Individual;
        s.placeMode = core::PlaceMode::Place;
        s.placeId = place.id;
        s.learnerIds = {learner.id};
        s.themes = {"aide_aux_demarches_administratives"};
        s.competences = {"4.2"};
        return s;
    }

    std::int64_t count(const std::string& table) {
        return sqlInt(*notebook, "SELECT count(*) FROM " + table);
    }
};

}  // namespace mediane::test
