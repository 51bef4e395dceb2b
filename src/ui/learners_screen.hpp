// The Bénéficiaires tab: search learners, create one, and open a learner's card with history and progress.
#pragma once

#include <memory>
#include <string>

#include "app/app_state.hpp"
#include "app/learner_directory.hpp"
#include "ui/session_actions.hpp"
#include "ui/learner_privacy_panel.hpp"
#include "ui/widgets_commune.hpp"

namespace mediane::ui {

// What a learner form keeps beside the learner itself: the birth year as typed and the commune search.
struct ProfileInputs {
    std::string birthYear;
    CommuneField commune;
};

class LearnersScreen {
public:
    // Draws only the tab's contents; the shell owns the window and the tab bar.
    void draw(app::AppState& state);
    // The view-model, for tests; null before the first draw.
    const app::LearnerDirectory* directory() const { return m_directory.get(); }

private:
    void refreshDirectory(app::AppState& state);
    void drawList(app::AppState& state);
    void drawNewLearner(app::AppState& state);
    void drawCard(app::AppState& state);
    void drawIdentity(app::AppState& state);
    void drawProfile(app::AppState& state);
    void drawProgress(app::AppState& state);
    void drawHistory(app::AppState& state);
    void drawCheques(app::AppState& state);

    std::unique_ptr<app::LearnerDirectory> m_directory;
    SessionActions m_sessionActions;  // « Modifier », « Supprimer », « Historique » in the card's session history
    std::string m_search;
    bool m_creating = false;
    core::Learner m_newDraft;
    ProfileInputs m_newInputs;
    core::Learner m_edit;  // the open card's editable copy, reset when another learner opens or after saving
    ProfileInputs m_cardInputs;
    bool m_editStale = false;
    LearnerPrivacyPanel m_privacy;  // export, withdraw consent, erase
    std::string m_assessCompetence = "1.1";
    int m_assessLevel = 1;
    int m_assessStep = 0;
    std::string m_assessDate;
};

}  // namespace mediane::ui
