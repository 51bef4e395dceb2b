// `mediane pass booklet add|give|cancel|check|redeem`: the Pass numérique from scripts and tests. Every value is
// checked before anything is written; a bad one exits 2 naming its field, a refusal exits 3 saying why.
#include "main/cli_context.hpp"

#include <charconv>
#include <cstdint>
#include <iostream>

#include <nlohmann/json.hpp>

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "core/pass_rules.hpp"

namespace mediane::cli {

namespace {
using nlohmann::json;

// Options are read as text so that a missing or malformed number is our validation error (exit 2, the field
// named in the user's language), not the parser's.
std::int64_t number(const std::string& text, const std::string& field, std::int64_t min, std::int64_t max) {
    if (text.empty()) throw validationError("err.required", field);
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max)
        throw validationError("err.cli_value", field, {{"value", text}});
    return value;
}

int year(const std::string& text, const std::string& field) {
    return static_cast<int>(number(text, field, core::pass_rules::kMinValidYear, core::pass_rules::kMaxValidYear));
}

std::string date(const std::string& text, const std::string& field) {
    if (text.empty()) return core::today();
    if (!core::isIsoDate(text)) throw validationError("err.date_invalid", field);
    return text;
}

json chequeJson(const core::PassCheque& c, const core::pass_rules::ValidityPolicy& policy) {
    json out = {{"number", c.number},
                {"state", core::toString(c.state)},
                {"booklet_id", c.bookletId.empty() ? json(nullptr) : json(c.bookletId)},
                {"funder", c.funder},
                {"valid_year", c.validYear},
                {"face_value_cents", c.faceValueCents},
                {"learner_id", c.learnerId},
                {"given_on", c.givenOn},
                {"redeemed_on", c.redeemedOn},
                {"session_id", c.sessionId},
                {"paid_on", c.paidOn},
                {"service", c.service},
                {"given_by", c.givenBy},
                {"redeemed_at", c.redeemedAt},
                {"redeemable_until", core::pass_rules::redeemableUntil(c, policy)}};
    if (c.state == core::ChequeState::Cancelled)
        out["cancelled"] = {{"on", c.cancelledOn}, {"cause", c.cancelCause}, {"reason", c.cancelReason}};
    return out;
}
}  // namespace

