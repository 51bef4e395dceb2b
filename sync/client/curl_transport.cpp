#include "sync/client/curl_transport.hpp"

#include <cctype>

#include "core/error.hpp"
#include "sync/client/curl_library.hpp"
#include "sync/protocol/brotli.hpp"
#include "sync/protocol/gzip.hpp"
#include "sync/client/hub_address.hpp"

namespace mediane::sync {

namespace {

std::size_t onBody(char* data, std::size_t size, std::size_t count, void* out) {
    static_cast<std::string*>(out)->append(data, size * count);
    return size * count;
}

// The renewed token header (docs/sync-protocol.md, "Token lifetime"): 64 hex characters, else ignored.
std::optional<std::string> nextTokenOf(const std::string& line, const std::string& lower) {
    constexpr const char* kName = "x-mediane-next-token:";
    if (lower.rfind(kName, 0) != 0) return std::nullopt;
    std::string token;
    for (char c : line.substr(std::char_traits<char>::length(kName)))
        if (!std::isspace(static_cast<unsigned char>(c))) token += c;
    if (token.size() != 64) return std::nullopt;
    for (char c : token)
        if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
    return token;
}

// An Accept-Encoding answer header (RFC 7694), lower-cased: "br" among its codings, not weighted q=0.
bool readsBrotli(const std::string& codings) {
    std::size_t start = 0;
    while (start <= codings.size()) {
        auto comma = codings.find(',', start);
        std::string item = codings.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        std::string name = item.substr(0, item.find(';'));
        name.erase(0, name.find_first_not_of(" \t"));
        name.erase(name.find_last_not_of(" \t\r\n") + 1);
        if (name == "br") {
            auto weight = item.find("q=");
            if (weight == std::string::npos) return true;
            std::string value = item.substr(weight + 2);
            value.erase(value.find_last_not_of(" \t\r\n") + 1);
            return value.find_first_not_of("0.") != std::string::npos;  // q=0 refuses it
        }
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return false;
}

std::size_t onHeader(char* data, std::size_t size, std::size_t count, void* out) {
    std::string line(data, size * count);
    std::string lower;
    for (char c : line) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto& response = *static_cast<HttpResponse*>(out);
    if (auto token = nextTokenOf(line, lower)) response.nextToken = token;
    constexpr const char* kBodyCodings = "accept-encoding:";
    if (lower.rfind(kBodyCodings, 0) == 0) response.hubReadsBrotli = readsBrotli(lower.substr(std::char_traits<char>::length(kBodyCodings)));
    constexpr const char* kEncoding = "content-encoding:";
    if (lower.rfind(kEncoding, 0) == 0) {
        std::string value = lower.substr(std::char_traits<char>::length(kEncoding));
        while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front()))) value.erase(0, 1);
        while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.pop_back();
        response.contentEncoding = value;
    }
    constexpr const char* kName = "retry-after:";
    if (lower.rfind(kName, 0) == 0) {
        // Only the delay-seconds form; an HTTP date falls back to our own backoff.
        std::string value = line.substr(std::char_traits<char>::length(kName));
        int seconds = 0;
        bool digits = false;
        for (char c : value) {
            if (std::isdigit(static_cast<unsigned char>(c))) {
                digits = true;
                seconds = seconds * 10 + (c - '0');
                if (seconds > 86400) break;
            } else if (!std::isspace(static_cast<unsigned char>(c))) {
                digits = false;
                break;
            }
        }
        if (digits) response.retryAfterSeconds = seconds;
    }
    return size * count;
}

int onProgress(void* abort, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    return abort && static_cast<const std::atomic<bool>*>(abort)->load() ? 1 : 0;
}

Error networkError(const std::string& hub, CURLcode rc, const char* detail) {
    bool tls = rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CONNECT_ERROR || rc == CURLE_SSL_CACERT_BADFILE;
    std::string text = *detail ? detail : curlLibrary().easyStrerror(rc);
    return Error(Error::Kind::Io, tls ? "err.sync.tls" : "err.sync.network", {{"hub", hub}, {"detail", text}});
}

}  // namespace

