# Fails when a Catch test name holds a semicolon: catch_discover_tests cuts the name there (CMake lists), so
# ctest runs a filter that matches no test, reports it passed, and the test itself never runs in CI.
# Usage: cmake -DSOURCES="a.cpp|b.cpp" -P test_names.cmake
string(REPLACE "|" ";" files "${SOURCES}")
set(bad "")
foreach(file IN LISTS files)
  file(READ "${file}" text)
  string(REPLACE ";" "<semicolon>" text "${text}")
  # A name may be split over several string literals on following lines.
  string(REGEX MATCHALL "TEST_CASE\\(\"[^\"]*\"([ \t\r\n]*\"[^\"]*\")*" names "${text}")
  foreach(name IN LISTS names)
    if(name MATCHES "<semicolon>")
      string(REPLACE "<semicolon>" ";" shown "${name}")
      string(APPEND bad "\n  ${file}: ${shown}")
    endif()
  endforeach()
endforeach()
if(bad)
  message(FATAL_ERROR "test names with a semicolon (ctest would never run them; use a comma):${bad}")
endif()
