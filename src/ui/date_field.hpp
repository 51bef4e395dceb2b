// A date field typed the local way (JJ/MM/AAAA in French, DD/MM/YYYY in English, ISO accepted) over an ISO
// value: the form and the store keep "2026-11-30"; what cannot be read stays as typed so validation names it.
#pragma once

#include <string>

namespace mediane::ui {

// Usage: if (ui::dateInput("", "session.date", draft.date, state.language())) recheck();
// Returns true when the typed text changed the value.
bool dateInput(const std::string& label, const std::string& id, std::string& isoDate, const std::string& language);

}  // namespace mediane::ui
