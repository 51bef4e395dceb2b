// `mediane export sessions|learners|cheques`: the notebook's records as CSV or JSON on stdout.
#include "app/exporter.hpp"
#include "app/spreadsheet_csv.hpp"
#include "main/cli_context.hpp"

#include <iostream>

namespace mediane::cli {

namespace {
struct ExportArgs {
    std::string format = "csv";
    bool withIdentity = false;
};
}  // namespace

void addExportCommand(CliCommands& commands, const CliContext& ctx) {
    // Each kind is a subcommand, so other files add theirs (directory, activity-report, pass-claim) alike.
    commands.push_back({.path = {"export"},
                        .description = "Export data to stdout. CSV: RFC 4180, UTF-8, header row, lists joined with "
                                       "'|'; JSON: an array of objects. Learners are pseudonymous (no name, phone, "
                                       "e-mail or goals) unless --with-identity is given",
                        .needsSubcommand = true});
    static ExportArgs args;  // the parser keeps pointers to the option targets until parsing ends
    const std::pair<const char*, const char*> kinds[] = {
        {"sessions", "Every session, in date order"},
        {"learners", "Every learner, pseudonymous unless --with-identity"},
        {"cheques", "Every Pass numérique cheque, by number"}};
    for (const auto& [kind, description] : kinds) {
        CliCommand sub;
        sub.path = {"export", kind};
        sub.description = description;
        // The format is checked by the command itself, so a mistake gets Médiane's translated message.
        sub.options.push_back({.name = "--format", .help = "csv, csv-excel (';' and a BOM, for French spreadsheets) or json", .target = &args.format, .showDefault = true});
        if (std::string(kind) == "learners")
            sub.options.push_back({.name = "--with-identity",
                                   .help = "Include first and last name, phone, e-mail and goals (personal data: share "
                                           "the file only with whom the learners consented to)",
                                   .target = &args.withIdentity});
        sub.run = [&ctx, name = std::string(kind)] {
            app::ExportOptions options;
            options.kind = app::exportKindFrom(name);
            const bool spreadsheet = args.format == "csv-excel";
            options.format = app::exportFormatFrom(spreadsheet ? "csv" : args.format);
            options.withIdentity = args.withIdentity;
            auto notebook = ctx.openNotebook();
            // Large exports: let the stream buffer, and do not sync with C stdio on every row.
            std::ios::sync_with_stdio(false);
            if (!spreadsheet) {
                app::exportRecords(*notebook, options, std::cout);
                return;
            }
            app::SpreadsheetCsv excel(std::cout);
            app::exportRecords(*notebook, options, excel.stream());
            excel.finish();
        };
        commands.push_back(std::move(sub));
    }
}

}  // namespace mediane::cli
