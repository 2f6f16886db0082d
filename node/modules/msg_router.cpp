#include "node/modules/msg_router.h"

namespace allora::node {

bool MsgRouter::add(std::string typeUrl, std::shared_ptr<const MsgHandler> handler) {
    return handlers_.emplace(std::move(typeUrl), std::move(handler)).second;
}

const MsgHandler* MsgRouter::find(std::string_view typeUrl) const {
    auto it = handlers_.find(typeUrl);
    return it == handlers_.end() ? nullptr : it->second.get();
}

std::vector<std::string> MsgRouter::typeUrls() const {
    std::vector<std::string> out;
    for (const auto& [url, handler] : handlers_) out.push_back(url);
    return out;
}

}  // namespace allora::node
