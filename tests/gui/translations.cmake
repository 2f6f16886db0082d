# The committed translations/allora_en.ts is current (lupdate over the build's own list of UI
# sources finds the same messages), its plurals are filled in, and it is what is embedded.
allora_add_test(test_translations SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_translations.cpp
                LIBS allora_ui LABELS gui)
target_compile_definitions(test_translations PRIVATE
  ALLORA_LUPDATE="$<TARGET_FILE:Qt6::lupdate>"
  ALLORA_LUPDATE_OPTIONS="${ALLORA_LUPDATE_OPTIONS_FOR_TESTS}"
  ALLORA_LUPDATE_LIST="${ALLORA_LUPDATE_LIST}"
  ALLORA_TS_FILE="${PROJECT_SOURCE_DIR}/translations/allora_en.ts"
  ALLORA_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
