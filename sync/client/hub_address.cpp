#include "sync/client/hub_address.hpp"

#include <cctype>

#include "core/error.hpp"

namespace mediane::sync {

std::string hubHost(const std::string& url) {
    auto scheme = url.find("://");
    if (scheme == std::string::npos) return {};
    auto start = scheme + 3;
    auto end = url.find_first_of("/?#", start);
    std::string authority = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
    // user:password@ never belongs in a hub address; what follows the last @ is the host either way.
    if (auto at = authority.rfind('@'); at != std::string::npos) authority = authority.substr(at + 1);
    std::string host;
    if (!authority.empty() && authority.front() == '[') {
        auto close = authority.find(']');
        host = authority.substr(1, close == std::string::npos ? std::string::npos : close - 1);
    } else {
        host = authority.substr(0, authority.find(':'));
    }
    for (auto& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return host;
}

bool isLoopbackHost(const std::string& host) {
    if (host == "localhost" || host == "::1") return true;
    // 127.a.b.c written as four decimal numbers, nothing else (no "127.0.0.1.example.org").
    if (host.rfind("127.", 0) != 0) return false;
    int dots = 0, digits = 0;
    for (char c : host) {
        if (c == '.') {
            if (digits == 0) return false;
            ++dots;
            digits = 0;
        } else if (c >= '0' && c <= '9') {
            if (++digits > 3) return false;
        } else {
            return false;
        }
    }
    return dots == 3 && digits > 0;
}

void requireSafeHubUrl(const std::string& url) {
    bool https = url.rfind("https://", 0) == 0, http = url.rfind("http://", 0) == 0;
    if ((!https && !http) || hubHost(url).empty())
        throw validationError("err.sync.hub_url", "sync.hub", {{"url", url}});
    if (http && !isLoopbackHost(hubHost(url)))
        throw validationError("err.sync.plain_http", "sync.hub", {{"url", url}});
}

}  // namespace mediane::sync
