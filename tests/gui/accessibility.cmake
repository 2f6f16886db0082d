# Keyboard navigation and accessible names of every page and of the first-run wizard (issue 6,
# item 9): offscreen widgets, no node.
allora_add_test(test_accessibility SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_accessibility.cpp
                ${CMAKE_CURRENT_LIST_DIR}/guitestutil.h
                ${CMAKE_CURRENT_LIST_DIR}/guitestdevnet.h
                LIBS allora_ui Qt6::Widgets LABELS gui)
