// Sections: layout and input (drag, wheel, keys, click) · clusters and places · the open place and its tour ·
// overlays (counts, zoom buttons, scale bar) · the list of a cluster that cannot be split.
#include "ui/place_map_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/map_projection.hpp"
#include "ui/widgets.hpp"

namespace mediane::ui {

namespace {

// Okabe–Ito colours, as the dashboard's charts: readable by colour-blind advisers.
const ImU32 kPlaceColour = IM_COL32(0, 114, 178, 255);
const ImU32 kClusterColour = IM_COL32(0, 114, 178, 190);
const ImU32 kItinerantColour = IM_COL32(230, 159, 0, 255);
const ImU32 kSelectedColour = IM_COL32(213, 94, 0, 255);
const ImU32 kOutline = IM_COL32(255, 255, 255, 230);
const ImU32 kFoundColour = IM_COL32(240, 228, 66, 255);  // Okabe–Ito yellow

// GLFW key codes (the backend fills io.KeysDown with them; the test harness uses the same).
constexpr int kKeyEqual = 61, kKeyMinus = 45, kKeyPadAdd = 334, kKeyPadSubtract = 333, kKey0 = 48;
constexpr double kKeyPanPixels = 80.0;
constexpr double kZoomStep = 1.5;

float discRadius(std::size_t members) {
    if (members <= 1) return 6.0f;
    return std::min(22.0f, 10.0f + 4.0f * std::log10(static_cast<float>(members)));
}

void diamond(ImDrawList* draw, ImVec2 c, float r, ImU32 fill, ImU32 outline) {
    const ImVec2 p[4] = {{c.x, c.y - r}, {c.x + r, c.y}, {c.x, c.y + r}, {c.x - r, c.y}};
    draw->AddConvexPolyFilled(p, 4, fill);
    draw->AddPolyline(p, 4, outline, ImDrawFlags_Closed, 1.5f);
}

std::string daysText(const app::AppState& state, const std::vector<int>& days) {
    static const char* const kDays[] = {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};
    std::string out;
    for (int d : days) {
        if (d < 0 || d > 6) continue;
        if (!out.empty()) out += ", ";
        out += state.tr(std::string("directory.hours.day.") + kDays[d]);
    }
    return out;
}

bool pressed(int nativeKey) { return nativeKey >= 0 && ImGui::IsKeyPressed(nativeKey, true); }

}  // namespace

std::optional<std::string> PlaceMapView::draw(app::AppState& state, app::PlaceMap& map, const std::string& selectedId,
                                              const std::vector<std::string>& found, ImVec2 size) {
    std::optional<std::string> picked;
    size.x = std::max(size.x, 80.0f);
    size.y = std::max(size.y, 80.0f);
    // Its own child so the wheel zooms instead of scrolling, and arrow keys pan instead of moving the focus.
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                                   ImGuiWindowFlags_NoNavInputs;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::BeginChild("##directory.map_area", size, true, flags);
    ImGui::PopStyleVar();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    map.setSize(size.x, size.y);
    auto& viewport = map.viewport();
    ImGuiIO& io = ImGui::GetIO();

    // --- Layout and input ---
    const bool released = ImGui::InvisibleButton("##directory.map", size);
    tagItem("directory.map");
    ImGui::SetItemAllowOverlap();  // the zoom buttons drawn over the map take their clicks
    const bool hovered = ImGui::IsItemHovered();
    if (ImGui::IsItemActivated()) m_dragged = false;
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 3.0f)) {
        viewport.panByPixels(io.MouseDelta.x, io.MouseDelta.y);
        m_dragged = true;
    }
    const bool clicked = released && !m_dragged;  // a drag that ends over the map is not a click
    const ImVec2 mouse(io.MousePos.x - origin.x, io.MousePos.y - origin.y);
    if (hovered && io.MouseWheel != 0.0f) viewport.zoomAt(std::pow(1.25, io.MouseWheel), mouse.x, mouse.y);
    if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) viewport.zoomAt(2.0, mouse.x, mouse.y);
    if (ImGui::IsWindowFocused()) handleKeys(map);

    // --- Clusters and places ---
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), ImGui::GetColorU32(ImGuiCol_FrameBg));
    const auto& places = map.places();
    const auto& clusters = map.clusters();
    std::optional<std::size_t> hoveredCluster;
    if (hovered && !ImGui::IsItemActive()) hoveredCluster = map.clusterAt(mouse.x, mouse.y, 16.0);
    const ImU32 textColour = IM_COL32(255, 255, 255, 255);
    char count[16];
    for (std::size_t i = 0; i < clusters.size(); ++i) {
        const auto& c = clusters[i];
        auto s = viewport.toScreen(c.centre);
        const float r = discRadius(c.members.size());
        if (s.x < -r || s.y < -r || s.x > size.x + r || s.y > size.y + r) continue;  // off the map: not drawn
        ImVec2 at(origin.x + static_cast<float>(s.x), origin.y + static_cast<float>(s.y));
        if (c.members.size() == 1) {
            const auto& p = places[c.members.front()];
            if (p.itinerant) diamond(draw, at, r + 1.5f, kItinerantColour, kOutline);
            else {
                draw->AddCircleFilled(at, r, kPlaceColour, 16);
                draw->AddCircle(at, r, kOutline, 16, 1.5f);
            }
            continue;
        }
        draw->AddCircleFilled(at, r, kClusterColour, 24);
        draw->AddCircle(at, r, kOutline, 24, 1.5f);
        std::snprintf(count, sizeof count, "%zu", c.members.size());
        ImVec2 t = ImGui::CalcTextSize(count);
        draw->AddText(ImVec2(at.x - t.x / 2, at.y - t.y / 2), textColour, count);
    }

    // --- The places the search found: a yellow mark each over the clusters (the list holds at most a few hundred) ---
    m_foundMarked = 0;
    for (const auto& id : found) {
        auto i = map.indexOf(id);
        if (!i) continue;
        auto s = viewport.toScreen(places[*i].at);
        if (s.x < 0 || s.y < 0 || s.x > size.x || s.y > size.y) continue;
        ImVec2 at(origin.x + static_cast<float>(s.x), origin.y + static_cast<float>(s.y));
        draw->AddCircleFilled(at, 4.5f, kFoundColour, 12);
        draw->AddCircle(at, 4.5f, IM_COL32(0, 0, 0, 200), 12, 1.0f);
        ++m_foundMarked;
    }

    // --- The open place, and the stops of its tour ---
    if (auto sel = map.indexOf(selectedId)) {
        const auto& p = places[*sel];
        // A service with one stop has no route to draw: its days are in the strip under the map.
        if (p.itinerant && map.tours()[p.tour].stops.size() > 1) drawTour(state, map, *sel, draw, origin);
        auto s = viewport.toScreen(p.at);
        ImVec2 at(origin.x + static_cast<float>(s.x), origin.y + static_cast<float>(s.y));
        // Drawn itself even when its neighbours hide it in a cluster: the ring says which one, the mark what it is.
        if (p.itinerant) diamond(draw, at, 7.5f, kItinerantColour, kOutline);
        else draw->AddCircleFilled(at, 6.0f, kPlaceColour, 16);
        draw->AddCircle(at, 11.0f, kSelectedColour, 24, 3.5f);
        ImVec2 t = ImGui::CalcTextSize(p.name.c_str());
        ImVec2 label(at.x + 14, at.y - t.y / 2);
        draw->AddRectFilled(ImVec2(label.x - 3, label.y - 1), ImVec2(label.x + t.x + 3, label.y + t.y + 1),
                            ImGui::GetColorU32(ImGuiCol_PopupBg), 3.0f);
        draw->AddText(label, ImGui::GetColorU32(ImGuiCol_Text), p.name.c_str());
    }

    if (hoveredCluster) {
        const auto& c = clusters[*hoveredCluster];
        if (c.members.size() == 1) {
            const auto& p = places[c.members.front()];
            std::string days = daysText(state, p.days);
            if (p.itinerant)
                ImGui::SetTooltip("%s\n%s\n%s %s", p.name.c_str(), p.commune.c_str(),
                                  state.tr("map.itinerant").c_str(), days.c_str());
            else ImGui::SetTooltip("%s\n%s", p.name.c_str(), p.commune.c_str());
        } else {
            ImGui::SetTooltip("%s", state.tr().plural("map.cluster_tip", static_cast<std::int64_t>(c.members.size())).c_str());
        }
    }

    if (clicked) {
        if (auto hit = map.clusterAt(mouse.x, mouse.y, 16.0)) {
            const auto& c = clusters[*hit];
            const double spread = std::max(c.bounds.max.x - c.bounds.min.x, c.bounds.max.y - c.bounds.min.y);
            if (c.members.size() == 1) {
                picked = places[c.members.front()].id;
            } else if (spread * viewport.scale() * 4 < 2.0 || viewport.scale() >= core::MapViewport::kMaxScale) {
                // Places at the same address (or nearly): no zoom splits them, so they are listed instead.
                m_listedCluster = *hit;
                m_listedScale = viewport.scale();
                ImGui::OpenPopup("##directory.map.cluster_list");
            } else {
                const double before = viewport.scale();
                viewport.fit(c.bounds, 60.0);
                if (viewport.scale() < before * 2) viewport.setScale(before * 2);  // a click always zooms in
                viewport.setCentre(c.centre);
            }
        }
    }

    // --- Overlays ---
    const ImGuiStyle& style = ImGui::GetStyle();
    std::string shown = state.tr().plural("map.place_count", static_cast<std::int64_t>(places.size()));
    if (!found.empty()) shown += " \xC2\xB7 " + state.tr().plural("map.found", static_cast<std::int64_t>(found.size()));
    if (map.unlocated() > 0) shown += " \xC2\xB7 " + state.tr().plural("map.unlocated", map.unlocated());
    ImVec2 shownSize = ImGui::CalcTextSize(shown.c_str());
    draw->AddRectFilled(ImVec2(origin.x + 4, origin.y + 4),
                        ImVec2(origin.x + 12 + shownSize.x, origin.y + 8 + shownSize.y),
                        ImGui::GetColorU32(ImGuiCol_PopupBg, 0.85f), 3.0f);
    draw->AddText(ImVec2(origin.x + 8, origin.y + 6), ImGui::GetColorU32(ImGuiCol_Text), shown.c_str());

    const std::string zoomIn = "+", zoomOut = "\xE2\x88\x92", fit = state.tr("map.fit_all");
    const float buttonsWidth = buttonWidth(zoomIn) + buttonWidth(zoomOut) + buttonWidth(fit) + 2 * style.ItemSpacing.x;
    ImGui::SetCursorScreenPos(ImVec2(origin.x + size.x - buttonsWidth - 6, origin.y + 6));
    if (button(zoomIn, "directory.map.zoom_in")) viewport.zoomAt(kZoomStep, size.x / 2, size.y / 2);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", state.tr("map.zoom_in").c_str());
    ImGui::SameLine();
    if (button(zoomOut, "directory.map.zoom_out")) viewport.zoomAt(1.0 / kZoomStep, size.x / 2, size.y / 2);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", state.tr("map.zoom_out").c_str());
    ImGui::SameLine();
    if (button(fit, "directory.map.fit")) map.fitAll();
    drawScaleBar(state, map, draw, origin, size);

    // --- The list of a cluster that cannot be split ---
    if (ImGui::BeginPopup("##directory.map.cluster_list")) {
        const auto& current = map.clusters();
        if (m_listedCluster && m_listedScale == viewport.scale() && *m_listedCluster < current.size()) {
            const auto& c = current[*m_listedCluster];
            for (std::size_t k = 0; k < c.members.size() && k < 50; ++k) {
                const auto& p = places[c.members[k]];
                if (ImGui::Selectable(withId(p.name + " (" + p.commune + ")", "map.list." + p.id).c_str())) {
                    picked = p.id;
                    ImGui::CloseCurrentPopup();
                }
                tagItem("directory.map.list." + std::to_string(k));
            }
        } else {
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    ImGui::EndChild();
    return picked;
}

void PlaceMapView::handleKeys(app::PlaceMap& map) {
    auto& viewport = map.viewport();
    const double cx = viewport.width() / 2, cy = viewport.height() / 2;
    if (pressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) viewport.panByPixels(kKeyPanPixels, 0);
    if (pressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) viewport.panByPixels(-kKeyPanPixels, 0);
    if (pressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) viewport.panByPixels(0, kKeyPanPixels);
    if (pressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) viewport.panByPixels(0, -kKeyPanPixels);
    if (pressed(kKeyEqual) || pressed(kKeyPadAdd) || pressed(ImGui::GetKeyIndex(ImGuiKey_PageUp)))
        viewport.zoomAt(kZoomStep, cx, cy);
    if (pressed(kKeyMinus) || pressed(kKeyPadSubtract) || pressed(ImGui::GetKeyIndex(ImGuiKey_PageDown)))
        viewport.zoomAt(1.0 / kZoomStep, cx, cy);
    if (pressed(kKey0) || pressed(ImGui::GetKeyIndex(ImGuiKey_Home))) map.fitAll();
}

void PlaceMapView::drawTour(app::AppState& state, const app::PlaceMap& map, std::size_t placeIndex, ImDrawList* draw,
                            ImVec2 origin) {
    const auto& places = map.places();
    const auto& tour = map.tours()[places[placeIndex].tour];
    const auto& viewport = map.viewport();
    std::vector<ImVec2> points;
    for (std::size_t stop : tour.stops) {
        auto s = viewport.toScreen(places[stop].at);
        points.emplace_back(origin.x + static_cast<float>(s.x), origin.y + static_cast<float>(s.y));
    }
    if (points.size() > 1)
        draw->AddPolyline(points.data(), static_cast<int>(points.size()), kItinerantColour, ImDrawFlags_None, 2.5f);
    for (std::size_t k = 0; k < points.size(); ++k) {
        diamond(draw, points[k], 8.0f, kItinerantColour, kOutline);
        std::string label = daysText(state, places[tour.stops[k]].days);
        if (label.empty()) continue;
        ImVec2 t = ImGui::CalcTextSize(label.c_str());
        ImVec2 at(points[k].x - t.x / 2, points[k].y + 10);
        draw->AddRectFilled(ImVec2(at.x - 2, at.y), ImVec2(at.x + t.x + 2, at.y + t.y),
                            ImGui::GetColorU32(ImGuiCol_PopupBg, 0.85f), 2.0f);
        draw->AddText(at, ImGui::GetColorU32(ImGuiCol_Text), label.c_str());
    }
}

void PlaceMapView::drawScaleBar(app::AppState& state, const app::PlaceMap& map, ImDrawList* draw, ImVec2 origin,
                                ImVec2 size) {
    // Metres per pixel at the centre's latitude: Mercator stretches distances by 1 / cos(latitude).
    const auto& viewport = map.viewport();
    const double latitude = core::unproject(viewport.centre()).latitude;
    const double metresPerPixel = 40075016.686 * std::cos(latitude * 3.14159265358979 / 180.0) / viewport.scale();
    double metres = metresPerPixel * 100.0;  // a bar about 100 pixels long, rounded to 1, 2 or 5 × 10^n
    const double magnitude = std::pow(10.0, std::floor(std::log10(metres)));
    const double leading = metres / magnitude;
    metres = (leading >= 5 ? 5 : leading >= 2 ? 2 : 1) * magnitude;
    const float length = static_cast<float>(metres / metresPerPixel);
    char number[32];
    std::string label;
    if (metres >= 1000) {
        std::snprintf(number, sizeof number, "%g", metres / 1000);
        label = state.tr().format("map.scale_km", {{"n", number}});
    } else {
        std::snprintf(number, sizeof number, "%g", metres);
        label = state.tr().format("map.scale_m", {{"n", number}});
    }
    const float x = origin.x + 10, y = origin.y + size.y - 12;
    const ImU32 ink = ImGui::GetColorU32(ImGuiCol_Text);
    draw->AddLine(ImVec2(x, y), ImVec2(x + length, y), ink, 2.0f);
    draw->AddLine(ImVec2(x, y - 5), ImVec2(x, y + 1), ink, 2.0f);
    draw->AddLine(ImVec2(x + length, y - 5), ImVec2(x + length, y + 1), ink, 2.0f);
    ImVec2 t = ImGui::CalcTextSize(label.c_str());
    draw->AddText(ImVec2(x + length + 6, y - t.y + 2), ink, label.c_str());
}

}  // namespace mediane::ui
