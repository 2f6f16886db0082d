#include "node/modules/kv_store.h"

namespace allora::node {

namespace {
uint64_t times(uint64_t perByte, size_t n) {
    const auto bytes = static_cast<uint64_t>(n);
    if (perByte != 0 && bytes > GasMeter::kInfinite / perByte) return GasMeter::kInfinite;
    return perByte * bytes;
}
}  // namespace

Status KvStore::charge(uint64_t amount, std::string_view descriptor) const {
    if (gas_ == nullptr || gas_->consume(amount, descriptor)) return {};
    return makeError(ErrorCode::Overflow, gas_->outOfGasLog());
}

Result<std::optional<Bytes>> KvStore::get(ByteSpan key) const {
    if (gas_ != nullptr) {
        const auto& c = gas_->kvConfig();
        if (auto s = charge(c.readCostFlat, "ReadFlat"); !s) return s.error();
        if (auto s = charge(times(c.readCostPerByte, key.size()), "ReadPerByte"); !s)
            return s.error();
    }
    auto value = state_.get(key);
    if (!value) return value;
    if (gas_ != nullptr && value->has_value()) {
        if (auto s =
                charge(times(gas_->kvConfig().readCostPerByte, (*value)->size()), "ReadPerByte");
            !s)
            return s.error();
    }
    return value;
}

Result<bool> KvStore::getInto(ByteSpan key, Bytes& out) const {
    if (gas_ != nullptr) {
        const auto& c = gas_->kvConfig();
        if (auto s = charge(c.readCostFlat, "ReadFlat"); !s) return s.error();
        if (auto s = charge(times(c.readCostPerByte, key.size()), "ReadPerByte"); !s)
            return s.error();
    }
    auto found = state_.getInto(key, out);
    if (!found) return found;
    if (gas_ != nullptr && *found) {
        if (auto s = charge(times(gas_->kvConfig().readCostPerByte, out.size()), "ReadPerByte"); !s)
            return s.error();
    }
    return found;
}

Status KvStore::set(ByteSpan key, ByteSpan value) {
    if (gas_ != nullptr) {
        const auto& c = gas_->kvConfig();
        if (auto s = charge(c.writeCostFlat, "WriteFlat"); !s) return s;
        if (auto s = charge(times(c.writeCostPerByte, key.size() + value.size()), "WritePerByte");
            !s)
            return s;
    }
    state_.set(key, value);
    return {};
}

Status KvStore::remove(ByteSpan key) {
    if (gas_ != nullptr) {
        if (auto s = charge(gas_->kvConfig().deleteCost, "Delete"); !s) return s;
    }
    state_.remove(key);
    return {};
}

Status KvStore::forEachPrefix(ByteSpan prefix, const StateReader::Visitor& visit) const {
    Status failure;
    auto status = state_.forEachPrefix(prefix, [&](ByteSpan key, ByteSpan value) {
        if (gas_ != nullptr) {
            const auto& c = gas_->kvConfig();
            failure = charge(c.iterNextCostFlat, "IterNextFlat");
            if (failure.ok())
                failure =
                    charge(times(c.readCostPerByte, key.size() + value.size()), "ValuePerByte");
            if (!failure.ok()) return false;
        }
        return visit(key, value);
    });
    if (!status) return status;
    return failure;
}

}  // namespace allora::node