void addPassCommands(CliCommands& commands, const CliContext& ctx) {
    static std::string first, last, value, funder, validYear, receivedOn, structure;
    static std::string cheque, to, learner, session, cause, reason, onDate, service;
    commands.push_back({.path = {"pass"},
                        .description = "Pass numérique: booklets, giving, cancelling, checking and redeeming cheques "
                                       "(docs/pass-numerique.md)",
                        .needsSubcommand = true});
    commands.push_back({.path = {"pass", "booklet"}, .description = "Booklets received from a funder",
                        .needsSubcommand = true});

    CliCommand add;
    add.path = {"pass", "booklet", "add"};
    add.description = "Record a booklet received: its numbers, face value, funder and validity year; prints it as JSON";
    add.options = {{.name = "--first", .help = "First cheque number", .target = &first},
                   {.name = "--last", .help = "Last cheque number", .target = &last},
                   {.name = "--value-cents", .help = "Face value of each cheque, in cents (1000 = 10 €)", .target = &value},
                   {.name = "--funder", .help = "The funder (commanditaire) who ordered the booklet", .target = &funder},
                   {.name = "--valid-year", .help = "The year the cheques are valid in (to 31/12, then the grace period)",
                    .target = &validYear},
                   {.name = "--received-on", .help = "Date received (YYYY-MM-DD, default today)", .target = &receivedOn},
                   {.name = "--structure", .help = "Receiving structure (default: the enrolled account's)",
                    .target = &structure}};
    add.run = [&ctx] {
        core::PassBooklet draft;
        draft.firstNumber = number(first, "booklet.first_number", 1, INT64_MAX);
        draft.lastNumber = number(last, "booklet.last_number", 1, INT64_MAX);
        draft.faceValueCents = static_cast<int>(number(value, "booklet.face_value", 1, 1000000));
        if (funder.find_first_not_of(" \t") == std::string::npos) throw validationError("err.required", "booklet.funder");
        draft.funder = funder;
        draft.validYear = year(validYear, "booklet.valid_year");
        draft.receivedOn = date(receivedOn, "booklet.received_on");
        draft.structure = structure;
        auto notebook = ctx.openNotebook();
        auto b = notebook->receiveBooklet(draft);
        std::cout << json{{"id", b.id},           {"structure", b.structure}, {"first", b.firstNumber},
                          {"last", b.lastNumber},  {"face_value_cents", b.faceValueCents}, {"funder", b.funder},
                          {"valid_year", b.validYear}, {"expiry", b.expiry}, {"received_on", b.receivedOn}}
                         .dump(2)
                  << "\n";
    };
    commands.push_back(std::move(add));

    CliCommand give;
    give.path = {"pass", "give"};
    give.description = "Give a cheque of a local booklet to a learner; warns on stderr when it is close to its end";
    give.options = {{.name = "--cheque", .help = "Cheque number", .target = &cheque},
                    {.name = "--learner", .help = "The learner's id", .target = &learner},
                    {.name = "--date", .help = "Date given (YYYY-MM-DD, default today)", .target = &onDate}};
    give.run = [&ctx] {
        auto n = number(cheque, "cheque.number", 1, INT64_MAX);
        if (learner.empty()) throw validationError("err.required", "cheque.learner");
        auto when = date(onDate, "cheque.date");
        auto notebook = ctx.openNotebook();
        auto given = notebook->giveCheque(n, learner, when);
        json out = chequeJson(given, notebook->validityPolicy());
        if (auto warning = notebook->givingWarning(n, when)) {
            auto text = ctx.translator().message(*warning);
            std::cerr << "mediane: " << text << "\n";
            out["warning"] = {{"key", warning->key()}, {"message", text}};
        }
        std::cout << out.dump(2) << "\n";
    };
    commands.push_back(std::move(give));

    CliCommand cancel;
    cancel.path = {"pass", "cancel"};
    cancel.description = "Cancel a cheque or a range (lost, stolen, damaged) with a reason: all or none; synced, "
                         "never redeemable afterwards";
    cancel.options = {{.name = "--cheque", .help = "Cheque number (the first of a range)", .target = &cheque},
                      {.name = "--to", .help = "Last cheque number of the range (default: --cheque alone)", .target = &to},
                      {.name = "--cause", .help = "lost, stolen or damaged (default lost)", .target = &cause},
                      {.name = "--reason", .help = "Why, in words (required)", .target = &reason},
                      {.name = "--date", .help = "Date of the cancellation (default today)", .target = &onDate}};
    cancel.run = [&ctx] {
        auto from = number(cheque, "cancel.cheque", 1, INT64_MAX);
        auto until = to.empty() ? from : number(to, "cancel.to", 1, INT64_MAX);
        auto when = date(onDate, "cancel.date");
        const std::string why = cause.empty() ? "lost" : cause;
        core::pass_rules::checkCancelReason(why, reason);
        auto notebook = ctx.openNotebook();
        auto cancelled = notebook->cancelCheques(from, until, why, reason, when);
        json numbers = json::array();
        for (const auto& c : cancelled) numbers.push_back(c.number);
        std::cout << json{{"cancelled", numbers}, {"cause", why}, {"reason", reason}, {"on", when}}.dump(2) << "\n";
    };
    commands.push_back(std::move(cancel));

    CliCommand check;
    check.path = {"pass", "check"};
    check.description = "Whether a cheque can be redeemed here today and why not, as JSON (exit 0 either way)";
    check.options = {{.name = "--cheque", .help = "Cheque number", .target = &cheque},
                     {.name = "--valid-year", .help = "Validity year printed on a cheque of another structure",
                      .target = &validYear},
                     {.name = "--date", .help = "The day to judge on (default today)", .target = &onDate}};
    check.run = [&ctx] {
        auto n = number(cheque, "cheque.number", 1, INT64_MAX);
        int y = validYear.empty() ? 0 : year(validYear, "cheque.valid_year");
        auto when = date(onDate, "cheque.date");
        auto notebook = ctx.openNotebook();
        auto v = notebook->checkCheque(n, when, y);
        json out = {{"number", v.number},
                    {"redeemable", v.redeemable},
                    {"known_here", v.known},
                    {"on", when},
                    {"redeemable_until", v.redeemableUntil.empty() ? json(nullptr) : json(v.redeemableUntil)}};
        if (v.cheque) out["cheque"] = chequeJson(*v.cheque, notebook->validityPolicy());
        if (!v.redeemable) {
            Error refusal(Error::Kind::Refused, v.reasonKey, v.reasonParams);
            out["reason"] = {{"key", v.reasonKey}, {"message", ctx.translator().message(refusal)}};
        }
        std::cout << out.dump(2) << "\n";
    };
    commands.push_back(std::move(check));

    CliCommand redeem;
    redeem.path = {"pass", "redeem"};
    redeem.description = "Redeem a cheque in a session already recorded (on its date); a cheque of another "
                         "structure needs --valid-year";
    redeem.options = {{.name = "--cheque", .help = "Cheque number", .target = &cheque},
                      {.name = "--session", .help = "The session's id", .target = &session},
                      {.name = "--valid-year", .help = "Validity year printed on a cheque no local booklet covers",
                       .target = &validYear},
                      {.name = "--service", .help = "The service of the place's catalogue it paid for (`pass service "
                                                    "list`); needed when the catalogue has several",
                       .target = &service}};
    redeem.run = [&ctx] {
        auto n = number(cheque, "cheque.number", 1, INT64_MAX);
        if (session.empty()) throw validationError("err.required", "cheque.session");
        int y = validYear.empty() ? 0 : year(validYear, "cheque.valid_year");
        auto notebook = ctx.openNotebook();
        auto redeemed = notebook->redeemInSession(n, session, y, service);
        std::cout << chequeJson(redeemed, notebook->validityPolicy()).dump(2) << "\n";
    };
    commands.push_back(std::move(redeem));
}

}  // namespace mediane::cli
