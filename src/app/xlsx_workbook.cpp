#include "app/xlsx_workbook.hpp"

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

void XlsxSheet::header(std::uint32_t row, const std::vector<std::string>& titles) {
    for (std::size_t i = 0; i < titles.size(); ++i)
        worksheet_write_string(m_sheet, row, static_cast<lxw_col_t>(i), titles[i].c_str(), m_bold);
    worksheet_freeze_panes(m_sheet, row + 1, 0);
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
    m_bold = workbook_add_format(m_book);
    format_set_bold(m_bold);
}

XlsxWorkbook::~XlsxWorkbook() {
    if (!m_book) return;
    workbook_close(m_book);
    std::remove(m_path.c_str());
}

XlsxSheet XlsxWorkbook::addSheet(const std::string& name) {
    lxw_worksheet* sheet = workbook_add_worksheet(m_book, sheetName(name).c_str());
    if (!sheet) throw Error(Error::Kind::Io, "dashboard.err.xlsx", {{"file", m_path}, {"reason", "sheet " + name}});
    return XlsxSheet(sheet, m_bold);
}

void XlsxWorkbook::close() {
    lxw_workbook* book = m_book;
    m_book = nullptr;
    lxw_error result = workbook_close(book);
    if (result != LXW_NO_ERROR)
        throw Error(Error::Kind::Io, "dashboard.err.xlsx", {{"file", m_path}, {"reason", lxw_strerror(result)}});
}

}  // namespace mediane::app
