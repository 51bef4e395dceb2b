// `mediane vocab report`: what the move to the national vocabularies could not map, as JSON on stdout.
#include "main/cli_context.hpp"
#include "store/database.hpp"
#include "store/vocabulary_upgrade_report.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace mediane::cli {

void addVocabularyCommands(CliCommands& commands, const CliContext& ctx) {
    commands.push_back({.path = {"vocab"},
                        .description = "The reference vocabularies of the national activity report",
                        .needsSubcommand = true});
    CliCommand report;
    report.path = {"vocab", "report"};
    report.description = "List every value of an older Médiane that has no national equivalent: the record, the "
                         "field and the old code, kept on the record as a legacy code (JSON)";
    report.run = [&ctx] {
        auto notebook = ctx.openNotebook();
        // A second connection: the notebook's own is private to it, and WAL lets both read.
        store::Database db(notebook->dataFile());
        nlohmann::json unmapped = nlohmann::json::array();
        for (const auto& v : store::VocabularyUpgradeReport(db).all())
            unmapped.push_back({{"entity", v.entity}, {"record_id", v.recordId}, {"field", v.field},
                                {"old_code", v.oldCode}, {"outcome", v.outcome}});
        std::cout << nlohmann::json{{"vocabulary_version", notebook->vocabularies().version()},
                                    {"unmapped_count", unmapped.size()},
                                    {"unmapped", unmapped}}
                         .dump(2)
                  << "\n";
    };
    commands.push_back(std::move(report));
}

}  // namespace mediane::cli
