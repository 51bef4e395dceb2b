#include "core/commune_directory.hpp"

#include "core/asset_csv.hpp"
#include "core/directory_text.hpp"
#include "core/error.hpp"
#include "core/text_file.hpp"

#include <algorithm>
#include <charconv>

namespace mediane::core {

namespace {

const char* const kColumns[] = {"code_insee", "nom", "codes_postaux", "departement", "population"};
enum Column { kInsee, kName, kPostalCodes, kDepartment, kPopulation, kColumnCount };

bool isAsciiAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

// foldText, then every ASCII mark that is not a letter or digit (apostrophes, dots, parentheses)
// made one space: "L'Haÿ-les-Roses" and "l hay les roses" fold alike.
std::string foldName(const std::string& text) {
    std::string out;
    bool pendingSpace = false;
    for (char c : foldText(text)) {
        if (static_cast<unsigned char>(c) < 0x80 && !isAsciiAlnum(c)) {
            pendingSpace = !out.empty();
            continue;
        }
        if (pendingSpace) out += ' ';
        pendingSpace = false;
        out += c;
    }
    return out;
}

// Advisers type "st etienne" and "ste foy"; official names always spell Saint and Sainte out. The word
// still being typed is left alone, so "st" keeps finding Strasbourg.
std::string expandAbbreviations(const std::string& folded, bool lastWordComplete) {
    std::vector<std::string> words;
    for (std::size_t b = 0; b < folded.size();) {
        std::size_t e = folded.find(' ', b);
        if (e == std::string::npos) e = folded.size();
        words.push_back(folded.substr(b, e - b));
        b = e + 1;
    }
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        std::string word = words[i];
        if (i + 1 < words.size() || lastWordComplete) {
            if (word == "st") word = "saint";
            else if (word == "ste") word = "sainte";
        }
        if (i) out += ' ';
        out += word;
    }
    return out;
}

// Spaces dropped and letters upper-cased: "69 003" and "2a004" are codes. Empty when the query is a name.
std::string codeQuery(const std::string& query) {
    std::string code;
    for (char c : query) {
        if (c == ' ' || c == '\t') continue;
        code += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    if (code.empty()) return {};
    // Corsica's INSEE codes are 2A… and 2B…; its postal codes are digits (20000).
    std::size_t digitsFrom = (code.size() >= 2 && code[0] == '2' && (code[1] == 'A' || code[1] == 'B')) ? 2 : 0;
    for (std::size_t i = digitsFrom; i < code.size(); ++i)
        if (!isDigit(code[i])) return {};
    return code;
}

bool validInseeCode(const std::string& code) {
    if (code.size() != 5) return false;
    return std::all_of(code.begin(), code.end(), [](char c) { return isDigit(c) || c == 'A' || c == 'B'; });
}

// Lower tier first, then larger population, then name and code so equal results keep one order.
struct Match {
    int tier;
    const Commune* commune;
};

std::vector<const Commune*> best(std::vector<Match> matches, std::size_t limit) {
    auto before = [](const Match& a, const Match& b) {
        if (a.tier != b.tier) return a.tier < b.tier;
        if (a.commune->population != b.commune->population) return a.commune->population > b.commune->population;
        if (a.commune->name != b.commune->name) return a.commune->name < b.commune->name;
        return a.commune->inseeCode < b.commune->inseeCode;
    };
    std::size_t n = std::min(limit, matches.size());
    std::partial_sort(matches.begin(), matches.begin() + static_cast<std::ptrdiff_t>(n), matches.end(), before);
    std::vector<const Commune*> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) out.push_back(matches[i].commune);
    return out;
}

}  // namespace

CommuneDirectory CommuneDirectory::loadFile(const std::string& path) { return fromCsv(readTextFile(path), path); }

