# The topic, inference, staking and node pages against a real in-process devnet with the demo
# topics and their reference participants; ends with screenshots of every page (light and dark)
# in tests/output/screenshots of the build tree.
if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/test_topic_pages.cpp)
  allora_add_test(test_topic_pages SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_topic_pages.cpp
                  ${CMAKE_CURRENT_LIST_DIR}/guitestutil.h
                  ${CMAKE_CURRENT_LIST_DIR}/guitestdevnet.h
                  LIBS allora_ui Qt6::Widgets LABELS gui)
  target_compile_definitions(test_topic_pages PRIVATE
    ALLORA_TEST_OUTPUT_DIR="${CMAKE_BINARY_DIR}/tests/output")
endif()
