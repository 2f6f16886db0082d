# allora-cli's emissions commands: the argument and payload-document checks
# (app/cli/emissions_args.cpp compiled in) and the real binary refusing bad words with exit 2.
allora_add_test(test_cli_emissions_args
                SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_cli_emissions_args.cpp
                        ${CMAKE_SOURCE_DIR}/app/cli/emissions_args.cpp
                LIBS allora_node allora_wallet allora_core Boost::json Qt6::Core LABELS unit)
add_dependencies(test_cli_emissions_args allora-cli)
