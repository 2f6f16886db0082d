#include "node/api/topic_rules.h"

#include "node/modules/emissions/topic_rules.h"

namespace allora::node::api {

std::string newTopicProblem(const ::emissions::v9::CreateNewTopicRequest& request) {
    return emissions::topicFieldsProblem(request);
}

}  // namespace allora::node::api
