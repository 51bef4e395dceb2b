#include "app/commune_picker.hpp"

#include <algorithm>

namespace mediane::app {

namespace {
// The typed text without spaces when it is a postal code being typed ("69 2" → "692"), else "".
std::string typedDigits(const std::string& query) {
    std::string digits;
    for (char c : query) {
        if (c == ' ' || c == '\t') continue;
        if (c < '0' || c > '9') return {};
        digits += c;
    }
    return digits;
}
}  // namespace

CommunePicker::CommunePicker(Source directory) : m_directory(std::move(directory)) {}

void CommunePicker::setQuery(const std::string& typed) {
    m_query = typed;
    m_highlight = 0;
    if (typed.find_first_not_of(" \t\r\n") == std::string::npos) {
        m_matches.clear();
        return;
    }
    m_matches = m_directory().search(typed, kLimit);
}

std::string CommunePicker::postalCodeFor(const core::Commune& commune) const {
    // Lyon has nine postal codes: the one being typed is the one the adviser means.
    std::string digits = typedDigits(m_query);
    if (!digits.empty())
        for (const auto& code : commune.postalCodes)
            if (code.starts_with(digits)) return code;
    return commune.postalCodes.empty() ? std::string{} : commune.postalCodes.front();
}

std::string CommunePicker::matchLabel(std::size_t index) const {
    const core::Commune& c = *m_matches.at(index);
    return communeLabel(c.name, postalCodeFor(c));
}

void CommunePicker::moveHighlight(int delta) {
    if (m_matches.empty()) return;
    m_highlight = std::clamp(m_highlight + delta, 0, static_cast<int>(m_matches.size()) - 1);
}

std::optional<PickedCommune> CommunePicker::confirm() {
    if (m_matches.empty()) return std::nullopt;
    return pick(static_cast<std::size_t>(m_highlight));
}

PickedCommune CommunePicker::pick(std::size_t index) {
    const core::Commune& c = *m_matches.at(index);
    PickedCommune picked{c.name, postalCodeFor(c), c.inseeCode};
    clear();
    return picked;
}

void CommunePicker::clear() {
    m_query.clear();
    m_matches.clear();
    m_highlight = 0;
}

std::string communeLabel(const std::string& name, const std::string& postalCode) {
    if (name.empty() || postalCode.empty()) return name;
    return name + " (" + postalCode + ")";
}

}  // namespace mediane::app
