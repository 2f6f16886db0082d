# The emissions module on a real chain (node/modules/emissions: keeper, messages, payloads, the
# end-block step and queries): real SQLite files, real signed transactions.
foreach(emissions_test test_emissions_topics test_emissions_stake test_emissions_payloads)
  if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/${emissions_test}.cpp)
    allora_add_test(${emissions_test} SOURCES ${CMAKE_CURRENT_LIST_DIR}/${emissions_test}.cpp
                    LIBS allora_node allora_wallet allora_core Boost::json Qt6::Core LABELS unit)
  endif()
endforeach()
# The epoch close: EMA scores, sortition, initial regret, rewards, topic weights; window edges,
# UpdateParams, payload gas.
allora_add_test(test_emissions_rewards SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_emissions_rewards.cpp
                LIBS allora_node allora_wallet allora_core Boost::json Qt6::Core LABELS unit)
