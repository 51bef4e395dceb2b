// `mediane import directory FILE.csv` and `mediane export directory --format csv|json`: the Rés'IN directory.
#include "main/cli_context.hpp"

#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "app/directory_service.hpp"
#include "core/directory_export.hpp"
#include "core/error.hpp"

namespace mediane::cli {

namespace {

void runImport(const CliContext& ctx, const std::string& file) {
    auto notebook = ctx.openNotebook();
    app::DirectoryService directory(*notebook, ctx.assetsDir);
    auto tr = ctx.translator();
    auto result = directory.importFile(file);
    std::cout << app::importReportJson(result, tr).dump(2) << "\n";
    if (result.plan.rejectedRows > 0)
        std::cerr << "mediane: " << result.plan.rejectedRows << " / " << result.plan.rows << " rejected ("
                  << file << ")\n";
}

void runExport(const CliContext& ctx, const std::string& format) {
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
}

}  // namespace

void addDirectoryCommands(CliCommands& commands, const CliContext& ctx) {
    commands.push_back({.path = {"import"}, .description = "Import data files", .needsSubcommand = true});
    auto file = std::make_shared<std::string>();
    commands.push_back({.path = {"import", "directory"},
                        .description = "Import places in the national standard's CSV (lieux de médiation numérique "
                                       "1.0.2); prints a JSON report of every normalised or rejected line and field",
                        .options = {{.name = "file",
                                     .help = "CSV file (UTF-8 or Windows-1252, `,` or `;`)",
                                     .target = file.get(),
                                     .required = true}},
                        .run = [&ctx, file] { runImport(ctx, *file); }});

    // `export` belongs to cli_export.cpp; the directory is one more kind it exports.
    auto format = std::make_shared<std::string>("csv");
    commands.push_back({.path = {"export", "directory"},
                        .description = "Export the directory, strictly valid against the standard's schema.json",
                        .options = {{.name = "--format",
                                     .help = "csv or json",
                                     .target = format.get(),
                                     .showDefault = true,
                                     .choices = {"csv", "json"}}},
                        .run = [&ctx, format] { runExport(ctx, *format); }});
}

}  // namespace mediane::cli
