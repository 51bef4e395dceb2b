// `mediane export activity-report` and `mediane export pass-claim`: the coordinator's exports for a period.
#include "main/cli_context.hpp"

#include <fstream>
#include <iostream>
#include <memory>

#include "app/activity_report.hpp"
#include "app/activity_report_coop.hpp"
#include "app/spreadsheet_csv.hpp"
#include "app/territory_coverage.hpp"
#include "core/calendar.hpp"
#include "core/commune_directory.hpp"
#include "core/error.hpp"
#include "store/activity_queries.hpp"
#include "store/territory_queries.hpp"

namespace mediane::cli {

namespace {

struct ReportArgs {
    app::DashboardFilter filter;
    std::string format = "csv";
    std::string output;
    std::string scope;  // coop formats: "self" or "territory"; empty: from the notebook's enrolment
    std::string territory;  // xlsx: an intercommunality's SIREN, whose coverage sheets the workbook adds
};

std::vector<CliOption> filterOptions(ReportArgs& args) {
    return {{.name = "--from", .help = "First day of the period, YYYY-MM-DD", .target = &args.filter.from, .required = true},
            {.name = "--to", .help = "Last day of the period, YYYY-MM-DD", .target = &args.filter.to, .required = true},
            {.name = "--structure", .help = "Only this structure", .target = &args.filter.structure},
            {.name = "--place", .help = "Only sessions in this place (its id)", .target = &args.filter.placeId},
            {.name = "--adviser", .help = "Only sessions of this adviser (login)", .target = &args.filter.adviser},
            {.name = "--format", .help = "csv, csv-excel (';' and a BOM, for French spreadsheets) or xlsx", .target = &args.format, .showDefault = true},
            {.name = "--output",
             .help = "File to write; required for xlsx (CSV goes to stdout without it)",
             .target = &args.output}};
}

std::vector<CliOption> activityReportOptions(ReportArgs& args) {
    auto options = filterOptions(args);
    for (auto& option : options)
        if (option.name == "--format")
            option.help = "csv or xlsx (one row per session), coop-csv or coop-xlsx (La Coop de la médiation "
                          "numérique's export: one row per beneficiary per activity); csv-excel and coop-csv-excel: "
                          "the CSV with ';' and a BOM, for French spreadsheets";
    options.push_back({.name = "--scope",
                       .help = "Coop formats: self (an adviser's own activity) or territory (a coordinator's); "
                               "default: from the hub account's role, self when not enrolled",
                       .target = &args.scope});
    options.push_back({.name = "--territory",
                       .help = "xlsx: add the coverage of this intercommunality, by its SIREN (e.g. 200046977, "
                               "Métropole de Lyon): its communes with no place, learners and sessions per commune, "
                               "places with no session in the period",
                       .target = &args.territory});
    return options;
}

// "csv-excel" and "coop-csv-excel": the CSV for spreadsheets (`;`, BOM); strips the suffix and says so.
bool forSpreadsheet(std::string& format) {
    const std::string suffix = "-excel";
    if (format.size() <= suffix.size() || format.compare(format.size() - suffix.size(), suffix.size(), suffix) != 0)
        return false;
    format.resize(format.size() - suffix.size());
    return true;
}

// Runs body on an output stream: the --output file, else stdout; for a spreadsheet, through SpreadsheetCsv.
template <typename Body>
void withCsvOutput(const ReportArgs& args, bool spreadsheet, Body body) {
    auto write = [&](std::ostream& out) {
        if (!spreadsheet) return body(out);
        app::SpreadsheetCsv excel(out);
        body(excel.stream());
        excel.finish();
    };
    if (args.output.empty()) {
        std::ios::sync_with_stdio(false);
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

void runCoopReport(const CliContext& ctx, const ReportArgs& args, app::ReportFormat format, bool spreadsheet,
                   app::Notebook& notebook, const core::CommuneDirectory& communes) {
    auto scope = args.scope.empty() ? app::coopScopeForRole(notebook.activityQueries().accountRole())
                                    : app::coopScopeFrom(args.scope);
    app::CoopReport report(notebook, &communes, scope);
    if (format == app::ReportFormat::CoopXlsx) {
        auto rows = report.writeXlsx(args.filter, core::nowUtc(), args.output);
        std::cerr << ctx.translator().format("coop_export.done", {{"rows", std::to_string(rows)},
                                                                  {"file", args.output}})
                  << "\n";
    } else {
        withCsvOutput(args, spreadsheet, [&](std::ostream& out) { report.writeCsv(args.filter, out); });
    }
}

void runActivityReport(const CliContext& ctx, const ReportArgs& args) {
    app::checkPeriod(args.filter);
    std::string formatName = args.format;
    const bool spreadsheet = forSpreadsheet(formatName);
    auto format = app::reportFormatFrom(formatName);
    if (spreadsheet && format != app::ReportFormat::Csv && format != app::ReportFormat::CoopCsv)
        throw Error(Error::Kind::Validation, "dashboard.err.format", {{"value", args.format}}, "format");
    const bool workbook = format == app::ReportFormat::Xlsx || format == app::ReportFormat::CoopXlsx;
    if (workbook && args.output.empty())
        throw Error(Error::Kind::Validation, "dashboard.err.xlsx_output", {}, "output");
    if (!args.scope.empty()) app::coopScopeFrom(args.scope);  // refused before the notebook is opened
    if (!args.territory.empty() && format != app::ReportFormat::Xlsx)
        throw Error(Error::Kind::Validation, "map.err.territory_format", {{"value", args.format}}, "territory");
    auto notebook = ctx.openNotebook();
    // Places typed in Médiane rarely carry their INSEE code: the national list gives it.
    auto communes = core::CommuneDirectory::loadFile(ctx.assetsDir + "/communes/communes.csv");
    if (format == app::ReportFormat::CoopCsv || format == app::ReportFormat::CoopXlsx) {
        runCoopReport(ctx, args, format, spreadsheet, *notebook, communes);
        return;
    }
    app::ActivityReport report(*notebook, &communes);
    if (format == app::ReportFormat::Xlsx) {
        if (!args.territory.empty()) {
            auto territories = core::Intercommunalities::loadFile(ctx.assetsDir + "/communes/intercommunalites.csv");
            const auto* territory = territories.find(args.territory);
            if (!territory)
                throw Error(Error::Kind::NotFound, "map.err.territory_unknown", {{"siren", args.territory}}, "territory");
            auto queries = store::TerritoryQueries::openReadOnly(notebook->dataFile());
            report.includeCoverage(app::computeTerritoryCoverage(*queries, communes, *territory, args.filter));
        }
        auto rows = report.writeXlsx(args.filter, core::today(), ctx.translator(), args.output);
        std::cerr << "mediane: " << rows << " sessions -> " << args.output << "\n";
    } else {
        withCsvOutput(args, spreadsheet, [&](std::ostream& out) { report.writeCsv(args.filter, out); });
    }
}

void runPassClaim(const CliContext& ctx, const ReportArgs& args) {
    app::checkPeriod(args.filter);
    std::string formatName = args.format;
    const bool spreadsheet = forSpreadsheet(formatName);
    if (formatName != "csv")
        throw Error(Error::Kind::Validation, "dashboard.err.claim_format", {{"value", args.format}}, "format");
    auto notebook = ctx.openNotebook();
    app::ActivityReport report(*notebook);
    withCsvOutput(args, spreadsheet, [&](std::ostream& out) { report.writeClaimCsv(args.filter, out); });
}

}  // namespace

void addReportCommands(CliCommands& commands, const CliContext& ctx) {
    static ReportArgs report, claim;  // the parser keeps pointers to the option targets until parsing ends
    commands.push_back({.path = {"export", "activity-report"},
                        .description = "The activity of the period (pseudonymous: no names, phones or e-mails; "
                                       "see docs/activity-report.md): csv and xlsx write one row per session (xlsx "
                                       "adds the dashboard's tables as sheets); coop-csv and coop-xlsx write the "
                                       "columns of La Coop de la médiation numérique's export, one row per "
                                       "beneficiary per activity",
                        .options = activityReportOptions(report),
                        .run = [&ctx] { runActivityReport(ctx, report); }});

    commands.push_back({.path = {"export", "pass-claim"},
                        .description = "Pass numérique reimbursement claim: the cheques redeemed in the period, as CSV",
                        .options = filterOptions(claim),
                        .run = [&ctx] { runPassClaim(ctx, claim); }});
}

}  // namespace mediane::cli
