// A small RAII wrapper over libxlsxwriter: a workbook written row by row to a file, with a bold header style.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace mediane::app {

class XlsxSheet {
public:
    // Rows must be written in increasing order (the workbook keeps constant memory, flushing each finished row).
    void header(std::uint32_t row, const std::vector<std::string>& titles);
    void text(std::uint32_t row, std::uint16_t column, const std::string& value);
    void number(std::uint32_t row, std::uint16_t column, double value);
    void columnWidth(std::uint16_t first, std::uint16_t last, double width);

private:
    friend class XlsxWorkbook;
    XlsxSheet(lxw_worksheet* sheet, lxw_format* bold) : m_sheet(sheet), m_bold(bold) {}
    lxw_worksheet* m_sheet;
    lxw_format* m_bold;
};

// Usage: XlsxWorkbook book(path); auto sheet = book.addSheet("Séances"); sheet.text(0, 0, "x"); book.close();
// A workbook not closed (an exception on the way) is discarded: no half-written file is left.
class XlsxWorkbook {
public:
    explicit XlsxWorkbook(const std::string& path);
    ~XlsxWorkbook();
    XlsxWorkbook(const XlsxWorkbook&) = delete;
    XlsxWorkbook& operator=(const XlsxWorkbook&) = delete;

    // Excel limits: at most 31 characters and none of []:*?/\ — the name is cut and cleaned to fit.
    XlsxSheet addSheet(const std::string& name);
    // Writes the file; throws mediane::Error (Io, "err.export_write") naming the file when it cannot.
    void close();

private:
    std::string m_path;
    lxw_workbook* m_book = nullptr;
    lxw_format* m_bold = nullptr;
};

}  // namespace mediane::app
