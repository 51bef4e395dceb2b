// `mediane enroll` (bind this laptop to a hub account, password on stdin) and `mediane sync` (one full sync).
#include "main/cli_context.hpp"

#include <iostream>
#include <nlohmann/json.hpp>

#include "app/sync_service.hpp"

namespace mediane::cli {

namespace {
// The password comes on stdin so it never shows in the process list or the shell history.
std::string readPassword() {
    std::string line;
    std::getline(std::cin, line);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    return line;
}
// Every operation still waiting in error, with the hub's reason: the same list on every run until a person acts.
nlohmann::json refusedJson(const std::vector<store::RefusedOperation>& refused) {
    auto out = nlohmann::json::array();
    for (const auto& r : refused)
        out.push_back({{"op_id", r.opId}, {"entity", r.entity}, {"record_id", r.recordId}, {"op", r.op},
                       {"reason", r.reason}, {"message", r.message}});
    return out;
}
}  // namespace

void addSyncCommands(CliCommands& commands, const CliContext& ctx) {
    struct Options {
        std::string hub, login, caFile;
        bool pushOnly = false;
    };
    auto options = std::make_shared<Options>();

    CliCommand enroll;
    enroll.path = {"enroll"};
    enroll.description = "Bind this laptop to your hub account (password read on stdin)";
    enroll.options = {
        {.name = "--hub", .help = "Hub address, e.g. https://resin.example.org", .target = &options->hub, .required = true},
        {.name = "--login", .help = "Your hub login", .target = &options->login, .required = true},
        {.name = "--ca-file", .help = "Extra CA certificate bundle for the hub's TLS certificate", .target = &options->caFile}};
    enroll.run = [&ctx, options] {
        auto notebook = ctx.openNotebook();
        sync::TransportOptions transport;
        transport.caFile = options->caFile;
        auto account = app::enrollDevice(*notebook, options->hub, options->login, readPassword(), transport);
        nlohmann::json out = {{"hub", account.hubUrl},       {"login", account.login},
                              {"role", account.role},        {"structure", account.structure},
                              {"territory", account.territory}, {"device_id", notebook->status().deviceId}};
        std::cout << out.dump(2) << "\n";
    };
    commands.push_back(std::move(enroll));

    CliCommand syncCmd;
    syncCmd.path = {"sync"};
    syncCmd.description = "Push pending changes to the hub and pull the others' (one full sync)";
    syncCmd.options = {
        {.name = "--hub", .help = "Hub address, when it moved since enroll (remembered)", .target = &options->hub},
        {.name = "--ca-file", .help = "Extra CA certificate bundle for the hub's TLS certificate", .target = &options->caFile},
        {.name = "--push-only", .help = "Only send this laptop's pending changes (slow link)", .target = &options->pushOnly}};
    syncCmd.run = [&ctx, options] {
        auto notebook = ctx.openNotebook();
        sync::TransportOptions transport;
        transport.caFile = options->caFile;
        auto r = app::syncNow(*notebook, options->hub, transport, options->pushOnly);
        nlohmann::json out = {{"pushed", r.pushed},
                              {"acked", r.acked},
                              {"push_conflicts", r.pushConflicts},
                              {"rejected", r.rejected},
                              {"refused", r.refused},
                              {"held_back", r.heldBack},
                              {"refused_ops", refusedJson(r.refusedOps)},
                              {"pulled", r.pulled},
                              {"held", r.held},
                              {"skipped", r.skipped},
                              {"new_conflicts", r.newConflicts},
                              {"requests", r.pushRequests + r.pullRequests},
                              {"cursor", r.cursor},
                              {"pending_changes", notebook->status().pendingChanges},
                              {"last_sync", r.finishedAt.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.finishedAt)},
                              {"push_requests", r.pushRequests},
                              {"push_seconds", r.pushSeconds},
                              {"pull_seconds", r.pullSeconds},
                              {"bytes_sent", r.wire.bytesSent},
                              {"bytes_received", r.wire.bytesReceived},
                              // The hub's vocabularies version when this sync brought newer ones, else null.
                              {"vocabulary_version", r.vocabularyVersion > 0 ? nlohmann::json(r.vocabularyVersion)
                                                                             : nlohmann::json(nullptr)}};
        std::cout << out.dump(2) << "\n";
    };
    commands.push_back(std::move(syncCmd));
}

}  // namespace mediane::cli
