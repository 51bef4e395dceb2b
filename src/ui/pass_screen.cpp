// Sections: the structure's roles and stock summary (top) · forms: receive a booklet and give a cheque (a
// distributor), check a cheque before redeeming it (a qualified place), cancel lost cheques (left) · use per month
// as a bar chart and a table, then booklets and the cheque list by state (right).
#include "ui/pass_screen.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "core/local_format.hpp"
#include "ui/form_fields.hpp"
#include "ui/screen_registry.hpp"
#include "ui/widgets.hpp"

namespace mediane::ui {

namespace {

// A cheque or booklet number typed by hand; 0 (refused by the notebook) when it is not a number.
std::int64_t parseNumber(const std::string& text) {
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos || text.size() > 15) return 0;
    return std::strtoll(text.c_str(), nullptr, 10);
}

std::string chequeStateLabel(const app::AppState& state, core::ChequeState s) {
    return state.tr(std::string("pass.state.") + core::toString(s));
}

// One figure of the stock summary: a big number over its caption.
void figure(const std::string& value, const std::string& caption, const ImVec4& colour) {
    ImGui::TableNextColumn();
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::SetWindowFontScale(1.4f);
    ImGui::TextUnformatted(value.c_str());
    ImGui::SetWindowFontScale(1.0f);
    ImGui::PopStyleColor();
    // Captions wrap rather than run under the next figure when the window is narrow.
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedColour);
    ImGui::TextWrapped("%s", caption.c_str());
    ImGui::PopStyleColor();
}

const ImVec4 kWarningColour{0.95f, 0.65f, 0.15f, 1.0f};

}  // namespace

void PassScreen::refreshDesk(app::AppState& state) {
    // Not through AppState::run: that re-reads the status, which must not happen every frame.
    try {
        m_desk->refresh();
        m_picker->refresh();
    } catch (const Error& e) {
        state.showError(e);
    }
}

