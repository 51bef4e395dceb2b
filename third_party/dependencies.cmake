# Finds the Debian 12 system packages Médiane builds against. Nothing is vendored.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 REQUIRED)
# XLSX exports of the activity report and the dashboard tables (libxlsxwriter-dev).
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
# The device token in the desktop's secret service (GNOME Keyring, KWallet) when one runs (libsecret-1-dev).
pkg_check_modules(LIBSECRET REQUIRED IMPORTED_TARGET libsecret-1)

if(MEDIANE_BUILD_GUI)
  # Debian's libimgui.a already contains the GLFW and OpenGL3 backends.
  pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui stb)
  pkg_check_modules(GLFW3 REQUIRED IMPORTED_TARGET glfw3)
  set(OpenGL_GL_PREFERENCE GLVND)
  find_package(OpenGL REQUIRED)
endif()

# libsodium: the notebook's encryption at rest on the laptop, password hashing on the hub.
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
if(MEDIANE_JEMALLOC)
  pkg_check_modules(JEMALLOC REQUIRED IMPORTED_TARGET jemalloc)
endif()
# Sync: libcurl on the client, cpp-httplib on the hub.
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
# Brotli at a low quality for bodies both ways: a third fewer bytes than gzip for the same CPU.
pkg_check_modules(BROTLI REQUIRED IMPORTED_TARGET libbrotlienc libbrotlidec)
if(MEDIANE_BUILD_HUB)
  # Use cpp-httplib's pkg-config cflags exactly: they define the OpenSSL/zlib/brotli
  # support the Debian library was compiled with, and the class layout depends on them.
  pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
  # The hub serves TLS itself on its own connection loop (the HTTP library's TLS server is not used).
  pkg_check_modules(OPENSSL REQUIRED IMPORTED_TARGET openssl)
  if(MEDIANE_HUB_POSTGRESQL)
    # The hub's PostgreSQL backend (libpqxx-dev 6.4; postgresql-15 for its tests' throw-away cluster).
    pkg_check_modules(PQXX REQUIRED IMPORTED_TARGET libpqxx)
  endif()
endif()

if(MEDIANE_BUILD_TESTS)
  find_package(Catch2 2 REQUIRED)
  if(MEDIANE_BUILD_BENCH)
    find_package(benchmark REQUIRED)
  endif()
endif()

# A library the program opens when a feature first needs it (core/shared_library.hpp): its headers and
# compile flags, without linking it, so that starting Médiane does not load it and all it depends on.
function(mediane_headers_of target imported)
  target_include_directories(${target} PRIVATE $<TARGET_PROPERTY:${imported},INTERFACE_INCLUDE_DIRECTORIES>)
  target_compile_options(${target} PRIVATE $<TARGET_PROPERTY:${imported},INTERFACE_COMPILE_OPTIONS>)
endfunction()
