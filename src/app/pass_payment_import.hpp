// The operator's payment file: which cheques it paid, for how much and when. Every line is checked before
// anything is written; one bad line refuses the whole file (docs/pass-numerique.md, « Payment file »).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace mediane::app {

class Notebook;

// Why a line of the file was refused: a translation key and its parameters (number, value, date…).
struct PaymentProblem {
    int line = 0;  // physical line of the file, 1-based (the header is line 1)
    std::string key;
    Error::Params params;
};

struct PaymentImport {
    std::vector<PaymentProblem> problems;  // not empty: nothing was written
    std::int64_t paid = 0;                 // cheques paid (0 when refused)
    std::int64_t totalCents = 0;
};

// Usage: auto result = importPayments(notebook, core::readTextFile(path));
//        if (!result.problems.empty()) { ...print each, exit 3... }
// A file that is not a payment file (empty, no header with number, amount_cents and paid_on) throws
// mediane::Error (Validation) naming what is missing. Otherwise every line is checked against the notebook:
// a cheque unknown here, not redeemed here, already paid, paid before it was redeemed, a bad number, amount
// or date, or a number listed twice are problems; with none, one "paid" event per cheque is written in one
// transaction (and queued for the hub like every event).
PaymentImport importPayments(Notebook& notebook, const std::string& bytes);

}  // namespace mediane::app
