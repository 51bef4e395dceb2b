// « Mes lieux »: the adviser's own places, added and corrected on this laptop; no ImGui.
#pragma once

#include <string>
#include <vector>

#include "app/notebook.hpp"

namespace mediane::app {

// Usage: OwnPlaces mine(notebook); mine.startNew(); mine.draft().name = "…"; auto saved = mine.save();
// A saved place travels to the hub as a directory proposal for the coordinator (never a conflict shown to
// the adviser); it is usable in sessions at once, on this laptop.
class OwnPlaces {
public:
    explicit OwnPlaces(Notebook& notebook) : m_notebook(notebook) { reload(); }

    void reload() { m_places = m_notebook.ownPlaces(); }
    const std::vector<core::Place>& places() const { return m_places; }

    void startNew(const std::string& commune = {}, const std::string& postalCode = {});
    void startEdit(const std::string& id);
    void cancel() { m_editing = false; }
    bool editing() const { return m_editing; }
    bool isNew() const { return m_draft.id.empty(); }
    core::Place& draft() { return m_draft; }

    // Adds or corrects the draft (throws mediane::Error naming the field, nothing stored); returns it with its id.
    core::Place save();

private:
    Notebook& m_notebook;
    std::vector<core::Place> m_places;
    core::Place m_draft;
    bool m_editing = false;
};

}  // namespace mediane::app
