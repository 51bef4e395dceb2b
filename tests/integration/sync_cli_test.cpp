// End to end through the command line only: two `mediane` data dirs and one resin-hub, enroll + sync, converge.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "sync_fixture.hpp"

using namespace mediane;
using namespace mediane::test;

namespace {
struct CliRun {
    int exit = -1;
    std::string out, err;
};

// Runs `mediane --data DIR args...` through the shell with stdinText on its standard input.
CliRun runCli(const std::string& dataDir, const std::string& args, const std::string& stdinText = {}) {
    std::string base = dataDir + "/cli-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
    std::ofstream(base + ".in") << stdinText;
    std::string command = std::string(MEDIANE_CLI) + " --data '" + dataDir + "' " + args + " < '" + base + ".in' > '" +
                          base + ".out' 2> '" + base + ".err'";
    int status = std::system(command.c_str());
    CliRun run;
    run.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::stringstream out, err;
    out << std::ifstream(base + ".out").rdbuf();
    err << std::ifstream(base + ".err").rdbuf();
    run.out = out.str();
    run.err = err.str();
    return run;
}
}  // namespace

TEST_CASE("two laptops converge through mediane enroll and mediane sync alone") {
    HubFixture hub;
    hub.addUser("alice", "adviser", "Centre social Parilly");
    hub.addUser("bruno", "adviser", "Centre social Parilly");
    TempDir a, b;
    {
        auto notebook = app::Notebook::open(a.str(), assetsDir());
        for (int i = 0; i < 40; ++i) {
            core::Learner l;
            l.pseudonym = numbered("Bénéficiaire ", i);
            notebook->createLearner(l);
        }
    }
    std::string url = hub.hub->url();

    auto wrong = runCli(a.str(), "enroll --hub " + url + " --login alice", "not the password\n");
    CHECK(wrong.exit != 0);
    CHECK(wrong.err.find("mediane:") != std::string::npos);
    auto notEnrolled = runCli(a.str(), "sync");
    CHECK(notEnrolled.exit == 3);
    CHECK(notEnrolled.err.find("mediane enroll") != std::string::npos);

    REQUIRE(runCli(a.str(), "enroll --hub " + url + " --login alice", std::string(HubFixture::kPassword) + "\n").exit == 0);
    REQUIRE(runCli(b.str(), "enroll --hub " + url + " --login bruno", std::string(HubFixture::kPassword) + "\n").exit == 0);
    auto pushed = runCli(a.str(), "sync");
    REQUIRE(pushed.exit == 0);
    CHECK(nlohmann::json::parse(pushed.out)["acked"] == 40);
    auto status = nlohmann::json::parse(runCli(a.str(), "status").out);
    CHECK(status["pending_changes"] == 0);
    CHECK(status["last_sync"].is_string());

    // B's first sync is killed with SIGKILL at some point; the next one must still end identical.
    pid_t child = fork();
    if (child == 0) {
        execl(MEDIANE_CLI, MEDIANE_CLI, "--data", b.str().c_str(), "sync", static_cast<char*>(nullptr));
        _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(60));
    kill(child, SIGKILL);
    int ignored = 0;
    waitpid(child, &ignored, 0);
    REQUIRE(runCli(b.str(), "sync").exit == 0);

    auto dump = [](const std::string& dir) {
        auto notebook = app::Notebook::open(dir, assetsDir());
        std::string out;
        for (const auto& l : notebook->learnerStore().all()) out += l.id + l.pseudonym + std::to_string(l.version) + "\n";
        CHECK(mediane::test::sqlInt(*notebook, "SELECT count(*) FROM sync_account") == 1);
        return out;
    };
    CHECK(dump(a.str()) == dump(b.str()));

    // The hub unreachable: a clear message and a non-zero exit, the data untouched.
    hub.hub->killHard();
    auto offline = runCli(a.str(), "sync");
    CHECK(offline.exit == 4);
    CHECK(offline.err.find("injoignable") != std::string::npos);
}
