// `mediane export`: sessions, learners or cheques as CSV or JSON on stdout.
#include "main/cli_context.hpp"

#include <CLI/CLI.hpp>

namespace mediane::cli {

void addExportCommand(CLI::App& app, const CliContext& ctx, int& exitCode) {
    auto* cmd = app.add_subcommand("export", "Export sessions, learners or cheques (not yet implemented)");
    cmd->callback([&ctx, &exitCode] {
        (void)ctx;
        exitCode = 1;
    });
}

}  // namespace mediane::cli
