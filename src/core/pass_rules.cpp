#include "core/pass_rules.hpp"

#include "core/calendar.hpp"
#include "core/error.hpp"

namespace mediane::core::pass_rules {

namespace {
Error refused(const std::string& key, const PassCheque& c, Error::Params extra = {}) {
    extra.emplace("number", std::to_string(c.number));
    extra.emplace("field", "cheque");
    return Error(Error::Kind::Refused, key, std::move(extra), "cheque");
}
}  // namespace

void checkCanGive(const PassCheque& c, const std::string& learnerId, const std::string& onDate) {
    if (learnerId.empty()) throw validationError("err.required", "cheque.learner");
    if (c.state != ChequeState::InStock) throw refused("err.cheque_not_in_stock", c, {{"state", toString(c.state)}});
    if (c.isExpiredOn(onDate)) throw refused("err.cheque_expired", c, {{"expiry", c.expiry}});
}

void checkCanRedeem(const PassCheque& c, const std::string& onDate) {
    if (c.state == ChequeState::Redeemed || c.state == ChequeState::Claimed)
        throw refused("err.cheque_already_redeemed", c, {{"date", c.redeemedOn}});
    if (c.isExpiredOn(onDate)) throw refused("err.cheque_expired", c, {{"expiry", c.expiry}});
}

void checkCanClaim(const PassCheque& c) {
    if (c.state == ChequeState::Claimed) throw refused("err.cheque_already_claimed", c, {{"date", c.claimedOn}});
    if (c.state != ChequeState::Redeemed) throw refused("err.cheque_not_redeemed", c);
}

void checkBooklet(const PassBooklet& b) {
    if (b.structure.empty()) throw validationError("err.required", "booklet.structure");
    if (b.firstNumber <= 0) throw validationError("err.booklet_first_number", "booklet.first_number");
    if (b.lastNumber < b.firstNumber) throw validationError("err.booklet_range", "booklet.last_number");
    if (b.size() > 10000) throw validationError("err.booklet_too_large", "booklet.last_number", {{"max", "10000"}});
    if (b.faceValueCents <= 0) throw validationError("err.booklet_value", "booklet.face_value");
    if (!isIsoDate(b.expiry)) throw validationError("err.date_invalid", "booklet.expiry");
    if (!isIsoDate(b.receivedOn)) throw validationError("err.date_invalid", "booklet.received_on");
    if (b.expiry < b.receivedOn) throw validationError("err.booklet_expiry_before_receipt", "booklet.expiry");
}

}  // namespace mediane::core::pass_rules
