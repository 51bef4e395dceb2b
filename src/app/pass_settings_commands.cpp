// Notebook: a structure's part in the Pass numérique (distributor, qualified place), its grace period and the
// catalogue of services its cheques pay for.
#include "app/notebook.hpp"

#include "core/error.hpp"
#include "store/enrolled_scope.hpp"
#include "store/pass_settings_repository.hpp"
#include "sync/protocol/pass_settings.hpp"

namespace mediane::app {

namespace {
// The structure whose settings this notebook follows: its account's; a notebook never enrolled follows the
// one profile it holds (a demo), and none when it holds several (a coordinator's laptop sees its territory's).
std::string settingsStructure(store::Database& db) {
    if (auto scope = store::enrolledScope(db)) return scope->structure;
    auto st = db.prepare("SELECT structure FROM pass_profiles LIMIT 2");
    std::vector<std::string> found;
    while (st.step()) found.push_back(st.columnText(0));
    return found.size() == 1 ? found.front() : std::string();
}

std::string codesOf(const std::vector<core::PassService>& services) {
    std::string codes;
    for (const auto& s : services) codes += (codes.empty() ? "" : ", ") + s.code;
    return codes;
}
}  // namespace

std::optional<core::PassProfile> Notebook::passProfile() {
    auto structure = settingsStructure(*m_db);
    if (structure.empty()) return std::nullopt;
    return store::PassSettingsRepository(*m_db, m_outbox).profile(structure);
}

std::vector<core::PassService> Notebook::passServices(bool withWithdrawn) {
    auto structure = settingsStructure(*m_db);
    if (structure.empty()) return {};
    return store::PassSettingsRepository(*m_db, m_outbox).services(structure, withWithdrawn);
}

namespace {
// The structure a coordinator's laptop edits: its account's. An adviser reads the settings, never writes them
// (the hub would refuse it too).
std::string editableStructure(store::Database& db) {
    auto scope = store::enrolledScope(db);
    if (!scope) throw Error(Error::Kind::Refused, "err.pass_settings_need_account");
    if (scope->role != "coordinator" && scope->role != "admin")
        throw Error(Error::Kind::Refused, "err.pass_settings_coordinators_only", {{"role", scope->role}});
    return scope->structure;
}

void checkFlag(std::optional<int> value, const char* field) {
    if (value && *value != 0 && *value != 1) throw validationError("err.pass_yes_no", field);
}
}  // namespace

core::PassProfile Notebook::setPassProfile(std::optional<int> distributor, std::optional<int> qualifiedPlace,
                                           std::optional<int> graceDays) {
    const auto structure = editableStructure(*m_db);
    checkFlag(distributor, "pass_profile.distributor");
    checkFlag(qualifiedPlace, "pass_profile.qualified_place");
    if (graceDays && (*graceDays < 0 || *graceDays > sync::kMaxGraceDays))
        throw validationError("err.grace_days", "settings.grace_days", {{"max", std::to_string(sync::kMaxGraceDays)}});
    store::PassSettingsRepository settings(*m_db, m_outbox);
    core::PassProfile profile;
    if (auto existing = settings.profile(structure)) {
        profile = *existing;
    } else {
        profile.id = sync::passProfileId(structure);
        profile.structure = structure;
    }
    if (distributor) profile.distributor = *distributor;
    if (qualifiedPlace) profile.qualifiedPlace = *qualifiedPlace;
    if (graceDays) profile.graceDays = *graceDays;
    if (!profile.distributor && !profile.qualifiedPlace)
        throw validationError("err.pass_profile_no_role", "pass_profile.distributor");
    store::Transaction tx(*m_db);
    settings.saveProfile(profile);
    tx.commit();
    return profile;
}

core::PassService Notebook::savePassService(const std::string& code, std::optional<std::string> label,
                                            std::optional<int> cheques, std::optional<int> withdrawn) {
    const auto structure = editableStructure(*m_db);
    if (!sync::isServiceCode(code)) throw validationError("err.pass_service_code", "pass_service.code", {{"value", code}});
    if (label && (label->empty() || label->size() > sync::kMaxServiceLabelLength))
        throw validationError("err.pass_service_label", "pass_service.label",
                              {{"max", std::to_string(sync::kMaxServiceLabelLength)}});
    if (cheques && (*cheques < 1 || *cheques > sync::kMaxServiceCheques))
        throw validationError("err.pass_service_cheques_range", "pass_service.cheques",
                              {{"max", std::to_string(sync::kMaxServiceCheques)}});
    checkFlag(withdrawn, "pass_service.withdrawn");
    store::PassSettingsRepository settings(*m_db, m_outbox);
    core::PassService service;
    if (auto existing = settings.service(structure, code)) {
        service = *existing;
    } else {
        service.id = sync::passServiceId(structure, code);
        service.structure = structure;
        service.code = code;
        service.label = code;
    }
    if (label) service.label = *label;
    if (cheques) service.cheques = *cheques;
    if (withdrawn) service.withdrawn = *withdrawn;
    store::Transaction tx(*m_db);
    settings.saveService(service);
    tx.commit();
    return service;
}

std::string Notebook::serviceForRedemption(const std::string& code) {
    auto services = passServices();
    if (code.empty()) {
        if (services.empty()) return {};
        if (services.size() == 1) return services.front().code;
        throw validationError("err.pass_service_required", "cheque.service", {{"codes", codesOf(services)}});
    }
    for (const auto& s : services)
        if (s.code == code) return code;
    throw validationError("err.pass_service_unknown", "cheque.service",
                          {{"value", code}, {"codes", services.empty() ? std::string("-") : codesOf(services)}});
}

void Notebook::checkServiceCheques(const std::string& code, int cheques) {
    for (const auto& s : passServices())
        if (s.code == code && s.cheques > 1 && cheques % s.cheques != 0)
            throw validationError("err.pass_service_cheques", "session.cheques",
                                  {{"service", s.label}, {"cheques", std::to_string(s.cheques)},
                                   {"typed", std::to_string(cheques)}});
}

}  // namespace mediane::app