CommuneDirectory CommuneDirectory::fromCsv(const std::string& csvText, const std::string& sourceName) {
    AssetCsv csv(csvText, sourceName, {std::begin(kColumns), std::end(kColumns)});
    CommuneDirectory out;
    out.m_communes.reserve(csv.rowCount());
    csv.forEachRow([&](int line, const std::vector<std::string>& v) {
        Commune c;
        c.inseeCode = v[kInsee];
        c.name = v[kName];
        c.department = v[kDepartment];
        if (!validInseeCode(c.inseeCode)) throw csv.fail(line, "invalid INSEE code '" + c.inseeCode + "'");
        if (c.name.empty()) throw csv.fail(line, "empty name");
        const std::string& postal = v[kPostalCodes];
        for (std::size_t b = 0; b < postal.size();) {
            std::size_t e = std::min(postal.find('|', b), postal.size());
            if (e > b) c.postalCodes.push_back(postal.substr(b, e - b));
            b = e + 1;
        }
        const std::string& population = v[kPopulation];
        if (!population.empty()) {
            auto [last, ec] = std::from_chars(population.data(), population.data() + population.size(), c.population);
            if (ec != std::errc() || last != population.data() + population.size() || c.population < 0)
                throw csv.fail(line, "invalid population '" + population + "'");
        }
        if (!out.m_byInsee.emplace(c.inseeCode, out.m_communes.size()).second)
            throw csv.fail(line, "INSEE code " + c.inseeCode + " appears twice");
        out.m_foldedNames.push_back(foldName(c.name));
        out.m_communes.push_back(std::move(c));
    });
    return out;
}

std::vector<const Commune*> CommuneDirectory::search(const std::string& query, std::size_t limit) const {
    if (limit == 0) return {};
    if (std::string code = codeQuery(query); !code.empty()) return searchCodes(code, limit);
    std::string folded = foldName(query);
    if (folded.empty()) return {};
    const char last = query.back();
    bool lastWordComplete = !isAsciiAlnum(last) && static_cast<unsigned char>(last) < 0x80;
    return searchNames(expandAbbreviations(folded, lastWordComplete), limit);
}

std::vector<const Commune*> CommuneDirectory::searchCodes(const std::string& code, std::size_t limit) const {
    std::vector<Match> matches;
    for (const Commune& c : m_communes) {
        int tier = 2;
        if (c.inseeCode.starts_with(code)) tier = c.inseeCode == code ? 0 : 1;
        for (const std::string& postal : c.postalCodes)
            if (postal.starts_with(code)) tier = std::min(tier, postal == code ? 0 : 1);
        if (tier < 2) matches.push_back({tier, &c});
    }
    return best(std::move(matches), limit);
}

std::vector<const Commune*> CommuneDirectory::searchNames(const std::string& q, std::size_t limit) const {
    std::vector<Match> matches;
    for (std::size_t i = 0; i < m_communes.size(); ++i) {
        const std::string& name = m_foldedNames[i];
        std::size_t pos = name.find(q);
        if (pos == std::string::npos) continue;
        int tier = 3;  // somewhere inside a word
        if (pos == 0) {
            tier = name.size() == q.size() ? 0 : 1;
        } else {
            for (; pos != std::string::npos; pos = name.find(q, pos + 1))
                if (name[pos - 1] == ' ') { tier = 2; break; }
        }
        matches.push_back({tier, &m_communes[i]});
    }
    return best(std::move(matches), limit);
}

const Commune* CommuneDirectory::findByInsee(const std::string& inseeCode) const {
    std::string code = inseeCode;
    for (char& ch : code)
        if (ch == 'a' || ch == 'b') ch = static_cast<char>(ch - 'a' + 'A');
    auto it = m_byInsee.find(code);
    return it == m_byInsee.end() ? nullptr : &m_communes[it->second];
}

std::string displayLabel(const Commune& commune) {
    if (commune.postalCodes.empty()) return commune.name;
    return commune.name + " (" + commune.postalCodes.front() + ")";
}

}  // namespace mediane::core
