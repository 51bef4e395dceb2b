// A structure's part in the Pass numérique, on one laptop: its roles, grace period and service catalogue as the
// hub sent them, and the shape both sides enforce.
#include "core/error.hpp"
#include "notebook_fixture.hpp"
#include "store/pass_settings_repository.hpp"
#include "sync/protocol/pass_settings.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace mediane;
using mediane::test::NotebookFixture;
using nlohmann::json;

namespace {
std::string errorKey(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.key();
    }
    return "no error";
}

const std::string kStructure = "Centre social Parilly";

// The profile as the hub sends it to a laptop (a notebook not enrolled follows the one profile it holds).
void keepProfile(NotebookFixture& f, int distributor, int qualified, int graceDays) {
    core::PassProfile p;
    p.id = sync::passProfileId(kStructure);
    p.structure = kStructure;
    p.distributor = distributor;
    p.qualifiedPlace = qualified;
    p.graceDays = graceDays;
    f.notebook->passSettingsStore().keepAsPulled(p);
}

void keepService(NotebookFixture& f, const std::string& code, const std::string& label, int cheques, int withdrawn = 0) {
    core::PassService s;
    s.id = sync::passServiceId(kStructure, code);
    s.structure = kStructure;
    s.code = code;
    s.label = label;
    s.cheques = cheques;
    s.withdrawn = withdrawn;
    f.notebook->passSettingsStore().keepAsPulled(s);
}
}  // namespace

TEST_CASE("a structure that is not a qualified place cannot redeem a cheque, and the check says why", "[pass]") {
    NotebookFixture f;
    keepProfile(f, 1, 0, 31);
    CHECK(errorKey([&] { f.notebook->chequeForRedemption(1003, core::today()); }) == "err.pass_not_qualified_place");
    auto verdict = f.notebook->checkCheque(1003, core::today());
    CHECK_FALSE(verdict.redeemable);
    CHECK(verdict.reasonKey == "err.pass_not_qualified_place");
    // Giving stays its trade.
    CHECK(f.notebook->giveCheque(1003, f.learner.id, core::today()).state == core::ChequeState::Given);
}

TEST_CASE("a structure that is not a distributor cannot give a cheque out", "[pass]") {
    NotebookFixture f;
    keepProfile(f, 0, 1, 31);
    CHECK(errorKey([&] { f.notebook->giveCheque(1003, f.learner.id, core::today()); }) == "err.pass_not_distributor");
    CHECK(f.notebook->passStore().findByNumber(1003)->state == core::ChequeState::InStock);
    CHECK(f.notebook->checkCheque(1003, core::today()).redeemable);
}

TEST_CASE("the structure's grace period from the hub is the one applied, over the laptop's own setting", "[pass]") {
    NotebookFixture f;
    f.notebook->setGraceDays(5);
    CHECK(f.notebook->validityPolicy().graceDays == 5);
    keepProfile(f, 1, 1, 0);
    CHECK(f.notebook->validityPolicy().graceDays == 0);
    // A cheque of last year's booklet, typed on 1 January: no grace at all for this structure.
    auto lastYear = std::stoi(core::today().substr(0, 4)) - 1;
    auto verdict = f.notebook->checkCheque(99001, std::to_string(lastYear + 1) + "-01-01", lastYear);
    CHECK_FALSE(verdict.redeemable);
    CHECK(verdict.reasonKey == "err.cheque_expired");
}

TEST_CASE("a redemption names a service of the catalogue: the only one by default, else one chosen among the codes",
          "[pass]") {
    NotebookFixture f;
    // No catalogue: nothing to name.
    CHECK(f.notebook->serviceForRedemption("").empty());
    keepProfile(f, 1, 1, 31);
    keepService(f, "atelier-2h", "Atelier 2 h", 1);
    CHECK(f.notebook->serviceForRedemption("") == "atelier-2h");
    keepService(f, "accompagnement-1h", "Accompagnement individuel 1 h", 2);
    keepService(f, "ancien-atelier", "Atelier d’avant", 1, 1);
    CHECK(errorKey([&] { f.notebook->serviceForRedemption(""); }) == "err.pass_service_required");
    CHECK(errorKey([&] { f.notebook->serviceForRedemption("ancien-atelier"); }) == "err.pass_service_unknown");
    CHECK(errorKey([&] { f.notebook->serviceForRedemption("inconnu"); }) == "err.pass_service_unknown");

    auto session = f.makeSession();
    session.chequesRedeemed = {1003, 1004, 1005};
    session.chequeService = "accompagnement-1h";
    CHECK(errorKey([&] { f.notebook->recordSession(session); }) == "err.pass_service_cheques");
    CHECK(f.notebook->passStore().findByNumber(1003)->state == core::ChequeState::InStock);
    session.chequesRedeemed = {1003, 1004};
    f.notebook->recordSession(session);
    CHECK(f.notebook->passStore().findByNumber(1004)->service == "accompagnement-1h");
    CHECK(test::sqlInt(*f.notebook, "SELECT count(*) FROM cheque_events WHERE kind = 'redeemed' "
                                    "AND service = 'accompagnement-1h'") == 2);
    CHECK(f.notebook->passServices().size() == 2);
    CHECK(f.notebook->passServices(true).size() == 3);
}

