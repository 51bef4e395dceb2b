#include "core/map_projection.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace mediane::core {

namespace {
constexpr double kMaxLatitude = 85.05112878;
}

std::optional<WorldPoint> project(double latitude, double longitude) {
    if (!std::isfinite(latitude) || !std::isfinite(longitude)) return std::nullopt;
    if (std::abs(latitude) > kMaxLatitude || std::abs(longitude) > 180.0) return std::nullopt;
    const double pi = std::numbers::pi;
    const double phi = latitude * pi / 180.0;
    WorldPoint p;
    p.x = (longitude + 180.0) / 360.0;
    p.y = (1.0 - std::log(std::tan(phi) + 1.0 / std::cos(phi)) / pi) / 2.0;
    return p;
}

LatLon unproject(const WorldPoint& p) {
    const double pi = std::numbers::pi;
    LatLon out;
    out.longitude = p.x * 360.0 - 180.0;
    out.latitude = std::atan(std::sinh(pi * (1.0 - 2.0 * p.y))) * 180.0 / pi;
    return out;
}

void WorldBounds::extend(const WorldPoint& p) {
    min.x = std::min(min.x, p.x);
    min.y = std::min(min.y, p.y);
    max.x = std::max(max.x, p.x);
    max.y = std::max(max.y, p.y);
}

void MapViewport::setSize(double width, double height) {
    m_width = std::max(1.0, width);
    m_height = std::max(1.0, height);
}

void MapViewport::setCentre(const WorldPoint& centre) {
    m_centre.x = std::clamp(centre.x, 0.0, 1.0);
    m_centre.y = std::clamp(centre.y, 0.0, 1.0);
}

void MapViewport::setScale(double scale) { m_scale = std::clamp(scale, kMinScale, kMaxScale); }

WorldPoint MapViewport::toScreen(const WorldPoint& p) const {
    return {(p.x - m_centre.x) * m_scale + m_width / 2, (p.y - m_centre.y) * m_scale + m_height / 2};
}

WorldPoint MapViewport::toWorld(double screenX, double screenY) const {
    return {m_centre.x + (screenX - m_width / 2) / m_scale, m_centre.y + (screenY - m_height / 2) / m_scale};
}

void MapViewport::panByPixels(double dx, double dy) { setCentre({m_centre.x - dx / m_scale, m_centre.y - dy / m_scale}); }

void MapViewport::zoomAt(double factor, double screenX, double screenY) {
    WorldPoint anchor = toWorld(screenX, screenY);
    setScale(m_scale * factor);
    // Move the centre so that the anchor is under the same pixel again.
    setCentre({anchor.x - (screenX - m_width / 2) / m_scale, anchor.y - (screenY - m_height / 2) / m_scale});
}

void MapViewport::fit(const WorldBounds& bounds, double margin) {
    if (bounds.empty()) return;
    setCentre({(bounds.min.x + bounds.max.x) / 2, (bounds.min.y + bounds.max.y) / 2});
    const double w = bounds.max.x - bounds.min.x, h = bounds.max.y - bounds.min.y;
    const double usableW = std::max(1.0, m_width - 2 * margin), usableH = std::max(1.0, m_height - 2 * margin);
    // A town about 10 km across when there is a single point (or all points coincide).
    constexpr double kTownWidth = 10.0 / 40075.0;
    double scale = std::min(w > 0 ? usableW / w : kMaxScale, h > 0 ? usableH / h : kMaxScale);
    if (w <= 0 && h <= 0) scale = usableW / kTownWidth;
    setScale(scale);
}

}  // namespace mediane::core
