# Staking-rewards notifications and every page at devicePixelRatio 2, on a real in-process devnet
# with the demo topics; the pages' PNGs (<page>-hidpi.png) go next to the other screenshots in
# tests/output/screenshots of the build tree.
allora_add_test(test_rewards_hidpi SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_rewards_hidpi.cpp
                ${CMAKE_CURRENT_LIST_DIR}/guitestutil.h
                ${CMAKE_CURRENT_LIST_DIR}/guitestdevnet.h
                LIBS allora_ui Qt6::Widgets LABELS gui)
target_compile_definitions(test_rewards_hidpi PRIVATE
  ALLORA_TEST_OUTPUT_DIR="${CMAKE_BINARY_DIR}/tests/output")
set_property(TEST test_rewards_hidpi APPEND PROPERTY ENVIRONMENT QT_SCALE_FACTOR=2)
