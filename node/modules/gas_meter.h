// GasMeter: counts the gas a transaction uses against its limit, as the Cosmos SDK's basic meter
// does, and KvGasConfig: what each state access costs (the SDK's KVGasConfig defaults).
//
// Gas is what makes execution cost proportional to the work it causes: every store read and write
// goes through a KvStore (kv_store.h) that charges here, so a tx cannot do unbounded work for a
// fixed fee. Integer only, saturating at UINT64_MAX, so every node counts the same.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace allora::node {

struct KvGasConfig {
    uint64_t hasCost = 1000;
    uint64_t deleteCost = 1000;
    uint64_t readCostFlat = 1000;
    uint64_t readCostPerByte = 3;
    uint64_t writeCostFlat = 2000;
    uint64_t writeCostPerByte = 30;
    uint64_t iterNextCostFlat = 30;
};

class GasMeter {
public:
    static constexpr uint64_t kInfinite = std::numeric_limits<uint64_t>::max();

    explicit GasMeter(uint64_t limit = kInfinite) : limit_(limit) {}

    // Adds `amount`; returns false (and remembers where) when the total passes the limit. Once
    // exhausted the meter stays exhausted.
    bool consume(uint64_t amount, std::string_view descriptor);

    uint64_t limit() const { return limit_; }
    uint64_t consumed() const { return consumed_; }
    bool exhausted() const { return exhausted_; }
    // "out of gas in location: WriteFlat; gasWanted: 200000, gasUsed: 201000"
    std::string outOfGasLog() const;

    const KvGasConfig& kvConfig() const { return kv_; }

private:
    uint64_t limit_;
    uint64_t consumed_ = 0;
    bool exhausted_ = false;
    std::string where_;
    KvGasConfig kv_;
};

}  // namespace allora::node
