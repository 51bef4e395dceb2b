// A competence framework shipped as data (the French CRCN by default): domains, competences, levels.
#pragma once

#include <string>
#include <vector>

namespace mediane::core {

struct Competence {
    std::string code;   // "1.1"
    std::string label;
};

struct CompetenceDomain {
    std::string code;   // "1"
    std::string label;
    std::vector<Competence> competences;
};

class CompetenceFramework {
public:
    static CompetenceFramework loadFile(const std::string& path);
    static CompetenceFramework fromJson(const std::string& jsonText, const std::string& sourceName);

    const std::string& name() const { return m_name; }
    const std::vector<CompetenceDomain>& domains() const { return m_domains; }
    int levelCount() const { return static_cast<int>(m_levelBands.size()); }
    // "Novice", "Indépendant", … for a level 1..levelCount().
    std::string bandOf(int level) const;
    bool contains(const std::string& competenceCode) const;
    const Competence* find(const std::string& competenceCode) const;
    // "1" for "1.3".
    static std::string domainOf(const std::string& competenceCode);

private:
    std::string m_name;
    std::vector<CompetenceDomain> m_domains;
    std::vector<std::string> m_levelBands;
};

}  // namespace mediane::core