CurlTransport::CurlTransport(std::string baseUrl, TransportOptions options)
    : m_baseUrl(std::move(baseUrl)), m_options(std::move(options)) {
    while (!m_baseUrl.empty() && m_baseUrl.back() == '/') m_baseUrl.pop_back();
    requireSafeHubUrl(m_baseUrl);
    m_curl = curlLibrary().easyInit();
    if (!m_curl) throw Error(Error::Kind::Io, "err.sync.network", {{"hub", m_baseUrl}, {"detail", "curl_easy_init"}});
}

CurlTransport::~CurlTransport() { curlLibrary().easyCleanup(static_cast<CURL*>(m_curl)); }

int uploadBrotliQuality(double uploadBytesPerSecond) {
    constexpr double kFastLink = 256.0 * 1024;  // bytes a second, about 2 Mbit/s
    return uploadBytesPerSecond >= kFastLink ? 3 : 5;
}

void CurlTransport::prepare(HttpRequest& request) {
    if (!request.compressBody || !request.encoding.empty()) return;
    // Brotli at quality 5 has a third fewer bytes than gzip 6 on a push batch, for about the same CPU; on a
    // fast link a lower quality, whose CPU the laptop needs more than the link needs the bytes.
    if (m_hubReadsBrotli) {
        request.encodedBody = brotliCompress(request.body, uploadBrotliQuality(m_uploadRate));
        request.encoding = "br";
    } else {
        request.encodedBody = gzipCompress(request.body);
        request.encoding = "gzip";
    }
}

