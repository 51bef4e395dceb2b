#include "app/xlsx_workbook.hpp"

#include <algorithm>
#include <cstdio>
#include <xlsxwriter.h>

#include "core/error.hpp"

namespace mediane::app {

namespace {

// Cuts to 31 characters (not bytes: names are UTF-8) and replaces what Excel forbids in a sheet name.
std::string sheetName(const std::string& wanted) {
    std::string out;
    int characters = 0;
    for (std::size_t i = 0; i < wanted.size() && characters < 31;) {
        unsigned char c = static_cast<unsigned char>(wanted[i]);
        std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
        std::string piece = wanted.substr(i, length);
        if (piece.size() == 1 && std::string("[]:*?/\\").find(piece[0]) != std::string::npos) piece = "-";
        out += piece;
        i += length;
        ++characters;
    }
    return out.empty() ? std::string("-") : out;
}

}  // namespace

void XlsxSheet::header(std::uint32_t row, const std::vector<std::string>& titles, bool freeze) {
    for (std::size_t i = 0; i < titles.size(); ++i)
        worksheet_write_string(m_sheet, row, static_cast<lxw_col_t>(i), titles[i].c_str(), m_styles->bold);
    if (freeze) worksheet_freeze_panes(m_sheet, row + 1, 0);
}

void XlsxSheet::boldText(std::uint32_t row, std::uint16_t column, const std::string& value) {
    if (value.empty()) return;
    worksheet_write_string(m_sheet, row, column, value.c_str(), m_styles->bold);
}

void XlsxSheet::wrappedText(std::uint32_t row, std::uint16_t column, const std::string& value) {
    if (value.empty()) return;
    worksheet_write_string(m_sheet, row, column, value.c_str(),
                           value.find('\n') == std::string::npos ? nullptr : m_styles->wrapped);
}

void XlsxSheet::date(std::uint32_t row, std::uint16_t column, const std::string& isoDate) {
    int year = 0, month = 0, day = 0;
    char tail = 0;
    if (isoDate.size() != 10 || std::sscanf(isoDate.c_str(), "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3) {
        text(row, column, isoDate);
        return;
    }
    lxw_datetime when{year, month, day, 0, 0, 0.0};
    worksheet_write_datetime(m_sheet, row, column, &when, m_styles->date);
}

void XlsxSheet::autoFilter(std::uint32_t headerRow, std::uint32_t lastRow, std::uint16_t lastColumn) {
    worksheet_autofilter(m_sheet, headerRow, 0, std::max(headerRow, lastRow), lastColumn);
}

void XlsxSheet::text(std::uint32_t row, std::uint16_t column, const std::string& value) {
    if (value.empty()) return;  // an empty string cell would only make the file bigger
    worksheet_write_string(m_sheet, row, column, value.c_str(), nullptr);
}

void XlsxSheet::number(std::uint32_t row, std::uint16_t column, double value) {
    worksheet_write_number(m_sheet, row, column, value, nullptr);
}

void XlsxSheet::columnWidth(std::uint16_t first, std::uint16_t last, double width) {
    worksheet_set_column(m_sheet, first, last, width, nullptr);
}

XlsxWorkbook::XlsxWorkbook(const std::string& path) : m_path(path) {
    // Constant memory: an activity report of 100,000 sessions is flushed row by row, not held in memory.
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    m_book = workbook_new_opt(path.c_str(), &options);
    if (!m_book) throw Error(Error::Kind::Io, "dashboard.err.xlsx", {{"file", path}, {"reason", "out of memory"}});
    m_styles.bold = workbook_add_format(m_book);
    format_set_bold(m_styles.bold);
    m_styles.wrapped = workbook_add_format(m_book);
    format_set_text_wrap(m_styles.wrapped);
    format_set_align(m_styles.wrapped, LXW_ALIGN_VERTICAL_TOP);
    m_styles.date = workbook_add_format(m_book);
    format_set_num_format(m_styles.date, "dd/mm/yyyy");
}

XlsxWorkbook::~XlsxWorkbook() {
    if (!m_book) return;
    workbook_close(m_book);
    std::remove(m_path.c_str());
}

XlsxSheet XlsxWorkbook::addSheet(const std::string& name) {
    lxw_worksheet* sheet = workbook_add_worksheet(m_book, sheetName(name).c_str());
    if (!sheet) throw Error(Error::Kind::Io, "dashboard.err.xlsx", {{"file", m_path}, {"reason", "sheet " + name}});
    return XlsxSheet(sheet, &m_styles);
}

void XlsxWorkbook::close() {
    lxw_workbook* book = m_book;
    m_book = nullptr;
    lxw_error result = workbook_close(book);
    if (result != LXW_NO_ERROR)
        throw Error(Error::Kind::Io, "dashboard.err.xlsx", {{"file", m_path}, {"reason", lxw_strerror(result)}});
}

}  // namespace mediane::app
