// What every CLI subcommand gets: the data directory, the language and the assets, and how to open the notebook.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "app/notebook.hpp"
#include "core/translator.hpp"

namespace CLI {
class App;
}

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

// Each subcommand registers itself; its callback runs the command and sets exitCode.
// Errors are thrown as mediane::Error and reported by main (the one boundary).
void addStatusCommand(CLI::App& app, const CliContext& ctx, int& exitCode);
void addDemoCommand(CLI::App& app, const CliContext& ctx, int& exitCode);
void addExportCommand(CLI::App& app, const CliContext& ctx, int& exitCode);
// `import directory FILE.csv` and `export directory` (a kind of the export command): call after addExportCommand.
void addDirectoryCommands(CLI::App& app, const CliContext& ctx, int& exitCode);
// `export activity-report` and `export pass-claim` (subcommands of export): call after addExportCommand.
void addReportCommands(CLI::App& app, const CliContext& ctx, int& exitCode);
// `enroll --hub URL --login L` (password on stdin) and `sync [--hub URL]`.
void addSyncCommands(CLI::App& app, const CliContext& ctx, int& exitCode);
// `encrypt` (new passphrase on stdin) and `passphrase` (current one as for any command, new one on stdin).
void addEncryptionCommands(CLI::App& app, const CliContext& ctx, int& exitCode);

}  // namespace mediane::cli
