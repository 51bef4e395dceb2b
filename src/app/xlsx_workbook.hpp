// A small RAII wrapper over libxlsxwriter: a workbook written row by row to a file, with a bold header style.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace mediane::app {

// The cell styles a workbook offers (created once per workbook, shared by its sheets).
struct XlsxStyles {
    lxw_format* bold = nullptr;
    lxw_format* wrapped = nullptr;  // line breaks inside the cell shown, text at the top
    lxw_format* date = nullptr;     // a date shown dd/mm/yyyy, as French spreadsheets write it
};

class XlsxSheet {
public:
    // Rows must be written in increasing order (the workbook keeps constant memory, flushing each finished row).
    // Bold titles; unless told not to, the rows down to the header stay in view when scrolling.
    void header(std::uint32_t row, const std::vector<std::string>& titles, bool freeze = true);
    void text(std::uint32_t row, std::uint16_t column, const std::string& value);
    void boldText(std::uint32_t row, std::uint16_t column, const std::string& value);
    // Text whose line breaks show as lines in the cell (lists joined with '\n').
    void wrappedText(std::uint32_t row, std::uint16_t column, const std::string& value);
    void number(std::uint32_t row, std::uint16_t column, double value);
    // isoDate "2026-02-03" as a real date cell (sortable, filterable), shown 03/02/2026; other text as text.
    void date(std::uint32_t row, std::uint16_t column, const std::string& isoDate);
    void columnWidth(std::uint16_t first, std::uint16_t last, double width);
    // Filter buttons on a header row over the rows below it, down to lastRow.
    void autoFilter(std::uint32_t headerRow, std::uint32_t lastRow, std::uint16_t lastColumn);

private:
    friend class XlsxWorkbook;
    XlsxSheet(lxw_worksheet* sheet, const XlsxStyles* styles) : m_sheet(sheet), m_styles(styles) {}
    lxw_worksheet* m_sheet;
    const XlsxStyles* m_styles;
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
    XlsxStyles m_styles;
};

}  // namespace mediane::app
