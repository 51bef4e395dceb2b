// `mediane import directory FILE.csv` and `mediane export directory --format csv|json`: the Rés'IN directory.
#include "main/cli_context.hpp"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "app/directory_service.hpp"
#include "core/directory_export.hpp"
#include "core/error.hpp"

namespace mediane::cli {

namespace {

void runImport(const CliContext& ctx, const std::string& file, int& exitCode) {
    auto notebook = ctx.openNotebook();
    app::DirectoryService directory(*notebook, ctx.assetsDir);
    auto tr = ctx.translator();
    auto result = directory.importFile(file);
    std::cout << app::importReportJson(result, tr).dump(2) << "\n";
    if (result.plan.rejectedRows > 0)
        std::cerr << "mediane: " << result.plan.rejectedRows << " / " << result.plan.rows << " rejected ("
                  << file << ")\n";
    exitCode = 0;
}

void runExport(const CliContext& ctx, const std::string& format, int& exitCode) {
    auto notebook = ctx.openNotebook();
    app::DirectoryService directory(*notebook, ctx.assetsDir);
    auto tr = ctx.translator();
    auto result = directory.exportable();
    for (const auto& [id, violation] : result.skipped)
        std::cerr << "mediane: "
                  << tr.format("directory.export.skipped", {{"id", id}, {"reason", tr.format(violation.key, violation.params)}})
                  << "\n";
    if (format == "json") std::cout << core::directoryJson(result.places, directory.schema()).dump(2) << "\n";
    else std::cout << core::directoryCsv(result.places, directory.schema());
    exitCode = 0;
}

}  // namespace

void addDirectoryCommands(CLI::App& app, const CliContext& ctx, int& exitCode) {
    auto* import = app.add_subcommand("import", "Import data files");
    import->require_subcommand(1);
    auto file = std::make_shared<std::string>();
    auto* importDirectory = import->add_subcommand(
        "directory", "Import places in the national standard's CSV (lieux de médiation numérique 1.0.2); "
                     "prints a JSON report of every normalised or rejected line and field");
    importDirectory->add_option("file", *file, "CSV file (UTF-8 or Windows-1252, `,` or `;`)")->required();
    importDirectory->callback([&ctx, &exitCode, file] { runImport(ctx, *file, exitCode); });

    // `export` belongs to cli_export.cpp; the directory is one more kind it exports.
    auto format = std::make_shared<std::string>("csv");
    auto* exportDirectory = app.get_subcommand("export")->add_subcommand(
        "directory", "Export the directory, strictly valid against the standard's schema.json");
    exportDirectory->add_option("--format", *format, "csv or json")->check(CLI::IsMember({"csv", "json"}))
        ->capture_default_str();
    exportDirectory->callback([&ctx, &exitCode, format] { runExport(ctx, *format, exitCode); });
}

}  // namespace mediane::cli
