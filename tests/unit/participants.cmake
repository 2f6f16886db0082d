# The reference participants' pure parts (node/participants): the embedded data sets, the worker
# models and forecasts, the reputers' losses and value bundles.
foreach(participant_test test_participant_models test_participant_losses)
  allora_add_test(${participant_test} SOURCES ${CMAKE_CURRENT_LIST_DIR}/${participant_test}.cpp
                  LIBS allora_participants allora_node allora_core Qt6::Core LABELS unit)
  # The models test compares the embedded series with the files of resources/data.
  target_compile_definitions(${participant_test} PRIVATE ALLORA_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
endforeach()
