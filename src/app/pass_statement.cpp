#include "app/pass_statement.hpp"

#include <cstdio>

#include "app/notebook.hpp"
#include "app/xlsx_workbook.hpp"
#include "core/calendar.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/translator.hpp"

namespace mediane::app {

namespace {
void writeOrThrow(std::ostream& out, const std::string& text) {
    out << text;
    if (!out) throw Error(Error::Kind::Io, "err.export_write");
}
}  // namespace

PassExportFormat passExportFormatFrom(const std::string& text) {
    if (text == "csv") return {};
    if (text == "csv-excel") return {.xlsx = false, .spreadsheet = true};
    if (text == "xlsx") return {.xlsx = true, .spreadsheet = false};
    throw Error(Error::Kind::Validation, "dashboard.err.format", {{"value", text}}, "format");
}

void checkMonth(const std::string& month) {
    if (month.size() != 7 || !core::isIsoDate(month + "-01"))
        throw Error(Error::Kind::Validation, "err.month_invalid", {{"value", month}}, "month");
}

std::string eurosText(std::int64_t cents) {
    if (cents <= 0) return "";
    char text[32];
    std::snprintf(text, sizeof text, "%lld.%02lld", static_cast<long long>(cents / 100),
                  static_cast<long long>(cents % 100));
    return text;
}

std::int64_t PassStatement::writeCsv(const std::string& month, std::ostream& out) {
    checkMonth(month);
    writeOrThrow(out, core::csvRow({"number", "value_euros", "service", "redeemed_on", "place", "structure", "state"}));
    std::int64_t count = 0;
    for (const auto& line : m_notebook.passLedger().statement(month)) {
        writeOrThrow(out, core::csvRow({std::to_string(line.number), eurosText(line.faceValueCents), line.service,
                                        line.redeemedOn, line.place, line.structure, core::toString(line.state)}));
        ++count;
    }
    return count;
}

std::int64_t PassStatement::writeXlsx(const std::string& month, const core::Translator& tr, const std::string& path) {
    checkMonth(month);
    auto lines = m_notebook.passLedger().statement(month);
    XlsxWorkbook book(path);
    auto sheet = book.addSheet(tr.format("pass_statement.sheet", {{"month", month}}));
    sheet.header(0, {tr.tr("pass_statement.number"), tr.tr("pass_statement.value"), tr.tr("pass_statement.service"),
                     tr.tr("pass_statement.redeemed_on"), tr.tr("pass_statement.place"),
                     tr.tr("pass_statement.structure"), tr.tr("pass_statement.state")});
    sheet.columnWidth(0, 3, 16);
    sheet.columnWidth(4, 5, 32);
    sheet.columnWidth(6, 6, 16);
    std::uint32_t row = 1;
    for (const auto& line : lines) {
        sheet.number(row, 0, static_cast<double>(line.number));
        // A cheque of another structure's booklet: its value is not known here, the cell stays empty.
        if (line.faceValueCents > 0) sheet.number(row, 1, static_cast<double>(line.faceValueCents) / 100.0);
        sheet.text(row, 2, line.service);
        sheet.date(row, 3, line.redeemedOn);
        sheet.text(row, 4, line.place);
        sheet.text(row, 5, line.structure);
        sheet.text(row, 6, tr.tr(std::string("learners.cheque_state.") + core::toString(line.state)));
        ++row;
    }
    if (row > 1) sheet.autoFilter(0, row - 1, 6);
    book.close();
    return static_cast<std::int64_t>(lines.size());
}

}  // namespace mediane::app
