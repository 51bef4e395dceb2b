// The structure's Pass numérique profile and catalogue, changed on a coordinator's or an admin's laptop.
#pragma once

#include <string>

#include "app/app_state.hpp"
#include "app/pass_desk.hpp"

namespace mediane::ui {

// Usage (in the Pass screen's forms, only when desk.editsSettings()): m_settings.draw(state, desk);
// Changes go through the outbox like any record: offline, they reach the hub and the advisers at the next sync.
struct PassSettingsPanel {
    void draw(app::AppState& state, app::PassDesk& desk);

private:
    bool m_loaded = false;
    bool m_distributor = true, m_qualifiedPlace = true;
    std::string m_graceDays;
    std::string m_code, m_label, m_cheques = "1";
};

}  // namespace mediane::ui
