#include "core/legacy_codes.hpp"

#include <algorithm>
#include <sstream>

namespace mediane::core {

std::vector<LegacyCode> parseLegacyCodes(const std::string& text) {
    std::vector<LegacyCode> out;
    std::istringstream in(text);
    std::string entry;
    while (in >> entry) {
        auto colon = entry.find(':');
        if (colon == std::string::npos || colon == 0) continue;  // not ours: ignored rather than guessed
        out.push_back({entry.substr(0, colon), entry.substr(colon + 1)});
    }
    return out;
}

std::string formatLegacyCodes(const std::vector<LegacyCode>& codes) {
    std::string out;
    for (const auto& c : codes) {
        if (!out.empty()) out += ' ';
        out += c.field + ':' + c.code;
    }
    return out;
}

std::string withLegacyCode(const std::string& text, const LegacyCode& code) {
    auto codes = parseLegacyCodes(text);
    if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
    return formatLegacyCodes(codes);
}

}  // namespace mediane::core
