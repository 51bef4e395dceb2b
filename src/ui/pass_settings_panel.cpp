#include "ui/pass_settings_panel.hpp"

#include <charconv>

#include <imgui.h>

#include "core/error.hpp"
#include "ui/form_fields.hpp"
#include "ui/widgets.hpp"

namespace mediane::ui {

namespace {
int whole(const std::string& text, int fallback) {
    int value = fallback;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && end == text.data() + text.size() ? value : -1;
}
}  // namespace

void PassSettingsPanel::draw(app::AppState& state, app::PassDesk& desk) {
    const bool open = ImGui::CollapsingHeader(withId(state.tr("pass.settings.title"), "pass.settings").c_str());
    tagItem("pass.settings");
    if (!open) return;
    if (!m_loaded) {
        const auto& p = desk.profile();
        m_distributor = !p || p->distributor == 1;
        m_qualifiedPlace = !p || p->qualifiedPlace == 1;
        m_graceDays = std::to_string(desk.graceDays());
        m_loaded = true;
    }
    ImGui::Checkbox(withId(state.tr("field.pass_profile.distributor"), "pass.settings.distributor").c_str(), &m_distributor);
    tagItem("pass.settings.distributor");
    ImGui::SameLine();
    ImGui::Checkbox(withId(state.tr("field.pass_profile.qualified_place"), "pass.settings.qualified_place").c_str(),
                    &m_qualifiedPlace);
    tagItem("pass.settings.qualified_place");
    textField(state, "field.settings.grace_days", "pass.settings.grace_days", "settings.grace_days", &m_graceDays,
              ImGuiInputTextFlags_CharsDecimal);
    if (button(state.tr("pass.settings.save_profile"), "pass.settings.save_profile"))
        state.run([&] { desk.setProfile(m_distributor ? 1 : 0, m_qualifiedPlace ? 1 : 0, whole(m_graceDays, -1)); },
                  "pass.msg.settings_saved");

    ImGui::Spacing();
    ImGui::TextColored(kMutedColour, "%s", state.tr("pass.settings.services").c_str());
    for (const auto& s : desk.services()) {
        ImGui::PushID(s.code.c_str());
        ImGui::BulletText("%s (%s)", state.tr().format("pass.roles.service", {{"label", s.label},
                                                                            {"cheques", std::to_string(s.cheques)}})
                                         .c_str(), s.code.c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton(state.tr("pass.settings.withdraw").c_str()))
            state.run([&] { desk.saveService(s.code, s.label, s.cheques, 1); }, "pass.msg.settings_saved");
        tagItem("pass.settings.withdraw." + s.code);
        ImGui::PopID();
    }
    if (ImGui::BeginTable("##pass.settings.grid", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        textField(state, "field.pass_service.code", "pass.settings.code", "pass_service.code", &m_code);
        ImGui::TableNextColumn();
        textField(state, "field.pass_service.cheques", "pass.settings.cheques", "pass_service.cheques", &m_cheques,
                  ImGuiInputTextFlags_CharsDecimal);
        ImGui::EndTable();
    }
    textField(state, "field.pass_service.label", "pass.settings.label", "pass_service.label", &m_label);
    if (button(state.tr("pass.settings.add_service"), "pass.settings.add_service") &&
        state.run([&] { desk.saveService(m_code, m_label, whole(m_cheques, -1), 0); }, "pass.msg.settings_saved")) {
        m_code.clear();
        m_label.clear();
        m_cheques.assign(1, '1');  // not = "1": g++ 12 warns falsely (-Wrestrict) on a literal assigned here
    }
}

}  // namespace mediane::ui
