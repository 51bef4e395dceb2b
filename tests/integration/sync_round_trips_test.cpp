// A sync pays as few round trips and bytes as the hub allows: push answers and pull pages in the column layout,
// and the conflicts, vocabularies and retention carried by the last pull page; with a hub that knows neither, the
// laptop still gets everything, in rows and by asking.
#include <catch2/catch.hpp>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "sync/protocol/endpoints.hpp"
#include "sync/protocol/learner_erasure.hpp"
#include "sync_fixture.hpp"

using namespace mediane;
using namespace mediane::test;

namespace {

// Every request a sync makes, by path, and whether its answer came in the column layout.
struct Requests {
    FaultTransport transport;
    std::vector<std::string> paths;
    int columnAnswers = 0, rowAnswers = 0;
    // An older hub: the laptop's asks for the column layout and for the pull's tail never reach it.
    bool olderHub = false;

    explicit Requests(const std::string& url) : transport(url) {
        transport.observe = [this](const sync::HttpRequest& request, const sync::HttpResponse& response) {
            paths.push_back(request.target.substr(0, request.target.find('?')));
            if (response.status != 200 || response.body.empty() || response.body[0] != '{') return;
            auto body = nlohmann::json::parse(response.body);
            if (body.value("layout", "") == "columns") ++columnAnswers;
            else if (body.contains("results") || body.contains("changes")) ++rowAnswers;
        };
    }
    int count(const std::string& path) const { return static_cast<int>(std::count(paths.begin(), paths.end(), path)); }
};

// Forwards to `inner` what a hub of the previous release would have received.
class OlderHubTransport : public sync::Transport {
public:
    explicit OlderHubTransport(sync::Transport& inner) : m_inner(inner) {}
    sync::HttpResponse send(const sync::HttpRequest& request) override {
        auto older = request;
        for (const std::string param : {"&layout=columns", "&conflicts_after="}) {
            auto at = older.target.find(param);
            if (at == std::string::npos) continue;
            auto end = older.target.find('&', at + 1);
            older.target.erase(at, end == std::string::npos ? std::string::npos : end - at);
        }
        if (older.target == sync::kPush.path) {
            auto body = nlohmann::json::parse(older.body);
            body.erase("answer_layout");
            older.body = body.dump();
        }
        return m_inner.send(older);
    }
    sync::WireStats stats() const override { return m_inner.stats(); }

private:
    sync::Transport& m_inner;
};

// Alice and Bruno edit one learner's phone offline: a hard conflict for both of them.
void makeHardConflict(TwoLaptops& t) {
    auto learner = t.a.addLearner("Bénéficiaire 0001");
    t.a.sync();
    t.b.sync();
    t.a.editLearner(learner.id, [](core::Learner& l) { l.phone = "0611111111"; });
    t.b.editLearner(learner.id, [](core::Learner& l) { l.phone = "0622222222"; });
    t.a.sync();
    t.b.sync();
}
}  // namespace

TEST_CASE("a sync asks nothing after its last pull page: the page carries the conflicts, vocabularies and retention",
          "[sync][wire]") {
    TwoLaptops t;
    makeHardConflict(t);
    Requests wire(t.a.hubUrl);
    auto report = t.a.sync(wire.transport);
    // Alice learns of the conflict Bruno's push raised, from her pull's last page.
    CHECK(report.newConflicts == 1);
    CHECK(t.a.count("SELECT count(*) FROM sync_conflicts") == 1);
    CHECK(wire.count(sync::kConflicts.path) == 0);
    CHECK(wire.count(sync::kVocabularies.path) == 0);
    CHECK(wire.count(sync::kRetention.path) == 0);
    CHECK(wire.count(sync::kPull.path) == 1);
    // The hub's period is kept as the retention request kept it.
    CHECK(t.a.text("SELECT value FROM settings WHERE key = 'retention_months'") == std::to_string(sync::kDefaultRetentionMonths));

    // Pushes and pulls travel in the column layout, and both laptops end with the same learners.
    t.a.addLearner("Bénéficiaire 0002");
    Requests more(t.a.hubUrl);
    t.a.sync(more.transport);
    t.b.sync();
    CHECK(more.columnAnswers == 2);
    CHECK(more.rowAnswers == 0);
    CHECK(t.a.learnersDump() == t.b.learnersDump());
}

TEST_CASE("a laptop syncs with a hub that knows neither the column layout nor the pull's tail", "[sync][wire]") {
    TwoLaptops t;
    makeHardConflict(t);
    Requests wire(t.a.hubUrl);
    OlderHubTransport older(wire.transport);
    t.a.addLearner("Bénéficiaire 0002");
    auto report = t.a.sync(older);
    CHECK(report.acked == 1);
    CHECK(report.newConflicts == 1);
    CHECK(t.a.count("SELECT count(*) FROM sync_conflicts") == 1);
    // It answered in rows, and the laptop asked for the rest as it did before the tail existed.
    CHECK(wire.columnAnswers == 0);
    CHECK(wire.rowAnswers == 2);
    CHECK(wire.count(sync::kConflicts.path) == 1);
    CHECK(wire.count(sync::kVocabularies.path) == 1);
    CHECK(wire.count(sync::kRetention.path) == 1);
    t.b.sync();
    CHECK(t.a.learnersDump() == t.b.learnersDump());
    CHECK(t.a.pending() == 0);
}
