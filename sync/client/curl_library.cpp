#include "sync/client/curl_library.hpp"

#include "core/shared_library.hpp"

namespace mediane::sync {

namespace {

CurlLibrary load() {
    // The SONAME the build's headers were made for; the package of the same ABI on Debian 12.
    auto lib = core::SharedLibrary::open("libcurl.so.4", "libcurl4");
    CurlLibrary curl{
        lib.symbol<decltype(CurlLibrary::easyInit)>("curl_easy_init"),
        lib.symbol<decltype(CurlLibrary::easyCleanup)>("curl_easy_cleanup"),
        lib.symbol<decltype(CurlLibrary::easyReset)>("curl_easy_reset"),
        lib.symbol<decltype(CurlLibrary::easySetopt)>("curl_easy_setopt"),
        lib.symbol<decltype(CurlLibrary::easyPerform)>("curl_easy_perform"),
        lib.symbol<decltype(CurlLibrary::easyGetinfo)>("curl_easy_getinfo"),
        lib.symbol<decltype(CurlLibrary::easyStrerror)>("curl_easy_strerror"),
        lib.symbol<decltype(CurlLibrary::slistAppend)>("curl_slist_append"),
        lib.symbol<decltype(CurlLibrary::slistFreeAll)>("curl_slist_free_all"),
    };
    lib.symbol<decltype(&(curl_global_init))>("curl_global_init")(CURL_GLOBAL_DEFAULT);
    return curl;
}

}  // namespace

const CurlLibrary& curlLibrary() { return core::loadedOnce<CurlLibrary>(load); }

}  // namespace mediane::sync
