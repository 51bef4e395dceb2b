// The hub's audit trail: one JSON line per request and per admin command, appended to a 0600 file.
#pragma once

#include <mutex>
#include <string>

namespace mediane::hub {

// No personal data by construction: who (address, login, device), what (action), how it ended (result).
// Never a learner field, a password or a token.
struct AuditEntry {
    std::string address;  // client address, or "cli" for an admin command
    std::string login;
    std::string device;
    std::string action;   // "POST /v1/push", "user disable", …
    std::string result;   // "200", "401 invalid_credentials", "ok", …
};

// Printable ASCII only, at most 128 bytes: what a caller controls (login, path, device id) cannot
// forge a line, break the JSON or fill the disk in one request.
std::string auditText(const std::string& text);

// "401 token_expired": the status and the error code of a JSON error body (or the given note).
std::string auditResult(int status, const std::string& body, const std::string& note);

// Usage: AuditLog log(dir + "/audit.jsonl"); log.record({addr, login, device, "POST /v1/enroll", "200"});
// Appends without fsync (cheap enough for every request); an empty path records nothing. Thread-safe,
// and safe across processes: each line is one O_APPEND write.
class AuditLog {
public:
    explicit AuditLog(std::string path = {}) : m_path(std::move(path)) {}
    ~AuditLog();
    AuditLog(const AuditLog&) = delete;
    AuditLog& operator=(const AuditLog&) = delete;

    void record(const AuditEntry& entry);
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
    std::mutex m_mutex;
    int m_fd = -1;
    bool m_failed = false;
};

}  // namespace mediane::hub
