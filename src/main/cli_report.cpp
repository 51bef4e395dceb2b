// `mediane export activity-report` and `mediane export pass-claim`: the coordinator's exports for a period.
#include "main/cli_context.hpp"

#include <fstream>
#include <iostream>
#include <memory>

#include "app/activity_report.hpp"
#include "core/calendar.hpp"
#include "core/error.hpp"

namespace mediane::cli {

namespace {

struct ReportArgs {
    app::DashboardFilter filter;
    std::string format = "csv";
    std::string output;
};

std::vector<CliOption> filterOptions(ReportArgs& args) {
    return {{.name = "--from", .help = "First day of the period, YYYY-MM-DD", .target = &args.filter.from, .required = true},
            {.name = "--to", .help = "Last day of the period, YYYY-MM-DD", .target = &args.filter.to, .required = true},
            {.name = "--structure", .help = "Only this structure", .target = &args.filter.structure},
            {.name = "--place", .help = "Only sessions in this place (its id)", .target = &args.filter.placeId},
            {.name = "--adviser", .help = "Only sessions of this adviser (login)", .target = &args.filter.adviser},
            {.name = "--format", .help = "csv or xlsx", .target = &args.format, .showDefault = true},
            {.name = "--output",
             .help = "File to write; required for xlsx (CSV goes to stdout without it)",
             .target = &args.output}};
}

// Runs body on an output stream: the --output file, else stdout.
template <typename Body>
void withCsvOutput(const ReportArgs& args, Body body) {
    if (args.output.empty()) {
        std::ios::sync_with_stdio(false);
        body(std::cout);
        std::cout.flush();
        return;
    }
    std::ofstream file(args.output, std::ios::binary);
    if (!file) throw Error(Error::Kind::Io, "dashboard.err.output", {{"file", args.output}}, "output");
    body(file);
    file.close();
    if (!file) throw Error(Error::Kind::Io, "dashboard.err.output", {{"file", args.output}}, "output");
}

void runActivityReport(const CliContext& ctx, const ReportArgs& args) {
    app::checkPeriod(args.filter);
    auto format = app::reportFormatFrom(args.format);
    if (format == app::ReportFormat::Xlsx && args.output.empty())
        throw Error(Error::Kind::Validation, "dashboard.err.xlsx_output", {}, "output");
    auto notebook = ctx.openNotebook();
    app::ActivityReport report(*notebook);
    if (format == app::ReportFormat::Xlsx) {
        auto rows = report.writeXlsx(args.filter, core::today(), ctx.translator(), args.output);
        std::cerr << "mediane: " << rows << " sessions -> " << args.output << "\n";
    } else {
        withCsvOutput(args, [&](std::ostream& out) { report.writeCsv(args.filter, out); });
    }
}

void runPassClaim(const CliContext& ctx, const ReportArgs& args) {
    app::checkPeriod(args.filter);
    if (app::reportFormatFrom(args.format) != app::ReportFormat::Csv)
        throw Error(Error::Kind::Validation, "dashboard.err.claim_format", {{"value", args.format}}, "format");
    auto notebook = ctx.openNotebook();
    app::ActivityReport report(*notebook);
    withCsvOutput(args, [&](std::ostream& out) { report.writeClaimCsv(args.filter, out); });
}

}  // namespace

void addReportCommands(CliCommands& commands, const CliContext& ctx) {
    static ReportArgs report, claim;  // the parser keeps pointers to the option targets until parsing ends
    commands.push_back({.path = {"export", "activity-report"},
                        .description = "One row per session of the period in the national activity report's shape "
                                       "(pseudonymous: no names, phones or e-mails; see docs/activity-report.md). "
                                       "xlsx adds the dashboard's tables as sheets",
                        .options = filterOptions(report),
                        .run = [&ctx] { runActivityReport(ctx, report); }});

    commands.push_back({.path = {"export", "pass-claim"},
                        .description = "Pass numérique reimbursement claim: the cheques redeemed in the period, as CSV",
                        .options = filterOptions(claim),
                        .run = [&ctx] { runPassClaim(ctx, claim); }});
}

}  // namespace mediane::cli
