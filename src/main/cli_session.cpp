// `mediane session add|edit ID|delete ID`: corrections from scripts, the session as JSON on stdin.
#include "main/cli_context.hpp"

#include <iostream>
#include <iterator>
#include <memory>

#include <nlohmann/json.hpp>

#include "app/session_input.hpp"
#include "core/error.hpp"

namespace mediane::cli {

namespace {
std::string readStdin() { return {std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()}; }

// An unknown learner or place named in the input is bad input (exit 2), like a malformed field.
template <class F>
auto asInputError(F&& work) {
    try {
        return work();
    } catch (const Error& e) {
        if (e.kind() == Error::Kind::NotFound && !e.field().empty())
            throw Error(Error::Kind::Validation, e.key(), e.params(), e.field());
        throw;
    }
}
}  // namespace

void addSessionCommands(CliCommands& commands, const CliContext& ctx) {
    static std::string id;
    commands.push_back({{"session"}, "Record, correct or delete a session (JSON on stdin, in the export's shape)", {},
                        true, {}});
    commands.push_back(
        {{"session", "add"},
         "Record a session from a JSON object on stdin (the shape of `export sessions --format json`); prints its id",
         {}, false, [&ctx] {
             auto input = app::parseInputObject(readStdin());
             auto notebook = ctx.openNotebook();
             auto draft = app::sessionFromInput(input, core::Session{}, app::SessionInput::Add);
             auto saved = asInputError([&] { return notebook->recordSession(draft); });
             std::cout << saved.id << "\n";
         }});
    commands.push_back(
        {{"session", "edit"},
         "Correct a session: the fields of the JSON object on stdin replace the session's (cheques, structure and "
         "adviser are not corrected); syncs as an update",
         {{"id", "The session's id", &id, true}}, false, [&ctx] {
             auto input = app::parseInputObject(readStdin());
             auto notebook = ctx.openNotebook();
             auto recorded = notebook->session(id);
             if (!recorded) throw Error(Error::Kind::NotFound, "corrections.err.session_unknown", {{"id", id}});
             auto edited = app::sessionFromInput(input, *recorded, app::SessionInput::Edit);
             edited.id = id;
             auto saved = asInputError([&] { return notebook->updateSession(edited); });
             std::cout << saved.id << "\n";
         }});
    commands.push_back(
        {{"session", "delete"},
         "Delete a session here, then on the hub and every laptop at the next sync; refused when cheques were "
         "redeemed in it (correct it instead)",
         {{"id", "The session's id", &id, true}}, false, [&ctx] {
             auto notebook = ctx.openNotebook();
             notebook->deleteSession(id);
             std::cout << id << "\n";
         }});
}

}  // namespace mediane::cli
