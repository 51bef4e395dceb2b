// `mediane demo`: fills an empty notebook with a realistic, deterministic demo database.
#include "main/cli_context.hpp"

#include <CLI/CLI.hpp>

namespace mediane::cli {

void addDemoCommand(CLI::App& app, const CliContext& ctx, int& exitCode) {
    auto* cmd = app.add_subcommand("demo", "Fill an empty notebook with demo data (not yet implemented)");
    cmd->callback([&ctx, &exitCode] {
        (void)ctx;
        exitCode = 1;
    });
}

}  // namespace mediane::cli
