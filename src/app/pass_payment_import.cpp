#include "app/pass_payment_import.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "app/notebook.hpp"
#include "core/calendar.hpp"
#include "core/csv.hpp"

namespace mediane::app {

namespace {
// A whole amount in cents is at most this: 10,000 € for one cheque is a typing error, not a payment.
constexpr std::int64_t kMaxAmountCents = 1'000'000;

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return "";
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::string lowered(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

// Digits only (no sign, no decimals), within max; nullopt otherwise.
std::optional<std::int64_t> wholeNumber(const std::string& text, std::int64_t max) {
    if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    const auto value = std::stoll(text);
    if (value <= 0 || value > max) return std::nullopt;
    return value;
}

// "2026-12-05" or "05/12/2026" (how French spreadsheets write dates) → ISO; "" when neither.
std::string isoDateOf(const std::string& text) {
    if (core::isIsoDate(text)) return text;
    if (text.size() == 10 && text[2] == '/' && text[5] == '/') {
        const std::string iso = text.substr(6, 4) + "-" + text.substr(3, 2) + "-" + text.substr(0, 2);
        if (core::isIsoDate(iso)) return iso;
    }
    return "";
}

struct Columns {
    std::size_t number = 0, amount = 0, paidOn = 0;
};

Columns columnsOf(const core::CsvDocument& doc) {
    if (doc.records.empty()) throw Error(Error::Kind::Validation, "err.payment_file_empty", {}, "file");
    std::map<std::string, std::size_t> at;
    const auto& header = doc.records.front().fields;
    for (std::size_t i = 0; i < header.size(); ++i) at.emplace(lowered(trimmed(header[i])), i);
    Columns c;
    const std::pair<const char*, std::size_t*> wanted[] = {
        {"number", &c.number}, {"amount_cents", &c.amount}, {"paid_on", &c.paidOn}};
    for (auto [name, into] : wanted) {
        auto it = at.find(name);
        if (it == at.end())
            throw Error(Error::Kind::Validation, "err.payment_header", {{"column", name}}, "file");
        *into = it->second;
    }
    return c;
}

bool blank(const core::CsvRecord& record) {
    return std::all_of(record.fields.begin(), record.fields.end(),
                       [](const std::string& f) { return trimmed(f).empty(); });
}
}  // namespace

PaymentImport importPayments(Notebook& notebook, const std::string& bytes) {
    const auto doc = core::readCsv(bytes);
    const auto columns = columnsOf(doc);
    const std::size_t width = std::max({columns.number, columns.amount, columns.paidOn}) + 1;
    auto ledger = notebook.passLedger();
    PaymentImport result;
    std::vector<ChequePayment> payments;
    std::map<std::int64_t, int> firstLine;  // number → the line that named it first
    auto problem = [&](int line, std::string key, Error::Params params) {
        result.problems.push_back({line, std::move(key), std::move(params)});
    };
    for (std::size_t i = 1; i < doc.records.size(); ++i) {
        const auto& record = doc.records[i];
        const int line = record.line;
        if (!record.error.empty()) {
            problem(line, record.error, {{"column", std::to_string(record.errorColumn)}});
            continue;
        }
        if (blank(record)) continue;  // a spreadsheet's trailing empty rows
        if (record.fields.size() < width) {
            problem(line, "err.payment_columns", {{"count", std::to_string(record.fields.size())}});
            continue;
        }
        const auto numberText = trimmed(record.fields[columns.number]);
        const auto amountText = trimmed(record.fields[columns.amount]);
        const auto dateText = trimmed(record.fields[columns.paidOn]);
        const auto number = wholeNumber(numberText, 999'999'999'999);
        if (!number) {
            problem(line, "err.payment_number", {{"value", numberText}});
            continue;
        }
        const auto amount = wholeNumber(amountText, kMaxAmountCents);
        if (!amount) {
            problem(line, "err.payment_amount", {{"value", amountText}, {"max", std::to_string(kMaxAmountCents)}});
            continue;
        }
        const auto paidOn = isoDateOf(dateText);
        if (paidOn.empty()) {
            problem(line, "err.payment_date", {{"value", dateText}});
            continue;
        }
        const auto n = std::to_string(*number);
        if (auto seen = firstLine.find(*number); seen != firstLine.end()) {
            problem(line, "err.payment_duplicate", {{"number", n}, {"first", std::to_string(seen->second)}});
            continue;
        }
        firstLine.emplace(*number, line);
        const auto cheque = notebook.passStore().findByNumber(*number);
        if (!cheque) {
            problem(line, "err.payment_cheque_unknown", {{"number", n}});
            continue;
        }
        if (cheque->state == core::ChequeState::Paid) {
            problem(line, "err.cheque_already_paid", {{"number", n}, {"date", cheque->paidOn}});
            continue;
        }
        if (cheque->state != core::ChequeState::Redeemed) {
            problem(line, "err.cheque_not_redeemed", {{"number", n}});
            continue;
        }
        if (!ledger.redeemedHere(cheque->id)) {
            problem(line, "err.cheque_redeemed_elsewhere", {{"number", n}});
            continue;
        }
        if (paidOn < cheque->redeemedOn) {
            problem(line, "err.payment_before_redemption",
                    {{"number", n}, {"date", paidOn}, {"redeemed", cheque->redeemedOn}});
            continue;
        }
        payments.push_back({*number, static_cast<int>(*amount), paidOn});
    }
    if (!result.problems.empty()) return result;
    if (payments.empty()) throw Error(Error::Kind::Validation, "err.payment_file_empty", {}, "file");
    notebook.payCheques(payments);
    result.paid = static_cast<std::int64_t>(payments.size());
    for (const auto& p : payments) result.totalCents += p.amountCents;
    return result;
}

}  // namespace mediane::app
