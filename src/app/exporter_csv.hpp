// RFC 4180 CSV writing: quoting rules and one row at a time, so exports of any size stream.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace mediane::app {

// A field as RFC 4180 wants it: quoted (with inner quotes doubled) when it holds a comma,
// a quote, a CR or a LF, or starts or ends with a space that a spreadsheet would trim; as is otherwise.
std::string csvField(const std::string& value);

// List values inside one field, joined with `|` as the national data standards do.
std::string joinList(const std::vector<std::string>& values);

// Usage: CsvWriter csv(std::cout); csv.row({"id", "date"}); csv.row({s.id, s.date});
class CsvWriter {
public:
    explicit CsvWriter(std::ostream& out) : m_out(out) {}
    // Writes the fields and the CRLF line end RFC 4180 prescribes.
    void row(const std::vector<std::string>& fields);

private:
    std::ostream& m_out;
};

}  // namespace mediane::app
