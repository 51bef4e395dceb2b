// Exports of sessions, learners and Pass numérique cheques as CSV or JSON, streamed row by row.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

namespace mediane::app {

class Notebook;

enum class ExportKind { Sessions, Learners, Cheques };
enum class ExportFormat { Csv, Json };

// Each throws mediane::Error (Validation, "err.export_kind" / "err.export_format") naming the value.
ExportKind exportKindFrom(const std::string& text);
ExportFormat exportFormatFrom(const std::string& text);

struct ExportOptions {
    ExportKind kind = ExportKind::Sessions;
    ExportFormat format = ExportFormat::Csv;
    // Learners only: add first and last name, phone, e-mail and goals. Off by default: an export
    // leaves the laptop, and pseudonymous rows are what funders and national reporting need.
    bool withIdentity = false;
    // Cheques only: the day an unused cheque counts as expired (ISO); empty means today.
    std::string today;
};

// Usage: auto rows = exportRecords(*notebook, {ExportKind::Sessions, ExportFormat::Csv}, std::cout);
// CSV: RFC 4180, UTF-8, a header row, list values joined with `|`, ISO dates.
// JSON: one array of objects. Rows are written as they are read, never all held in memory.
// Returns the number of rows; throws mediane::Error (Io, "err.export_write") when the output fails.
std::int64_t exportRecords(Notebook& notebook, const ExportOptions& options, std::ostream& out);

}  // namespace mediane::app
