// The Pass numérique tab: the structure's roles, receive booklets and give cheques, check and cancel cheques, stock
// and use per month.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "app/app_state.hpp"
#include "app/learner_directory.hpp"
#include "app/pass_desk.hpp"
#include "ui/pass_settings_panel.hpp"

namespace mediane::ui {

class PassScreen {
public:
    // Draws only the tab's contents; the shell owns the window and the tab bar.
    void draw(app::AppState& state);
    // The view-model, for tests; null before the first draw.
    const app::PassDesk* desk() const { return m_desk.get(); }
    // The verdict of the last cheque checked, for tests; empty before the first check.
    const std::optional<app::ChequeVerdict>& lastVerdict() const { return m_check.verdict; }

private:
    void refreshDesk(app::AppState& state);
    void drawStock(app::AppState& state);
    void drawReceive(app::AppState& state);
    void drawGive(app::AppState& state);
    void drawRoles(app::AppState& state);
    void drawCheck(app::AppState& state);
    void drawCancel(app::AppState& state);
    const std::string& serviceLabel(const std::string& code) const;
    void drawMonthlyUse(app::AppState& state);
    void drawBooklets(app::AppState& state);
    void drawCheques(app::AppState& state);

    std::unique_ptr<app::PassDesk> m_desk;
    std::unique_ptr<app::LearnerDirectory> m_picker;  // the learner search of the "give a cheque" form

    struct ReceiveForm {
        std::string structure, first, last, faceValue = "10", validYear, funder, receivedOn;
    } m_receive;
    struct GiveForm {
        std::string number, learnerQuery, learnerId, learnerName, date;
    } m_give;
    PassSettingsPanel m_settings;
    struct CheckForm {
        std::string number, validYear;
        std::optional<app::ChequeVerdict> verdict;
    } m_check;
    struct CancelForm {
        std::string first, last, cause = "lost", reason;
    } m_cancel;
};

}  // namespace mediane::ui
