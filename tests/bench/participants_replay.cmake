# replay_participants: the devnet demo topics replayed offline through the reference models and
# forecasters, the chain's synthesis, regrets and losses (tests/unit/participants_replay.h), for
# choosing topic parameters; prints tables, asserts nothing (test_participants_replay asserts).
add_executable(replay_participants ${CMAKE_CURRENT_LIST_DIR}/replay_participants.cpp)
target_include_directories(replay_participants PRIVATE ${PROJECT_SOURCE_DIR})
target_link_libraries(replay_participants PRIVATE allora_participants allora_node allora_core)
set_target_properties(replay_participants PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
