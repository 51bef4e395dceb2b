// Web Mercator for the directory's map: WGS84 latitude/longitude to a plane, and the part of it a map shows.
#pragma once

#include <cstddef>
#include <optional>

namespace mediane::core {

// A point of the Web Mercator plane: the whole world is the unit square, x east, y south (as screens).
// Why Web Mercator, not Lambert-93: it serves overseas communes (Lambert-93 is for metropolitan France only),
// and any raster tiles a structure may serve later are cut in it.
struct WorldPoint {
    double x = 0, y = 0;
};

// nullopt for a latitude beyond ±85.05° (Mercator's edge) or a value that is not finite.
std::optional<WorldPoint> project(double latitude, double longitude);
// The inverse: {latitude, longitude}.
struct LatLon {
    double latitude = 0, longitude = 0;
};
LatLon unproject(const WorldPoint& p);

struct WorldBounds {
    WorldPoint min{1, 1}, max{0, 0};  // empty until extended
    bool empty() const { return min.x > max.x; }
    void extend(const WorldPoint& p);
};

// What part of the plane a map of width × height pixels shows: a centre and a scale (pixels per unit).
// Usage: MapViewport v; v.setSize(800, 500); v.fit(bounds); auto [sx, sy] = v.toScreen(p);
//        v.panByPixels(dx, dy); v.zoomAt(2.0, mouseX, mouseY);
class MapViewport {
public:
    // The whole world 256 pixels wide at the least; a street (about 2 m a pixel) at the most.
    static constexpr double kMinScale = 256.0;
    static constexpr double kMaxScale = 256.0 * (1 << 18);

    void setSize(double width, double height);
    double width() const { return m_width; }
    double height() const { return m_height; }
    double scale() const { return m_scale; }
    const WorldPoint& centre() const { return m_centre; }
    void setCentre(const WorldPoint& centre);
    void setScale(double scale);

    // Screen offset from the map's top-left corner, in pixels.
    WorldPoint toScreen(const WorldPoint& p) const;
    WorldPoint toWorld(double screenX, double screenY) const;

    // Dragging by (dx, dy) pixels moves the map with the mouse.
    void panByPixels(double dx, double dy);
    // factor > 1 zooms in; the world point under (screenX, screenY) stays under it.
    void zoomAt(double factor, double screenX, double screenY);
    // Shows the bounds whole with margin pixels around; a single point gets a town-sized view.
    void fit(const WorldBounds& bounds, double margin = 24.0);

private:
    double m_width = 1, m_height = 1;
    WorldPoint m_centre{0.5, 0.5};
    double m_scale = kMinScale;
};

}  // namespace mediane::core
