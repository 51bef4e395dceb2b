// `mediane status`: counts and the pending outbox size, as JSON on stdout.
#include "main/cli_context.hpp"

#include <iostream>
#include <nlohmann/json.hpp>

namespace mediane::cli {

void addStatusCommand(CliCommands& commands, const CliContext& ctx) {
    commands.push_back({{"status"}, "Print the notebook's counts, pending changes and last sync as JSON", {}, false, [&ctx] {
        auto notebook = ctx.openNotebook();
        auto s = notebook->status();
        nlohmann::json out = {{"data_file", s.dataFile},
                              {"device_id", s.deviceId},
                              {"schema_version", s.schemaVersion},
                              {"learners", s.learners},
                              {"sessions", s.sessions},
                              {"cheques", s.cheques},
                              {"places", s.places},
                              {"assessments", s.assessments},
                              {"pending_changes", s.pendingChanges},
                              {"refused_changes", s.refusedChanges},
                              {"last_sync", s.lastSync.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.lastSync)}};
        std::cout << out.dump(2) << "\n";
    }});
}

}  // namespace mediane::cli
