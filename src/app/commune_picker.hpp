// The commune search field's view-state: what was typed, the matching communes, the highlighted one; no ImGui.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/commune_directory.hpp"

namespace mediane::app {

// What a record keeps of a picked commune: the name with its accents, one postal code, the INSEE code.
struct PickedCommune {
    std::string name;
    std::string postalCode;
    std::string inseeCode;
    bool operator==(const PickedCommune&) const = default;
};

// Usage (once per frame, only when the text changed):
//   CommunePicker picker([&]() -> const core::CommuneDirectory& { return state.communes(); });
//   picker.setQuery(typed); ... if (auto c = picker.confirm()) draft.communeInsee = c->inseeCode;
class CommunePicker {
public:
    static constexpr std::size_t kLimit = 8;
    // Why a function: the directory (35,000 communes) is read on the first search, not when a form opens.
    using Source = std::function<const core::CommuneDirectory&()>;

    explicit CommunePicker(Source directory);

    // Searches by name (accents, case and hyphens ignored) or by postal or INSEE code; a blank text clears.
    // Throws mediane::Error when the communes cannot be read.
    void setQuery(const std::string& typed);
    const std::string& query() const { return m_query; }
    const std::vector<const core::Commune*>& matches() const { return m_matches; }
    // "Vénissieux (69200)": the postal code typed when the search was by postal code, else the commune's first.
    std::string matchLabel(std::size_t index) const;

    int highlighted() const { return m_highlight; }
    void moveHighlight(int delta);
    // Enter: the highlighted match, and the search is cleared; nothing when nothing matches.
    std::optional<PickedCommune> confirm();
    // A click on a match: the same as Enter on it.
    PickedCommune pick(std::size_t index);
    void clear();

private:
    std::string postalCodeFor(const core::Commune& commune) const;

    Source m_directory;
    std::string m_query;
    std::vector<const core::Commune*> m_matches;
    int m_highlight = 0;
};

// "Vénissieux (69200)", or the name alone without a postal code; "" when nothing is picked.
std::string communeLabel(const std::string& name, const std::string& postalCode);

}  // namespace mediane::app
