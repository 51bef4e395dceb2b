// Sessions recorded through the Séance form, exported in La Coop's shape: every coded cell is a label of the
// national reference (tests/unit/fixtures/coop-cra, copied from the Coop's source).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <sstream>

#include "app/activity_report_coop.hpp"
#include "app/app_state.hpp"
#include "core/calendar.hpp"
#include "core/csv.hpp"
#include "gui_fixture.hpp"
#include "imgui_harness.hpp"
#include "support/file_text.hpp"
#include "ui/session_screen.hpp"
#include "ui/shell.hpp"

using mediane::app::AppState;
using mediane::app::Banner;
using mediane::test::GuiFixture;
using mediane::test::ImGuiHarness;

namespace {
std::set<std::string> referenceLabels(const std::string& vocabulary) {
    static const auto reference = nlohmann::json::parse(
        mediane::test::slurp(mediane::test::assetsDir() + "/../tests/unit/fixtures/coop-cra/vocabularies.json"));
    std::set<std::string> out;
    for (const auto& v : reference.at("vocabularies").at(vocabulary).at("values")) out.insert(v.at("label_fr").get<std::string>());
    return out;
}

struct Form {
    GuiFixture f;
    AppState state{*f.notebook, mediane::test::assetsDir(), "fr"};
    mediane::ui::Shell shell;
    ImGuiHarness h{[this] { shell.draw(state); }};

    void type(const std::string& tag, const std::string& text) {
        h.click(tag);
        h.typeText(text);
    }
    void pickLearner(const std::string& letters) {
        h.click("session.learner_query");
        h.typeText(letters);
        h.pressKey(ImGuiKey_Enter);
    }
    void save() {
        h.pressCtrl(mediane::ui::kKeyS);
        INFO(state.banner.text);
        REQUIRE(state.banner.kind == Banner::Kind::Success);
        h.frame();
    }
};
}  // namespace

TEST_CASE("sessions typed in the form at every kind of place, with a procedure, a workshop and an orientation export "
          "to a Coop file whose every coded cell is a national label",
          "[session_screen][coop]") {
    Form t;
    t.h.frame();
    // 1. At a place of activity (the default), an administrative procedure.
    t.pickLearner("Martin");
    t.h.click("session.theme_aide_aux_demarches_administratives");
    t.h.click("session.theme_logement");
    t.type("session.procedure_name", "Demande APL");
    t.save();
    // 2. At home, the commune typed without accent; an orientation to a social welfare structure.
    t.pickLearner("Dupont");
    t.h.click("session.mode_domicile");
    t.type("session.commune", "venissieux");
    t.h.pressKey(ImGuiKey_Enter);
    t.h.click("session.theme_email");
    t.h.click("session.oriented_yes");
    t.h.click("session.redirection");
    t.h.frame();
    t.h.click("session.redirection_aide_sociale");
    t.save();
    // 3. Elsewhere, by postal code.
    t.pickLearner("Dupuis");
    t.h.click("session.mode_autre");
    t.type("session.commune", "69003");
    t.h.pressKey(ImGuiKey_Enter);
    t.h.click("session.theme_sante");
    t.save();
    // 4. Remote, an anonymous beneficiary.
    t.h.click("session.mode_a_distance");
    t.h.click("session.theme_banque_et_achats_en_ligne");
    t.save();
    // 5. A workshop at a place with a known learner and four anonymous participants, two of them described.
    t.h.click("session.kind_collectif");
    t.h.click("session.mode_lieu_activite");
    t.type("session.workshop_title", "Premiers pas sur tablette");
    t.h.click("session.workshop_level_debutant");
    t.pickLearner("Martin");
    t.type("session.anonymous_count", "4");
    t.type("session.breakdown_gender_feminin", "2");
    t.type("session.breakdown_age_soixante_dix_plus", "2");
    t.h.click("session.theme_prendre_en_main_du_materiel");
    t.h.click("session.equipment_tablette");
    t.save();
    REQUIRE(t.f.notebook->recentSessions(10).size() == 5);

    mediane::app::CoopReport report(*t.f.notebook, nullptr, mediane::app::CoopScope::Self);
    std::ostringstream out;
    const std::string today = mediane::core::today();
    CHECK(report.writeCsv({today, today, "", "", ""}, out) == 9);  // 4 individual rows + 1 learner and 4 anonymous

    auto doc = mediane::core::readCsv(out.str());
    REQUIRE(doc.records.size() == 10);
    const auto& header = doc.records[0].fields;
    const std::map<std::string, std::set<std::string>> coded = {
        {"Type", referenceLabels("type_activite")},
        {"Canaux d’accompagnement", referenceLabels("type_lieu")},
        {"Matériel numérique utilisé", referenceLabels("materiel")},
        {"Thématique(s) d’accompagnement", referenceLabels("thematiques")},
        {"Structure de redirection", referenceLabels("structures_redirection")},
        {"Bénéficiaire réorienté", referenceLabels("oui_non")},
        {"Genre du bénéficiaire", referenceLabels("genre")},
        {"Tranche d’âge du bénéficiaire", referenceLabels("tranche_age")},
        {"Statut du bénéficiaire", referenceLabels("statut_social")},
    };
    std::map<std::string, std::set<std::string>> seen;
    for (std::size_t r = 1; r < doc.records.size(); ++r) {
        const auto& fields = doc.records[r].fields;
        REQUIRE(fields.size() == header.size());
        for (std::size_t c = 0; c < header.size(); ++c) {
            auto rule = coded.find(header[c]);
            if (rule == coded.end()) continue;
            std::stringstream cell(fields[c]);
            for (std::string value; std::getline(cell, value, '\n');) {
                INFO(header[c]);
                CHECK(rule->second.count(value) == 1);
                seen[header[c]].insert(value);
            }
        }
        for (std::size_t c = 0; c < header.size(); ++c)
            if (header[c] == "Nom de la démarche administrative" && !fields[c].empty()) seen["procedure"].insert(fields[c]);
            else if (header[c] == "Code Insee" && !fields[c].empty()) seen["insee"].insert(fields[c]);
    }
    // Each kind of place, the procedure, the orientation and the workshop reached the file.
    CHECK(seen["Canaux d’accompagnement"] ==
          std::set<std::string>{"Lieu d’activité", "À domicile", "Autre lieu", "À distance"});
    CHECK(seen["Type"] == std::set<std::string>{"Accompagnement individuel", "Atelier collectif"});
    CHECK(seen["Structure de redirection"].count("Structure d’aide sociale (maison des solidarités, centre social…)") == 1);
    CHECK(seen["procedure"] == std::set<std::string>{"Demande APL"});
    CHECK(seen["insee"].count("69259") == 1);  // Vénissieux, picked without its accent
    INFO(nlohmann::json(seen["insee"]).dump());
    CHECK(seen["insee"].count("69123") == 1);  // Lyon, the first commune serving 69003
    CHECK(seen["Genre du bénéficiaire"].count("Féminin") == 1);
    CHECK(seen["Tranche d’âge du bénéficiaire"].count("70 ans et plus") == 1);
}
