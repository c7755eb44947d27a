# attain_module(NAME <name> DEPS <targets...>)
# Builds every .cc in the calling directory into the static library attain_<name>.
# Tests named tests/common/<name>_test.cc link against it automatically.
function(attain_module)
  cmake_parse_arguments(ARG "" "NAME" "DEPS" ${ARGN})
  file(GLOB _sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  if(NOT _sources)  # a module whose sources are not written yet still configures
    file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/empty_module.cc "")
    set(_sources ${CMAKE_CURRENT_BINARY_DIR}/empty_module.cc)
  endif()
  add_library(attain_${ARG_NAME} STATIC ${_sources})
  target_include_directories(attain_${ARG_NAME} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(attain_${ARG_NAME} PUBLIC ${ARG_DEPS})
endfunction()

# attain_embed_migrations(TARGET <lib> SERVICE <name> DIR <dir>)
# Compiles the service's migrations/*.sql into the binary so a container needs no extra files.
function(attain_embed_migrations)
  cmake_parse_arguments(ARG "" "TARGET;SERVICE;DIR" "" ${ARGN})
  file(GLOB _sql CONFIGURE_DEPENDS ${ARG_DIR}/*.sql)
  list(SORT _sql)
  set(_out ${CMAKE_CURRENT_BINARY_DIR}/${ARG_SERVICE}_migrations.cc)
  # '|' instead of ';' between files (a list would split the argument); VERBATIM quotes it.
  string(REPLACE ";" "|" _sql_arg "${_sql}")
  add_custom_command(
    OUTPUT ${_out}
    COMMAND ${CMAKE_COMMAND} -DSERVICE=${ARG_SERVICE} -DOUT=${_out} "-DFILES=${_sql_arg}"
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedMigrations.cmake
    DEPENDS ${_sql} ${PROJECT_SOURCE_DIR}/cmake/EmbedMigrations.cmake
    COMMENT "Embedding ${ARG_SERVICE} migrations"
    VERBATIM)
  target_sources(${ARG_TARGET} PRIVATE ${_out})
endfunction()
