#include "app/own_places.hpp"

#include "core/directory_text.hpp"
#include "core/error.hpp"

namespace mediane::app {

void OwnPlaces::startNew(const std::string& commune, const std::string& postalCode) {
    m_draft = core::Place{};
    m_draft.commune = commune;
    m_draft.postalCode = postalCode;
    m_editing = true;
}

void OwnPlaces::startEdit(const std::string& id) {
    for (const auto& p : m_places)
        if (p.id == id) {
            m_draft = p;
            m_editing = true;
            return;
        }
    throw Error(Error::Kind::NotFound, "first_day.err.place_unknown");
}

core::Place OwnPlaces::save() {
    core::Place place = m_draft;
    // What a person types around a name is not part of it.
    place.name = core::trimText(place.name);
    place.address = core::trimText(place.address);
    place.postalCode = core::trimText(place.postalCode);
    place.commune = core::trimText(place.commune);
    core::Place saved = place.id.empty() ? m_notebook.addPlace(place) : m_notebook.updatePlace(place);
    m_editing = false;
    reload();
    return saved;
}

}  // namespace mediane::app
