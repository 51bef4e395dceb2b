#include <catch2/catch.hpp>

#include "core/map_clusters.hpp"
#include "core/map_projection.hpp"

using namespace mediane;

TEST_CASE("Web Mercator puts Lyon east of Paris and south of it, and reads back the same coordinates", "[map]") {
    auto lyon = core::project(45.7676, 4.8344), paris = core::project(48.8566, 2.3522);
    REQUIRE(lyon);
    REQUIRE(paris);
    CHECK(lyon->x > paris->x);
    CHECK(lyon->y > paris->y);  // y grows southwards, as on a screen
    auto back = core::unproject(*lyon);
    CHECK(back.latitude == Approx(45.7676).margin(1e-9));
    CHECK(back.longitude == Approx(4.8344).margin(1e-9));
}

TEST_CASE("coordinates beyond Mercator's edge or not finite are not projected", "[map]") {
    CHECK_FALSE(core::project(89.0, 0.0));
    CHECK_FALSE(core::project(45.0, 181.0));
    CHECK_FALSE(core::project(std::nan(""), 4.8));
}

TEST_CASE("zooming keeps the point under the mouse where it was, and dragging moves the map with the mouse", "[map]") {
    core::MapViewport v;
    v.setSize(800, 600);
    v.setCentre(*core::project(45.76, 4.85));
    v.setScale(200000);
    auto anchor = v.toWorld(600, 150);
    v.zoomAt(2.0, 600, 150);
    CHECK(v.scale() == Approx(400000));
    auto again = v.toScreen(anchor);
    CHECK(again.x == Approx(600).margin(1e-6));
    CHECK(again.y == Approx(150).margin(1e-6));

    auto before = v.toScreen(anchor);
    v.panByPixels(30, -20);
    auto after = v.toScreen(anchor);
    CHECK(after.x - before.x == Approx(30).margin(1e-6));
    CHECK(after.y - before.y == Approx(-20).margin(1e-6));
}

TEST_CASE("the zoom stays between the whole world and a street", "[map]") {
    core::MapViewport v;
    v.setSize(800, 600);
    v.setScale(1.0);
    CHECK(v.scale() == core::MapViewport::kMinScale);
    v.setScale(1e12);
    CHECK(v.scale() == core::MapViewport::kMaxScale);
}

TEST_CASE("fitting shows every point inside the margins", "[map]") {
    core::WorldBounds b;
    for (auto [lat, lon] : {std::pair{45.59, 4.77}, std::pair{45.82, 5.00}, std::pair{45.70, 4.80}}) b.extend(*core::project(lat, lon));
    core::MapViewport v;
    v.setSize(640, 480);
    v.fit(b, 20);
    for (const auto& corner : {b.min, b.max}) {
        auto s = v.toScreen(corner);
        CHECK(s.x >= 19.9);
        CHECK(s.x <= 620.1);
        CHECK(s.y >= 19.9);
        CHECK(s.y <= 460.1);
    }
}

TEST_CASE("points closer than a cell share a cluster, far ones do not, and every point is in exactly one", "[map]") {
    std::vector<core::WorldPoint> points = {*core::project(45.7676, 4.8344), *core::project(45.7677, 4.8345),
                                            *core::project(43.2965, 5.3698)};
    auto zoomedOut = core::clusterPoints(points, 5000, 44);
    auto zoomedIn = core::clusterPoints(points, 1e8, 44);
    REQUIRE(zoomedOut.size() == 2);
    std::size_t members = 0;
    for (const auto& c : zoomedOut) members += c.members.size();
    CHECK(members == 3);
    CHECK(zoomedIn.size() == 3);
    // Panning does not regroup: the grid belongs to the plane, so the same scale gives the same clusters.
    auto again = core::clusterPoints(points, 5000, 44);
    REQUIRE(again.size() == zoomedOut.size());
    for (std::size_t i = 0; i < again.size(); ++i) CHECK(again[i].members == zoomedOut[i].members);
}
