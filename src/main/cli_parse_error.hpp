// Turns a command-line parse failure (CLI11's English text) into the translated message and exit code 2.
#pragma once

#include <CLI/CLI.hpp>

#include "main/cli_context.hpp"

namespace mediane::cli {

// Prints help or the version and returns 0 for --help/--version; otherwise says on stderr, in the user's
// language, which word or option was wrong and what the command accepts, and returns 2 (invalid input).
int reportParseError(const CLI::ParseError& error, CLI::App& app, const CliContext& ctx);

}  // namespace mediane::cli
