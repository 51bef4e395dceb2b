// `mediane export pass-statement`, `export pass-unused` and `import pass-payment`: the money side of the Pass
// numérique (docs/pass-numerique.md). A bad option or file exits 2 naming it; refused lines exit 3, each named.
#include "main/cli_context.hpp"

#include <fstream>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "app/pass_payment_import.hpp"
#include "app/pass_statement.hpp"
#include "app/pass_unused.hpp"
#include "app/spreadsheet_csv.hpp"
#include "core/calendar.hpp"
#include "core/error.hpp"
#include "core/text_file.hpp"

namespace mediane::cli {

namespace {

struct ExportArgs {
    std::string month, funder, format = "csv", output;
};

// Runs body on the --output file, else stdout; csv-excel goes through SpreadsheetCsv (`;`, BOM).
template <typename Body>
void writeCsv(const ExportArgs& args, bool spreadsheet, Body body) {
    auto write = [&](std::ostream& out) {
        if (!spreadsheet) return body(out);
        app::SpreadsheetCsv excel(out);
        body(excel.stream());
        excel.finish();
    };
    if (args.output.empty()) {
        write(std::cout);
        std::cout.flush();
        return;
    }
    std::ofstream file(args.output, std::ios::binary);
    if (!file) throw Error(Error::Kind::Io, "dashboard.err.output", {{"file", args.output}}, "output");
    write(file);
    file.close();
    if (!file) throw Error(Error::Kind::Io, "dashboard.err.output", {{"file", args.output}}, "output");
}

app::PassExportFormat formatOf(const ExportArgs& args) {
    auto format = app::passExportFormatFrom(args.format);
    if (format.xlsx && args.output.empty()) throw Error(Error::Kind::Validation, "dashboard.err.xlsx_output", {}, "output");
    return format;
}

void runStatement(const CliContext& ctx, const ExportArgs& args) {
    app::checkMonth(args.month);  // before the notebook is opened: a typo costs nothing
    const auto format = formatOf(args);
    auto notebook = ctx.openNotebook();
    app::PassStatement statement(*notebook);
    if (format.xlsx) {
        auto rows = statement.writeXlsx(args.month, ctx.translator(), args.output);
        std::cerr << "mediane: " << rows << " cheques -> " << args.output << "\n";
        return;
    }
    writeCsv(args, format.spreadsheet, [&](std::ostream& out) { statement.writeCsv(args.month, out); });
}

void runUnused(const CliContext& ctx, const ExportArgs& args) {
    const auto format = formatOf(args);
    auto notebook = ctx.openNotebook();
    app::PassUnused unused(*notebook, args.funder, core::today());
    if (format.xlsx) {
        unused.writeXlsx(ctx.translator(), args.output);
        std::cerr << "mediane: " << unused.cheques().size() << " cheques -> " << args.output << "\n";
        return;
    }
    writeCsv(args, format.spreadsheet, [&](std::ostream& out) { unused.writeCsv(out); });
}

void runPaymentImport(const CliContext& ctx, const std::string& file) {
    const auto bytes = core::readTextFile(file);
    auto notebook = ctx.openNotebook();
    auto result = app::importPayments(*notebook, bytes);
    if (!result.problems.empty()) {
        auto tr = ctx.translator();
        for (const auto& p : result.problems) {
            Error::Params params = p.params;
            const auto reason = tr.message(Error(Error::Kind::Refused, p.key, params));
            std::cerr << tr.format("payment.line", {{"line", std::to_string(p.line)}, {"reason", reason}}) << "\n";
        }
        throw Error(Error::Kind::Refused, "err.payment_refused",
                    {{"count", std::to_string(result.problems.size())}, {"file", file}});
    }
    std::cout << nlohmann::json{{"count", result.paid}, {"total_cents", result.totalCents}}.dump(2) << "\n";
}

}  // namespace

void addPassPaymentCommands(CliCommands& commands, const CliContext& ctx) {
    static ExportArgs statement, unused;  // the parser keeps pointers to the option targets until parsing ends
    const std::string formatHelp = "csv, csv-excel (';' and a BOM, for French spreadsheets) or xlsx";
    const std::string outputHelp = "File to write; required for xlsx (CSV goes to stdout without it)";
    commands.push_back({.path = {"export", "pass-statement"},
                        .description = "Pass numérique monthly statement: the cheques this structure redeemed in the "
                                       "month, with their value, service, place and state (redeemed or paid)",
                        .options = {{.name = "--month", .help = "The month, YYYY-MM", .target = &statement.month},
                                    {.name = "--format", .help = formatHelp, .target = &statement.format, .showDefault = true},
                                    {.name = "--output", .help = outputHelp, .target = &statement.output}},
                        .run = [&ctx] { runStatement(ctx, statement); }});
    commands.push_back({.path = {"export", "pass-unused"},
                        .description = "Pass numérique value back to a funder: the cheques of its booklets whose "
                                       "redemption period ended and that were never redeemed",
                        .options = {{.name = "--funder", .help = "The funder (commanditaire) of the booklets",
                                     .target = &unused.funder, .required = true},
                                    {.name = "--format", .help = formatHelp, .target = &unused.format, .showDefault = true},
                                    {.name = "--output", .help = outputHelp, .target = &unused.output}},
                        .run = [&ctx] { runUnused(ctx, unused); }});

    auto file = std::make_shared<std::string>();
    commands.push_back({.path = {"import", "pass-payment"},
                        .description = "Record the operator's payment file (number;amount_cents;paid_on): every line "
                                       "is checked first, one bad line refuses the whole file; prints a JSON summary",
                        .options = {{.name = "file", .help = "CSV file, `;` or `,`", .target = file.get(), .required = true}},
                        .run = [&ctx, file] { runPaymentImport(ctx, *file); }});
}

}  // namespace mediane::cli