void PassScreen::draw(app::AppState& state) {
    if (!m_desk) {
        m_desk = std::make_unique<app::PassDesk>(state.notebook(), core::today());
        // The stock and the use per month take tens of milliseconds on a territory's notebook: not in a frame.
        m_desk->readInBackground(state.notebook().dataFile());
        m_picker = std::make_unique<app::LearnerDirectory>(state.notebook(), 8);
        m_give.date = m_receive.receivedOn = core::today();
    }
    m_desk->setToday(core::today());
    m_desk->notice(state.status());
    m_picker->notice(state.status());
    refreshDesk(state);
    // The structure of the latest booklet is almost always the next one's.
    if (m_receive.structure.empty() && !m_desk->booklets().empty()) m_receive.structure = m_desk->booklets()[0].structure;
    if (m_receive.funder.empty() && !m_desk->booklets().empty()) m_receive.funder = m_desk->booklets()[0].funder;

    // Opened from another tab: the keyboard goes to the learner search of « Remettre un chèque ».
    if (appearedThisFrame("pass.screen")) focusNext(m_desk->distributes() ? "pass.give.learner" : "pass.check.number");
    drawRoles(state);
    drawStock(state);
    ImGui::Spacing();
    float formsWidth = std::max(340.0f, ImGui::GetContentRegionAvail().x * 0.32f);
    ImGui::BeginChild("##pass.forms", ImVec2(formsWidth, 0), false);
    // The daily gestures open: giving a cheque (a distributor), checking one before redeeming it (a qualified
    // place). Receiving a booklet and cancelling happen a few times a year: folded, except a first booklet.
    if (m_desk->distributes()) drawGive(state);
    if (m_desk->redeems()) drawCheck(state);
    if (m_desk->distributes()) drawReceive(state);
    drawCancel(state);
    if (m_desk->editsSettings()) m_settings.draw(state, *m_desk);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##pass.views", ImVec2(0, 0), false);
    drawMonthlyUse(state);
    ImGui::Spacing();
    if (ImGui::BeginTabBar("##pass.lists")) {
        if (ImGui::BeginTabItem(withId(state.tr("pass.cheques"), "pass.tab.cheques").c_str())) {
            drawCheques(state);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem(withId(state.tr("pass.booklets"), "pass.tab.booklets").c_str())) {
            drawBooklets(state);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    ImGui::EndChild();
}

void PassScreen::drawStock(app::AppState& state) {
    const auto& s = m_desk->stock();
    if (!ImGui::BeginTable("##pass.stock", 7, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_BordersInnerV))
        return;
    const ImVec4 text = ImGui::GetStyleColorVec4(ImGuiCol_Text);
    // Being read: the captions in place, no figure yet rather than a false zero.
    const bool ready = m_desk->figuresReady();
    auto count = [&](std::int64_t n) { return ready ? state.tr().count(n) : std::string("\xE2\x80\xA6"); };
    figure(count(s.received), state.tr("pass.stock.received"), text);
    tagItem("pass.stock.received");
    figure(count(s.inStock), state.tr("pass.stock.in_stock"), kSuccessColour);
    tagItem("pass.stock.in_stock");
    figure(count(s.given), state.tr("pass.stock.given"), text);
    figure(count(s.redeemed), state.tr("pass.stock.redeemed"), text);
    figure(count(s.paid), state.tr("pass.stock.paid"), text);
    figure(count(s.expired), state.tr("pass.stock.expired"), s.expired > 0 ? kErrorColour : text);
    figure(count(s.expiringSoon), state.tr("pass.stock.expiring_soon"),
           s.expiringSoon > 0 ? kWarningColour : text);
    ImGui::EndTable();
}

void PassScreen::drawReceive(app::AppState& state) {
    ImGui::Spacing();
    if (m_desk->booklets().empty()) ImGui::SetNextItemOpen(true, ImGuiCond_Once);
    const bool open = ImGui::CollapsingHeader(withId(state.tr("pass.receive.title"), "pass.receive").c_str());
    tagItem("pass.receive");
    if (!open) return;
    textField(state, "field.booklet.structure", "pass.receive.structure", "booklet.structure", &m_receive.structure);
    if (ImGui::BeginTable("##pass.receive.grid", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        textField(state, "field.booklet.first_number", "pass.receive.first", "booklet.first_number", &m_receive.first,
                  ImGuiInputTextFlags_CharsDecimal);
        ImGui::TableNextColumn();
        textField(state, "field.booklet.last_number", "pass.receive.last", "booklet.last_number", &m_receive.last,
                  ImGuiInputTextFlags_CharsDecimal);
        ImGui::TableNextColumn();
        textField(state, "pass.receive.face_value", "pass.receive.face_value", "booklet.face_value",
                  &m_receive.faceValue);
        ImGui::TableNextColumn();
        // The funder's year sets the end of validity (31/12); the grace month is for redeeming only.
        textField(state, "field.booklet.valid_year", "pass.receive.valid_year", "booklet.valid_year",
                  &m_receive.validYear, ImGuiInputTextFlags_CharsDecimal);
        ImGui::TableNextColumn();
        textField(state, "field.booklet.funder", "pass.receive.funder", "booklet.funder", &m_receive.funder);
        ImGui::TableNextColumn();
        dateField(state, "field.booklet.received_on", "pass.receive.received_on", "booklet.received_on",
                  m_receive.receivedOn);
        ImGui::TableNextColumn();
        std::int64_t first = parseNumber(m_receive.first), last = parseNumber(m_receive.last);
        if (first > 0 && last >= first) {
            ImGui::NewLine();
            ImGui::TextColored(kMutedColour, "%s",
                               state.tr().plural("pass.receive.count", last - first + 1).c_str());
        }
        ImGui::EndTable();
    }
    if (button(state.tr("pass.receive.save"), "pass.receive.save")) {
        core::PassBooklet draft;
        draft.structure = m_receive.structure;
        draft.firstNumber = parseNumber(m_receive.first);
        draft.lastNumber = parseNumber(m_receive.last);
        draft.faceValueCents = app::PassDesk::eurosToCents(m_receive.faceValue);
        draft.validYear = static_cast<int>(parseNumber(m_receive.validYear));
        draft.funder = m_receive.funder;
        draft.receivedOn = m_receive.receivedOn;
        if (state.run([&] { m_desk->receiveBooklet(draft); }, "pass.msg.booklet_received")) {
            m_receive.first.clear();
            m_receive.last.clear();
        }
    }
}

void PassScreen::drawGive(app::AppState& state) {
    sectionTitle(state.tr("pass.give.title"));
    if (ImGui::BeginTable("##pass.give.grid", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        textField(state, "field.cheque", "pass.give.number", "cheque", &m_give.number, ImGuiInputTextFlags_CharsDecimal);
        ImGui::TableNextColumn();
        dateField(state, "field.cheque.date", "pass.give.date", "cheque.date", m_give.date);
        ImGui::EndTable();
    }
    fieldLabel(state.tr("field.cheque.learner"), inError(state, "cheque.learner"));
    if (!m_give.learnerId.empty()) {
        ImGui::TextUnformatted(m_give.learnerName.c_str());
        ImGui::SameLine();
        if (button(state.tr("pass.give.change_learner"), "pass.give.change_learner")) m_give.learnerId.clear();
    } else {
        ImGui::SetNextItemWidth(-1);
        takeFocusIfAsked("pass.give.learner");
        bool enter = ImGui::InputTextWithHint("##pass.give.learner", state.tr("pass.give.learner_hint").c_str(),
                                              &m_give.learnerQuery, ImGuiInputTextFlags_EnterReturnsTrue);
        tagItem("pass.give.learner");
        m_picker->setQuery(m_give.learnerQuery);
        // The picker only: the desk takes its reader's answers once a frame, at its top (refreshDesk).
        state.attempt([&] { m_picker->refresh(); });
        if (enter && !m_picker->results().empty()) {  // Enter takes the first match, as in every search
            m_give.learnerId = m_picker->results().front().id;
            m_give.learnerName = m_picker->results().front().displayName();
        }
        if (!m_give.learnerQuery.empty()) {
            float rows = static_cast<float>(std::max<std::size_t>(1, m_picker->results().size()));
            ImGui::BeginChild("##pass.give.picker", ImVec2(0, std::min(rows, 5.0f) * ImGui::GetTextLineHeightWithSpacing() + 8),
                              true);
            if (m_picker->results().empty()) ImGui::TextColored(kMutedColour, "%s", state.tr("pass.give.no_learner").c_str());
            int row = 0;
            for (const auto& l : m_picker->results()) {
                std::string text = l.displayName() + (l.commune.empty() ? "" : " · " + l.commune);
                if (ImGui::Selectable(withId(text, l.id).c_str())) {
                    m_give.learnerId = l.id;
                    m_give.learnerName = l.displayName();
                }
                tagItem("pass.give.pick." + std::to_string(row++));
            }
            ImGui::EndChild();
        }
    }
    if (button(state.tr("pass.give.save"), "pass.give.save")) {
        std::int64_t number = parseNumber(m_give.number);
        if (state.run([&] { m_desk->giveCheque(number, m_give.learnerId, m_give.date); }, "pass.msg.cheque_given")) {
            m_give.number.clear();
            m_give.learnerId.clear();
            m_give.learnerQuery.clear();
            focusNext("pass.give.number");  // the next cheque of the pile: the keyboard stays on the number
        }
    }
}

void PassScreen::drawRoles(app::AppState& state) {
    // What the structure does in the scheme, as its coordinator set it on the hub: the screen shows only its forms.
    std::string roles;
    if (m_desk->distributes()) roles = state.tr("pass.roles.distributor");
    if (m_desk->redeems()) roles += (roles.empty() ? "" : " · ") + state.tr("pass.roles.qualified_place");
    roles += " · " + state.tr().plural("pass.roles.grace_days", m_desk->graceDays());
    if (!m_desk->profile()) roles += " " + state.tr("pass.roles.no_profile");
    ImGui::TextColored(kMutedColour, "%s", roles.c_str());
    tagItem("pass.roles");
    if (!m_desk->services().empty()) {
        std::string catalogue;
        for (const auto& s : m_desk->services())
            catalogue += (catalogue.empty() ? "" : " · ") +
                         state.tr().format("pass.roles.service", {{"label", s.label}, {"cheques", std::to_string(s.cheques)}});
        ImGui::TextWrapped("%s %s", state.tr("pass.roles.catalogue").c_str(), catalogue.c_str());
    }
}

void PassScreen::drawCheck(app::AppState& state) {
    sectionTitle(state.tr("pass.check.title"));
    bool enter = false;
    if (ImGui::BeginTable("##pass.check.grid", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        // A scanner ends each number with Enter: the verdict shows and the field keeps the keyboard.
        enter = textField(state, "field.cheque", "pass.check.number", "cheque", &m_check.number,
                          ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_EnterReturnsTrue);
        ImGui::TableNextColumn();
        enter |= textField(state, "pass.check.year", "pass.check.valid_year", "cheque.valid_year",
                           &m_check.validYear, ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_EnterReturnsTrue);
        ImGui::EndTable();
    }
    if (button(state.tr("pass.check.run"), "pass.check.run") || enter) {
        m_check.verdict.reset();
        try {
            m_check.verdict = m_desk->check(parseNumber(m_check.number), static_cast<int>(parseNumber(m_check.validYear)));
            // The verdict names the number: the field is ready for the next cheque of the pile, unless the year
            // printed on it is what is missing (then the year goes in next). The year stays, as a learner's
            // cheques of another structure are often of one year.
            const auto& key = m_check.verdict->reasonKey;
            const bool needsYear = key == "err.cheque_unknown_needs_year" || key == "err.valid_year_needed";
            if (!needsYear) m_check.number.clear();
            focusNext(needsYear ? "pass.check.valid_year" : "pass.check.number");
        } catch (const Error& e) {
            state.showError(e);
            focusNext("pass.check.number");
        }
    }
    if (!m_check.verdict) return;
    const auto& v = *m_check.verdict;
    if (v.redeemable) {
        ImGui::PushStyleColor(ImGuiCol_Text, kSuccessColour);
        ImGui::TextWrapped("%s", state.tr().format("pass.check.ok", {{"number", std::to_string(v.number)},
                                                                     {"until", core::displayDate(v.redeemableUntil, state.language())}})
                                      .c_str());
        ImGui::PopStyleColor();
        ImGui::TextColored(kMutedColour, "%s", state.tr("pass.check.ok_hint").c_str());
    } else {
        ImGui::PushStyleColor(ImGuiCol_Text, kErrorColour);
        ImGui::TextWrapped("%s", state.tr().message(Error(Error::Kind::Refused, v.reasonKey, v.reasonParams)).c_str());
        ImGui::PopStyleColor();
    }
    tagItem("pass.check.verdict");
}

void PassScreen::drawCancel(app::AppState& state) {
    const bool open = ImGui::CollapsingHeader(withId(state.tr("pass.cancel.title"), "pass.cancel").c_str());
    tagItem("pass.cancel");
    if (!open) return;
    if (ImGui::BeginTable("##pass.cancel.grid", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        textField(state, "field.cancel.cheque", "pass.cancel.first", "cancel.cheque", &m_cancel.first,
                  ImGuiInputTextFlags_CharsDecimal);
        ImGui::TableNextColumn();
        textField(state, "field.cancel.to", "pass.cancel.last", "cancel.to", &m_cancel.last, ImGuiInputTextFlags_CharsDecimal);
        ImGui::EndTable();
    }
    fieldLabel(state.tr("field.cancel.cause"), inError(state, "cancel.cause"));
    static const char* const kCauses[] = {"lost", "stolen", "damaged"};
    for (const char* cause : kCauses) {
        if (ImGui::RadioButton(withId(state.tr(std::string("param.cause.") + cause), std::string("pass.cancel.") + cause).c_str(),
                               m_cancel.cause == cause))
            m_cancel.cause = cause;
        tagItem(std::string("pass.cancel.") + cause);
        ImGui::SameLine();
    }
    ImGui::NewLine();
    textField(state, "field.cancel.reason", "pass.cancel.reason", "cancel.reason", &m_cancel.reason);
    if (button(state.tr("pass.cancel.save"), "pass.cancel.save")) {
        const auto first = parseNumber(m_cancel.first);
        const auto last = m_cancel.last.empty() ? first : parseNumber(m_cancel.last);
        if (state.run([&] { m_desk->cancelCheques(first, last, m_cancel.cause, m_cancel.reason); },
                      "pass.msg.cheques_cancelled")) {
            m_cancel = {};
        }
    }
}

void PassScreen::drawMonthlyUse(app::AppState& state) {
    sectionTitle(state.tr("pass.monthly.title"));
    const auto& months = m_desk->monthlyUse();
    const float height = 150;
    if (!m_desk->figuresReady()) {
        // The chart's room is kept: the lists below do not jump when the figures land.
        const ImVec2 start = ImGui::GetCursorPos();
        ImGui::TextColored(kMutedColour, "%s", state.tr("pass.monthly.reading").c_str());
        tagItem("pass.monthly.reading");
        ImGui::SetCursorPos(start);
        ImGui::Dummy(ImVec2(1, height));
        return;
    }
    if (months.empty()) {
        ImGui::TextColored(kMutedColour, "%s", state.tr("pass.monthly.empty").c_str());
        return;
    }
    float tableWidth = std::min(ImGui::GetContentRegionAvail().x * 0.45f, ImGui::GetFontSize() * 22);
    float chartWidth = ImGui::GetContentRegionAvail().x - tableWidth - ImGui::GetStyle().ItemSpacing.x;

    // Bar chart: per month, three bars (given, redeemed, paid), scaled to the busiest month.
    const ImU32 colours[3] = {IM_COL32(86, 180, 233, 255), IM_COL32(0, 158, 115, 255), IM_COL32(230, 159, 0, 255)};
    ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##pass.monthly.chart", ImVec2(chartWidth, height));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    std::int64_t peak = 1;
    for (const auto& m : months) peak = std::max({peak, m.given, m.redeemed, m.paid});
    const float lineHeight = ImGui::GetTextLineHeight();
    const float legendHeight = lineHeight + 4;
    float plotTop = origin.y + legendHeight, plotBottom = origin.y + height - lineHeight - 4;
    draw->AddLine(ImVec2(origin.x, plotBottom), ImVec2(origin.x + chartWidth, plotBottom), IM_COL32(255, 255, 255, 80));
    float slot = chartWidth / static_cast<float>(months.size());
    float bar = std::max(2.0f, (slot - 6) / 3);
    for (std::size_t i = 0; i < months.size(); ++i) {
        const std::int64_t values[3] = {months[i].given, months[i].redeemed, months[i].paid};
        float x = origin.x + slot * static_cast<float>(i) + 3;
        for (int k = 0; k < 3; ++k) {
            float h = (plotBottom - plotTop) * static_cast<float>(values[k]) / static_cast<float>(peak);
            draw->AddRectFilled(ImVec2(x + bar * k, plotBottom - h), ImVec2(x + bar * (k + 1) - 1, plotBottom), colours[k]);
        }
        // "11" under each bar group (the month number); the table beside gives the full month.
        std::string label = months[i].month.size() >= 7 ? months[i].month.substr(5, 2) : months[i].month;
        float w = ImGui::CalcTextSize(label.c_str()).x;
        draw->AddText(ImVec2(x + (slot - 6 - w) / 2, plotBottom + 2), ImGui::GetColorU32(ImGuiCol_TextDisabled), label.c_str());
    }
    const char* legendKeys[3] = {"pass.monthly.given", "pass.monthly.redeemed", "pass.monthly.paid"};
    float lx = origin.x;
    for (int k = 0; k < 3; ++k) {
        draw->AddRectFilled(ImVec2(lx, origin.y + 3), ImVec2(lx + lineHeight - 6, origin.y + lineHeight - 3), colours[k]);
        lx += lineHeight;
        draw->AddText(ImVec2(lx, origin.y), ImGui::GetColorU32(ImGuiCol_Text), state.tr(legendKeys[k]).c_str());
        lx += ImGui::CalcTextSize(state.tr(legendKeys[k]).c_str()).x + 14;
    }
    draw->AddText(ImVec2(origin.x + chartWidth - ImGui::CalcTextSize(std::to_string(peak).c_str()).x, origin.y),
                  ImGui::GetColorU32(ImGuiCol_TextDisabled), std::to_string(peak).c_str());
    if (ImGui::IsItemHovered()) {
        int i = static_cast<int>((ImGui::GetIO().MousePos.x - origin.x) / slot);
        if (i >= 0 && i < static_cast<int>(months.size()))
            ImGui::SetTooltip("%s\n%s : %lld\n%s : %lld\n%s : %lld", months[i].month.c_str(),
                              state.tr(legendKeys[0]).c_str(), static_cast<long long>(months[i].given),
                              state.tr(legendKeys[1]).c_str(), static_cast<long long>(months[i].redeemed),
                              state.tr(legendKeys[2]).c_str(), static_cast<long long>(months[i].paid));
    }

    ImGui::SameLine();
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchSame;
    if (ImGui::BeginTable("##pass.monthly.table", 4, flags, ImVec2(tableWidth, height))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(state.tr("pass.col.month").c_str());
        ImGui::TableSetupColumn(state.tr(legendKeys[0]).c_str());
        ImGui::TableSetupColumn(state.tr(legendKeys[1]).c_str());
        ImGui::TableSetupColumn(state.tr(legendKeys[2]).c_str());
        ImGui::TableHeadersRow();
        for (auto it = months.rbegin(); it != months.rend(); ++it) {  // newest first in the table
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(it->month.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%lld", static_cast<long long>(it->given));
            ImGui::TableNextColumn();
            ImGui::Text("%lld", static_cast<long long>(it->redeemed));
            ImGui::TableNextColumn();
            ImGui::Text("%lld", static_cast<long long>(it->paid));
        }
        ImGui::EndTable();
    }
}

void PassScreen::drawBooklets(app::AppState& state) {
    const auto& booklets = m_desk->booklets();
    if (booklets.empty()) {
        ImGui::TextColored(kMutedColour, "%s", state.tr("pass.booklets_empty").c_str());
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##pass.booklets_table", 6, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(state.tr("field.booklet.structure").c_str(), ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn(state.tr("pass.col.numbers").c_str(), ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn(state.tr("pass.col.count").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(state.tr("pass.col.value").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn(state.tr("pass.col.received_on").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableSetupColumn(state.tr("pass.col.expiry").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(booklets.size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const auto& b = booklets[row];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(b.structure.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%lld – %lld", static_cast<long long>(b.firstNumber), static_cast<long long>(b.lastNumber));
            ImGui::TableNextColumn();
            ImGui::Text("%lld", static_cast<long long>(b.size()));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(app::PassDesk::formatEuros(b.faceValueCents).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(core::displayDate(b.receivedOn, state.language()).c_str());
            ImGui::TableNextColumn();
            bool expired = b.expiry < m_desk->today();
            if (expired) ImGui::TextColored(kErrorColour, "%s", b.expiry.c_str());
            else ImGui::TextUnformatted(b.expiry.c_str());
        }
    }
    ImGui::EndTable();
}

void PassScreen::drawCheques(app::AppState& state) {
    static const char* const kFilters[] = {"", "in_stock", "given", "redeemed", "paid"};
    for (const char* filter : kFilters) {
        std::string key = *filter ? std::string("pass.state.") + filter : std::string("pass.filter.all");
        if (toggleButton(state.tr(key), std::string("pass.filter.") + (*filter ? filter : "all"),
                         m_desk->stateFilter() == filter)) {
            try {
                m_desk->setStateFilter(filter);
            } catch (const Error& e) {
                state.showError(e);
            }
        }
        ImGui::SameLine();
    }
    ImGui::NewLine();

    const auto& cheques = m_desk->cheques();
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##pass.cheques_table", 7, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(state.tr("pass.col.number").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn(state.tr("pass.col.state").c_str(), ImGuiTableColumnFlags_WidthStretch, 2.4f);
    ImGui::TableSetupColumn(state.tr("pass.col.value").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(state.tr("pass.col.expiry").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn(state.tr("pass.col.given_on").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn(state.tr("pass.col.redeemed_on").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn(state.tr("pass.col.service").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(cheques.size()));
    bool reachedEnd = false;
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const auto& c = cheques[row];
            if (row + 1 == static_cast<int>(cheques.size())) reachedEnd = true;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%lld", static_cast<long long>(c.number));
            ImGui::TableNextColumn();
            bool expired = c.isExpiredOn(m_desk->today()) &&
                           (c.state == core::ChequeState::InStock || c.state == core::ChequeState::Given);
            if (expired) ImGui::TextColored(kErrorColour, "%s", state.tr("pass.state.expired").c_str());
            else ImGui::TextUnformatted(chequeStateLabel(state, c.state).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(app::PassDesk::formatEuros(c.faceValueCents).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(core::displayDate(c.expiry, state.language()).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(core::displayDate(c.givenOn, state.language()).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(core::displayDate(c.redeemedOn, state.language()).c_str());
            ImGui::TableNextColumn();
            // Where it went when that was another structure: the hub tells the distributor where its cheque was
            // redeemed and the place who handed it out (never to whom).
            std::string where = serviceLabel(c.service);
            if (m_desk->elsewhere(c.givenBy))
                where += (where.empty() ? "" : " · ") + state.tr().format("pass.where.given_by", {{"structure", c.givenBy}});
            if (m_desk->elsewhere(c.redeemedAt))
                where += (where.empty() ? "" : " · ") +
                         state.tr().format("pass.where.redeemed_at", {{"structure", c.redeemedAt}});
            ImGui::TextUnformatted(where.c_str());
        }
    }
    ImGui::EndTable();
    // Why: the next page is read only when its first row would scroll into view, never every frame.
    if (reachedEnd && m_desk->hasMoreCheques()) {
        try {
            m_desk->loadMoreCheques();
        } catch (const Error& e) {
            state.showError(e);
        }
    }
}

const std::string& PassScreen::serviceLabel(const std::string& code) const {
    for (const auto& s : m_desk->services())
        if (s.code == code) return s.label;
    return code;  // withdrawn since, or another structure's: its code still says what it was
}

ScreenEntry passScreenEntry() {
    return screenEntry<PassScreen>("pass", "shell.tab_pass", "shell.tab_pass", 30);
}

}  // namespace mediane::ui
