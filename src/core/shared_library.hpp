// A system library opened when a feature first needs it (dlopen), not when Médiane starts.
#pragma once

#include <mutex>
#include <optional>
#include <string>

namespace mediane::core {

// Usage: auto lib = SharedLibrary::open("libcurl.so.4", "libcurl4");
//        auto init = lib.symbol<decltype(&(curl_easy_init))>("curl_easy_init");
// Why: libcurl and libsecret bring 37 more libraries with them; linked at start they cost every window
// opening 5 ms of symbol binding, for a sync or a keyring that many sessions never use. Held for the
// process's life: the functions taken from it stay valid until exit.
class SharedLibrary {
public:
    // Throws Error Io "err.library_missing" naming the library and its Debian package when it cannot be opened.
    static SharedLibrary open(const std::string& soname, const std::string& package);

    // Throws Error Io "err.library_missing" when the library lacks the function (an older version).
    template <class Function>
    Function symbol(const char* name) const {
        return reinterpret_cast<Function>(address(name));
    }

private:
    SharedLibrary(void* handle, std::string soname, std::string package);
    void* address(const char* name) const;

    void* m_handle;
    std::string m_soname, m_package;
};

// Usage: const CurlLibrary& curl = loadedOnce<CurlLibrary>(load);  // load: opens the library, takes its functions
// One table of functions per type for the process, from any thread. A load that throws is tried again at the
// next call: the package may have been installed since.
template <class Functions>
const Functions& loadedOnce(Functions (*load)()) {
    static std::mutex mutex;
    static std::optional<Functions> loaded;
    std::lock_guard lock(mutex);
    if (!loaded) loaded = load();
    return *loaded;
}

}  // namespace mediane::core
