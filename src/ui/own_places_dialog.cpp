#include "ui/own_places_dialog.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "app/place_picker.hpp"
#include "ui/form_fields.hpp"
#include "ui/widgets.hpp"

namespace mediane::ui {

namespace {
constexpr const char* kPopupId = "##own_places";
}  // namespace

void OwnPlacesDialog::open(app::AppState& state) {
    if (!m_places) m_places = std::make_unique<app::OwnPlaces>(state.notebook());
    state.run([&] { m_places->reload(); });
    if (m_places->places().empty()) {
        m_places->startNew();
        m_focusName = true;
    }
    m_openNextFrame = true;
}

std::optional<std::string> OwnPlacesDialog::draw(app::AppState& state) {
    if (!m_places) return std::nullopt;
    const std::string title = state.tr("first_day.places_title") + kPopupId;
    if (m_openNextFrame) {
        ImGui::OpenPopup(title.c_str());
        m_openNextFrame = false;
        m_open = true;
    }
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowSize(ImVec2(std::min(viewport->WorkSize.x * 0.9f, ImGui::GetFontSize() * 40),
                                    viewport->WorkSize.y * 0.8f),
                             ImGuiCond_Appearing);
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.5f,
                                   viewport->WorkPos.y + viewport->WorkSize.y * 0.5f),
                            ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_NoSavedSettings)) {
        m_open = false;
        return std::nullopt;
    }
    // The shell's banner is behind this window: its error shows here too.
    if (state.banner.kind == app::Banner::Kind::Error) {
        ImGui::PushStyleColor(ImGuiCol_Text, kErrorColour);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(state.banner.text.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        tagItem("places.error");
    }
    auto picked = m_places->editing() ? drawForm(state) : drawList(state);
    if (picked || !m_open) {
        ImGui::CloseCurrentPopup();
        m_open = false;
    }
    ImGui::EndPopup();
    return picked;
}

std::optional<std::string> OwnPlacesDialog::drawList(app::AppState& state) {
    std::optional<std::string> picked;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(kMutedColour, "%s", state.tr("first_day.places_intro").c_str());
    ImGui::PopTextWrapPos();
    if (button(state.tr("first_day.places_new"), "places.new")) {
        m_places->startNew();
        m_focusName = true;
    }
    ImGui::Separator();
    float footer = ImGui::GetFrameHeightWithSpacing() * 1.3f;
    ImGui::BeginChild("##own_places.list", ImVec2(0, -footer));
    const auto& places = m_places->places();
    if (places.empty()) ImGui::TextColored(kMutedColour, "%s", state.tr("first_day.places_none").c_str());
    for (std::size_t i = 0; i < places.size(); ++i) {
        const auto& p = places[i];
        ImGui::PushID(p.id.c_str());
        if (button(state.tr("first_day.places_pick"), "places.pick_" + std::to_string(i))) picked = p.id;
        ImGui::SameLine();
        if (button(state.tr("first_day.places_edit"), "places.edit_" + std::to_string(i))) {
            std::string id = p.id;
            state.run([&] { m_places->startEdit(id); });
            m_focusName = true;
        }
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(app::placeLabel(p).c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopID();
        if (picked) break;
    }
    ImGui::EndChild();
    if (button(state.tr("first_day.places_close"), "places.close") ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
        m_open = false;
    return picked;
}

std::optional<std::string> OwnPlacesDialog::drawForm(app::AppState& state) {
    auto& d = m_places->draft();
    ImGui::TextUnformatted(state.tr(m_places->isNew() ? "first_day.places_new_title" : "first_day.places_edit_title").c_str());
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(kMutedColour, "%s", state.tr("first_day.places_proposal_note").c_str());
    ImGui::PopTextWrapPos();
    if (m_focusName) {
        ImGui::SetKeyboardFocusHere();
        m_focusName = false;
    }
    bool enter = textField(state, "field.place.name", "places.name", "place.name", &d.name,
                           ImGuiInputTextFlags_EnterReturnsTrue);
    fieldLabel(state.tr("field.place.kind"), inError(state, "place.kind"));
    const auto& kinds = state.notebook().vocabularies().placeKinds();
    std::string preview = d.kind.empty() ? state.tr("first_day.places_kind_none") : kinds.label(d.kind, state.language());
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##places.kind", preview.c_str())) {
        if (ImGui::Selectable(state.tr("first_day.places_kind_none").c_str(), d.kind.empty())) d.kind.clear();
        for (const auto& k : kinds.terms())
            if (ImGui::Selectable(withId(k.label(state.language()), "places.kind_" + k.code).c_str(), d.kind == k.code))
                d.kind = k.code;
        ImGui::EndCombo();
    }
    tagItem("places.kind");
    enter |= textField(state, "field.place.address", "places.address", "place.address", &d.address,
                       ImGuiInputTextFlags_EnterReturnsTrue);
    enter |= textField(state, "field.place.postal_code", "places.postal_code", "place.postal_code", &d.postalCode,
                       ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CharsDecimal);
    enter |= textField(state, "field.place.commune", "places.commune", "place.commune", &d.commune,
                       ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::Spacing();
    std::optional<std::string> picked;
    if (button(state.tr("first_day.places_save"), "places.save") || enter) {
        core::Place saved;
        if (state.run([&] { saved = m_places->save(); }, "first_day.msg_place_saved")) picked = saved.id;
    }
    ImGui::SameLine();
    if (button(state.tr("first_day.places_cancel"), "places.cancel")) {
        m_places->cancel();
        state.banner = {};
        if (m_places->places().empty()) m_open = false;
    }
    return picked;
}

}  // namespace mediane::ui
