// The Pass numérique cheque lifecycle: which transitions are allowed, and why one is refused.
#pragma once

#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/model.hpp"

namespace mediane::core::pass_rules {

// The scheme's validity: a cheque is valid to 31/12 of its year; a qualified place may still redeem it during a
// grace period after that (by default to 31/01 of the next year). A laptop or structure setting.
struct ValidityPolicy {
    static constexpr int kDefaultGraceDays = 31;
    static constexpr int kMaxGraceDays = 366;
    int graceDays = kDefaultGraceDays;
    int warnDays = 30;  // giving a cheque this close to its end warns
};

constexpr int kMinValidYear = 2000;
constexpr int kMaxValidYear = 2100;
// The most cheques in one booklet; the hub refuses a larger one (it would reach other structures' cheques).
constexpr std::int64_t kMaxBookletSize = 10000;
// The largest range cancelled at once: a booklet's.
constexpr std::int64_t kMaxCancelRange = kMaxBookletSize;

bool isValidYear(int year);
bool isCancelCause(const std::string& cause);
// "2026-12-31" for 2026.
std::string endOfYear(int year);
// The last day a cheque may be given: 31/12 of its year, or the expiry of a booklet recorded without a year.
std::string givableUntil(const PassCheque& cheque);
// The last day it may be redeemed: givableUntil plus the grace period for a cheque with a validity year;
// a booklet recorded without one keeps its hard expiry date.
std::string redeemableUntil(const PassCheque& cheque, const ValidityPolicy& policy);

// Each check throws mediane::Error (Refused) with a key that says what happened and what to do.
void checkCanGive(const PassCheque& cheque, const std::string& learnerId, const std::string& onDate);
void checkCanRedeem(const PassCheque& cheque, const std::string& onDate, const ValidityPolicy& policy = {});
// The operator pays a cheque once, after it was redeemed (the payment file names it).
void checkCanPay(const PassCheque& cheque);
void checkCanCancel(const PassCheque& cheque);
void checkCancelReason(const std::string& cause, const std::string& reason);
void checkBooklet(const PassBooklet& booklet);
// A cheque no local booklet covers: its number and the validity year typed from it.
void checkUnlistedCheque(std::int64_t number, int validYear);

// Not a refusal: a cheque given close to the end of its validity (key "warn.cheque_expires_soon", with its date).
std::optional<Error> givingWarning(const PassCheque& cheque, const std::string& onDate, const ValidityPolicy& policy);

}  // namespace mediane::core::pass_rules
