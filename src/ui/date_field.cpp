#include "ui/date_field.hpp"

#include <imgui.h>

#include <unordered_map>

#include "core/calendar.hpp"
#include "core/local_format.hpp"
#include "ui/widgets.hpp"

namespace mediane::ui {

namespace {

// What the adviser is typing, per field, and the value it was last in step with: a value changed from
// outside (the form reset after a save, a correction loaded) replaces the text.
struct Typed {
    std::string value;
    std::string text;
};
std::unordered_map<ImGuiID, Typed> g_typed;

std::string typingForm(const std::string& isoDate) {
    if (!core::isIsoDate(isoDate)) return isoDate;
    return isoDate.substr(8, 2) + "/" + isoDate.substr(5, 2) + "/" + isoDate.substr(0, 4);
}

}  // namespace

bool dateInput(const std::string& label, const std::string& id, std::string& isoDate, const std::string& language) {
    (void)language;  // both languages type day first; the hint below says which
    Typed& typed = g_typed[ImGui::GetID(id.c_str())];
    if (typed.value != isoDate || typed.text.empty()) {
        typed.value = isoDate;
        typed.text = typingForm(isoDate);
    }
    if (!inputText(label, id, &typed.text, ImGuiInputTextFlags_CharsNoBlank)) return false;
    auto parsed = core::parseUserDate(typed.text);
    isoDate = parsed ? *parsed : typed.text;
    typed.value = isoDate;
    return true;
}

}  // namespace mediane::ui
