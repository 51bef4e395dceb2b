#include "ui/enrolment_dialog.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include <string.h>

#include "app/enrolment_task.hpp"
#include "app/sync_service.hpp"
#include "ui/form_fields.hpp"
#include "ui/widgets.hpp"

namespace mediane::ui {

namespace {
constexpr const char* kPopupId = "##enrolment";

struct Dialog {
    app::EnrolmentTask task;
    app::EnrolmentInput input;
    std::string error, errorField;
    bool openNextFrame = false, showForm = false, confirmSignOut = false, focus = false;
    bool closeAfterSuccess = false;  // the window closes by itself once enrolled
};
Dialog& dialog() {
    static Dialog d;
    return d;
}

void wipePassword(Dialog& d) {
    explicit_bzero(d.input.password.data(), d.input.password.size());
    d.input.password.clear();
}

void drawError(const Dialog& d) {
    if (d.error.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, kErrorColour);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(d.error.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    tagItem("enrol.error");
}

void field(app::AppState& state, Dialog& d, const char* captionKey, const char* id, const char* fieldName,
           std::string* value, int flags, bool& enter) {
    fieldLabel(state.tr(captionKey), d.errorField == fieldName);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputText(withId("", id).c_str(), value, flags | ImGuiInputTextFlags_EnterReturnsTrue)) enter = true;
    tagItem(id);
}

void drawForm(app::AppState& state, Dialog& d) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(kMutedColour, "%s", state.tr("first_day.enrol_intro").c_str());
    ImGui::PopTextWrapPos();
    const bool busy = d.task.running();
    ImGui::BeginDisabled(busy);
    if (d.focus) {
        ImGui::SetKeyboardFocusHere();
        d.focus = false;
    }
    bool enter = false;
    field(state, d, "first_day.enrol_hub", "enrol.hub", "enrol.hub", &d.input.hubUrl, 0, enter);
    field(state, d, "first_day.enrol_login", "enrol.login", "enrol.login", &d.input.login, 0, enter);
    field(state, d, "first_day.enrol_password", "enrol.password", "enrol.password", &d.input.password,
          ImGuiInputTextFlags_Password, enter);
    ImGui::Spacing();
    bool submit = button(state.tr("first_day.enrol_submit"), "enrol.submit") || enter;
    ImGui::EndDisabled();
    if (busy) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(state.tr("first_day.enrol_busy").c_str());
        tagItem("enrol.busy");
    }
    if (submit && !busy) {
        d.error.clear();
        d.errorField.clear();
        try {
            d.task.start(state.notebook(), d.input);
        } catch (const Error& e) {
            d.error = state.tr().message(e);
            d.errorField = e.field();
        }
    }
    drawError(d);
}

void drawAccount(app::AppState& state, Dialog& d, const store::EnrolledScope& account) {
    std::string role = state.tr().has("first_day.role." + account.role) ? state.tr("first_day.role." + account.role)
                                                                          : account.role;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(state.tr().format("first_day.account_line", {{"login", account.login},
                                                                         {"role", role},
                                                                         {"structure", account.structure},
                                                                         {"hub", account.hubUrl}})
                               .c_str());
    tagItem("enrol.account");
    ImGui::TextColored(kMutedColour, "%s", state.tr("first_day.sign_out_note").c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    if (button(state.tr("first_day.enrol_again"), "enrol.again")) {
        d.showForm = true;
        d.focus = true;
        d.input.hubUrl = account.hubUrl;
        d.input.login = account.login;
    }
    ImGui::SameLine();
    if (!d.confirmSignOut) {
        if (button(state.tr("first_day.sign_out"), "enrol.sign_out")) d.confirmSignOut = true;
        return;
    }
    if (button(state.tr("first_day.sign_out_confirm"), "enrol.sign_out_confirm")) {
        // The worker stops (joined) before its account goes: no sync runs half signed out.
        state.adoptSyncWorker(nullptr);
        if (state.run([&] { app::signOut(state.notebook()); }, "first_day.msg_signed_out")) {
            d.confirmSignOut = false;
            ImGui::CloseCurrentPopup();
        }
    }
}
}  // namespace

bool enrolmentBusy() { return dialog().task.running(); }

void openEnrolment(app::AppState& state) {
    auto& d = dialog();
    d.openNextFrame = true;
    d.error.clear();
    d.errorField.clear();
    d.confirmSignOut = false;
    d.showForm = !state.notebook().enrolledScope().has_value();
    d.focus = d.showForm;
}

void drawEnrolment(app::AppState& state) {
    auto& d = dialog();
    // The outcome is taken even if the window was closed meanwhile: an enrolment that succeeded starts syncing.
    if (auto outcome = d.task.poll()) {
        wipePassword(d);
        if (outcome->error) {
            d.error = state.tr().message(*outcome->error);
            d.errorField = outcome->error->field();
            if (outcome->error->key() == "err.sync.invalid_credentials") d.errorField = "enrol.password";
        } else {
            state.adoptSyncWorker(app::startSyncWorker(state.notebook()));
            state.showSuccess("first_day.msg_enrolled", {{"login", outcome->account.login}});
            d.showForm = false;
            d.error.clear();
            d.errorField.clear();
            d.confirmSignOut = false;
            d.closeAfterSuccess = true;
        }
    }
    const std::string title = state.tr("first_day.enrol_title") + kPopupId;
    if (d.openNextFrame) {
        ImGui::OpenPopup(title.c_str());
        d.openNextFrame = false;
    }
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowSize(ImVec2(std::min(viewport->WorkSize.x * 0.9f, ImGui::GetFontSize() * 36), 0),
                             ImGuiCond_Appearing);
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.5f,
                                   viewport->WorkPos.y + viewport->WorkSize.y * 0.5f),
                            ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
    if (d.closeAfterSuccess) {
        d.closeAfterSuccess = false;
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    auto account = state.notebook().enrolledScope();
    if (account && !d.showForm) drawAccount(state, d, *account);
    else drawForm(state, d);
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::BeginDisabled(d.task.running());
    if (button(state.tr("first_day.enrol_close"), "enrol.close") ||
        (!d.task.running() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))) {
        wipePassword(d);
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndDisabled();
    ImGui::EndPopup();
}

}  // namespace mediane::ui