TEST_CASE("a session redeems a cheque of another structure with the validity year typed from it", "[pass]") {
    NotebookFixture f;
    auto year = std::stoi(core::today().substr(0, 4));
    auto session = f.makeSession();
    session.chequesRedeemed = {880001};
    CHECK(errorKey([&] { f.notebook->recordSession(session); }) == "err.cheque_unknown_needs_year");
    session.chequeValidYears = {{880001, year}};
    auto saved = f.notebook->recordSession(session);
    auto cheque = f.notebook->passStore().findByNumber(880001);
    REQUIRE(cheque);
    CHECK_FALSE(cheque->hasBooklet());
    CHECK(cheque->validYear == year);
    CHECK(cheque->sessionId == saved.id);
}

TEST_CASE("a laptop that is not enrolled, or an adviser's, does not change the structure's profile or catalogue",
          "[pass]") {
    NotebookFixture f;
    CHECK(errorKey([&] { f.notebook->setPassProfile(1, 0, std::nullopt); }) == "err.pass_settings_need_account");
    CHECK(errorKey([&] { f.notebook->savePassService("atelier-2h", "Atelier", 1, std::nullopt); }) ==
          "err.pass_settings_need_account");
    CHECK(f.count("pass_profiles") == 0);
    CHECK(f.count("pass_services") == 0);
}

TEST_CASE("a profile and a service have the shape both the laptop and the hub enforce", "[pass][sync]") {
    const auto id = sync::passProfileId("Médiathèque de Bron");
    CHECK(id == sync::passProfileId("Médiathèque de Bron"));
    CHECK(id != sync::passProfileId("Mediathèque de Bron"));
    CHECK(id.rfind("M__diath__que_de_Bron.", 0) == 0);
    CHECK_FALSE(sync::passSettingsProblem("pass_profile", id, {{"structure", "Médiathèque de Bron"}, {"grace_days", 31}}, true));
    CHECK(sync::passSettingsProblem("pass_profile", "autre", {{"structure", "Médiathèque de Bron"}}, true) == "record_id");
    CHECK(sync::passSettingsProblem("pass_profile", id, {{"grace_days", 367}}, false) == "fields.grace_days");
    CHECK(sync::passSettingsProblem("pass_profile", id, {{"distributor", "yes"}}, false) == "fields.distributor");
    CHECK(sync::passSettingsProblem("pass_profile", id, {{"qualified_place", 2}}, false) == "fields.qualified_place");

    const auto sid = sync::passServiceId("Médiathèque de Bron", "atelier-2h");
    json service = {{"structure", "Médiathèque de Bron"}, {"code", "atelier-2h"}, {"label", "Atelier 2 h"}, {"cheques", 1}};
    CHECK_FALSE(sync::passSettingsProblem("pass_service", sid, service, true));
    CHECK(sync::passSettingsProblem("pass_service", sid + "x", service, true) == "record_id");
    CHECK(sync::passSettingsProblem("pass_service", sid, {{"code", "Atelier 2h"}}, false) == "fields.code");
    CHECK(sync::passSettingsProblem("pass_service", sid, {{"code", "atelier-2h"}}, false) == "fields.code");
    CHECK(sync::passSettingsProblem("pass_service", sid, {{"cheques", 0}}, false) == "fields.cheques");
    CHECK(sync::passSettingsProblem("pass_service", sid, {{"cheques", 21}}, false) == "fields.cheques");
    CHECK(sync::passSettingsProblem("pass_service", sid, {{"label", std::string(121, 'x')}}, false) == "fields.label");
    CHECK(sync::passSettingsProblem("pass_service", sid, {{"withdrawn", true}}, false) == "fields.withdrawn");
    CHECK(sync::passSettingsProblem("pass_service", sid, json::array(), false) == "fields");
    CHECK_FALSE(sync::isServiceCode(std::string(41, 'a')));
    CHECK_FALSE(sync::isServiceCode(std::string("a\0b", 3)));
}
