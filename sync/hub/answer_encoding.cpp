#include "sync/hub/answer_encoding.hpp"

#include <algorithm>
#include <cctype>

#include "sync/protocol/brotli.hpp"
#include "sync/protocol/gzip.hpp"

namespace mediane::hub {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// "q=0", "q=0.0", "q=0.000": the caller refuses this coding.
bool refused(std::string_view params) {
    while (!params.empty()) {
        auto semicolon = params.find(';');
        auto param = trim(params.substr(0, semicolon));
        params = semicolon == std::string_view::npos ? std::string_view{} : params.substr(semicolon + 1);
        if (param.size() < 2 || std::tolower(static_cast<unsigned char>(param[0])) != 'q' || param[1] != '=') continue;
        auto value = trim(param.substr(2));
        if (value.empty() || value[0] != '0') return false;
        return value.find_first_not_of("0.", 1) == std::string_view::npos;
    }
    return false;
}

// Whether an Accept-Encoding value names `coding` (or `alias`) without refusing it; "*" stands for a coding
// the value does not name.
bool accepts(std::string_view acceptEncoding, std::string_view coding, std::string_view alias) {
    bool star = false;
    while (!acceptEncoding.empty()) {
        auto comma = acceptEncoding.find(',');
        auto item = acceptEncoding.substr(0, comma);
        acceptEncoding = comma == std::string_view::npos ? std::string_view{} : acceptEncoding.substr(comma + 1);
        auto semicolon = item.find(';');
        auto name = trim(item.substr(0, semicolon));
        auto params = semicolon == std::string_view::npos ? std::string_view{} : item.substr(semicolon + 1);
        if (equalsIgnoringCase(name, coding) || (!alias.empty() && equalsIgnoringCase(name, alias)))
            return !refused(params);
        if (name == "*") star = !refused(params);
    }
    return star;
}

}  // namespace

bool acceptsGzip(std::string_view acceptEncoding) { return accepts(acceptEncoding, "gzip", "x-gzip"); }

bool acceptsBrotli(std::string_view acceptEncoding) { return accepts(acceptEncoding, "br", ""); }

AnswerCoding chooseAnswerCoding(std::string_view acceptEncoding, const AnswerCompression& compression) {
    if (compression.brotliQuality > 0 && acceptsBrotli(acceptEncoding))
        return {AnswerCoding::Kind::Brotli, compression.brotliQuality, compression.minBytes};
    if (compression.gzipLevel > 0 && acceptsGzip(acceptEncoding))
        return {AnswerCoding::Kind::Gzip, compression.gzipLevel, compression.minBytes};
    return {};
}

void setJsonAnswer(httplib::Response& res, std::string body, const AnswerCoding& coding) {
    res.set_header("Accept-Encoding", kAcceptedBodyCodings);
    if (coding.kind != AnswerCoding::Kind::Identity && body.size() >= coding.minBytes) {
        bool brotli = coding.kind == AnswerCoding::Kind::Brotli;
        body = brotli ? sync::brotliCompress(body, coding.level) : sync::gzipCompress(body, std::min(coding.level, 9));
        res.set_header("Content-Encoding", brotli ? "br" : "gzip");
        res.set_header("Vary", "Accept-Encoding");
    }
    res.set_content(std::move(body), "application/json; charset=utf-8");
}

}  // namespace mediane::hub
