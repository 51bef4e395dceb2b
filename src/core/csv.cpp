#include "core/csv.hpp"

#include <array>
#include <cstdint>

namespace mediane::core {

namespace {

// Counts well-formed multi-byte UTF-8 sequences and bytes that cannot start or continue one.
void utf8Stats(const std::string& s, std::size_t& multibyte, std::size_t& invalid) {
    multibyte = invalid = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) { ++i; continue; }
        int len = (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3 : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
        bool ok = len > 0 && i + len <= s.size();
        for (int k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
        if (ok) { ++multibyte; i += len; } else { ++invalid; ++i; }
    }
}

char detectDelimiter(const std::string& text) {
    int commas = 0, semicolons = 0, tabs = 0;
    bool quoted = false;
    for (char c : text) {
        if (c == '"') quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r')) break;
        else if (!quoted && c == ',') ++commas;
        else if (!quoted && c == ';') ++semicolons;
        else if (!quoted && c == '\t') ++tabs;
    }
    if (semicolons > commas && semicolons >= tabs) return ';';
    if (tabs > commas && tabs > semicolons) return '\t';
    return ',';
}

class Parser {
public:
    Parser(const std::string& text, char delimiter) : m_s(text), m_d(delimiter) {}

    std::vector<CsvRecord> run() {
        std::vector<CsvRecord> out;
        while (m_pos < m_s.size()) {
            if (m_s[m_pos] == '\n' || m_s[m_pos] == '\r') { skipNewline(); continue; }  // blank line
            out.push_back(record());
        }
        return out;
    }

private:
    CsvRecord record() {
        CsvRecord r;
        r.line = m_line;
        std::size_t startPos = m_pos;
        int startLine = m_line;
        while (true) {
            std::string field;
            std::string error;
            if (m_pos < m_s.size() && m_s[m_pos] == '"') error = quoted(field);
            else error = unquoted(field);
            if (!error.empty()) {
                r.error = error;
                r.errorColumn = static_cast<int>(r.fields.size()) + 1;
                if (error == "csv.quote_unterminated") resyncAfterLine(startPos, startLine);
                else skipRestOfLine();
                return r;
            }
            r.fields.push_back(std::move(field));
            if (m_pos >= m_s.size()) return r;
            char c = m_s[m_pos];
            if (c == m_d) { ++m_pos; continue; }
            skipNewline();
            return r;
        }
    }

    std::string quoted(std::string& field) {
        ++m_pos;  // opening quote
        while (m_pos < m_s.size()) {
            char c = m_s[m_pos];
            if (c == '"') {
                if (m_pos + 1 < m_s.size() && m_s[m_pos + 1] == '"') { field += '"'; m_pos += 2; continue; }
                ++m_pos;
                if (m_pos >= m_s.size() || m_s[m_pos] == m_d || m_s[m_pos] == '\r' || m_s[m_pos] == '\n') return {};
                return "csv.quote_unexpected";
            }
            if (c == '\n') ++m_line;
            field += c;
            ++m_pos;
        }
        return "csv.quote_unterminated";
    }

    std::string unquoted(std::string& field) {
        while (m_pos < m_s.size()) {
            char c = m_s[m_pos];
            if (c == m_d || c == '\r' || c == '\n') return {};
            if (c == '"') return "csv.quote_in_field";
            field += c;
            ++m_pos;
        }
        return {};
    }

    void skipNewline() {
        if (m_pos < m_s.size() && m_s[m_pos] == '\r') ++m_pos;
        if (m_pos < m_s.size() && m_s[m_pos] == '\n') ++m_pos;
        ++m_line;
    }
    void skipRestOfLine() {
        while (m_pos < m_s.size() && m_s[m_pos] != '\n' && m_s[m_pos] != '\r') ++m_pos;
        if (m_pos < m_s.size()) skipNewline();
    }
    // An unterminated quote swallowed the rest of the file: read again from the line after the broken one.
    void resyncAfterLine(std::size_t startPos, int startLine) {
        m_pos = startPos;
        m_line = startLine;
        skipRestOfLine();
    }

    const std::string& m_s;
    char m_d;
    std::size_t m_pos = 0;
    int m_line = 1;
};

}  // namespace

std::string windows1252ToUtf8(const std::string& bytes) {
    // 0x80–0x9F differ from Latin-1 (€, ‘, ’, “, ”, Œ, œ …); 0 marks the five undefined bytes.
    static const std::array<std::uint16_t, 32> k80 = {
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (char ch : bytes) {
        auto c = static_cast<unsigned char>(ch);
        std::uint32_t cp = c;
        if (c >= 0x80 && c <= 0x9F) cp = k80[c - 0x80] ? k80[c - 0x80] : 0xFFFD;
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
    return out;
}

CsvDocument readCsv(std::string bytes) {
    CsvDocument doc;
    if (bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) {
        doc.hadBom = true;
        bytes.erase(0, 3);
    }
    std::size_t multibyte = 0, invalid = 0;
    utf8Stats(bytes, multibyte, invalid);
    // Why this rule: a spreadsheet's Windows-1252 file has accented bytes but no UTF-8 sequence at all,
    // while a UTF-8 file with one damaged row still has its other accents well formed.
    if (invalid > 0 && multibyte == 0) {
        doc.encoding = "windows-1252";
        bytes = windows1252ToUtf8(bytes);
    } else {
        doc.encoding = "utf-8";
    }
    doc.crlf = bytes.find("\r\n") != std::string::npos;
    doc.delimiter = detectDelimiter(bytes);
    doc.records = Parser(bytes, doc.delimiter).run();
    return doc;
}

std::string csvField(const std::string& value, char delimiter) {
    bool needs = !value.empty() && (value.front() == ' ' || value.back() == ' ');
    for (char c : value)
        if (c == delimiter || c == '"' || c == '\r' || c == '\n') needs = true;
    if (!needs) return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string csvRow(const std::vector<std::string>& fields, char delimiter) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) out += delimiter;
        out += csvField(fields[i], delimiter);
    }
    out += "\r\n";
    return out;
}

}  // namespace mediane::core
