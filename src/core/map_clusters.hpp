// Places close together on the map drawn as one numbered disc: grid clustering at a zoom level.
#pragma once

#include <cstdint>
#include <vector>

#include "core/map_projection.hpp"

namespace mediane::core {

struct MapCluster {
    WorldPoint centre;                   // the mean of its members, where the disc is drawn
    WorldBounds bounds;                  // what a click on it zooms to
    std::vector<std::uint32_t> members;  // indices into the points given, in their order
};

// Usage: auto clusters = clusterPoints(points, viewport.scale(), 40.0);
// The grid is fixed to the plane, not to the screen: panning never regroups, so the clusters of a zoom
// level are computed once and only culled while the map moves. Every point is in exactly one cluster, in the
// order the points came; members keep the points' order within each grid cell.
std::vector<MapCluster> clusterPoints(const std::vector<WorldPoint>& points, double scale, double cellPixels);

}  // namespace mediane::core
