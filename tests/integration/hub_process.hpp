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

// Runs resin-hub with arguments and stdin text; returns its exit status. Never waits more than 60 s.
int runHubTool(const std::vector<std::string>& args, const std::string& stdinText = {});

}  // namespace mediane::test
