# The per-epoch topic history (node/modules/emissions/topic_history.h) on a real chain: records
# written at the worker close and filled in at the reputer close, paging, the 1000-epoch bound,
# refused requests.
allora_add_test(test_topic_history SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_topic_history.cpp
                LIBS allora_node allora_wallet allora_core Boost::json Qt6::Core LABELS unit)
