#include "core/map_clusters.hpp"

#include <cmath>
#include <unordered_map>

namespace mediane::core {

namespace {

std::uint64_t cellKey(std::int64_t cx, std::int64_t cy) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(cx)) << 32) |
           static_cast<std::uint64_t>(static_cast<std::uint32_t>(cy));
}

}  // namespace

std::vector<MapCluster> clusterPoints(const std::vector<WorldPoint>& points, double scale, double cellPixels) {
    std::vector<MapCluster> clusters;
    if (points.empty() || scale <= 0 || cellPixels <= 0) return clusters;
    const double cellsPerUnit = scale / cellPixels;

    // 1. A grid fixed to the plane: one cluster per occupied cell. Cells number at most 2^24 per axis at the
    //    deepest zoom: 32 bits each is plenty.
    struct Cell {
        std::int64_t x, y;
        WorldPoint sum;
    };
    std::vector<Cell> cells;
    std::unordered_map<std::uint64_t, std::uint32_t> byCell;
    byCell.reserve(points.size());
    for (std::uint32_t i = 0; i < points.size(); ++i) {
        const WorldPoint& p = points[i];
        const auto cx = static_cast<std::int64_t>(std::floor(p.x * cellsPerUnit));
        const auto cy = static_cast<std::int64_t>(std::floor(p.y * cellsPerUnit));
        auto [it, added] = byCell.emplace(cellKey(cx, cy), static_cast<std::uint32_t>(clusters.size()));
        if (added) {
            clusters.emplace_back();
            cells.push_back({cx, cy, {0, 0}});
        }
        MapCluster& c = clusters[it->second];
        c.members.push_back(i);
        c.bounds.extend(p);
        cells[it->second].sum.x += p.x;
        cells[it->second].sum.y += p.y;
    }
    for (std::size_t c = 0; c < clusters.size(); ++c) {
        const double n = static_cast<double>(clusters[c].members.size());
        clusters[c].centre = {cells[c].sum.x / n, cells[c].sum.y / n};
    }

    // 2. Why a second pass: a group of places straddling a grid line would show as two discs on top of each
    //    other. A cluster whose centre is less than a cell from an earlier neighbour's joins it, so discs no
    //    wider than a cell do not overlap.
    const double joinDistance = 1.0 / cellsPerUnit;
    std::vector<std::uint32_t> joinedTo(clusters.size());
    for (std::uint32_t c = 0; c < clusters.size(); ++c) joinedTo[c] = c;
    for (std::uint32_t c = 0; c < clusters.size(); ++c) {
        for (std::int64_t dx = -1; dx <= 1 && joinedTo[c] == c; ++dx) {
            for (std::int64_t dy = -1; dy <= 1 && joinedTo[c] == c; ++dy) {
                if (dx == 0 && dy == 0) continue;
                auto it = byCell.find(cellKey(cells[c].x + dx, cells[c].y + dy));
                if (it == byCell.end()) continue;
                std::uint32_t other = it->second;
                while (joinedTo[other] != other) other = joinedTo[other];
                if (other >= c) continue;  // only into an earlier one, so the result does not depend on the order
                const double ex = clusters[other].centre.x - clusters[c].centre.x;
                const double ey = clusters[other].centre.y - clusters[c].centre.y;
                if (ex * ex + ey * ey > joinDistance * joinDistance) continue;
                MapCluster& into = clusters[other];
                const double n = static_cast<double>(into.members.size()), m = static_cast<double>(clusters[c].members.size());
                into.centre = {(into.centre.x * n + clusters[c].centre.x * m) / (n + m),
                               (into.centre.y * n + clusters[c].centre.y * m) / (n + m)};
                into.members.insert(into.members.end(), clusters[c].members.begin(), clusters[c].members.end());
                into.bounds.extend(clusters[c].bounds.min);
                into.bounds.extend(clusters[c].bounds.max);
                joinedTo[c] = other;
            }
        }
    }
    std::vector<MapCluster> kept;
    kept.reserve(clusters.size());
    for (std::uint32_t c = 0; c < clusters.size(); ++c)
        if (joinedTo[c] == c) kept.push_back(std::move(clusters[c]));
    return kept;
}

}  // namespace mediane::core
