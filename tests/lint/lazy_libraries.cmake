# The mediane executable must not need libcurl or libsecret at start (core/shared_library.hpp): a link
# added back by mistake would cost every window opening their 37 dependencies again, with every test green.
execute_process(COMMAND readelf -d ${PROGRAM} OUTPUT_VARIABLE dynamic RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "readelf could not read ${PROGRAM}")
endif()
foreach(library libcurl libsecret libglib libgnutls)
  if(dynamic MATCHES "NEEDED[^\n]*\\[${library}")
    message(FATAL_ERROR "${PROGRAM} needs ${library} at start; open it at first use (core/shared_library.hpp)")
  endif()
endforeach()
if(NOT dynamic MATCHES "NEEDED[^\n]*\\[libsqlite3")
  message(FATAL_ERROR "readelf's listing of ${PROGRAM} shows no libsqlite3: this check reads it wrongly")
endif()
