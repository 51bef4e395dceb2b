// `mediane export activity-report` and `mediane export pass-claim`: the coordinator's exports for a period.
#include "main/cli_context.hpp"

#include <CLI/CLI.hpp>
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

void addFilterOptions(CLI::App& cmd, ReportArgs& args) {
    cmd.add_option("--from", args.filter.from, "First day of the period, YYYY-MM-DD")->required();
    cmd.add_option("--to", args.filter.to, "Last day of the period, YYYY-MM-DD")->required();
    cmd.add_option("--structure", args.filter.structure, "Only this structure");
    cmd.add_option("--place", args.filter.placeId, "Only sessions in this place (its id)");
    cmd.add_option("--adviser", args.filter.adviser, "Only sessions of this adviser (login)");
    cmd.add_option("--format", args.format, "csv or xlsx")->capture_default_str();
    cmd.add_option("--output", args.output, "File to write; required for xlsx (CSV goes to stdout without it)");
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

void addReportCommands(CLI::App& app, const CliContext& ctx, int& exitCode) {
    auto* exportCmd = app.get_subcommand("export");

    static ReportArgs report, claim;  // CLI11 keeps pointers to the option targets until parsing ends
    auto* activity = exportCmd->add_subcommand(
        "activity-report",
        "One row per session of the period in the national activity report's shape (pseudonymous: no names, "
        "phones or e-mails; see docs/activity-report.md). xlsx adds the dashboard's tables as sheets");
    addFilterOptions(*activity, report);
    activity->callback([&ctx, &exitCode] {
        runActivityReport(ctx, report);
        exitCode = 0;
    });

    auto* passClaim = exportCmd->add_subcommand(
        "pass-claim", "Pass numérique reimbursement claim: the cheques redeemed in the period, as CSV");
    addFilterOptions(*passClaim, claim);
    passClaim->callback([&ctx, &exitCode] {
        runPassClaim(ctx, claim);
        exitCode = 0;
    });
}

}  // namespace mediane::cli
