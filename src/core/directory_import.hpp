// Reading a directory CSV as real files come (renamed columns, old separators, local phones, Windows-1252):
// every safe normalisation and every rejection, listed per line and field. No storage here.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/directory_schema.hpp"
#include "core/error.hpp"
#include "core/place_record.hpp"

namespace mediane::core {

// One thing the import did or refused, for the report.
struct ImportNote {
    int line = 0;              // physical line of the file (1 = header)
    std::string field;         // the standard's field name (or the column as written, for ignored columns)
    std::string action;        // "renamed" | "ignored" | "normalised" | "dropped" | "kept" | "rejected"
    std::string key;           // translation key of the reason
    Error::Params params;
    std::string oldValue, newValue;
};

struct DirectoryImportPlan {
    std::string encoding;      // as detected: "utf-8" | "windows-1252"
    char delimiter = ',';
    bool hadBom = false;
    bool crlf = false;
    int rows = 0;              // data rows read (not counting the header)
    int rejectedRows = 0;
    std::vector<std::pair<int, PlaceRecord>> places;  // (line, normalised place) ready to store
    std::vector<ImportNote> notes;
};

// Usage: auto plan = planDirectoryImport(readTextFile(path), schema, path);
// Throws mediane::Error (Validation) for a file that cannot be read at all: empty, broken header,
// or a column the standard requires missing. A bad row never throws: it is rejected in the notes.
DirectoryImportPlan planDirectoryImport(const std::string& bytes, const DirectorySchema& schema,
                                        const std::string& fileName);

}  // namespace mediane::core
