#include "ui/shell.hpp"

#include <imgui.h>

#include <algorithm>

#include "ui/status_bar.hpp"
#include "ui/widgets.hpp"

namespace mediane::ui {

Shell::Shell() {
    for (const auto& entry : registeredScreens()) m_screens.push_back({&entry, entry.make()});
    std::stable_sort(m_screens.begin(), m_screens.end(),
                     [](const Live& a, const Live& b) { return a.entry->order < b.entry->order; });
}

void Shell::draw(app::AppState& state) {
    // One copy of the sync worker's snapshot per frame: the bar, the button and the screens read this copy.
    state.pollSync();
    clearFixedError(state);
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    // No background of its own: the frame is cleared with the window colour (see backgroundColour), and a
    // quad over the whole window costs a software renderer (a VM, an old laptop) milliseconds every frame.
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                             ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground;
    ImGui::Begin("M\xC3\xA9" "diane##shell", nullptr, flags);

    drawHeader(state);

    // The status bar keeps its line at the bottom whatever the screen draws, and messages their slot just
    // above it, there or not: a message never moves the form under the pointer.
    float statusHeight = statusBarHeight(state);
    const float messageHeight = messageSlotHeight();
    ImGui::BeginChild("##shell.content", ImVec2(0, -(statusHeight + messageHeight)), false);
    // A screen may switch to another while drawing (e.g. « Choisir dans l'annuaire »): that one starts next frame.
    const app::Screen shown = state.screen;
    for (auto& live : m_screens)
        if (live.entry->name == shown) live.panel->draw(state);
    ImGui::EndChild();
    ImGui::BeginChild("##shell.message", ImVec2(0, messageHeight), false);
    drawBanner(state);
    ImGui::EndChild();
    drawStatusBar(state);
    ImGui::End();
}

ImVec4 Shell::backgroundColour() {
    ImVec4 c = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
    c.w = 1.0f;
    return c;
}

float Shell::messageSlotHeight() {
    // Two lines: most messages fit; a longer one scrolls inside its slot rather than pushing anything.
    const ImGuiStyle& style = ImGui::GetStyle();
    return ImGui::GetTextLineHeightWithSpacing() * 2 + style.ItemSpacing.y * 2 + 1;
}

void Shell::clearFixedError(app::AppState& state) {
    // An error about a field goes as soon as the adviser changes that field (its caption turns back too).
    const auto edited = takeEdited();
    auto& banner = state.banner;
    if (banner.kind == app::Banner::Kind::Error && !banner.field.empty() && edited.count(banner.field)) banner = {};
}

void Shell::drawHeader(app::AppState& state) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("M\xC3\xA9" "diane");
    ImGui::SameLine(0, ImGui::GetFontSize() * 1.5f);
    // The tabs wrap onto a second line rather than run off a narrow screen (1024 px, large text).
    Flow tabs;
    for (const auto& live : m_screens) {
        const ScreenEntry& tab = *live.entry;
        std::string label = state.tr(tab.tabKey);
        // How many conflicts wait for this person's decision, on the tab itself.
        if (tab.name == "conflicts" && state.status().openConflicts > 0)
            label = state.tr().format("first_day.conflicts_tab_count",
                                      {{"label", label}, {"n", std::to_string(state.status().openConflicts)}});
        tabs.next(buttonWidth(label));
        if (toggleButton(label, tab.tabTag, state.screen == tab.name)) state.screen = tab.name;
    }
    ImGui::SameLine();

    // Language and font size sit at the right end of the header.
    const ImGuiStyle& style = ImGui::GetStyle();
    auto width = [&](const std::string& s) { return ImGui::CalcTextSize(s.c_str()).x + style.FramePadding.x * 2; };
    const std::string fr = "Fran\xC3\xA7" "ais", en = "English", smaller = "A\xE2\x88\x92", larger = "A+";
    float right = width(fr) + width(en) + width(smaller) + width(larger) + style.ItemSpacing.x * 4;
    float x = ImGui::GetWindowContentRegionMax().x - right;
    if (x < ImGui::GetCursorPosX()) ImGui::NewLine();  // no room beside the tabs: their own line, at the right
    if (x > ImGui::GetCursorPosX()) ImGui::SetCursorPosX(x);
    if (toggleButton(fr, "shell.lang_fr", state.language() == "fr")) state.setLanguage("fr");
    ImGui::SameLine();
    if (toggleButton(en, "shell.lang_en", state.language() == "en")) state.setLanguage("en");
    ImGui::SameLine(0, style.ItemSpacing.x * 2);
    if (button(smaller, "shell.font_smaller")) state.setFontScale(state.fontScale() - 0.125f);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", state.tr("shell.font_smaller").c_str());
    ImGui::SameLine();
    if (button(larger, "shell.font_larger")) state.setFontScale(state.fontScale() + 0.125f);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", state.tr("shell.font_larger").c_str());
    ImGui::Separator();
}

void Shell::drawBanner(app::AppState& state) {
    auto& banner = state.banner;
    ImGui::Separator();
    if (banner.kind == app::Banner::Kind::None) return;
    ImVec4 colour = banner.kind == app::Banner::Kind::Error     ? kErrorColour
                    : banner.kind == app::Banner::Kind::Success ? kSuccessColour
                                                                : ImGui::GetStyleColorVec4(ImGuiCol_Text);
    std::string text = banner.text;
    // Errors name the field even when the message itself does not.
    if (banner.kind == app::Banner::Kind::Error && !banner.field.empty() && state.tr().has("field." + banner.field)) {
        const std::string& label = state.tr("field." + banner.field);
        if (text.find(label) == std::string::npos)
            text = state.tr().format("shell.banner_field", {{"field", label}, {"message", text}});
    }
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - ImGui::GetFontSize() * 2);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    tagItem("shell.banner");
    ImGui::SameLine(ImGui::GetContentRegionMax().x - ImGui::GetFrameHeight());
    if (button("\xC3\x97", "shell.banner_close")) banner = {};
}

}  // namespace mediane::ui
