// `mediane export`: sessions, learners or cheques as CSV or JSON on stdout.
#include "app/exporter.hpp"
#include "main/cli_context.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

namespace mediane::cli {

namespace {
struct ExportArgs {
    std::string kind;
    std::string format = "csv";
    bool withIdentity = false;
};
}  // namespace

void addExportCommand(CLI::App& app, const CliContext& ctx, int& exitCode) {
    auto* cmd = app.add_subcommand(
        "export",
        "Export sessions, learners or cheques to stdout. CSV: RFC 4180, UTF-8, header row, lists joined with '|'; "
        "JSON: an array of objects. Learners are pseudonymous (no name, phone, e-mail or goals) unless "
        "--with-identity is given");
    static ExportArgs args;  // CLI11 keeps pointers to the option targets until parsing ends
    // Kind and format are checked by the command itself, so a mistake gets Médiane's translated message.
    cmd->add_option("kind", args.kind, "What to export: sessions, learners or cheques")->required();
    cmd->add_option("--format", args.format, "csv or json")->capture_default_str();
    cmd->add_flag("--with-identity", args.withIdentity,
                  "Learners only: include first and last name, phone, e-mail and goals (personal data: "
                  "share the file only with whom the learners consented to)");
    cmd->callback([&ctx, &exitCode] {
        app::ExportOptions options;
        options.kind = app::exportKindFrom(args.kind);
        options.format = app::exportFormatFrom(args.format);
        options.withIdentity = args.withIdentity;
        auto notebook = ctx.openNotebook();
        // Large exports: let the stream buffer, and do not sync with C stdio on every row.
        std::ios::sync_with_stdio(false);
        app::exportRecords(*notebook, options, std::cout);
        exitCode = 0;
    });
}

}  // namespace mediane::cli
