#include "app/spreadsheet_csv.hpp"

#include <sstream>

namespace mediane::app {

// A char-by-char reading of RFC 4180 that rewrites the separators outside quotes.
class SpreadsheetCsv::Transcoder : public std::streambuf {
public:
    explicit Transcoder(std::ostream& out) : m_out(out) {}

    void finish() {
        if (m_closingQuote) m_out.put('"');
        m_closingQuote = false;
        endUnquoted();
        m_out.flush();
    }

protected:
    int_type overflow(int_type ch) override {
        if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
        take(traits_type::to_char_type(ch));
        return ch;
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        for (std::streamsize i = 0; i < n; ++i) take(s[i]);
        return n;
    }
    int sync() override {
        m_out.flush();
        return m_out ? 0 : -1;
    }

private:
    enum class Mode { FieldStart, Unquoted, Quoted };

    void take(char c) {
        if (m_mode == Mode::Quoted) {
            if (m_closingQuote) {
                m_closingQuote = false;
                if (c == '"') {  // "" inside quotes: a literal quote
                    m_out.write("\"\"", 2);
                    return;
                }
                m_out.put('"');
                m_mode = Mode::Unquoted;  // after the closing quote only a separator or line end follows
                m_field.clear();
                m_quotedDone = true;
            } else {
                if (c == '"') m_closingQuote = true;
                else m_out.put(c);
                return;
            }
        }
        if (m_mode == Mode::FieldStart && c == '"') {
            m_mode = Mode::Quoted;
            m_out.put('"');
            return;
        }
        if (c == ',' || c == '\r' || c == '\n') {
            endUnquoted();
            m_out.put(c == ',' ? ';' : c);
            m_mode = Mode::FieldStart;
            return;
        }
        m_mode = Mode::Unquoted;
        m_field += c;
    }

    void endUnquoted() {
        if (!m_quotedDone && m_field.find(';') != std::string::npos) {
            m_out.put('"');
            m_out << m_field;
            m_out.put('"');
        } else {
            m_out << m_field;
        }
        m_field.clear();
        m_quotedDone = false;
    }

    std::ostream& m_out;
    Mode m_mode = Mode::FieldStart;
    bool m_closingQuote = false;
    bool m_quotedDone = false;
    std::string m_field;
};

SpreadsheetCsv::SpreadsheetCsv(std::ostream& out)
    : m_buffer(std::make_unique<Transcoder>(out)), m_stream(m_buffer.get()) {
    out.write("\xEF\xBB\xBF", 3);  // UTF-8 BOM: French Excel otherwise reads the file as Windows-1252
}

SpreadsheetCsv::~SpreadsheetCsv() = default;

void SpreadsheetCsv::finish() {
    m_stream.flush();
    m_buffer->finish();
}

std::string toSpreadsheetCsv(const std::string& rfcCsv) {
    std::ostringstream out;
    SpreadsheetCsv excel(out);
    excel.stream() << rfcCsv;
    excel.finish();
    return out.str();
}

}  // namespace mediane::app
