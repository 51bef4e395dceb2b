// The « Conflits » tab: open conflicts on the left, the selected one's two versions side by side and its decision.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "app/app_state.hpp"
#include "app/conflict_inbox.hpp"

namespace mediane::ui {

class ConflictInboxScreen {
public:
    // Draws only the tab's contents; reloads the inbox after each completed sync (AppState's sync generation).
    void draw(app::AppState& state);
    // The view-model, for tests; null before the first draw.
    const app::ConflictInbox* inbox() const { return m_inbox.get(); }
    std::int64_t selected() const { return m_selected; }

private:
    void drawList(app::AppState& state);
    void drawDetail(app::AppState& state, const app::ConflictView& view);
    void drawFields(app::AppState& state, const app::ConflictView& view);
    void drawRedemptions(app::AppState& state, const app::ConflictView& view);
    void drawDecision(app::AppState& state, const app::ConflictView& view);
    void select(std::int64_t id);

    std::unique_ptr<app::ConflictInbox> m_inbox;
    std::int64_t m_selected = 0;
    bool m_showResolved = false;
    std::map<std::string, bool> m_keepIncoming;  // learner field → keep the other computer's value
    std::string m_keep;                          // over-redemption: the cheque event that keeps the cheque
    std::string m_note;
};

}  // namespace mediane::ui
