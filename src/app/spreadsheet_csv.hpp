// CSV for spreadsheets set to French (Excel, LibreOffice): `;` between fields and a UTF-8 byte order mark,
// made from the RFC 4180 CSV every export writes, while it streams.
#pragma once

#include <memory>
#include <ostream>
#include <streambuf>
#include <string>

namespace mediane::app {

// Usage: SpreadsheetCsv excel(std::cout); report.writeCsv(filter, excel.stream()); excel.finish();
// Fields keep their text; a field that holds a `;` is quoted; quoted fields stay quoted; CRLF line ends stay.
class SpreadsheetCsv {
public:
    explicit SpreadsheetCsv(std::ostream& out);  // writes the byte order mark
    ~SpreadsheetCsv();
    SpreadsheetCsv(const SpreadsheetCsv&) = delete;
    SpreadsheetCsv& operator=(const SpreadsheetCsv&) = delete;

    std::ostream& stream() { return m_stream; }
    // Writes the last field when the CSV did not end with a line end, and flushes.
    void finish();

private:
    class Transcoder;
    std::unique_ptr<Transcoder> m_buffer;
    std::ostream m_stream;
};

// The same, for a whole CSV text at once.
std::string toSpreadsheetCsv(const std::string& rfcCsv);

}  // namespace mediane::app
