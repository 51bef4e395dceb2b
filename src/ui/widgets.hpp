// Small ImGui helpers shared by every screen: stable ids, field labels, colours, keys, and the test item recorder.
#pragma once

#include <imgui.h>

#include <map>
#include <set>
#include <string>

namespace mediane::ui {

// --- Keys ------------------------------------------------------------------------------------
// Why: ImGui 1.86 has no named letter keys; the GLFW backend fills io.KeysDown with GLFW key codes,
// which are the ASCII upper-case codes for letters. The headless harness uses the same codes.
constexpr int kKeyS = 'S';
// Usage: if (ui::ctrlPressed(ui::kKeyS)) save();
bool ctrlPressed(int nativeKey);

// --- Colours ---------------------------------------------------------------------------------
inline const ImVec4 kSuccessColour{0.18f, 0.62f, 0.28f, 1.0f};
inline const ImVec4 kErrorColour{0.86f, 0.20f, 0.18f, 1.0f};
inline const ImVec4 kMutedColour{0.55f, 0.55f, 0.58f, 1.0f};

// --- Labels and ids --------------------------------------------------------------------------
// "Date##session.date": the visible text from the translation table, the id fixed whatever the language.
std::string withId(const std::string& text, const std::string& id);
// A field caption on its own line, in red when the current error is about this field.
// Usage: ui::fieldLabel(state.tr("field.session.date"), state.banner.field == "session.date");
void fieldLabel(const std::string& text, bool inError);

// --- Layout --------------------------------------------------------------------------------
// Lays items left to right and wraps to a new line when the next one would be cut at the right edge,
// so a row of choices stays readable at large font sizes and in narrow columns.
// Usage: ui::Flow flow; for (...) { flow.next(ui::choiceWidth(label)); ImGui::Checkbox(...); }
class Flow {
public:
    // gap: horizontal space between items; negative means the style's item spacing.
    explicit Flow(float gap = -1.0f);
    void next(float itemWidth);

private:
    float m_rightEdge;
    float m_gap;
    bool m_first = true;
};
// Width of a checkbox or radio button with this label.
float choiceWidth(const std::string& label);
// Width of a button or plain text with this label.
float buttonWidth(const std::string& label);
float textWidth(const std::string& text);

// --- Test hook: where tagged items were drawn --------------------------------------------------
// Why: Debian's ImGui is built without the test engine hooks, so headless tests cannot find an item
// by id on their own. Screens tag the items a test may click; with no recorder installed, tagging
// costs one pointer check.
struct ItemRect {
    float minX = 0, minY = 0, maxX = 0, maxY = 0;
};
using ItemRects = std::map<std::string, ItemRect>;
// Usage (tests): ui::ItemRects rects; ui::setItemRecorder(&rects); ... ui::setItemRecorder(nullptr);
void setItemRecorder(ItemRects* recorder);
// Usage (screens): ImGui::Button(...); ui::tagItem("session.save");
void tagItem(const std::string& tag);

// Buttons and inputs that tag themselves with their id (the part after "##").
bool button(const std::string& text, const std::string& id, const ImVec2& size = ImVec2(0, 0));
bool checkbox(const std::string& text, const std::string& id, bool* value);
bool inputText(const std::string& text, const std::string& id, std::string* value, int flags = 0);
bool inputInt(const std::string& text, const std::string& id, int* value, int step = 1);
// --- Keyboard focus and edits ------------------------------------------------------------------
// True the first frame a part of a screen is drawn after frames without it (another tab was shown): the
// screen's search then takes the keyboard. Usage: if (appearedThisFrame("learners")) SetKeyboardFocusHere();
bool appearedThisFrame(const char* id);
// The field `id` takes the keyboard at its next draw (inputText does this itself; other fields call
// takeFocusIfAsked just before drawing). Usage: after a cheque is recorded, focusNext("pass.claim.number").
void focusNext(const std::string& id);
void takeFocusIfAsked(const std::string& id);
// The ids of the fields the adviser changed since the last takeEdited (checkbox, inputText and inputInt note
// themselves): the shell clears an error about a field once the adviser corrects it.
void noteEdited(const std::string& id);
std::set<std::string> takeEdited();

// A button drawn as pressed when active (tabs, language, segmented choices).
bool toggleButton(const std::string& text, const std::string& id, bool active);

}  // namespace mediane::ui
