#include "fleet_connection.hpp"

#include <chrono>
#include <stdexcept>

namespace mediane::bench {

namespace {
std::size_t collect(char* data, std::size_t size, std::size_t count, void* out) {
    static_cast<std::string*>(out)->append(data, size * count);
    return size * count;
}
}  // namespace

FleetConnection::FleetConnection(std::string baseUrl) : m_baseUrl(std::move(baseUrl)), m_curl(curl_easy_init()) {
    if (!m_curl) throw std::runtime_error("curl_easy_init failed");
}

FleetConnection::~FleetConnection() { curl_easy_cleanup(m_curl); }

TimedAnswer FleetConnection::get(const std::string& target, const std::string& token) {
    return perform(target, nullptr, token, false);
}

TimedAnswer FleetConnection::post(const std::string& target, const std::string& body, const std::string& token,
                                  bool gzipped) {
    return perform(target, &body, token, gzipped);
}

TimedAnswer FleetConnection::perform(const std::string& target, const std::string* body, const std::string& token,
                                     bool gzipped) {
    TimedAnswer answer;
    // The handle keeps its connection between requests; its options are set again for each one.
    curl_easy_reset(m_curl);
    std::string url = m_baseUrl + target;
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, "Content-Type: application/json");
    if (gzipped) headers = curl_slist_append(headers, "Content-Encoding: gzip");
    if (!token.empty()) headers = curl_slist_append(headers, ("Authorization: Bearer " + token).c_str());
    char errorText[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(m_curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(m_curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(m_curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(m_curl, CURLOPT_ERRORBUFFER, errorText);
    curl_easy_setopt(m_curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(m_curl, CURLOPT_TIMEOUT, 120L);
    curl_easy_setopt(m_curl, CURLOPT_ACCEPT_ENCODING, "gzip");
    curl_easy_setopt(m_curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(m_curl, CURLOPT_WRITEDATA, &answer.body);
    if (body) {
        curl_easy_setopt(m_curl, CURLOPT_POST, 1L);
        curl_easy_setopt(m_curl, CURLOPT_POSTFIELDS, body->data());
        curl_easy_setopt(m_curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
    }
    auto start = std::chrono::steady_clock::now();
    auto code = curl_easy_perform(m_curl);
    answer.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (code == CURLE_OK) {
        curl_easy_getinfo(m_curl, CURLINFO_RESPONSE_CODE, &answer.status);
        curl_off_t retry = 0;
        if (curl_easy_getinfo(m_curl, CURLINFO_RETRY_AFTER, &retry) == CURLE_OK) answer.retryAfterSeconds = static_cast<long>(retry);
    } else {
        answer.error = errorText[0] ? errorText : curl_easy_strerror(code);
    }
    curl_slist_free_all(headers);
    return answer;
}

}  // namespace mediane::bench
