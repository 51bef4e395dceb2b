// `mediane learner add|edit|erase|withdraw-consent`, `erase learner ID` and `export learner ID`: one learner
// at a time from scripts, with the export's JSON shape on stdin and nothing written on a bad input.
#include "main/cli_context.hpp"

#include <iostream>
#include <iterator>
#include <set>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "sync/protocol/record_kinds.hpp"
#include "sync/protocol/record_wire.hpp"

namespace mediane::cli {

namespace {
using nlohmann::json;

// Columns of `export learners` that the notebook keeps itself: accepted (a file round-trips), never applied.
const std::set<std::string> kReadOnly = {"id", "session_count", "created_at", "updated_at", "sync_state", "version"};

// Stdin as one learner object in the export's shape; every field is checked before anything is written.
json readLearnerInput() {
    std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    json input = json::parse(text, nullptr, false);
    if (input.is_discarded()) throw validationError("err.learner_input.not_json", "learner");
    if (!input.is_object()) throw validationError("err.learner_input.not_object", "learner");
    const auto& kind = *sync::findRecordKind("learner");
    json fields = json::object();
    for (auto it = input.begin(); it != input.end(); ++it) {
        if (kReadOnly.count(it.key())) continue;
        const sync::RecordField* field = nullptr;
        for (const auto& f : kind.fields)
            if (f.wire == it.key()) field = &f;
        if (!field) throw validationError("err.learner_input.unknown_field", "learner." + it.key(), {{"name", it.key()}});
        const auto& v = it.value();
        bool ok = field->type == sync::FieldType::Integer ? (v.is_number_integer() || (v.is_string() && v.get<std::string>().empty()))
                                                          : v.is_string();
        if (!ok)
            throw validationError(field->type == sync::FieldType::Integer ? "err.learner_input.want_integer"
                                                                          : "err.learner_input.want_text",
                                  "learner." + it.key(), {{"name", it.key()}});
        fields[it.key()] = v.is_string() && field->type == sync::FieldType::Integer ? json(0) : v;
    }
    return fields;
}

void printLearner(const core::Learner& l) {
    json out = sync::toWire(l);
    out["id"] = l.id;
    std::cout << out.dump(2) << "\n";
}
}  // namespace

void addLearnerCommands(CliCommands& commands, const CliContext& ctx) {
    static std::string id, format = "json";
    commands.push_back({.path = {"learner"},
                        .description = "Add, correct, erase a learner or withdraw their consent (docs/privacy.md)",
                        .needsSubcommand = true});

    CliCommand add;
    add.path = {"learner", "add"};
    add.description = "Add a learner from one JSON object on stdin (the shape of `export learners --format json`); "
                      "prints the new id";
    add.run = [&ctx] {
        auto fields = readLearnerInput();
        auto notebook = ctx.openNotebook();
        core::Learner draft;
        sync::fromWire(fields, draft);
        std::cout << notebook->createLearner(draft).id << "\n";
    };
    commands.push_back(std::move(add));

    CliCommand edit;
    edit.path = {"learner", "edit"};
    edit.description = "Change the fields given as one JSON object on stdin; the others stay";
    edit.options = {{.name = "id", .help = "The learner's id", .target = &id, .required = true}};
    edit.run = [&ctx] {
        auto fields = readLearnerInput();
        auto notebook = ctx.openNotebook();
        auto before = notebook->learner(id);
        if (!before) throw Error(Error::Kind::NotFound, "err.learner_unknown", {{"id", id}});
        core::Learner edited = *before;
        sync::fromWire(fields, edited);
        printLearner(notebook->updateLearner(edited));
    };
    commands.push_back(std::move(edit));

    auto erase = [&ctx] {
        auto notebook = ctx.openNotebook();
        notebook->eraseLearner(id);
        std::cout << json{{"erased", id}}.dump() << "\n";
    };
    CliCommand learnerErase;
    learnerErase.path = {"learner", "erase"};
    learnerErase.description = "Erase a learner for good (RGPD art. 17): identity, profile, goals and assessments go; "
                               "their sessions stay as anonymous head counts; syncs to the hub and every laptop";
    learnerErase.options = {{.name = "id", .help = "The learner's id", .target = &id, .required = true}};
    learnerErase.run = erase;
    commands.push_back(learnerErase);
    commands.push_back({.path = {"erase"}, .description = "Erase personal data for good", .needsSubcommand = true});
    learnerErase.path = {"erase", "learner"};
    commands.push_back(std::move(learnerErase));

    CliCommand withdraw;
    withdraw.path = {"learner", "withdraw-consent"};
    withdraw.description = "Remove the learner's name and contact (first and last name, phone, e-mail, consent date); "
                           "the pseudonymous record stays";
    withdraw.options = {{.name = "id", .help = "The learner's id", .target = &id, .required = true}};
    withdraw.run = [&ctx] {
        auto notebook = ctx.openNotebook();
        printLearner(notebook->withdrawConsent(id));
    };
    commands.push_back(std::move(withdraw));

    CliCommand access;
    access.path = {"export", "learner"};
    access.description = "Everything held about one learner (RGPD art. 15): identity and consent, profile, sessions, "
                         "assessments, cheques";
    access.options = {{.name = "id", .help = "The learner's id", .target = &id, .required = true},
                      {.name = "--format", .help = "json", .target = &format, .showDefault = true, .choices = {"json"}}};
    access.run = [&ctx] {
        auto notebook = ctx.openNotebook();
        std::cout << notebook->learnerDossierJson(id) << "\n";
    };
    commands.push_back(std::move(access));
}

}  // namespace mediane::cli
