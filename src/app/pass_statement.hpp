// The operator's monthly statement: the cheques this structure redeemed in a month, as CSV or XLSX.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

namespace mediane::core {
class Translator;
}

namespace mediane::app {

class Notebook;

// The Pass exports' formats: csv (RFC 4180), csv-excel (the same with `;` and a BOM, for French spreadsheets,
// written through SpreadsheetCsv by the caller), xlsx (a file).
struct PassExportFormat {
    bool xlsx = false;
    bool spreadsheet = false;  // csv-excel
};
// Throws mediane::Error (Validation, "dashboard.err.format") naming --format.
PassExportFormat passExportFormatFrom(const std::string& text);
// "2026-11": throws mediane::Error (Validation, "err.month_invalid") naming --month otherwise.
void checkMonth(const std::string& month);
// 1050 → "10.50": euros with a point, as every CSV of Médiane writes numbers; "" for 0 (a value not known here).
std::string eurosText(std::int64_t cents);

// Usage: PassStatement(notebook).writeCsv("2026-11", std::cout);
// Returns the number of cheques written. Columns: docs/pass-numerique.md.
class PassStatement {
public:
    explicit PassStatement(Notebook& notebook) : m_notebook(notebook) {}
    std::int64_t writeCsv(const std::string& month, std::ostream& out);
    std::int64_t writeXlsx(const std::string& month, const core::Translator& tr, const std::string& path);

private:
    Notebook& m_notebook;
};

}  // namespace mediane::app
