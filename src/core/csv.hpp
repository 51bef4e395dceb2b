// A small RFC 4180 CSV reader and writer that also reads what spreadsheets save (BOM, `;`, CRLF, Windows-1252).
#pragma once

#include <string>
#include <vector>

namespace mediane::core {

// One record as read, with the physical line it starts on (1-based) so reports can name it.
struct CsvRecord {
    int line = 0;
    std::vector<std::string> fields;
    // Broken quoting: a translation key ("csv.quote_unterminated", ...) and the 1-based column; empty when fine.
    std::string error;
    int errorColumn = 0;
};

struct CsvDocument {
    std::string encoding;   // "utf-8" or "windows-1252" (what was detected; fields are always UTF-8 after reading)
    char delimiter = ',';
    bool hadBom = false;
    bool crlf = false;
    std::vector<CsvRecord> records;  // the header is records[0]
};

// Usage: auto doc = readCsv(bytes);  // never throws on bad rows: each broken record carries its error
// Encoding: a UTF-8 BOM or valid UTF-8 multi-byte sequences mean UTF-8 (a row with invalid bytes then keeps them,
// for the caller to refuse naming the field); bytes that are not UTF-8 and no UTF-8 sequence mean Windows-1252.
// Delimiter: `,`, `;` or tab, whichever the header line uses most outside quotes.
// A broken record is skipped to the next line, so one bad row never hides the rows after it.
CsvDocument readCsv(std::string bytes);

// Quotes a field only when it needs it (delimiter, quote, CR, LF, or leading/trailing space).
std::string csvField(const std::string& value, char delimiter = ',');
// One record, terminated by CRLF as RFC 4180 says.
std::string csvRow(const std::vector<std::string>& fields, char delimiter = ',');

std::string windows1252ToUtf8(const std::string& bytes);

}  // namespace mediane::core
