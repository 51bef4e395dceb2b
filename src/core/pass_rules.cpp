#include "core/pass_rules.hpp"

#include "core/calendar.hpp"

namespace mediane::core::pass_rules {

namespace {
Error refused(const std::string& key, const PassCheque& c, Error::Params extra = {}) {
    extra.emplace("number", std::to_string(c.number));
    extra.emplace("field", "cheque");
    return Error(Error::Kind::Refused, key, std::move(extra), "cheque");
}

Error cancelledError(const PassCheque& c) {
    return refused("err.cheque_cancelled", c,
                   {{"date", c.cancelledOn}, {"cause", c.cancelCause}, {"reason", c.cancelReason}});
}
}  // namespace

bool isValidYear(int year) { return year >= kMinValidYear && year <= kMaxValidYear; }

bool isCancelCause(const std::string& cause) { return cause == "lost" || cause == "stolen" || cause == "damaged"; }

std::string endOfYear(int year) { return std::to_string(year) + "-12-31"; }

std::string givableUntil(const PassCheque& c) { return c.validYear > 0 ? endOfYear(c.validYear) : c.expiry; }

std::string redeemableUntil(const PassCheque& c, const ValidityPolicy& policy) {
    if (c.validYear <= 0) return c.expiry;
    return addDays(endOfYear(c.validYear), policy.graceDays);
}

void checkCanGive(const PassCheque& c, const std::string& learnerId, const std::string& onDate) {
    if (learnerId.empty()) throw validationError("err.required", "cheque.learner");
    if (c.state == ChequeState::Cancelled) throw cancelledError(c);
    if (c.state != ChequeState::InStock) throw refused("err.cheque_not_in_stock", c, {{"state", toString(c.state)}});
    // The grace period is for redeeming a cheque already in a learner's hands, not for handing out new ones.
    const auto until = givableUntil(c);
    if (!until.empty() && onDate > until) throw refused("err.cheque_expired", c, {{"expiry", until}});
}

void checkCanRedeem(const PassCheque& c, const std::string& onDate, const ValidityPolicy& policy) {
    if (c.state == ChequeState::Cancelled) throw cancelledError(c);
    if (c.state == ChequeState::Paid) throw refused("err.cheque_already_paid", c, {{"date", c.paidOn}});
    if (c.state == ChequeState::Redeemed) throw refused("err.cheque_already_redeemed", c, {{"date", c.redeemedOn}});
    const auto until = redeemableUntil(c, policy);
    if (!until.empty() && onDate > until) throw refused("err.cheque_expired", c, {{"expiry", until}});
}

void checkCanPay(const PassCheque& c) {
    if (c.state == ChequeState::Paid) throw refused("err.cheque_already_paid", c, {{"date", c.paidOn}});
    if (c.state != ChequeState::Redeemed) throw refused("err.cheque_not_redeemed", c);
}

void checkCanCancel(const PassCheque& c) {
    if (c.state == ChequeState::Cancelled) throw refused("err.cheque_already_cancelled", c, {{"date", c.cancelledOn}});
    // A redeemed cheque is owed to the place that took it: it is paid or disputed, never cancelled.
    if (c.state == ChequeState::Redeemed || c.state == ChequeState::Paid)
        throw refused("err.cheque_cancel_redeemed", c, {{"date", c.redeemedOn}});
}

void checkCancelReason(const std::string& cause, const std::string& reason) {
    if (!isCancelCause(cause)) throw validationError("err.cancel_cause", "cancel.cause", {{"value", cause}});
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos) throw validationError("err.required", "cancel.reason");
    if (reason.size() > 500) throw validationError("err.too_long", "cancel.reason", {{"max", "500"}});
}

void checkBooklet(const PassBooklet& b) {
    if (b.structure.empty()) throw validationError("err.required", "booklet.structure");
    if (b.firstNumber <= 0) throw validationError("err.booklet_first_number", "booklet.first_number");
    if (b.lastNumber < b.firstNumber) throw validationError("err.booklet_range", "booklet.last_number");
    if (b.size() > kMaxBookletSize)
        throw validationError("err.booklet_too_large", "booklet.last_number", {{"max", std::to_string(kMaxBookletSize)}});
    if (b.faceValueCents <= 0) throw validationError("err.booklet_value", "booklet.face_value");
    if (b.validYear != 0 && !isValidYear(b.validYear))
        throw validationError("err.valid_year", "booklet.valid_year",
                              {{"min", std::to_string(kMinValidYear)}, {"max", std::to_string(kMaxValidYear)}});
    if (b.funder.size() > 200) throw validationError("err.too_long", "booklet.funder", {{"max", "200"}});
    if (!isIsoDate(b.expiry)) throw validationError("err.date_invalid", "booklet.expiry");
    if (!isIsoDate(b.receivedOn)) throw validationError("err.date_invalid", "booklet.received_on");
    if (b.expiry < b.receivedOn) throw validationError("err.booklet_expiry_before_receipt", "booklet.expiry");
}

void checkUnlistedCheque(std::int64_t number, int validYear) {
    if (number <= 0) throw validationError("err.cheque_number", "cheque.number");
    if (!isValidYear(validYear))
        throw validationError("err.valid_year_needed", "cheque.valid_year",
                              {{"number", std::to_string(number)}, {"min", std::to_string(kMinValidYear)},
                               {"max", std::to_string(kMaxValidYear)}});
}

std::optional<Error> givingWarning(const PassCheque& c, const std::string& onDate, const ValidityPolicy& policy) {
    const auto until = givableUntil(c);
    if (until.empty() || !isIsoDate(onDate) || !isIsoDate(until)) return std::nullopt;
    if (daysBetween(onDate, until) > policy.warnDays) return std::nullopt;
    return Error(Error::Kind::Refused, "warn.cheque_expires_soon",
                 {{"number", std::to_string(c.number)}, {"expiry", until},
                  {"redeemable_until", redeemableUntil(c, policy)}},
                 "cheque");
}

}  // namespace mediane::core::pass_rules
