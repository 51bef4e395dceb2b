// Form pieces shared by the screens: section titles and labelled text fields that show the banner's field error.
#pragma once

#include <string>

#include "app/app_state.hpp"

namespace mediane::ui {

// True when the banner's current error is about this form field (its caption turns red).
bool inError(const app::AppState& state, const char* field);

// Usage: sectionTitle(state.tr("pass.receive.title"));
void sectionTitle(const std::string& text);

// A labelled full-width text field; the caption turns red when the banner's error is about it.
bool textField(app::AppState& state, const char* captionKey, const char* id, const char* field, std::string* value,
               int flags = 0);

// The same for a date: typed JJ/MM/AAAA (ISO accepted) into the ISO value (ui/date_field.hpp).
bool dateField(app::AppState& state, const char* captionKey, const char* id, const char* field, std::string& isoDate);

}  // namespace mediane::ui
