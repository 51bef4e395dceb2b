#include "sync/hub/audit_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>

#include <nlohmann/json.hpp>

#include "core/calendar.hpp"

namespace mediane::hub {

std::string auditText(const std::string& text) {
    std::string out;
    for (char c : text.substr(0, 128)) {
        auto byte = static_cast<unsigned char>(c);
        out += byte >= 0x20 && byte < 0x7f ? c : '?';
    }
    return out.empty() ? "-" : out;
}

std::string auditResult(int status, const std::string& body, const std::string& note) {
    std::string result = std::to_string(status);
    std::string code = note;
    if (code.empty() && status >= 400 && body.size() < 4096) {
        auto parsed = nlohmann::json::parse(body, nullptr, false);
        if (parsed.is_object() && parsed.contains("error") && parsed["error"].is_string())
            code = parsed["error"].get<std::string>();
    }
    return code.empty() ? result : result + " " + auditText(code);
}

AuditLog::~AuditLog() {
    if (m_fd >= 0) close(m_fd);
}

void AuditLog::record(const AuditEntry& entry) {
    if (m_path.empty()) return;
    nlohmann::json line = {{"time", core::nowUtc()},           {"address", auditText(entry.address)},
                           {"login", auditText(entry.login)},  {"device", auditText(entry.device)},
                           {"action", auditText(entry.action)}, {"result", auditText(entry.result)}};
    std::string text = line.dump() + "\n";
    std::lock_guard lock(m_mutex);
    if (m_fd < 0 && !m_failed) {
        m_fd = open(m_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
        if (m_fd < 0) {
            // Once: an unwritable audit file must not flood stderr nor stop the hub from serving.
            m_failed = true;
            std::fprintf(stderr, "audit: cannot open %s\n", m_path.c_str());
        }
    }
    if (m_fd >= 0 && write(m_fd, text.data(), text.size()) < 0) std::fprintf(stderr, "audit: write failed\n");
}

}  // namespace mediane::hub
