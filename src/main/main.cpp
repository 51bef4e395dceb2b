// `mediane`: the desktop app by default, and CLI subcommands on the same application services.
#include "app/notebook.hpp"
#include "core/error.hpp"
#include "core/translator.hpp"
#include "main/cli_context.hpp"
#include "main/cli_parse_error.hpp"

#ifdef MEDIANE_HAS_GUI
#include "main/gui_runner.hpp"
#endif

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <type_traits>
#include <variant>

namespace {

std::string defaultDataDir() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::string(xdg) + "/mediane";
    if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.local/share/mediane";
    return "mediane-data";
}

// The one boundary where errors become messages: translated, on stderr, with a non-zero exit.
int report(const mediane::Error& e, const mediane::cli::CliContext& ctx) {
    std::string text;
    try {
        text = ctx.translator().message(e);
    } catch (const std::exception&) {
        text = e.what();  // the translation table itself is unreadable: say what we know
    }
    std::cerr << "mediane: " << text << "\n";
    switch (e.kind()) {
        case mediane::Error::Kind::Validation: return 2;
        case mediane::Error::Kind::NotFound:
        case mediane::Error::Kind::Refused: return 3;
        case mediane::Error::Kind::Storage:
        case mediane::Error::Kind::Io: return 4;
    }
    return 1;
}

// The one place CLI11 meets the subcommands' descriptions, in their order (which is the help's order).
void addCommands(CLI::App& app, const mediane::cli::CliCommands& commands) {
    for (const auto& command : commands) {
        CLI::App* parent = &app;
        for (std::size_t i = 0; i + 1 < command.path.size(); ++i) parent = parent->get_subcommand(command.path[i]);
        CLI::App* cmd = parent->add_subcommand(command.path.back(), command.description);
        if (command.needsSubcommand) cmd->require_subcommand(1);
        for (const auto& option : command.options) {
            CLI::Option* added = std::visit(
                [&](auto* target) -> CLI::Option* {
                    if constexpr (std::is_same_v<decltype(target), bool*>)
                        return cmd->add_flag(option.name, *target, option.help);
                    else
                        return cmd->add_option(option.name, *target, option.help);
                },
                option.target);
            if (!option.choices.empty()) added->check(CLI::IsMember(option.choices));
            if (option.showDefault) added->capture_default_str();
            if (option.required) added->required();
        }
        if (command.run) cmd->callback(command.run);
    }
}

}  // namespace

int main(int argc, char** argv) {
    mediane::cli::CliContext ctx;
    ctx.dataDir = defaultDataDir();
    ctx.assetsDir = mediane::app::findAssetsDir(argv[0]);

    // The language of parse errors: CLI11 assigns --lang only once parsing succeeded, so look for it first.
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--lang" && (std::string(argv[i + 1]) == "fr" || std::string(argv[i + 1]) == "en"))
            ctx.language = argv[i + 1];
    CLI::App app{"Médiane: the offline notebook of conseillers numériques"};
    app.set_version_flag("--version", "Médiane 0.1.0");
    app.add_option("--data", ctx.dataDir, "Data directory holding mediane.sqlite")->capture_default_str();
    app.add_option("--passphrase-file", ctx.passphraseFile,
                   "An encrypted notebook's passphrase, on the first line of this file (or MEDIANE_PASSPHRASE)");
    app.add_option("--lang", ctx.language, "Language of messages and screens")->check(CLI::IsMember({"fr", "en"}));
    int frames = 0;
    std::string screenshot, screen;
    app.add_option("--frames", frames, "Render N frames of the GUI, then exit (smoke tests)")->check(CLI::Range(1, 100000));
    app.add_option("--screenshot", screenshot, "With --frames: save the last frame as a PNG file");
    auto* screenOption = app.add_option("--screen", screen, "With --frames: the screen to show");
#ifdef MEDIANE_HAS_GUI
    screenOption->check(CLI::IsMember(mediane::gui::screenNames()));
#else
    (void)screenOption;  // no screens to choose from without the GUI
#endif
    app.require_subcommand(0, 1);

    mediane::cli::CliCommands commands;
    mediane::cli::addStatusCommand(commands, ctx);
    mediane::cli::addDemoCommand(commands, ctx);
    mediane::cli::addExportCommand(commands, ctx);
    mediane::cli::addConflictExportCommand(commands, ctx);
    mediane::cli::addDirectoryCommands(commands, ctx);
    mediane::cli::addReportCommands(commands, ctx);
    mediane::cli::addSyncCommands(commands, ctx);
    mediane::cli::addEncryptionCommands(commands, ctx);
    mediane::cli::addVocabularyCommands(commands, ctx);
    mediane::cli::addSessionCommands(commands, ctx);
    mediane::cli::addLearnerCommands(commands, ctx);
    mediane::cli::addPassCommands(commands, ctx);
    mediane::cli::addPassSettingsCommands(commands, ctx);
    mediane::cli::addPassPaymentCommands(commands, ctx);
    mediane::cli::addBackupCommands(commands, ctx);
    addCommands(app, commands);

    try {
        app.parse(argc, argv);
        if (app.get_subcommands().empty()) {
#ifdef MEDIANE_HAS_GUI
            bool languageGiven = app.count("--lang") > 0;
            return mediane::gui::runGui({ctx.dataDir, ctx.assetsDir, languageGiven ? ctx.language : "", frames,
                                         screenshot, screen});
#else
            std::cerr << "mediane: this build has no GUI (built with MEDIANE_BUILD_GUI=OFF); use a subcommand, see --help\n";
            return 1;
#endif
        }
    } catch (const CLI::ParseError& e) {
        return mediane::cli::reportParseError(e, app, ctx);
    } catch (const mediane::Error& e) {
        return report(e, ctx);
    } catch (const std::exception& e) {
        std::cerr << "mediane: unexpected error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
