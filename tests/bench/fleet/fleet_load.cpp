// fleet_load: N laptops syncing their day with one hub in a morning burst, over real HTTP on loopback
// (docs/benchmarks.md, Fleet load). Reports throughput, latency percentiles per request kind and errors by status.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>

#include <CLI/CLI.hpp>
#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include "fleet_burst.hpp"
#include "fleet_day.hpp"
#include "fleet_setup.hpp"
#include "hub_process.hpp"
#include "sync/protocol/endpoints.hpp"
#include "sync/protocol/gzip.hpp"

namespace {

using namespace mediane;

std::vector<std::string> splitWords(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> words;
    for (std::string w; in >> w;) words.push_back(w);
    return words;
}

bool mentions(const std::vector<std::string>& args, const std::string& option) {
    return std::any_of(args.begin(), args.end(), [&](const std::string& a) { return a.rfind(option, 0) == 0; });
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
    return values[std::min(values.size() - 1, rank == 0 ? 0 : rank - 1)];
}

// user + system CPU seconds of a process, from /proc (0 when it cannot be read: a hub on another machine).
double cpuSecondsOf(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto close = text.rfind(')');
    if (close == std::string::npos) return 0;
    std::istringstream fields(text.substr(close + 2));
    std::vector<std::string> f;
    for (std::string w; fields >> w;) f.push_back(w);
    if (f.size() < 13) return 0;
    return (std::stod(f[11]) + std::stod(f[12])) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double ownCpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

std::string loadAverage() {
    std::ifstream in("/proc/loadavg");
    std::string one, five, fifteen;
    in >> one >> five >> fifteen;
    return one + " " + five + " " + fifteen;
}

nlohmann::json statsJson(const bench::RequestStats& stats, double wall) {
    nlohmann::json statuses = nlohmann::json::object();
    for (const auto& [status, count] : stats.statuses) statuses[std::to_string(status)] = count;
    return {{"requests", stats.seconds.size()},
            {"per_second", wall > 0 ? static_cast<double>(stats.seconds.size()) / wall : 0},
            {"p50_ms", 1000 * percentile(stats.seconds, 50)},
            {"p99_ms", 1000 * percentile(stats.seconds, 99)},
            {"max_ms", 1000 * percentile(stats.seconds, 100)},
            {"statuses", statuses},
            {"bytes_in", stats.bytesIn}};
}

void printStats(const char* kind, const bench::RequestStats& stats) {
    std::string statuses;
    int errors = 0;
    for (const auto& [status, count] : stats.statuses) {
        statuses += " " + std::to_string(status) + "×" + std::to_string(count);
        if (status != 200) errors += count;
    }
    std::printf("%-5s %7zu requests  p50 %8.1f ms  p99 %8.1f ms  max %8.1f ms  errors %d  (status%s)\n", kind,
                stats.seconds.size(), 1000 * percentile(stats.seconds, 50), 1000 * percentile(stats.seconds, 99),
                1000 * percentile(stats.seconds, 100), errors, statuses.c_str());
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"fleet_load: N laptops push a day of work each and pull, all at once, against one resin-hub"};
    int laptops = 100;
    int connections = 32;
    int timeLimit = 300;
    int perStructure = 4;
    int batchOps = sync::kPushBatchOps;
    int sessions = 20;
    int hubCount = 1;
    std::vector<std::string> hubUrls;
    std::string hubArgs, adminArgs, dataDir, jsonOut;
    app.add_option("--laptops", laptops, "Laptops in the fleet (default 100)")->check(CLI::Range(1, 100000));
    app.add_option("--connections", connections,
                   "Laptops syncing at once: worker threads, one kept-alive connection each (default 32)")
        ->check(CLI::Range(1, 1024));
    app.add_option("--time-limit", timeLimit, "Seconds after which no laptop starts its sync (default 300)")
        ->check(CLI::Range(1, 86400));
    app.add_option("--laptops-per-structure", perStructure,
                   "Laptops of one structure, enrolled under its one adviser account (default 4)")
        ->check(CLI::Range(1, 1000));
    app.add_option("--sessions", sessions, "Sessions in a laptop's day (default 20)")->check(CLI::Range(1, 1000));
    app.add_option("--batch", batchOps, "Ops per push batch, as the laptop's client cuts them (default 300)")
        ->check(CLI::Range(1, 10000));
    app.add_option("--hub", hubUrls,
                   "Use this running hub instead of starting one (needs --admin-args); given twice or more, "
                   "the connections take turns between them");
    app.add_option("--hubs", hubCount,
                   "Hub processes to start, all with --hub-args (a PostgreSQL database they share); the "
                   "connections take turns between them (default 1)")
        ->check(CLI::Range(1, 16));
    app.add_option("--hub-args", hubArgs,
                   "Arguments added to the resin-hub this program starts, split on blanks (e.g. a database URL)");
    app.add_option("--admin-args", adminArgs,
                   "resin-hub arguments before `user add` to create the fleet's accounts (default: --data of the "
                   "hub started here)");
    app.add_option("--data", dataDir,
                   "Keep the hub's data and the fleet's tokens here: a later run reuses the enrolled laptops "
                   "(default: a temporary directory, removed)");
    app.add_option("--json", jsonOut, "Also write the figures as JSON to this file");
    bool setupOnly = false;
    app.add_flag("--setup-only", setupOnly,
                 "Create the accounts and enrol the laptops in --data, then stop: copies of that directory make fresh "
                 "hubs for several runs without paying the enrolments' password hashing again");
    CLI11_PARSE(app, argc, argv);
    if (setupOnly && dataDir.empty()) {
        std::fprintf(stderr, "fleet_load: --setup-only needs --data\n");
        return 2;
    }
    if (!hubUrls.empty() && adminArgs.empty() && dataDir.empty()) {
        std::fprintf(stderr, "fleet_load: with --hub, give --admin-args (how resin-hub reaches its accounts)\n");
        return 2;
    }

    curl_global_init(CURL_GLOBAL_DEFAULT);
    bool temporary = dataDir.empty();
    if (temporary)
        dataDir = (std::filesystem::temp_directory_path() / ("fleet-load-" + std::to_string(std::random_device{}()))).string();
    std::filesystem::create_directories(dataDir);
    int status = 0;
    try {
        std::vector<std::unique_ptr<test::HubProcess>> hubs;
        if (hubUrls.empty()) {
            auto args = splitWords(hubArgs);
            // Every laptop here has the bench's address: the per-address cap must let all its connections in.
            if (!mentions(args, "--max-connections-per-address"))
                args.insert(args.end(), {"--max-connections-per-address", std::to_string(connections + 16)});
            if (!mentions(args, "--workers") && connections + 8 > 64)
                args.insert(args.end(), {"--workers", std::to_string(connections + 8)});
            if (hubCount > 1 && !mentions(args, "--db")) {
                std::fprintf(stderr, "fleet_load: --hubs %d needs a database they share: --hub-args \"--db URL\"\n", hubCount);
                return 2;
            }
            std::filesystem::create_directories(dataDir + "/hub");
            for (int h = 0; h < hubCount; ++h) {
                hubs.push_back(std::make_unique<test::HubProcess>(dataDir + "/hub", args));
                hubUrls.push_back(hubs.back()->url());
                // For a profiler to attach to during the burst (docs/benchmarks.md, Fleet load).
                std::fprintf(stderr, "hub: pid %d at %s\n", hubs.back()->pid(), hubUrls.back().c_str());
            }
            if (adminArgs.empty()) adminArgs = "--data " + dataDir + "/hub";
        } else if (adminArgs.empty()) {
            adminArgs = "--data " + dataDir + "/hub";
        }
        const std::string& hubUrl = hubUrls.front();
        auto hubsCpu = [&] {
            double seconds = 0;
            for (const auto& h : hubs) seconds += cpuSecondsOf(h->pid());
            return seconds;
        };
        const auto stateFile = dataDir + "/fleet-state.json";
        auto state = bench::loadFleetState(stateFile);
        auto setupStart = std::chrono::steady_clock::now();
        bench::completeFleet(state, {hubUrl, splitWords(adminArgs), laptops, perStructure, 2});
        double setupSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - setupStart).count();
        ++state.runs;
        saveFleetState(stateFile, state);
        if (setupOnly) {
            std::printf("setup: %zu laptops enrolled in %s (%.1f s)\n", state.laptops.size(), dataDir.c_str(), setupSeconds);
            return 0;
        }

        // Each run's records are new: a kept hub takes a second day rather than resends of the first.
        const std::string run = "r" + std::to_string(state.runs) + "x" + std::to_string(std::random_device{}() % 100000);
        std::vector<bench::BurstLaptop> fleet;
        std::size_t ops = 0, batches = 0, bytes = 0;
        for (int i = 0; i < laptops; ++i) {
            const auto& l = state.laptops[static_cast<std::size_t>(i)];
            bench::BurstLaptop laptop{l.deviceId, l.token, {}, 0};
            auto day = bench::laptopDay({run, i, "2026-12-02", sessions});
            laptop.ops = static_cast<int>(day.size());
            for (std::size_t from = 0; from < day.size(); from += static_cast<std::size_t>(batchOps)) {
                std::vector<sync::WireOp> batch(day.begin() + static_cast<std::ptrdiff_t>(from),
                                                day.begin() + static_cast<std::ptrdiff_t>(std::min(day.size(), from + static_cast<std::size_t>(batchOps))));
                laptop.pushBodies.push_back(sync::gzipCompress(bench::pushBody(l.deviceId, batch)));
                bytes += laptop.pushBodies.back().size();
            }
            ops += day.size();
            batches += laptop.pushBodies.size();
            fleet.push_back(std::move(laptop));
        }

        const auto loadBefore = loadAverage();
        const double hubCpuBefore = hubsCpu();
        const double ownCpuBefore = ownCpuSeconds();
        bench::BurstOptions options;
        options.hubUrls = hubUrls;
        options.connections = connections;
        options.timeLimit = std::chrono::seconds(timeLimit);
        options.cursor = state.cursor;
        std::fprintf(stderr, "burst: starting\n");
        auto result = bench::runBurst(fleet, options);
        const double hubCpu = hubsCpu() - hubCpuBefore;
        const double ownCpu = ownCpuSeconds() - ownCpuBefore;
        const auto loadAfter = loadAverage();
        state.cursor = std::max(state.cursor, result.newestServerSeq);
        saveFleetState(stateFile, state);

        int accepted = 0;
        for (const auto& [s, count] : result.opResults)
            if (s != "rejected") accepted += count;
        const double wall = result.wallSeconds;
        const auto requests = result.push.seconds.size() + result.pull.seconds.size();
        std::printf("fleet: %d laptops (%d per structure), %zu ops in %zu push batches (%.1f KB gzip), %d connections, "
                    "hub %s\n",
                    laptops, perStructure, ops, batches, static_cast<double>(bytes) / 1024, connections, hubUrl.c_str());
        std::printf("setup: %.1f s (accounts and enrolment, not measured below)\n", setupSeconds);
        std::printf("burst: %.2f s wall, %d of %d laptops synced to the end (%d started), load average %s -> %s\n", wall,
                    result.laptopsDone, laptops, result.laptopsStarted, loadBefore.c_str(), loadAfter.c_str());
        std::printf("throughput: %.0f ops/s accepted, %.1f requests/s, %llu changes pulled\n",
                    wall > 0 ? accepted / wall : 0, wall > 0 ? static_cast<double>(requests) / wall : 0,
                    static_cast<unsigned long long>(result.changesPulled));
        std::string results;
        for (const auto& [s, count] : result.opResults) results += " " + s + " " + std::to_string(count);
        std::printf("ops:%s\n", results.empty() ? " none answered" : results.c_str());
        printStats("push", result.push);
        printStats("pull", result.pull);
        if (!hubs.empty())
            std::printf("cpu: hub%s %.1f s (%.0f %% of one core), fleet_load %.1f s\n", hubs.size() > 1 ? "s" : "", hubCpu,
                        100 * hubCpu / wall, ownCpu);
        for (const auto& e : result.firstErrors) std::printf("error: %s\n", e.c_str());

        if (!jsonOut.empty()) {
            nlohmann::json doc = {{"laptops", laptops}, {"hubs", hubUrls.size()}, {"connections", connections},
                                  {"ops", ops}, {"batches", batches},
                                  {"wall_seconds", wall}, {"laptops_done", result.laptopsDone},
                                  {"ops_per_second", wall > 0 ? accepted / wall : 0},
                                  {"requests_per_second", wall > 0 ? static_cast<double>(requests) / wall : 0},
                                  {"op_results", result.opResults}, {"push", statsJson(result.push, wall)},
                                  {"pull", statsJson(result.pull, wall)}, {"hub_cpu_seconds", hubCpu},
                                  {"bench_cpu_seconds", ownCpu}, {"setup_seconds", setupSeconds},
                                  {"load_before", loadBefore}, {"load_after", loadAfter}};
            std::ofstream(jsonOut) << doc.dump(2) << "\n";
        }
        // Every laptop synced with no request left failed: what the smoke test checks.
        bool clean = result.laptopsDone == laptops && result.opResults["rejected"] == 0;
        for (const auto* stats : {&result.push, &result.pull})
            for (const auto& [s, count] : stats->statuses) clean = clean && s == 200;
        status = clean ? 0 : 3;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fleet_load: %s\n", e.what());
        status = 1;
    }
    if (temporary) {
        std::error_code ec;
        std::filesystem::remove_all(dataDir, ec);
    }
    curl_global_cleanup();
    return status;
}
