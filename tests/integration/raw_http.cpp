#include "raw_http.hpp"

#include "hub_process.hpp"

#include <curl/curl.h>
#include <sys/wait.h>

#include <cctype>
#include <cstdio>

#include <nlohmann/json.hpp>

namespace mediane::test {

namespace {
std::size_t collect(char* data, std::size_t size, std::size_t count, void* out) {
    static_cast<std::string*>(out)->append(data, size * count);
    return size * count;
}

std::size_t collectHeader(char* data, std::size_t size, std::size_t count, void* out) {
    std::string line(data, size * count);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name, value = line.substr(colon + 1);
        for (char c : line.substr(0, colon)) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front()))) value.erase(0, 1);
        while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.pop_back();
        (*static_cast<std::map<std::string, std::string>*>(out))[name] = value;
    }
    return size * count;
}

std::string quoted(const std::string& arg) {
    std::string out = "'";
    for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}
}  // namespace

RawResponse rawRequest(const std::string& baseUrl, const std::string& method, const std::string& path,
                       const std::string& body, const std::string& token, const std::string& fromAddress,
                       const std::vector<std::string>& extraHeaders) {
    RawResponse response;
    CURL* curl = curl_easy_init();
    if (!curl) return response;
    curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
    std::string auth = "Authorization: Bearer " + token;
    if (!token.empty()) headers = curl_slist_append(headers, auth.c_str());
    for (const auto& h : extraHeaders) headers = curl_slist_append(headers, h.c_str());
    std::string url = baseUrl + path;
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 5L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collectHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
    if (!fromAddress.empty()) curl_easy_setopt(curl, CURLOPT_INTERFACE, fromAddress.c_str());
    if (method == "POST") {
        curl_easy_setopt(curl, CURLOPT_POST, 1L);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    }
    if (curl_easy_perform(curl) == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return response;
}

RawResponse enrollRaw(const std::string& baseUrl, const std::string& login, const std::string& password,
                      const std::string& deviceId, const std::string& fromAddress) {
    nlohmann::json body = {{"protocol_version", 1}, {"login", login}, {"password", password}, {"device_id", deviceId}};
    return rawRequest(baseUrl, "POST", "/v1/enroll", body.dump(), "", fromAddress);
}

std::string hubToolOutput(const std::vector<std::string>& toolArgs, int* status) {
    auto args = toolArgs;
    addTestDatabase(args);
    std::string command = quoted(MEDIANE_RESIN_HUB);
    for (const auto& a : args) {
        command += ' ';
        command += quoted(a);
    }
    command += " </dev/null";
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return out;
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
    int rc = pclose(pipe);
    if (status) *status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    return out;
}

}  // namespace mediane::test
