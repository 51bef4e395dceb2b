// The reference assets kept as CSV (communes, intercommunalities): columns found by name, so that a later
// asset may add columns without breaking older readers, and every error naming the file and the line.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/csv.hpp"
#include "core/error.hpp"

namespace mediane::core {

// Usage: AssetCsv csv(text, path, {"code_insee", "nom"});
//        csv.forEachRow([&](int line, const std::vector<std::string>& v) { ... v[0] ... throw csv.fail(line, "..."); });
class AssetCsv {
public:
    // Throws Error(Io, "err.asset_invalid") when the text has no header or lacks one of `columns`.
    AssetCsv(const std::string& csvText, std::string sourceName, const std::vector<std::string>& columns);

    std::size_t rowCount() const { return m_doc.records.empty() ? 0 : m_doc.records.size() - 1; }
    // Every row after the header, its values in the order of `columns`; a row with broken quoting or
    // another number of fields than the header throws fail().
    void forEachRow(const std::function<void(int line, const std::vector<std::string>& values)>& visit) const;
    // The error for a bad value on `line`, naming the file and the line.
    Error fail(int line, const std::string& detail) const;

private:
    CsvDocument m_doc;
    std::string m_sourceName;
    std::vector<std::size_t> m_index;
};

}  // namespace mediane::core
