// The Séance tab: the fast session entry form, as the national activity report asks (draws app::SessionForm).
#pragma once

#include <map>
#include <memory>
#include <string>

#include "app/app_state.hpp"
#include "app/session_form.hpp"
#include "ui/recent_sessions.hpp"
#include "ui/own_places_dialog.hpp"
#include "ui/place_field.hpp"
#include "ui/widgets_commune.hpp"

namespace mediane::ui {

class SessionScreen {
public:
    // Draws only the tab's contents; the shell owns the window. Ctrl+S saves.
    void draw(app::AppState& state);

    // The view-model, created on first draw (tests read it).
    app::SessionForm* form() { return m_form.get(); }

private:
    void drawWhen(app::AppState& state);
    // The place search and « Mes lieux » (session_place.cpp).
    void drawPlacePicker(app::AppState& state);
    void drawWho(app::AppState& state);
    void drawPicker(app::AppState& state);
    void drawAnonymousBeneficiary(app::AppState& state);
    void drawBreakdown(app::AppState& state);
    void drawCheques(app::AppState& state);
    void drawWhat(app::AppState& state);
    void drawAssessments(app::AppState& state);
    void drawFollowUp(app::AppState& state);
    void drawOrientation(app::AppState& state);
    void save(app::AppState& state);
    void drawEditingBanner(app::AppState& state);

    std::unique_ptr<app::SessionForm> m_form;
    RecentSessions m_recent;    // below the form: the latest sessions, to correct or delete
    std::string m_query;        // the picker's text as typed
    std::string m_chequeText;   // the cheque number being typed
    std::map<std::int64_t, std::string> m_chequeYears;  // the year typed for each cheque of another structure
    bool m_chequeNotNumber = false;
    bool m_chequeKeepsKeyboard = false;  // Enter added a cheque: the field takes the next one
    bool m_focusPicker = false; // give the picker the keyboard again after Enter picked someone
    int m_keepTopFrames = 0;    // frames after the screen appears in which the pane stays at its top (see draw)
    bool m_searchFitsAtTop = false;
    CommuneField m_commune;     // home, remote or elsewhere: the commune searched by name or postal code
    PlaceField m_place;         // at a place: searched by name, commune or postal code
    OwnPlacesDialog m_ownPlaces;  // « Mes lieux »: add, correct, pick one's own places
};

}  // namespace mediane::ui
