// The one window of Médiane: header with the tabs, language and font size, the banner, the active screen, the status bar.
#pragma once

#include "app/app_state.hpp"
#include "ui/conflict_inbox_screen.hpp"
#include "ui/dashboard_screen.hpp"
#include "ui/directory_screen.hpp"
#include "ui/learners_screen.hpp"
#include "ui/pass_screen.hpp"
#include "ui/session_screen.hpp"

namespace mediane::ui {

class Shell {
public:
    // Owns Begin/End of a full-viewport window with no decoration; screens draw only their contents.
    void draw(app::AppState& state);

    SessionScreen& sessionScreen() { return m_session; }
    DashboardScreen& dashboardScreen() { return m_dashboard; }
    DirectoryScreen& directoryScreen() { return m_directory; }
    ConflictInboxScreen& conflictInboxScreen() { return m_conflicts; }

private:
    void drawHeader(app::AppState& state);
    void drawBanner(app::AppState& state);

    SessionScreen m_session;
    LearnersScreen m_learners;
    PassScreen m_pass;
    DashboardScreen m_dashboard;
    DirectoryScreen m_directory;
    ConflictInboxScreen m_conflicts;
};

}  // namespace mediane::ui
