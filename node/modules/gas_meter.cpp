#include "node/modules/gas_meter.h"

namespace allora::node {

bool GasMeter::consume(uint64_t amount, std::string_view descriptor) {
    if (exhausted_) return false;
    const uint64_t total =
        amount > kInfinite - consumed_ ? kInfinite : consumed_ + amount;  // saturate, never wrap
    consumed_ = total;
    if (total > limit_) {
        exhausted_ = true;
        where_ = std::string(descriptor);
        return false;
    }
    return true;
}

std::string GasMeter::outOfGasLog() const {
    return "out of gas in location: " + where_ + "; gasWanted: " + std::to_string(limit_) +
           ", gasUsed: " + std::to_string(consumed_);
}

}  // namespace allora::node
