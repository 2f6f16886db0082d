// The stateless rules of a new topic (PROTOCOL.md §5) for code outside the chain that fills in a
// CreateNewTopic before signing it (the desktop's create-topic form): the same check the chain
// runs, so a form never promises what the chain refuses. The rules that need chain state
// (min_epoch_length, max_string_length, the fee) come from the emissions params query.
#pragma once

#include <string>

#include "allora/emissions/v9/tx.pb.h"

namespace allora::node::api {

// "" when the fields (all but the creator) are valid; else the first problem, naming the field.
std::string newTopicProblem(const ::emissions::v9::CreateNewTopicRequest& request);

}  // namespace allora::node::api
