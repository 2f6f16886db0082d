# Deterministic math (core/dmath) and the inference synthesis of PROTOCOL.md §6
# (node/modules/emissions), with the case-contract JSON used by `allora-cli debug synthesize`.
allora_add_test(test_dmath SOURCES test_dmath.cpp LIBS allora_core LABELS unit)
allora_add_test(test_synthesis SOURCES test_synthesis.cpp
                LIBS allora_node allora_core Boost::json LABELS unit)
allora_add_test(test_synthesis_regrets SOURCES test_synthesis_regrets.cpp
                LIBS allora_node allora_core Boost::json LABELS unit)
allora_add_test(test_synthesis_case SOURCES test_synthesis_case.cpp
                LIBS allora_node allora_core Boost::json LABELS unit)
