// Conflict pages past the first are asked for ahead, while the page before is kept: every conflict arrives once,
// and a hub that answers a full page without moving forward stops the sync instead of looping.
#include <catch2/catch.hpp>

#include <mutex>

#include "core/error.hpp"
#include "sync/protocol/endpoints.hpp"
#include "sync/protocol/wire_codec.hpp"
#include "sync_fixture.hpp"

using namespace mediane;
using namespace mediane::test;

namespace {

// A real hub for everything but its conflicts, which come from `page(after)`; the pull's tail is not asked for,
// so the laptop pages through /v1/conflicts itself.
class ScriptedConflicts : public sync::Transport {
public:
    ScriptedConflicts(const std::string& url, std::function<std::vector<sync::WireConflict>(std::int64_t)> page)
        : m_real(url), m_page(std::move(page)) {}

    sync::HttpResponse send(const sync::HttpRequest& request) override {
        if (request.target.rfind(sync::kConflicts.path, 0) == 0) {
            auto params = request.target.substr(request.target.find('?') + 1);
            auto after = std::stoll(params.substr(params.find("after=") + 6));
            {
                std::lock_guard lock(m_mutex);
                asked.push_back(after);
            }
            sync::ConflictsResponse response;
            response.conflicts = m_page(after);
            sync::HttpResponse answer;
            answer.status = 200;
            answer.body = sync::encode(response).dump();
            return answer;
        }
        auto older = request;
        auto tail = older.target.find("&conflicts_after=");
        if (tail != std::string::npos) {
            auto end = older.target.find('&', tail + 1);
            older.target.erase(tail, end == std::string::npos ? std::string::npos : end - tail);
        }
        return m_real.send(older);
    }
    sync::WireStats stats() const override { return m_real.stats(); }

    std::vector<std::int64_t> asked;

private:
    sync::CurlTransport m_real;
    std::function<std::vector<sync::WireConflict>(std::int64_t)> m_page;
    std::mutex m_mutex;
};

sync::WireConflict placeProposal(std::int64_t id) {
    auto digits = std::to_string(id);
    return {id, "place_proposal", "place", "017d82bd-8c00-7e47-928e-" + std::string(12 - digits.size(), '0') + digits,
            "", "", "s1", {{"current", nullptr}, {"op", "create"}, {"proposed", {{"name", "Médiathèque"}}}},
            "2026-12-03T10:00:00Z"};
}

// Conflicts 1..total in pages of kConflictPageSize above `after`.
std::vector<sync::WireConflict> pageOf(std::int64_t after, std::int64_t total) {
    std::vector<sync::WireConflict> out;
    for (auto id = after + 1; id <= total && static_cast<int>(out.size()) < sync::kConflictPageSize; ++id)
        out.push_back(placeProposal(id));
    return out;
}
}  // namespace

TEST_CASE("conflict pages fetched ahead bring every conflict once, in order", "[sync][conflicts]") {
    TwoLaptops t;
    const std::int64_t total = 2 * sync::kConflictPageSize + 50;
    ScriptedConflicts hub(t.a.hubUrl, [&](std::int64_t after) { return pageOf(after, total); });
    auto report = t.a.sync(hub);
    CHECK(report.newConflicts == total);
    CHECK(t.a.count("SELECT count(*) FROM sync_conflicts") == total);
    CHECK(t.a.count("SELECT count(DISTINCT id) FROM sync_conflicts") == total);
    CHECK(t.a.count("SELECT max(id) FROM sync_conflicts") == total);
    CHECK(hub.asked == std::vector<std::int64_t>{0, sync::kConflictPageSize, 2 * sync::kConflictPageSize});
    // The next sync asks above the last one kept and finds nothing new.
    hub.asked.clear();
    CHECK(t.a.sync(hub).newConflicts == 0);
    CHECK(hub.asked == std::vector<std::int64_t>{total});
}

TEST_CASE("a hub that answers the same full page of conflicts again stops the sync, keeping the first page",
          "[sync][conflicts][hostile]") {
    TwoLaptops t;
    ScriptedConflicts hub(t.a.hubUrl, [&](std::int64_t) { return pageOf(0, sync::kConflictPageSize); });
    try {
        t.a.sync(hub);
        FAIL("the sync should have stopped");
    } catch (const Error& e) {
        CHECK(e.key() == "err.sync.bad_answer");
        CHECK(e.params().at("endpoint") == sync::kConflicts.path);
    }
    CHECK(hub.asked == std::vector<std::int64_t>{0, sync::kConflictPageSize});
    CHECK(t.a.count("SELECT count(*) FROM sync_conflicts") == sync::kConflictPageSize);
}
