# Scores, reputer consensus, reward fractions and the task split of PROTOCOL.md §7
# (node/modules/emissions), checked against the simulator's table synthesis_epochs_300_305.csv.
allora_add_test(test_scores_rewards SOURCES test_scores_rewards.cpp
                LIBS allora_node allora_core Boost::json LABELS unit)
