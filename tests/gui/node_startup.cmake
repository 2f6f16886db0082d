# allora-qt's start on an existing local network: the chain is readable (the overview's balances)
# while the keys unlock, a wrong password leaves it readable but not running, the right one then
# starts it; a home that never started needs the key first. Real node and Argon2id, offscreen.
allora_add_test(test_node_startup SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_node_startup.cpp
                ${CMAKE_CURRENT_LIST_DIR}/guitestutil.h
                LIBS allora_ui Qt6::Widgets LABELS gui)
