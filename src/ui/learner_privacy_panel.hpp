// The learner card's personal data section: export (right of access), withdraw consent, erase, each confirmed.
#pragma once

#include <string>

#include "app/app_state.hpp"
#include "app/learner_directory.hpp"

namespace mediane::ui {

// Usage (inside the card): if (m_privacy.draw(state, *m_directory, card.learner)) { /* the card closed */ }
// Every irreversible action opens a confirmation that says what will be lost and that it cannot be undone.
struct LearnerPrivacyPanel {
    enum class Confirming { Nothing, Erase, Withdraw };
    Confirming confirming = Confirming::Nothing;
    std::string learnerId;  // the learner the confirmation is about

    // True when the learner was erased this frame (the directory closed the card).
    bool draw(app::AppState& state, app::LearnerDirectory& directory, const core::Learner& learner);

private:
    bool drawConfirmation(app::AppState& state, app::LearnerDirectory& directory);
};

}  // namespace mediane::ui