HttpResponse CurlTransport::send(const HttpRequest& request) {
    const CurlLibrary& lib = curlLibrary();
    CURL* curl = static_cast<CURL*>(m_curl);
    lib.easyReset(curl);
    HttpResponse response;
    std::string url = m_baseUrl + request.target;
    // A body not prepared ahead is compressed here (enrolment, a conflict decision: nothing else in flight).
    HttpRequest compressedHere;
    if (request.compressBody && request.encoding.empty()) {
        compressedHere.compressBody = true;
        compressedHere.body = request.body;
        prepare(compressedHere);
    }
    const HttpRequest& ready = compressedHere.encoding.empty() ? request : compressedHere;
    const std::string& payload = ready.compressBody ? ready.encodedBody : ready.body;
    char errorText[CURL_ERROR_SIZE] = {0};

    curl_slist* headers = nullptr;
    headers = lib.slistAppend(headers, "Content-Type: application/json");
    headers = lib.slistAppend(headers, "Expect:");  // no 100-continue round trip on a slow link
    const std::string encodingHeader = "Content-Encoding: " + ready.encoding;
    if (ready.compressBody) headers = lib.slistAppend(headers, encodingHeader.c_str());
    std::string auth;
    if (!request.token.empty()) {
        auth = "Authorization: Bearer " + request.token;
        headers = lib.slistAppend(headers, auth.c_str());
    }

    lib.easySetopt(curl, CURLOPT_URL, url.c_str());
    lib.easySetopt(curl, CURLOPT_HTTPHEADER, headers);
    lib.easySetopt(curl, CURLOPT_NOSIGNAL, 1L);
    lib.easySetopt(curl, CURLOPT_ERRORBUFFER, errorText);
    lib.easySetopt(curl, CURLOPT_CONNECTTIMEOUT, static_cast<long>(m_options.connectTimeoutSeconds));
    lib.easySetopt(curl, CURLOPT_LOW_SPEED_LIMIT, static_cast<long>(m_options.lowSpeedBytes));
    lib.easySetopt(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(m_options.lowSpeedSeconds));
    // Brotli only to a hub that has said it reads it, and so chooses its own quality: a hub of the first
    // release, offered Brotli, answered through its HTTP library at the slowest quality (twenty times the
    // CPU of gzip on a pull page).
    lib.easySetopt(curl, CURLOPT_ACCEPT_ENCODING, m_hubReadsBrotli ? "br, gzip" : "gzip");
    lib.easySetopt(curl, CURLOPT_SSL_VERIFYPEER, m_options.verifyTls ? 1L : 0L);
    lib.easySetopt(curl, CURLOPT_SSL_VERIFYHOST, m_options.verifyTls ? 2L : 0L);
    if (m_options.abort) {
        lib.easySetopt(curl, CURLOPT_NOPROGRESS, 0L);
        lib.easySetopt(curl, CURLOPT_XFERINFOFUNCTION, onProgress);
        lib.easySetopt(curl, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(m_options.abort));
    }
    if (!m_options.caFile.empty()) {
        lib.easySetopt(curl, CURLOPT_CAINFO, m_options.caFile.c_str());
    } else if (!m_options.caPem.empty()) {
        curl_blob blob{const_cast<char*>(m_options.caPem.data()), m_options.caPem.size(), CURL_BLOB_COPY};
        lib.easySetopt(curl, CURLOPT_CAINFO_BLOB, &blob);
    }
    // Never another protocol, never a redirect: the token goes to the hub named at enrolment only.
    lib.easySetopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    lib.easySetopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    lib.easySetopt(curl, CURLOPT_WRITEFUNCTION, onBody);
    lib.easySetopt(curl, CURLOPT_WRITEDATA, &response.body);
    lib.easySetopt(curl, CURLOPT_HEADERFUNCTION, onHeader);
    lib.easySetopt(curl, CURLOPT_HEADERDATA, &response);
    if (request.method == "POST") {
        lib.easySetopt(curl, CURLOPT_POST, 1L);
        lib.easySetopt(curl, CURLOPT_POSTFIELDS, payload.data());
        lib.easySetopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(payload.size()));
    }

    CURLcode rc = lib.easyPerform(curl);
    lib.slistFreeAll(headers);

    ++m_stats.requests;
    curl_off_t up = 0, down = 0;
    long requestHeaders = 0, responseHeaders = 0;
    lib.easyGetinfo(curl, CURLINFO_SIZE_UPLOAD_T, &up);
    lib.easyGetinfo(curl, CURLINFO_SIZE_DOWNLOAD_T, &down);
    lib.easyGetinfo(curl, CURLINFO_REQUEST_SIZE, &requestHeaders);
    lib.easyGetinfo(curl, CURLINFO_HEADER_SIZE, &responseHeaders);
    // libcurl's request size holds the body too when it went out with the headers (up to about 64 KB),
    // and only the headers otherwise: the body is added only in the second case, never counted twice.
    m_stats.bytesSent += requestHeaders >= up ? static_cast<std::int64_t>(requestHeaders)
                                              : static_cast<std::int64_t>(up) + requestHeaders;
    m_stats.bytesReceived += static_cast<std::int64_t>(down) + responseHeaders;

    if (rc != CURLE_OK) throw networkError(m_baseUrl, rc, errorText);
    if (response.hubReadsBrotli) m_hubReadsBrotli = true;
    constexpr std::size_t kBodyToTell = 8 * 1024;  // a smaller one is over before the link shows its rate
    curl_off_t sending = 0, answering = 0;  // microseconds from the start of the request
    lib.easyGetinfo(curl, CURLINFO_PRETRANSFER_TIME_T, &sending);
    lib.easyGetinfo(curl, CURLINFO_STARTTRANSFER_TIME_T, &answering);
    if (request.compressBody && payload.size() >= kBodyToTell && answering > sending)
        m_uploadRate = static_cast<double>(payload.size()) * 1e6 / static_cast<double>(answering - sending);
    lib.easyGetinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    return response;
}

}  // namespace mediane::sync
