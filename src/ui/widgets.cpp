#include "ui/widgets.hpp"

#include <imgui_stdlib.h>

namespace mediane::ui {

namespace {
ItemRects* g_recorder = nullptr;
}

bool ctrlPressed(int nativeKey) {
    const ImGuiIO& io = ImGui::GetIO();
    return io.KeyCtrl && ImGui::IsKeyPressed(nativeKey, false);
}

std::string withId(const std::string& text, const std::string& id) { return text + "##" + id; }

void fieldLabel(const std::string& text, bool inError) {
    if (inError) {
        ImGui::TextColored(kErrorColour, "%s *", text.c_str());
    } else {
        ImGui::TextUnformatted(text.c_str());
    }
}

Flow::Flow(float gap)
    : m_rightEdge(ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x),
      m_gap(gap < 0 ? ImGui::GetStyle().ItemSpacing.x : gap) {}

void Flow::next(float itemWidth) {
    if (m_first) {
        m_first = false;
        return;
    }
    if (ImGui::GetItemRectMax().x + m_gap + itemWidth <= m_rightEdge) ImGui::SameLine(0, m_gap);
}

float choiceWidth(const std::string& label) {
    return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + textWidth(label);
}

float buttonWidth(const std::string& label) { return textWidth(label) + ImGui::GetStyle().FramePadding.x * 2; }

float textWidth(const std::string& text) { return ImGui::CalcTextSize(text.c_str(), nullptr, true).x; }

void setItemRecorder(ItemRects* recorder) { g_recorder = recorder; }

void tagItem(const std::string& tag) {
    if (!g_recorder) return;
    ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    (*g_recorder)[tag] = {min.x, min.y, max.x, max.y};
}

bool button(const std::string& text, const std::string& id, const ImVec2& size) {
    bool pressed = ImGui::Button(withId(text, id).c_str(), size);
    tagItem(id);
    return pressed;
}

bool checkbox(const std::string& text, const std::string& id, bool* value) {
    bool changed = ImGui::Checkbox(withId(text, id).c_str(), value);
    tagItem(id);
    if (changed) noteEdited(id);
    return changed;
}

bool inputText(const std::string& text, const std::string& id, std::string* value, int flags) {
    takeFocusIfAsked(id);
    bool changed = ImGui::InputText(withId(text, id).c_str(), value, flags);
    tagItem(id);
    if (ImGui::IsItemEdited()) noteEdited(id);
    return changed;
}

bool inputInt(const std::string& text, const std::string& id, int* value, int step) {
    bool changed = ImGui::InputInt(withId(text, id).c_str(), value, step, step * 10);
    tagItem(id);
    if (changed) noteEdited(id);
    return changed;
}

namespace {
std::string g_focusNext;
std::set<std::string> g_edited;
}  // namespace

bool appearedThisFrame(const char* id) {
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID key = ImGui::GetID(id);
    const int last = storage->GetInt(key, -10);
    const int now = ImGui::GetFrameCount();
    storage->SetInt(key, now);
    return last != now - 1 && last != now;
}

void focusNext(const std::string& id) { g_focusNext = id; }

void takeFocusIfAsked(const std::string& id) {
    if (g_focusNext.empty() || g_focusNext != id) return;
    ImGui::SetKeyboardFocusHere();
    g_focusNext.clear();
}

void noteEdited(const std::string& id) { g_edited.insert(id); }

std::set<std::string> takeEdited() {
    std::set<std::string> edited;
    edited.swap(g_edited);
    return edited;
}

bool toggleButton(const std::string& text, const std::string& id, bool active) {
    if (active) {
        ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    }
    bool pressed = button(text, id);
    if (active) ImGui::PopStyleColor(2);
    return pressed;
}

}  // namespace mediane::ui
