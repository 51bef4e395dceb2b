// `mediane demo`: fills an empty notebook with a realistic, deterministic demo database.
#include "app/demo_generator.hpp"
#include "main/cli_context.hpp"

#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>

namespace mediane::cli {

namespace {
struct DemoArgs {
    std::uint64_t seed = 1;
    std::string scale = "small";
    bool encrypt = false;
};
}  // namespace

void addDemoCommand(CliCommands& commands, const CliContext& ctx) {
    static DemoArgs args;  // the parser keeps pointers to the option targets until parsing ends
    CliCommand cmd;
    cmd.path = {"demo"};
    cmd.description =
        "Fill an EMPTY notebook with demo data (Lyon Métropole, five years); refuses a notebook that holds data. "
        "Prints a JSON summary of counts and the elapsed time";
    cmd.options = {
        {.name = "--seed", .help = "Random seed: the same seed gives the same demo", .target = &args.seed, .showDefault = true},
        {.name = "--scale",
         .help = "small (~200 learners, ~2,000 sessions) or large (~20,000 learners, ~100,000 sessions, ~50,000 cheques)",
         .target = &args.scale,
         .showDefault = true},
        {.name = "--encrypt",
         .help = "Encrypt the demo notebook at rest (passphrase from MEDIANE_PASSPHRASE or --passphrase-file)",
         .target = &args.encrypt}};
    cmd.run = [&ctx] {
        if (args.scale != "small" && args.scale != "large")
            throw Error(Error::Kind::Validation, "err.demo_scale", {{"value", args.scale}}, "--scale");
        app::DemoOptions options;
        options.seed = args.seed;
        options.scale = args.scale == "large" ? app::DemoScale::Large : app::DemoScale::Small;
        if (args.encrypt && !app::Notebook::isEncrypted(ctx.dataDir)) {
            auto pass = givenPassphrase(ctx);
            if (!pass) throw Error(Error::Kind::Refused, "err.passphrase_needed", {{"file", ctx.dataDir}});
            app::Notebook::encrypt(ctx.dataDir, *pass);
        }
        auto notebook = ctx.openNotebook();
        auto s = app::generateDemo(*notebook, options);
        nlohmann::json out = {{"data_file", notebook->dataFile()},
                              {"seed", args.seed},
                              {"scale", args.scale},
                              {"encrypted", app::Notebook::isEncrypted(ctx.dataDir)},
                              {"period", {{"from", s.firstDate}, {"to", s.lastDate}}},
                              {"places", s.places},
                              {"learners", s.learners},
                              {"learners_with_consent", s.learnersWithConsent},
                              {"sessions", s.sessions},
                              {"workshops", s.workshops},
                              {"booklets", s.booklets},
                              {"cheques", s.cheques},
                              {"cheques_given", s.chequesGiven},
                              {"cheques_redeemed", s.chequesRedeemed},
                              {"cheques_paid", s.chequesPaid},
                              {"assessments", s.assessments},
                              {"outbox_rows", s.outboxRows},
                              {"elapsed_seconds", std::round(s.elapsedSeconds * 1000) / 1000}};
        std::cout << out.dump(2) << "\n";
    };
    commands.push_back(std::move(cmd));
}

}  // namespace mediane::cli
