#include "node/chain/chain_params.h"

#include <algorithm>

#include "node/modules/proto_util.h"

namespace allora::node {

namespace {
const Bytes kParamsKey = allora::toBytes("chain/params");
}

Result<GasPrice> GasPrice::parse(std::string_view decimal) {
    const auto dot = decimal.find('.');
    std::string_view whole = decimal.substr(0, dot);
    std::string_view frac =
        dot == std::string_view::npos ? std::string_view{} : decimal.substr(dot + 1);
    auto digits = [](std::string_view s) {
        return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (whole.empty() || !digits(whole) || !digits(frac) || frac.size() > 18 ||
        (dot != std::string_view::npos && frac.empty())) {
        return makeError(ErrorCode::InvalidArgument,
                         "invalid gas price \"" + std::string(decimal) +
                             "\": expected a decimal like 10 or 0.025 (at most 18 decimals)");
    }
    std::string scaled(whole);
    scaled += frac;
    scaled.append(18 - frac.size(), '0');
    auto atto = Amount::parse(scaled);
    if (!atto) return atto.error();
    return GasPrice{*atto};
}

Result<Amount> GasPrice::feeFor(uint64_t gas) const {
    using Wide = boost::multiprecision::uint512_t;
    const Wide product = Wide(atto.uallo()) * gas;
    const Wide scale = Wide(Amount::kUalloPerAllo);
    const Wide fee = (product + scale - 1) / scale;  // round up: the fee must cover all the gas
    if (fee > Wide(Amount::max().uallo()))
        return makeError(ErrorCode::Overflow, "required fee does not fit 256 bits");
    return Amount::fromInt(static_cast<Amount::Int>(fee));
}

Result<ChainParams> loadChainParams(const KvStore& store) {
    thread_local Bytes raw;  // one buffer for every read on this thread
    auto found = store.getInto(kParamsKey, raw);
    if (!found) return found.error();
    if (!*found) return makeError(ErrorCode::NotFound, "chain params are not set (no genesis?)");
    thread_local ParseMemo<ChainParams> memo;  // read by every tx, changed by governance only
    const ChainParams* p = memo.parse(raw);
    if (p == nullptr) return makeError(ErrorCode::Corrupt, "chain params do not decode");
    return *p;
}

Result<GasPrice> minGasPrice(const ChainParams& params) {
    struct Last {
        std::string text;
        GasPrice price;
        bool valid = false;
    };
    thread_local Last last;
    const std::string& text = params.min_gas_price();
    if (last.valid && last.text == text) return last.price;
    auto price = GasPrice::parse(text);
    if (!price) return price;  // failures are not kept: each gets its own message again
    last.text = text;
    last.price = *price;
    last.valid = true;
    return price;
}

Status storeChainParams(KvStore& store, const ChainParams& params) {
    return store.set(kParamsKey, node::toBytes(params));
}

Status validateChainParams(const ChainParams& params) {
    if (auto price = GasPrice::parse(params.min_gas_price()); !price) return price.error();
    if (params.block_max_bytes() == 0)
        return makeError(ErrorCode::InvalidArgument, "block_max_bytes must be positive");
    return {};
}

}  // namespace allora::node
