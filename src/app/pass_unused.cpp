#include "app/pass_unused.hpp"

#include <algorithm>

#include "app/notebook.hpp"
#include "app/pass_statement.hpp"
#include "app/xlsx_workbook.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/translator.hpp"

namespace mediane::app {

namespace {
void writeOrThrow(std::ostream& out, const std::string& text) {
    out << text;
    if (!out) throw Error(Error::Kind::Io, "err.export_write");
}

std::string listed(const std::vector<std::string>& funders) {
    std::string out;
    for (const auto& f : funders) out += (out.empty() ? "« " : ", « ") + f + " »";
    return out;
}
}  // namespace

PassUnused::PassUnused(Notebook& notebook, const std::string& funder, const std::string& today) : m_funder(funder) {
    auto ledger = notebook.passLedger();
    const auto funders = ledger.funders();
    if (std::find(funders.begin(), funders.end(), funder) == funders.end())
        throw Error(Error::Kind::Validation, "err.funder_unknown", {{"value", funder}, {"known", listed(funders)}},
                    "funder");
    m_cheques = ledger.unused(funder, today, notebook.validityPolicy());
}

std::int64_t PassUnused::totalCents() const {
    std::int64_t total = 0;
    for (const auto& c : m_cheques) total += c.faceValueCents;
    return total;
}

void PassUnused::writeCsv(std::ostream& out) const {
    writeOrThrow(out, core::csvRow({"number", "value_euros", "valid_year", "redeemable_until", "state"}));
    for (const auto& c : m_cheques)
        writeOrThrow(out, core::csvRow({std::to_string(c.number), eurosText(c.faceValueCents),
                                        c.validYear > 0 ? std::to_string(c.validYear) : "", c.redeemableUntil,
                                        core::toString(c.state)}));
}

void PassUnused::writeXlsx(const core::Translator& tr, const std::string& path) const {
    XlsxWorkbook book(path);
    auto sheet = book.addSheet(tr.tr("pass_unused.sheet"));
    sheet.header(0, {tr.tr("pass_statement.number"), tr.tr("pass_statement.value"), tr.tr("pass_unused.valid_year"),
                     tr.tr("pass_unused.redeemable_until"), tr.tr("pass_statement.state")});
    sheet.columnWidth(0, 4, 18);
    std::uint32_t row = 1;
    for (const auto& c : m_cheques) {
        sheet.number(row, 0, static_cast<double>(c.number));
        sheet.number(row, 1, static_cast<double>(c.faceValueCents) / 100.0);
        if (c.validYear > 0) sheet.number(row, 2, c.validYear);
        sheet.date(row, 3, c.redeemableUntil);
        sheet.text(row, 4, tr.tr(std::string("learners.cheque_state.") + core::toString(c.state)));
        ++row;
    }
    if (row > 1) sheet.autoFilter(0, row - 1, 4);
    book.close();
}

}  // namespace mediane::app
