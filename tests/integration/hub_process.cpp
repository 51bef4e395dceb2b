#include "hub_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <thread>

#ifdef MEDIANE_HUB_POSTGRESQL
#include <pqxx/pqxx>
#endif

namespace mediane::test {

namespace {
using Clock = std::chrono::steady_clock;

std::vector<char*> argvOf(std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    return argv;
}

// Waits for the child up to the timeout; false if it is still running.
bool waitFor(pid_t pid, std::chrono::milliseconds timeout, int* status) {
    auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
        pid_t done = waitpid(pid, status, WNOHANG);
        if (done == pid || done < 0) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

// MEDIANE_TEST_HUB_DB, else the first line of the file MEDIANE_TEST_HUB_DB_FILE names; "" for SQLite.
std::string postgresBase() {
    if (const char* base = std::getenv("MEDIANE_TEST_HUB_DB"); base && *base) return base;
    const char* file = std::getenv("MEDIANE_TEST_HUB_DB_FILE");
    if (!file || !*file) return {};
    std::ifstream in(file);
    std::string base;
    std::getline(in, base);
    if (base.empty()) throw std::runtime_error(std::string("MEDIANE_TEST_HUB_DB_FILE names no server: ") + file);
    return base;
}

void stopProcess(pid_t pid) {
    int status = 0;
    kill(pid, SIGTERM);
    if (waitFor(pid, std::chrono::seconds(5), &status)) return;
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
}
}  // namespace

HubProcess::HubProcess(const std::string& dataDir, std::vector<std::string> extraArgs) {
    m_logPath = dataDir + "/hub-" + std::to_string(Clock::now().time_since_epoch().count()) + ".log";
    std::vector<std::string> args = {MEDIANE_RESIN_HUB, "--data", dataDir, "--listen", "127.0.0.1:0"};
    args.insert(args.end(), extraArgs.begin(), extraArgs.end());
    addTestDatabase(args);
    auto argv = argvOf(args);

    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe failed");
    int logFd = open(m_logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    m_pid = fork();
    if (m_pid == 0) {
        dup2(out[1], STDOUT_FILENO);
        if (logFd >= 0) dup2(logFd, STDERR_FILENO);
        close(out[0]);
        close(out[1]);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(out[1]);
    if (logFd >= 0) close(logFd);
    if (m_pid < 0) {
        close(out[0]);
        throw std::runtime_error("fork failed");
    }

    // The first stdout line names the port: "listening on 127.0.0.1:43567".
    std::string line;
    auto deadline = Clock::now() + std::chrono::seconds(15);
    while (line.find('\n') == std::string::npos && Clock::now() < deadline) {
        pollfd pfd{out[0], POLLIN, 0};
        if (poll(&pfd, 1, 100) <= 0) continue;
        char buffer[256];
        auto n = read(out[0], buffer, sizeof buffer);
        if (n <= 0) break;
        line.append(buffer, static_cast<std::size_t>(n));
    }
    close(out[0]);
    auto colon = line.rfind(':');
    if (line.rfind("listening on ", 0) != 0 || colon == std::string::npos) {
        stopProcess(m_pid);
        throw std::runtime_error("resin-hub did not start: '" + line + "' log: " + log());
    }
    m_port = std::stoi(line.substr(colon + 1));
}

HubProcess::~HubProcess() {
    if (m_pid > 0) stopProcess(m_pid);
}

void HubProcess::killHard() {
    if (m_pid <= 0) return;
    kill(m_pid, SIGKILL);
    int status = 0;
    waitpid(m_pid, &status, 0);
    m_pid = -1;
}

std::string HubProcess::log() const {
    std::ifstream in(m_logPath);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string testHubDatabase([[maybe_unused]] const std::string& dataDir) {  // unused without PostgreSQL
    auto base = postgresBase();
    if (base.empty()) return {};
#ifdef MEDIANE_HUB_POSTGRESQL
    // One database per data directory: a hub restarted on the same directory finds its data again.
    auto name = "hub_" + std::to_string(std::hash<std::string>{}(dataDir));
    pqxx::connection server(base + "/postgres");
    pqxx::nontransaction admin(server);
    if (admin.exec_params("SELECT 1 FROM pg_database WHERE datname = $1", name).empty())
        admin.exec("CREATE DATABASE " + admin.quote_name(name));
    return base + "/" + name;
#else
    throw std::runtime_error("MEDIANE_TEST_HUB_DB is set but this build has no PostgreSQL backend");
#endif
}

void addTestDatabase(std::vector<std::string>& args) {
    for (std::size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == "--data") {
            auto db = testHubDatabase(args[i + 1]);
            if (!db.empty()) args.insert(args.begin() + static_cast<std::ptrdiff_t>(i) + 2, {"--db", db});
            return;
        }
}

std::string hubCommandLine(const std::string& dataDir) {
    std::string line = std::string("'") + MEDIANE_RESIN_HUB + "' --data '" + dataDir + "'";
    if (auto db = testHubDatabase(dataDir); !db.empty()) line += " --db '" + db + "'";
    return line;
}

int runHubTool(const std::vector<std::string>& toolArgs, const std::string& stdinText) {
    std::vector<std::string> args = {MEDIANE_RESIN_HUB};
    args.insert(args.end(), toolArgs.begin(), toolArgs.end());
    addTestDatabase(args);
    auto argv = argvOf(args);
    int in[2];
    if (pipe(in) != 0) throw std::runtime_error("pipe failed");
    pid_t pid = fork();
    if (pid == 0) {
        dup2(in[0], STDIN_FILENO);
        close(in[0]);
        close(in[1]);
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0) dup2(devnull, STDOUT_FILENO);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(in[0]);
    if (pid < 0) {
        close(in[1]);
        throw std::runtime_error("fork failed");
    }
    auto written = write(in[1], stdinText.data(), stdinText.size());
    (void)written;
    close(in[1]);
    int status = 0;
    if (!waitFor(pid, std::chrono::seconds(60), &status)) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        return -1;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace mediane::test
