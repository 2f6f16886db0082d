// The rules a new topic's fields follow on their own (PROTOCOL.md §5), without chain state: what
// CreateNewTopic's validateBasic checks after the creator's address. The rules that need state
// (min_epoch_length, max_string_length, the creation fee) are checked when the message runs.
// node/api/topic_rules.h offers the same check to the desktop's create-topic form.
#pragma once

#include <string>

#include "allora/emissions/v9/tx.pb.h"

namespace allora::node::emissions {

// "" when the fields are valid; else the first problem, naming the field (e.g. "p_norm 5 is
// outside [2.5, 4.5]").
std::string topicFieldsProblem(const ::emissions::v9::CreateNewTopicRequest& m);

}  // namespace allora::node::emissions
