// The Pass numérique tab: receive booklets, give and claim cheques, stock and use per month.
#pragma once

#include <memory>
#include <string>

#include "app/app_state.hpp"
#include "app/learner_directory.hpp"
#include "app/pass_desk.hpp"

namespace mediane::ui {

class PassScreen {
public:
    // Draws only the tab's contents; the shell owns the window and the tab bar.
    void draw(app::AppState& state);
    // The view-model, for tests; null before the first draw.
    const app::PassDesk* desk() const { return m_desk.get(); }

private:
    void refreshDesk(app::AppState& state);
    void drawStock(app::AppState& state);
    void drawReceive(app::AppState& state);
    void drawGive(app::AppState& state);
    void drawClaim(app::AppState& state);
    void drawMonthlyUse(app::AppState& state);
    void drawBooklets(app::AppState& state);
    void drawCheques(app::AppState& state);

    std::unique_ptr<app::PassDesk> m_desk;
    std::unique_ptr<app::LearnerDirectory> m_picker;  // the learner search of the "give a cheque" form

    struct ReceiveForm {
        std::string structure, first, last, faceValue = "10", expiry, receivedOn;
    } m_receive;
    struct GiveForm {
        std::string number, learnerQuery, learnerId, learnerName, date;
    } m_give;
    struct ClaimForm {
        std::string number, date;
    } m_claim;
};

}  // namespace mediane::ui
