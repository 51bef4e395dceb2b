#include "core/asset_csv.hpp"

#include <algorithm>

namespace mediane::core {

AssetCsv::AssetCsv(const std::string& csvText, std::string sourceName, const std::vector<std::string>& columns)
    : m_doc(readCsv(csvText)), m_sourceName(std::move(sourceName)) {
    if (m_doc.records.empty()) throw fail(1, "no header");
    const CsvRecord& header = m_doc.records.front();
    for (const auto& column : columns) {
        auto it = std::find(header.fields.begin(), header.fields.end(), column);
        if (it == header.fields.end()) throw fail(header.line, "no column " + column);
        m_index.push_back(static_cast<std::size_t>(it - header.fields.begin()));
    }
}

void AssetCsv::forEachRow(const std::function<void(int line, const std::vector<std::string>& values)>& visit) const {
    const std::size_t width = m_doc.records.front().fields.size();
    std::vector<std::string> values(m_index.size());
    for (std::size_t r = 1; r < m_doc.records.size(); ++r) {
        const CsvRecord& record = m_doc.records[r];
        if (!record.error.empty()) throw fail(record.line, record.error);
        if (record.fields.size() != width)
            throw fail(record.line, std::to_string(width) + " columns expected, " + std::to_string(record.fields.size()) +
                                        " found");
        for (std::size_t c = 0; c < m_index.size(); ++c) values[c] = record.fields[m_index[c]];
        visit(record.line, values);
    }
}

Error AssetCsv::fail(int line, const std::string& detail) const {
    return Error(Error::Kind::Io, "err.asset_invalid",
                 {{"file", m_sourceName}, {"line", std::to_string(line)},
                  {"detail", "line " + std::to_string(line) + ": " + detail}});
}

}  // namespace mediane::core
