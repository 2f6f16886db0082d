# `allora-cli tx emissions …` and `q emissions …` against a real allorad on loopback: topic,
# registrations, stake, delegation, funding, a signed worker payload, refused bad arguments.
allora_add_test(test_cli_emissions SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_cli_emissions.cpp
                LIBS allora_node allora_wallet allora_core Qt6::Core LABELS integration)
add_dependencies(test_cli_emissions allorad allora-cli)
