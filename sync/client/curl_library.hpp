// libcurl's functions, taken from the library when the first exchange with a hub needs them.
#pragma once

#include <curl/curl.h>

namespace mediane::sync {

// The parentheses keep curl's type-checking macros of the same names from expanding.
struct CurlLibrary {
    decltype(&(curl_easy_init)) easyInit;
    decltype(&(curl_easy_cleanup)) easyCleanup;
    decltype(&(curl_easy_reset)) easyReset;
    decltype(&(curl_easy_setopt)) easySetopt;
    decltype(&(curl_easy_perform)) easyPerform;
    decltype(&(curl_easy_getinfo)) easyGetinfo;
    decltype(&(curl_easy_strerror)) easyStrerror;
    decltype(&(curl_slist_append)) slistAppend;
    decltype(&(curl_slist_free_all)) slistFreeAll;
};

// Opened once (curl_global_init included), from any thread. Throws Error "err.library_missing" when
// libcurl is not installed: the sync says so, nothing else in the notebook needs it.
const CurlLibrary& curlLibrary();

}  // namespace mediane::sync
