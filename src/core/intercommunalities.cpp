#include "core/intercommunalities.hpp"

#include <algorithm>

#include "core/asset_csv.hpp"
#include "core/directory_text.hpp"
#include "core/error.hpp"
#include "core/text_file.hpp"

namespace mediane::core {

namespace {

const char* const kColumns[] = {"code_siren", "nom", "type", "communes"};
enum Column { kSiren, kName, kType, kCommunes, kColumnCount };

bool allDigits(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Arrondissement codes are facts of the code officiel géographique: Paris 75101–75120, Marseille 13201–13216,
// Lyon 69381–69389.
bool inRange(const std::string& code, const char* first, const char* last) {
    return code.size() == 5 && code >= first && code <= last;
}

}  // namespace

std::string municipalityOf(const std::string& inseeCode) {
    if (inRange(inseeCode, "75101", "75120")) return "75056";
    if (inRange(inseeCode, "13201", "13216")) return "13055";
    if (inRange(inseeCode, "69381", "69389")) return "69123";
    return inseeCode;
}

Intercommunalities Intercommunalities::loadFile(const std::string& path) { return fromCsv(readTextFile(path), path); }

Intercommunalities Intercommunalities::fromCsv(const std::string& csvText, const std::string& sourceName) {
    AssetCsv csv(csvText, sourceName, {std::begin(kColumns), std::end(kColumns)});
    Intercommunalities out;
    csv.forEachRow([&](int line, const std::vector<std::string>& v) {
        Intercommunality e;
        e.siren = v[kSiren];
        e.name = v[kName];
        e.type = v[kType];
        if (e.siren.size() != 9 || !allDigits(e.siren)) throw csv.fail(line, "invalid SIREN '" + e.siren + "'");
        if (e.name.empty()) throw csv.fail(line, "empty name");
        const std::string& communes = v[kCommunes];
        for (std::size_t b = 0; b < communes.size();) {
            std::size_t end = std::min(communes.find('|', b), communes.size());
            if (end > b) e.communes.push_back(communes.substr(b, end - b));
            b = end + 1;
        }
        if (!out.m_bySiren.emplace(e.siren, out.m_all.size()).second)
            throw csv.fail(line, "SIREN " + e.siren + " appears twice");
        out.m_foldedNames.push_back(foldText(e.name));
        out.m_all.push_back(std::move(e));
    });
    return out;
}

const Intercommunality* Intercommunalities::find(const std::string& siren) const {
    auto it = m_bySiren.find(siren);
    return it == m_bySiren.end() ? nullptr : &m_all[it->second];
}

std::vector<const Intercommunality*> Intercommunalities::search(const std::string& query, std::size_t limit) const {
    std::vector<std::pair<int, const Intercommunality*>> found;
    std::string trimmed = query;
    trimmed.erase(std::remove(trimmed.begin(), trimmed.end(), ' '), trimmed.end());
    if (trimmed.empty()) return {};
    if (allDigits(trimmed)) {
        for (const auto& e : m_all)
            if (e.siren.starts_with(trimmed)) found.emplace_back(0, &e);
    } else {
        std::string q = foldText(query);
        for (std::size_t i = 0; i < m_all.size(); ++i) {
            std::size_t pos = m_foldedNames[i].find(q);
            if (pos != std::string::npos) found.emplace_back(pos == 0 ? 0 : 1, &m_all[i]);
        }
    }
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
        if (a.first != b.first) return a.first < b.first;
        return a.second->name < b.second->name;
    });
    std::vector<const Intercommunality*> out;
    for (std::size_t i = 0; i < found.size() && i < limit; ++i) out.push_back(found[i].second);
    return out;
}

}  // namespace mediane::core
