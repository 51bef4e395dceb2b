// « S'inscrire auprès du hub » and « Compte du hub »: enrol this laptop, see the account, sign out, in a window.
#pragma once

#include "app/app_state.hpp"

namespace mediane::ui {

// Opens the window: the account when enrolled, else the enrolment form.
void openEnrolment(app::AppState& state);
// Draws it while open (once per frame, from the status bar). The hub call runs on its own thread: frames go on.
// Items are tagged enrol.hub, enrol.login, enrol.password, enrol.submit, enrol.busy, enrol.error,
// enrol.account, enrol.sign_out, enrol.sign_out_confirm, enrol.again, enrol.close.
void drawEnrolment(app::AppState& state);
// True while the hub call is in flight (tests wait on it).
bool enrolmentBusy();

}  // namespace mediane::ui
