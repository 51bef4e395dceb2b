// `mediane pass profile` and `mediane pass service list|set`: a structure's roles, grace period and catalogue.
// Anyone reads them; a coordinator's or an admin's laptop changes them, offline too, and its next sync sends them.
#include "main/cli_context.hpp"

#include <charconv>
#include <iostream>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace mediane::cli {

namespace {
using nlohmann::json;

std::optional<int> yesNo(const std::string& text, const std::string& field) {
    if (text.empty()) return std::nullopt;
    if (text == "yes" || text == "oui") return 1;
    if (text == "no" || text == "non") return 0;
    throw validationError("err.cli_value", field, {{"value", text}});
}

std::optional<int> count(const std::string& text, const std::string& field, int min, int max) {
    if (text.empty()) return std::nullopt;
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max)
        throw validationError("err.cli_value", field, {{"value", text}});
    return value;
}

json profileJson(const std::optional<core::PassProfile>& p) {
    if (!p) return {{"structure", nullptr}, {"distributor", true}, {"qualified_place", true}, {"grace_days", nullptr}};
    return {{"structure", p->structure}, {"distributor", p->distributor == 1},
            {"qualified_place", p->qualifiedPlace == 1}, {"grace_days", p->graceDays}};
}

json serviceJson(const core::PassService& s) {
    return {{"code", s.code}, {"label", s.label}, {"cheques", s.cheques}, {"withdrawn", s.withdrawn == 1}};
}
}  // namespace

void addPassSettingsCommands(CliCommands& commands, const CliContext& ctx) {
    static std::string distributor, qualified, graceDays, code, label, cheques, withdrawn;
    static bool all = false;

    CliCommand profile;
    profile.path = {"pass", "profile"};
    profile.description = "The structure's roles (distributor, qualified place) and grace period, as JSON; with an "
                          "option, change them (a coordinator's laptop)";
    profile.options = {{.name = "--distributor", .help = "yes | no: hands cheques out to learners", .target = &distributor},
                       {.name = "--qualified-place", .help = "yes | no: redeems cheques against its services",
                        .target = &qualified},
                       {.name = "--grace-days", .help = "Days after 31/12 a cheque is still redeemed (0-366)",
                        .target = &graceDays}};
    profile.run = [&ctx] {
        auto d = yesNo(distributor, "pass_profile.distributor");
        auto q = yesNo(qualified, "pass_profile.qualified_place");
        auto g = count(graceDays, "settings.grace_days", 0, 366);
        auto notebook = ctx.openNotebook();
        if (d || q || g) notebook->setPassProfile(d, q, g);
        auto out = profileJson(notebook->passProfile());
        out["grace_days_applied"] = notebook->validityPolicy().graceDays;
        std::cout << out.dump(2) << "\n";
    };
    commands.push_back(std::move(profile));

    commands.push_back({.path = {"pass", "service"},
                        .description = "The catalogue of services a qualified place redeems cheques against",
                        .needsSubcommand = true});
    CliCommand list;
    list.path = {"pass", "service", "list"};
    list.description = "The structure's services as JSON";
    list.options = {{.name = "--all", .help = "Withdrawn services too", .target = &all}};
    list.run = [&ctx] {
        auto notebook = ctx.openNotebook();
        json out = json::array();
        for (const auto& s : notebook->passServices(all)) out.push_back(serviceJson(s));
        std::cout << out.dump(2) << "\n";
    };
    commands.push_back(std::move(list));

    CliCommand set;
    set.path = {"pass", "service", "set"};
    set.description = "Add a service or change one (a coordinator's laptop); prints it as JSON";
    set.options = {{.name = "--code", .help = "Code: lowercase letters, digits, - and _ (e.g. atelier-2h)", .target = &code},
                   {.name = "--label", .help = "What the learner gets (e.g. « Atelier 2 h »)", .target = &label},
                   {.name = "--cheques", .help = "Cheques it costs (1-20, default 1)", .target = &cheques},
                   {.name = "--withdrawn", .help = "yes | no: no longer offered", .target = &withdrawn}};
    set.run = [&ctx] {
        if (code.empty()) throw validationError("err.required", "pass_service.code");
        auto n = count(cheques, "pass_service.cheques", 1, 20);
        auto w = yesNo(withdrawn, "pass_service.withdrawn");
        auto notebook = ctx.openNotebook();
        auto saved = notebook->savePassService(code, label.empty() ? std::nullopt : std::optional<std::string>(label), n, w);
        std::cout << serviceJson(saved).dump(2) << "\n";
    };
    commands.push_back(std::move(set));
}

}  // namespace mediane::cli
