// Runs the real resin-hub binary for a test: started on an ephemeral loopback port, always stopped by its destructor.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace mediane::test {

// Usage: HubProcess hub(dir.str());  HttpClient http(hub.url());  // the destructor stops the hub
class HubProcess {
public:
    explicit HubProcess(const std::string& dataDir, std::vector<std::string> extraArgs = {});
    ~HubProcess();
    HubProcess(const HubProcess&) = delete;
    HubProcess& operator=(const HubProcess&) = delete;

    int port() const { return m_port; }
    int pid() const { return static_cast<int>(m_pid); }
    std::string url() const {
        std::string url = "http://127.0.0.1:";
        url += std::to_string(m_port);
        return url;
    }
    // kill -9, as a power cut or the OOM killer would, and reap it.
    void killHard();
    // The hub's request log (its stderr).
    std::string log() const;

private:
    pid_t m_pid = -1;
    int m_port = 0;
    std::string m_logPath;
};

// The PostgreSQL database a test's hub in dataDir uses, created on first use, when the suite runs against
// PostgreSQL (MEDIANE_TEST_HUB_DB=postgresql://USER@HOST:PORT, or MEDIANE_TEST_HUB_DB_FILE naming a file that holds
// it: tests/support/pg_cluster.sh); "" when it runs against SQLite, the default.
std::string testHubDatabase(const std::string& dataDir);

// Adds "--db URI" after the arguments' "--data DIR" when the suite runs against PostgreSQL.
void addTestDatabase(std::vector<std::string>& args);
// "'resin-hub' --data 'DIR'" (and --db when the suite runs against PostgreSQL), for a shell command line.
std::string hubCommandLine(const std::string& dataDir);

// Runs resin-hub with arguments and stdin text; returns its exit status. Never waits more than 60 s.
int runHubTool(const std::vector<std::string>& args, const std::string& stdinText = {});

}  // namespace mediane::test
