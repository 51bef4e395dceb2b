// What every CLI subcommand gets: the data directory, the language and the assets, and how to open the notebook.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "app/notebook.hpp"
#include "core/translator.hpp"
#include "main/cli_command.hpp"

namespace mediane::cli {

struct CliContext {
    std::string dataDir;
    std::string language = "fr";
    std::string assetsDir;
    std::string passphraseFile;  // --passphrase-file: an encrypted notebook's passphrase, first line

    std::unique_ptr<app::Notebook> openNotebook() const;
    core::Translator translator() const { return core::Translator::load(assetsDir + "/i18n", language); }
};

// An encrypted notebook's passphrase: --passphrase-file, else MEDIANE_PASSPHRASE, else none.
std::optional<std::string> givenPassphrase(const CliContext& ctx);
// Unlocks an encrypted notebook with givenPassphrase (Refused "err.passphrase_needed" without one).
void unlockIfEncrypted(const CliContext& ctx);

inline std::unique_ptr<app::Notebook> CliContext::openNotebook() const {
    unlockIfEncrypted(*this);
    return app::Notebook::open(dataDir, assetsDir);
}

// Each file describes its subcommands; main parses them all. A command that returns exits 0; errors are
// thrown as mediane::Error and reported by main (the one boundary). A new command: its file, plus its line in main.
void addStatusCommand(CliCommands& commands, const CliContext& ctx);
void addDemoCommand(CliCommands& commands, const CliContext& ctx);
void addExportCommand(CliCommands& commands, const CliContext& ctx);
// `import directory FILE.csv` and `export directory` (a kind of the export command): call after addExportCommand.
void addDirectoryCommands(CliCommands& commands, const CliContext& ctx);
// `export activity-report` and `export pass-claim` (subcommands of export): call after addExportCommand.
void addReportCommands(CliCommands& commands, const CliContext& ctx);
// `enroll --hub URL --login L` (password on stdin) and `sync [--hub URL]`.
void addSyncCommands(CliCommands& commands, const CliContext& ctx);
// `encrypt` (new passphrase on stdin) and `passphrase` (current one as for any command, new one on stdin).
void addEncryptionCommands(CliCommands& commands, const CliContext& ctx);
// `vocab report`: the values migration 9 kept as legacy codes.
void addVocabularyCommands(CliCommands& commands, const CliContext& ctx);
// `session add|edit ID|delete ID`: a session as JSON on stdin (cli_session.cpp).
void addSessionCommands(CliCommands& commands, const CliContext& ctx);
// `learner add|edit|erase|withdraw-consent`, `erase learner` and `export learner` (call after addExportCommand).
void addLearnerCommands(CliCommands& commands, const CliContext& ctx);
// `pass booklet add|give|cancel|check|redeem` (cli_pass.cpp).
void addPassCommands(CliCommands& commands, const CliContext& ctx);
void addPassSettingsCommands(CliCommands& commands, const CliContext& ctx);
void addConflictExportCommand(CliCommands& commands, const CliContext& ctx);
// `export pass-statement`, `export pass-unused` and `import pass-payment` (cli_pass_payment.cpp): call after
// addExportCommand and addDirectoryCommands, which add `export` and `import`.
void addPassPaymentCommands(CliCommands& commands, const CliContext& ctx);
// `backup --to FILE` and `restore --from FILE` (cli_backup.cpp).
void addBackupCommands(CliCommands& commands, const CliContext& ctx);

}  // namespace mediane::cli
