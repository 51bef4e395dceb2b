#include "main/cli_parse_error.hpp"

#include <iostream>
#include <string>
#include <vector>

namespace mediane::cli {

namespace {

// The subcommand the user was typing when parsing stopped: the last one CLI11 recognised.
CLI::App* deepestCommand(CLI::App& app) {
    CLI::App* current = &app;
    for (;;) {
        auto parsed = current->get_subcommands();
        if (parsed.empty()) return current;
        current = parsed.front();
    }
}

// "export sessions" for `mediane export sessions`; empty at the top.
std::string commandWords(const CLI::App* command) {
    std::string words;
    for (const CLI::App* c = command; c && c->get_parent(); c = c->get_parent())
        words = c->get_name() + (words.empty() ? "" : " " + words);
    return words;
}

std::string choicesOf(const CLI::App* command) {
    std::string names;
    for (const auto* sub : command->get_subcommands({}))
        names += (names.empty() ? "" : ", ") + sub->get_name();
    return names;
}

// CLI11 writes "NAME: detail" or "NAME is required"; the option's name is what the user typed or forgot.
std::string before(const std::string& text, const std::string& separator) {
    auto at = text.find(separator);
    return at == std::string::npos ? std::string{} : text.substr(0, at);
}

std::string after(const std::string& text, const std::string& separator) {
    auto at = text.find(separator);
    return at == std::string::npos ? std::string{} : text.substr(at + separator.size());
}

// The values given to an option, found on the command where parsing stopped or one of its parents.
std::string givenValue(CLI::App* command, const std::string& option) {
    for (CLI::App* c = command; c; c = c->get_parent()) {
        if (const CLI::Option* found = c->get_option_no_throw(option)) {
            std::string joined;
            for (const auto& v : found->results()) joined += (joined.empty() ? "" : " ") + v;
            return joined;
        }
    }
    return {};
}

// "{small,large}" → "small, large"
std::string readableSet(std::string set) {
    if (set.size() >= 2 && set.front() == '{' && set.back() == '}') set = set.substr(1, set.size() - 2);
    std::string out;
    for (char c : set) {
        if (c == ',') out += ", ";
        else out += c;
    }
    return out;
}

std::vector<std::string> explain(const CLI::ParseError& error, CLI::App& app, const core::Translator& tr) {
    CLI::App* command = deepestCommand(app);
    const std::string words = commandWords(command);
    const std::string where = words.empty() ? "mediane" : "mediane " + words;
    const std::string what = error.what();
    std::vector<std::string> lines;

    if (dynamic_cast<const CLI::ExtrasError*>(&error)) {
        auto extras = command->remaining();
        std::string word = extras.empty() ? after(what, "expected: ") : extras.front();
        if (!word.empty() && word.front() == '-') {
            lines.push_back(tr.format("cli.unknown_option", {{"option", word}, {"command", where}}));
        } else {
            lines.push_back(tr.format("cli.unexpected", {{"value", word}}));
            if (auto choices = choicesOf(command); !choices.empty())
                lines.push_back(tr.format("cli.command_needed", {{"command", where}, {"choices", choices}}));
        }
    } else if (dynamic_cast<const CLI::RequiredError*>(&error)) {
        std::string option = before(what, " is required");
        if (option.empty() || option == "A subcommand" || option.rfind("Requires at least", 0) == 0) {
            // `mediane export beneficiaires`: the word typed instead of a subcommand, then the choices.
            if (auto extras = command->remaining(); !extras.empty())
                lines.push_back(tr.format("cli.unexpected", {{"value", extras.front()}}));
            lines.push_back(tr.format("cli.command_needed", {{"command", where}, {"choices", choicesOf(command)}}));
        } else {
            lines.push_back(tr.format("cli.option_required", {{"option", option}, {"command", where}}));
        }
    } else if (dynamic_cast<const CLI::ArgumentMismatch*>(&error)) {
        std::string option = before(what, ":");
        if (option.empty()) option = before(after(what, " arguments to "), ",");
        lines.push_back(tr.format("cli.option_needs_value", {{"option", option}}));
    } else if (dynamic_cast<const CLI::ValidationError*>(&error)) {
        std::string option = before(what, ": ");
        std::string detail = after(what, ": ");
        // The validator names the refused value first ("de not in {fr,en}"); the option may hold others too.
        std::string value = before(detail, " not in");
        if (value.empty()) value = givenValue(command, option);
        if (auto range = after(detail, " not in range "); !range.empty()) {
            lines.push_back(tr.format("cli.value_out_of_range", {{"option", option}, {"value", value},
                                                                 {"min", before(range, " to ")},
                                                                 {"max", after(range, " to ")}}));
        } else if (auto set = after(detail, " not in "); !set.empty()) {
            lines.push_back(tr.format("cli.value_not_in",
                                      {{"option", option}, {"value", value}, {"choices", readableSet(set)}}));
        } else {
            lines.push_back(tr.format("cli.bad_value", {{"option", option}, {"value", value}}));
        }
    } else if (dynamic_cast<const CLI::ConversionError*>(&error)) {
        std::string assignment = after(what, "Could not convert: ");
        std::string option = assignment.empty() ? before(what, ":") : before(assignment, " = ");
        std::string value = assignment.empty() ? givenValue(command, option) : after(assignment, " = ");
        lines.push_back(tr.format("cli.bad_value", {{"option", option}, {"value", value}}));
    } else {
        lines.push_back(tr.format("cli.parse_failed", {{"detail", what}}));
    }
    lines.push_back(tr.format("cli.see_help", {{"command", where}}));
    return lines;
}

}  // namespace

int reportParseError(const CLI::ParseError& error, CLI::App& app, const CliContext& ctx) {
    if (error.get_exit_code() == 0) return app.exit(error);  // --help, --version
    try {
        auto tr = ctx.translator();
        for (const auto& line : explain(error, app, tr)) std::cerr << "mediane: " << line << "\n";
    } catch (const std::exception&) {
        std::cerr << "mediane: " << error.what() << "\n";  // the translation table itself is unreadable
    }
    return 2;
}

}  // namespace mediane::cli
