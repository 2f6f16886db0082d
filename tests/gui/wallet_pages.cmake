# The wallet pages (overview, send, receive, history, address book) against a real in-process
# devnet and a real file keyring. Set ALLORA_SCREENSHOT_DIR for PNGs of each page at 1280×800.
if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/test_wallet_pages.cpp)
  allora_add_test(test_wallet_pages SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_wallet_pages.cpp
                  ${CMAKE_CURRENT_LIST_DIR}/guitestutil.h
                  LIBS allora_ui Qt6::Widgets LABELS gui)
endif()
