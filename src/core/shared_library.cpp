#include "core/shared_library.hpp"

#include <dlfcn.h>

#include "core/error.hpp"

namespace mediane::core {

namespace {

Error missing(const std::string& soname, const std::string& package, const char* detail) {
    return Error(Error::Kind::Io, "err.library_missing",
                 {{"library", soname}, {"package", package}, {"detail", detail ? detail : ""}});
}

}  // namespace

SharedLibrary::SharedLibrary(void* handle, std::string soname, std::string package)
    : m_handle(handle), m_soname(std::move(soname)), m_package(std::move(package)) {}

SharedLibrary SharedLibrary::open(const std::string& soname, const std::string& package) {
    // RTLD_LOCAL: its symbols serve only the functions taken from it, never another library's look-ups.
    void* handle = dlopen(soname.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) throw missing(soname, package, dlerror());
    return SharedLibrary(handle, soname, package);
}

void* SharedLibrary::address(const char* name) const {
    dlerror();
    void* found = dlsym(m_handle, name);
    if (!found) throw missing(m_soname, m_package, dlerror());
    return found;
}

}  // namespace mediane::core
