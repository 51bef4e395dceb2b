// Changes the hub refuses stay counted and explained on every sync, in the CLI's JSON and in the window.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

#include "app/app_state.hpp"
#include "app/conflict_inbox.hpp"
#include "store/local_conflicts.hpp"
#include "app/refused_changes.hpp"
#include "core/calendar.hpp"
#include "imgui_harness.hpp"
#include "sync_fixture.hpp"
#include "ui/shell.hpp"

using namespace mediane;
using namespace mediane::test;

namespace {
struct CliRun {
    int exit = -1;
    std::string out;
};

CliRun runCli(const std::string& dataDir, const std::string& args, const std::string& stdinText = {}) {
    std::string base = dataDir + "/cli-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
    std::ofstream(base + ".in") << stdinText;
    std::string command = std::string(MEDIANE_CLI) + " --data '" + dataDir + "' " + args + " < '" + base + ".in' > '" +
                          base + ".out' 2> '" + base + ".err'";
    int status = std::system(command.c_str());
    CliRun run;
    run.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::stringstream out;
    out << std::ifstream(base + ".out").rdbuf();
    run.out = out.str();
    return run;
}

// A booklet received for another structure: the hub refuses it (forbidden), as in the field report.
void receiveOtherStructuresBooklet(app::Notebook& notebook) {
    notebook.receiveBooklet({"", "Espace numérique Croix-Rousse", 7000, 7009, 1000, core::addDays(core::today(), 365),
                             core::addDays(core::today(), -3)});
}
}  // namespace

TEST_CASE("every sync run counts and lists the changes the hub refused, not only the run that was refused") {
    HubFixture hub;
    hub.addUser("alice", "adviser", "Centre social Parilly");
    TempDir a;
    {
        auto notebook = app::Notebook::open(a.str(), assetsDir());
        receiveOtherStructuresBooklet(*notebook);
        core::Learner l;
        l.pseudonym = "Bénéficiaire accepté";
        notebook->createLearner(l);
    }
    REQUIRE(runCli(a.str(), "enroll --hub " + hub.hub->url() + " --login alice",
                   std::string(HubFixture::kPassword) + "\n").exit == 0);

    auto first = nlohmann::json::parse(runCli(a.str(), "sync").out);
    CHECK(first["rejected"].get<int>() >= 1);
    CHECK(first["refused"] == first["rejected"]);
    REQUIRE(first["refused_ops"].size() == first["refused"].get<std::size_t>());
    CHECK(first["refused_ops"][0]["entity"] == "pass_booklet");
    CHECK(first["refused_ops"][0]["reason"] == "forbidden");
    CHECK(first["refused_ops"][0]["message"].get<std::string>().find("another structure") != std::string::npos);

    // Nothing new is pushed the second time; the refused changes are still there and still said.
    auto second = nlohmann::json::parse(runCli(a.str(), "sync").out);
    CHECK(second["pushed"] == 0);
    CHECK(second["rejected"] == 0);
    CHECK(second["refused"] == first["refused"]);
    CHECK(second["refused_ops"] == first["refused_ops"]);
    auto status = nlohmann::json::parse(runCli(a.str(), "status").out);
    CHECK(status["refused_changes"] == first["refused"]);
}

TEST_CASE("the status bar never says Synchronisé while refused changes wait, and Voir pourquoi lists the reason") {
    HubFixture hub;
    hub.addUser("alice", "adviser", "Centre social Parilly");
    Laptop a;
    a.enroll(hub, "alice");
    receiveOtherStructuresBooklet(*a.notebook);
    a.sync();
    a.sync();
    REQUIRE(a.notebook->status().refusedChanges >= 1);

    app::AppState state(*a.notebook, assetsDir(), "fr");
    sync::WorkerOptions options;
    options.startNow = false;
    auto worker = app::startSyncWorker(*a.notebook, options);
    state.sync().attach(worker.get());
    ui::Shell shell;
    ImGuiHarness h([&] { shell.draw(state); });
    h.frame();
    auto line = app::withRefusals(state.sync().describe(state.tr(), state.status().lastSync),
                                  state.status().refusedChanges, state.tr());
    CHECK(line.tone == app::SyncLine::Tone::Warning);
    CHECK(line.text.find("refusée") != std::string::npos);
    CHECK(line.text.find("Synchronisé") == std::string::npos);
    REQUIRE(h.has("status.see_why"));

    h.click("status.see_why");
    h.frames(2);
    CHECK(h.has("refused.first_row"));
    auto rows = app::describeRefusals(a.notebook->refusedChanges(), state.tr());
    REQUIRE(!rows.empty());
    CHECK(rows.front().what == "Carnet Pass numérique\u202f: création");
    CHECK(rows.front().reason.find("autre structure") != std::string::npos);
    CHECK(rows.front().todo.find("coordinateur") != std::string::npos);
    h.click("refused.close");
    h.frame();
    CHECK_FALSE(h.has("refused.first_row"));
}

TEST_CASE("an adviser's own place reaches the coordinator as a proposal and never shows in the adviser's inbox") {
    HubFixture hub;
    hub.addUser("alice", "adviser", "Centre social Parilly", "metropole-lyon");
    hub.addUser("claire", "coordinator", "Métropole de Lyon", "metropole-lyon");
    Laptop a, c;
    a.enroll(hub, "alice");
    c.enroll(hub, "claire");
    core::Place place;
    place.name = "Salle polyvalente des Minguettes";
    place.commune = "Vénissieux";
    place.postalCode = "69200";
    a.notebook->addPlace(place);
    a.sync();
    a.sync();
    c.sync();
    CHECK(a.notebook->status().refusedChanges == 0);
    CHECK(a.notebook->conflicts().count() >= 1);  // the hub's proposal reached this laptop's copy...
    CHECK(a.notebook->status().openConflicts == 0);  // ...but is not this adviser's to decide
    app::ConflictInbox inbox(*a.notebook);
    inbox.reload();
    CHECK(inbox.open().empty());

    app::AppState state(*a.notebook, assetsDir(), "fr");
    ui::Shell shell;
    ImGuiHarness h([&] { shell.draw(state); });
    h.frame();
    CHECK(state.status().openConflicts == 0);
}
