// `mediane encrypt` and `mediane passphrase`, and how every subcommand finds the passphrase of an encrypted notebook.
#include "main/cli_context.hpp"

#include "core/error.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

namespace mediane::cli {

namespace {

std::string firstLine(std::istream& in) {
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

// A new passphrase comes on stdin, one line: typed, or piped from a password manager.
std::string newPassphraseFromStdin() {
    std::string pass = firstLine(std::cin);
    if (pass.empty()) throw Error(Error::Kind::Validation, "err.passphrase_empty", {}, "passphrase");
    return pass;
}

}  // namespace

// Never on the command line, where other accounts can read it in the process list.
std::optional<std::string> givenPassphrase(const CliContext& ctx) {
    if (!ctx.passphraseFile.empty()) {
        std::ifstream in(ctx.passphraseFile);
        if (!in) throw Error(Error::Kind::Io, "err.passphrase_file", {{"file", ctx.passphraseFile}}, "--passphrase-file");
        return firstLine(in);
    }
    if (const char* env = std::getenv("MEDIANE_PASSPHRASE"); env && *env) return std::string(env);
    return std::nullopt;
}

void unlockIfEncrypted(const CliContext& ctx) {
    if (!app::Notebook::isEncrypted(ctx.dataDir)) return;
    auto pass = givenPassphrase(ctx);
    if (!pass) throw Error(Error::Kind::Refused, "err.passphrase_needed", {{"file", ctx.dataDir}});
    app::Notebook::unlock(ctx.dataDir, *pass);
}

void addEncryptionCommands(CliCommands& commands, const CliContext& ctx) {
    CliCommand encrypt;
    encrypt.path = {"encrypt"};
    encrypt.description =
        "Encrypt the notebook at rest with a passphrase read from stdin (one line); a plain notebook is converted "
        "in place, keeping every row. Close the app first";
    encrypt.run = [&ctx] {
        std::string pass = newPassphraseFromStdin();
        app::Notebook::encrypt(ctx.dataDir, pass);
        auto notebook = app::Notebook::open(ctx.dataDir, ctx.assetsDir);  // encrypt() registered the key
        auto s = notebook->status();
        nlohmann::json out = {{"data_file", s.dataFile}, {"encrypted", true}, {"learners", s.learners},
                              {"sessions", s.sessions},  {"cheques", s.cheques}};
        std::cout << out.dump(2) << "\n";
    };
    commands.push_back(std::move(encrypt));

    CliCommand passphrase;
    passphrase.path = {"passphrase"};
    passphrase.description =
        "Change an encrypted notebook's passphrase: the current one from MEDIANE_PASSPHRASE or --passphrase-file, "
        "the new one on stdin (one line). The notebook itself is not rewritten";
    passphrase.run = [&ctx] {
        if (!app::Notebook::isEncrypted(ctx.dataDir))
            throw Error(Error::Kind::Refused, "err.not_encrypted", {{"file", ctx.dataDir}});
        auto current = givenPassphrase(ctx);
        if (!current) throw Error(Error::Kind::Refused, "err.passphrase_needed", {{"file", ctx.dataDir}});
        std::string next = newPassphraseFromStdin();
        app::Notebook::changePassphrase(ctx.dataDir, *current, next);
        std::cout << nlohmann::json({{"data_dir", ctx.dataDir}, {"passphrase_changed", true}}).dump(2) << "\n";
    };
    commands.push_back(std::move(passphrase));
}

}  // namespace mediane::cli
