# Helpers for the test suite.
#
# tributary_add_test(NAME tst_x SOURCES a.cpp LIBS tributary_app
#                    [FIXTURES dovecot smtp] [TIMEOUT 120] [LABELS gui])
#   Builds a QtTest executable and registers it with CTest. Every test gets:
#     TRIBUTARY_TESTENV   folder where the server fixtures keep their state and env files
#     TRIBUTARY_SCREENSHOTS  folder for GUI screenshots (build/screenshots)
#     TRIBUTARY_SOURCE_DIR   the source tree (test data)
#   The test command (scripts/test.sh) runs ctest inside Xvfb + a D-Bus session with an
#   unlocked gnome-keyring, so GUI and keychain tests find a display and a Secret Service.
#
# tributary_add_server_fixture(NAME dovecot SCRIPT tests/env/dovecot.sh)
#   Registers "<script> start <dir>" as FIXTURES_SETUP and "<script> stop <dir>" as
#   FIXTURES_CLEANUP for fixture NAME. The script writes <dir>/env (KEY=VALUE lines) that
#   tests read through tests/support/testenv.h. A missing server is a failure, never a skip.

# Dovecot drops privileges to uid 8 ('mail') and must traverse the state folder, so the
# fixtures live under /tmp, one folder per build tree.
string(MD5 _tributary_build_hash "${CMAKE_BINARY_DIR}")
string(SUBSTRING "${_tributary_build_hash}" 0 10 _tributary_build_hash)
set(TRIBUTARY_TESTENV_DIR "/tmp/tributary-testenv-${_tributary_build_hash}" CACHE PATH
    "Where test servers keep their state")
set(TRIBUTARY_SCREENSHOT_DIR "${CMAKE_BINARY_DIR}/screenshots")
file(MAKE_DIRECTORY ${TRIBUTARY_SCREENSHOT_DIR})

# With TRIBUTARY_SANITIZE, every test runs with leak detection and the suppressions for system
# libraries in tests/sanitizers/ (see CONTRIBUTING.md, "Sanitizers").
set(_tributary_sanitizer_env "")
if(TRIBUTARY_SANITIZE)
    set(_tributary_san_dir ${CMAKE_CURRENT_LIST_DIR}/sanitizers)
    string(CONCAT _tributary_sanitizer_env
        ";ASAN_OPTIONS=detect_leaks=1:detect_odr_violation=0"
        ";LSAN_OPTIONS=suppressions=${_tributary_san_dir}/lsan.supp:print_suppressions=0"
        ";UBSAN_OPTIONS=suppressions=${_tributary_san_dir}/ubsan.supp:print_stacktrace=1:halt_on_error=1")
endif()

function(tributary_add_test)
    cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LIBS;FIXTURES;LABELS;ARGS" ${ARGN})
    add_executable(${T_NAME} ${T_SOURCES})
    target_link_libraries(${T_NAME} PRIVATE Qt6::Test tributary_testsupport ${T_LIBS})
    tributary_apply_settings(${T_NAME})
    set(sanitizer_env "${_tributary_sanitizer_env}")
    if(TRIBUTARY_SANITIZE)
        target_sources(${T_NAME} PRIVATE ${_tributary_san_dir}/keepmodules.cpp)
        target_link_options(${T_NAME} PRIVATE -Wl,--export-dynamic-symbol=dlclose)
        if("gui" IN_LIST T_LABELS)
            # Chromium inside libQt6WebEngineCore frees some objects through a base pointer
            # of another size (new-delete-type-mismatch in WebContentsAdapter's teardown);
            # that check is off for GUI tests only, which load it. Project code is still
            # checked by every other test, which runs with it on.
            string(REPLACE "ASAN_OPTIONS=" "ASAN_OPTIONS=new_delete_type_mismatch=0:"
                sanitizer_env "${sanitizer_env}")
        endif()
    endif()
    add_test(NAME ${T_NAME} COMMAND ${T_NAME} ${T_ARGS})
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 120)
    endif()
    if(TRIBUTARY_SANITIZE)
        # Instrumented code runs a few times slower (tst_itemmodels fills 100 000 messages).
        math(EXPR T_TIMEOUT "${T_TIMEOUT} * 3")
    endif()
    set_tests_properties(${T_NAME} PROPERTIES
        TIMEOUT ${T_TIMEOUT}
        ENVIRONMENT "TRIBUTARY_TESTENV=${TRIBUTARY_TESTENV_DIR};TRIBUTARY_SCREENSHOTS=${TRIBUTARY_SCREENSHOT_DIR};TRIBUTARY_SOURCE_DIR=${PROJECT_SOURCE_DIR};TRIBUTARY_BINARY_DIR=${CMAKE_BINARY_DIR};QT_LOGGING_RULES=*.debug=false${sanitizer_env}")
    if(T_FIXTURES)
        set_tests_properties(${T_NAME} PROPERTIES FIXTURES_REQUIRED "${T_FIXTURES}")
    endif()
    if(T_LABELS)
        set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABELS}")
    endif()
    # GUI tests share the session's one display, which has no window manager: two of them at
    # once would take the active window from each other. They run one at a time (others run
    # beside them).
    if("gui" IN_LIST T_LABELS)
        set_tests_properties(${T_NAME} PROPERTIES RESOURCE_LOCK tributary_display)
    endif()
endfunction()

function(tributary_add_server_fixture)
    cmake_parse_arguments(F "" "NAME;SCRIPT" "" ${ARGN})
    set(dir ${TRIBUTARY_TESTENV_DIR}/${F_NAME})
    add_test(NAME env_${F_NAME}_start COMMAND bash ${F_SCRIPT} start ${dir})
    add_test(NAME env_${F_NAME}_stop COMMAND bash ${F_SCRIPT} stop ${dir})
    # A server starts in seconds on an idle machine; Dovecot's start took 45 s on a loaded one
    # (ctest -j4 beside builds), and a fixture that times out fails every test that needs it.
    set_tests_properties(env_${F_NAME}_start PROPERTIES FIXTURES_SETUP ${F_NAME} TIMEOUT 300
        ENVIRONMENT "TRIBUTARY_TESTENV=${TRIBUTARY_TESTENV_DIR};TRIBUTARY_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
    set_tests_properties(env_${F_NAME}_stop PROPERTIES FIXTURES_CLEANUP ${F_NAME} TIMEOUT 60
        ENVIRONMENT "TRIBUTARY_TESTENV=${TRIBUTARY_TESTENV_DIR};TRIBUTARY_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()

# The shared test-support library: test environment lookup, screenshots, fake servers.
file(GLOB _tributary_support_sources CONFIGURE_DEPENDS
    ${CMAKE_CURRENT_LIST_DIR}/support/*.cpp ${CMAKE_CURRENT_LIST_DIR}/support/*.h
    ${CMAKE_CURRENT_LIST_DIR}/fakes/*.cpp ${CMAKE_CURRENT_LIST_DIR}/fakes/*.h)
add_library(tributary_testsupport STATIC ${_tributary_support_sources})
target_include_directories(tributary_testsupport PUBLIC ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(tributary_testsupport PUBLIC Qt6::Core Qt6::Network Qt6::Test)
target_compile_definitions(tributary_testsupport PUBLIC
    TRIBUTARY_TEST_DATA_DIR="${CMAKE_CURRENT_LIST_DIR}/data")
tributary_apply_settings(tributary_testsupport)
