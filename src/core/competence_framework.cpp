#include "core/competence_framework.hpp"

#include "core/error.hpp"
#include "core/text_file.hpp"

#include <nlohmann/json.hpp>

namespace mediane::core {

CompetenceFramework CompetenceFramework::loadFile(const std::string& path) { return fromJson(readTextFile(path), path); }

CompetenceFramework CompetenceFramework::fromJson(const std::string& jsonText, const std::string& sourceName) {
    CompetenceFramework f;
    try {
        auto doc = nlohmann::json::parse(jsonText);
        f.m_name = doc.at("name").get<std::string>();
        for (const auto& l : doc.at("levels")) f.m_levelBands.push_back(l.at("band").get<std::string>());
        for (const auto& d : doc.at("domains")) {
            CompetenceDomain domain{d.at("code").get<std::string>(), d.at("label").get<std::string>(), {}};
            for (const auto& c : d.at("competences"))
                domain.competences.push_back({c.at("code").get<std::string>(), c.at("label").get<std::string>()});
            f.m_domains.push_back(std::move(domain));
        }
    } catch (const nlohmann::json::exception& e) {
        throw Error(Error::Kind::Io, "err.asset_invalid", {{"file", sourceName}, {"detail", e.what()}});
    }
    if (f.m_domains.empty() || f.m_levelBands.empty())
        throw Error(Error::Kind::Io, "err.asset_invalid", {{"file", sourceName}, {"detail", "no domains or levels"}});
    return f;
}

std::string CompetenceFramework::bandOf(int level) const {
    if (level < 1 || level > levelCount()) return {};
    return m_levelBands[static_cast<std::size_t>(level - 1)];
}

const Competence* CompetenceFramework::find(const std::string& code) const {
    for (const auto& d : m_domains)
        for (const auto& c : d.competences)
            if (c.code == code) return &c;
    return nullptr;
}

bool CompetenceFramework::contains(const std::string& code) const { return find(code) != nullptr; }

std::string CompetenceFramework::domainOf(const std::string& code) {
    auto dot = code.find('.');
    return dot == std::string::npos ? code : code.substr(0, dot);
}

}  // namespace mediane::core
