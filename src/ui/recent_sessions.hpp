// The latest sessions recorded on this laptop, under the Séance form: where a duplicate or a workshop (which has
// no learner card) is found again to be corrected or deleted.
#pragma once

#include <string>
#include <vector>

#include "app/app_state.hpp"
#include "core/model.hpp"
#include "ui/session_actions.hpp"

namespace mediane::ui {

// Usage: m_recent.draw(state);   (inside the screen's contents)
// Reads the notebook again only when its counts or pending changes moved (a save, a correction, a sync).
class RecentSessions {
public:
    static constexpr int kLimit = 15;
    void draw(app::AppState& state);

private:
    std::vector<core::Session> m_sessions;
    std::string m_fingerprint;
    SessionActions m_actions;
};

}  // namespace mediane::ui
