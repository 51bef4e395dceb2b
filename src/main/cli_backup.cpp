// `mediane backup --to FILE` and `mediane restore --from FILE`: the notebook saved and brought back whole.
#include "main/cli_context.hpp"

#include "app/notebook_backup.hpp"
#include "store/notebook_backup.hpp"

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

namespace mediane::cli {

void addBackupCommands(CliCommands& commands, const CliContext& ctx) {
    static std::string to, from;  // the parser keeps pointers to the option targets until parsing ends

    CliCommand backup;
    backup.path = {"backup"};
    backup.description =
        "Write a checked copy of the notebook to FILE, even while the app or a sync uses it (SQLite's online "
        "backup: one consistent snapshot, recent changes included). An encrypted notebook's copy stays encrypted, "
        "and its key file goes beside it as FILE.key: keep both";
    backup.options = {{.name = "--to", .help = "The backup file to write (replaced if it exists)", .target = &to,
                       .required = true}};
    backup.run = [&ctx] {
        unlockIfEncrypted(ctx);
        auto done = app::backupNotebook(ctx.dataDir, to);
        nlohmann::json out = {{"backup", done.file}, {"schema_version", done.schemaVersion}, {"bytes", done.bytes}};
        if (std::filesystem::exists(store::backupKeyFile(done.file))) out["key_file"] = store::backupKeyFile(done.file);
        std::cout << out.dump(2) << "\n";
    };
    commands.push_back(std::move(backup));

    CliCommand restore;
    restore.path = {"restore"};
    restore.description =
        "Replace the notebook by a backup made with `backup` (close the app first). The backup is checked first; "
        "one from a newer Médiane is refused (exit 3). The notebook it replaces is kept in DIR/backups/. An "
        "encrypted backup needs the passphrase it had (MEDIANE_PASSPHRASE or --passphrase-file)";
    restore.options = {{.name = "--from", .help = "The backup file", .target = &from, .required = true}};
    restore.run = [&ctx] {
        auto restored = app::restoreNotebook(ctx.dataDir, from, givenPassphrase(ctx));
        // Opening migrates a backup of an older Médiane now, keeping a copy of it first.
        auto notebook = ctx.openNotebook();
        auto s = notebook->status();
        nlohmann::json out = {{"data_file", restored.file},
                              {"backup_schema_version", restored.backupSchemaVersion},
                              {"schema_version", s.schemaVersion},
                              {"previous_notebook", restored.previousCopy.empty() ? nlohmann::json(nullptr)
                                                                                  : nlohmann::json(restored.previousCopy)},
                              {"learners", s.learners},
                              {"sessions", s.sessions},
                              {"cheques", s.cheques}};
        std::cout << out.dump(2) << "\n";
    };
    commands.push_back(std::move(restore));
}

}  // namespace mediane::cli
