// The chain-level parameters (allora.chain.v1.Params): minimum gas price and block limits. Chain
// state, set at genesis ("chain/params"), read by the ante handler and the proposal checks.
#pragma once

#include <cstdint>
#include <string_view>

#include "allora/chain/v1/chain.pb.h"
#include "core/amount.h"
#include "core/result.h"
#include "node/modules/kv_store.h"

namespace allora::node {

using ChainParams = allora::chain::v1::Params;

// A gas price as an exact rational: numerator / 10^18 uallo per gas.
struct GasPrice {
    Amount atto;  // the price × 10^18

    // "10", "0.025" (at most 18 fractional digits).
    static Result<GasPrice> parse(std::string_view decimal);
    // ceil(price × gas), the least fee that pays for `gas`.
    Result<Amount> feeFor(uint64_t gas) const;
};

Result<ChainParams> loadChainParams(const KvStore& store);
// GasPrice::parse(params.min_gas_price()), remembered for the last string parsed on this thread
// (every tx needs it; governance alone changes it). A pure function of the string: the memo
// changes no result.
Result<GasPrice> minGasPrice(const ChainParams& params);
Status storeChainParams(KvStore& store, const ChainParams& params);
// Checks a params record (a parsable gas price, non-zero block size).
Status validateChainParams(const ChainParams& params);

}  // namespace allora::node
