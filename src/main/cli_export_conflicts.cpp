// `mediane export conflicts --format json`: the conflicts this laptop's account may see, with both sides.
#include "app/conflict_export.hpp"
#include "main/cli_context.hpp"

#include <iostream>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace mediane::cli {

void addConflictExportCommand(CliCommands& commands, const CliContext& ctx) {
    static std::string format = "json";
    CliCommand sub;
    sub.path = {"export", "conflicts"};
    sub.description = "The conflicts this laptop's account may see (kind, record, both sides, who decides), as JSON; "
                      "as of the last sync";
    sub.options.push_back({.name = "--format", .help = "json", .target = &format, .showDefault = true});
    sub.run = [&ctx] {
        if (format != "json") throw validationError("err.cli_value", "export.format", {{"value", format}});
        auto notebook = ctx.openNotebook();
        std::cout << app::conflictsForExport(*notebook).dump(2) << "\n";
    };
    commands.push_back(std::move(sub));
}

}  // namespace mediane::cli
