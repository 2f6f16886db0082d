#include "node/participants/chain_client.h"

#include "allora/auth/v1/auth.pb.h"
#include "allora/chain/v1/chain.pb.h"
#include "core/encoding.h"
#include "node/chain/chain_params.h"
#include "node/chain/chain_query.h"

namespace allora::participants {

Result<std::optional<ChainClient::AccountState>> ChainClient::account(const std::string& address) {
    allora::chain::v1::QueryAccountRequest q;
    q.set_address(address);
    node::QueryRequest req;
    req.path = std::string(node::query_paths::kAccount);
    req.data = node::toBytes(q);
    node::QueryResponse r = api_.query(req);
    if (r.code == static_cast<uint32_t>(node::TxCode::UnknownAddress))
        return std::optional<AccountState>{};
    if (r.code != 0) return makeError(ErrorCode::Io, "account " + address + ": " + r.log);
    allora::auth::v1::Account a;
    if (!a.ParseFromArray(r.value.data(), static_cast<int>(r.value.size())))
        return makeError(ErrorCode::Corrupt, "account " + address + ": the answer does not decode");
    return std::optional<AccountState>(
        AccountState{a.base().account_number(), a.base().sequence()});
}

Result<Amount> ChainClient::feeFor(uint64_t gas) {
    if (!minGasPrice_) {
        auto params = query<allora::chain::v1::Params>(node::query_paths::kChainParams,
                                                       allora::chain::v1::Params{});
        if (!params) return params.error();
        minGasPrice_ = params->min_gas_price();
    }
    auto price = node::GasPrice::parse(*minGasPrice_);
    if (!price) return price.error();
    return price->feeFor(gas);
}

std::string ParticipantAccount::publicKeyHex() const {
    return toHex(ByteSpan(account_.publicKey.data(), account_.publicKey.size()));
}

Result<secp256k1::Signature> ParticipantAccount::signBytes(ByteSpan bytes) const {
    return secp256k1::sign(account_.privateKey, bytes);
}

Result<node::TxResult> ParticipantAccount::send(ChainClient& chain,
                                                std::vector<wallet::AnyMessage> messages,
                                                uint64_t gas) {
    if (chainId_.empty()) chainId_ = chain.status().chainId;
    if (!accountNumber_ || !nextSequence_) {
        auto state = chain.account(account_.address);
        if (!state) return state.error();
        if (!*state)
            return makeError(ErrorCode::NotFound,
                             "account " + account_.address + " does not exist: it needs funds");
        accountNumber_ = (*state)->number;
        nextSequence_ = (*state)->sequence;
    }
    auto fee = chain.feeFor(gas);
    if (!fee) return fee.error();
    wallet::TxSpec spec;
    spec.messages = std::move(messages);
    spec.fee.gasLimit = gas;
    if (!fee->isZero()) spec.fee.amount = {{"uallo", fee->toUalloString()}};
    spec.signerPublicKey = account_.publicKey;
    spec.sequence = *nextSequence_;
    auto tx = wallet::buildTx(spec);
    if (!tx) return tx.error();
    auto signature = secp256k1::sign(account_.privateKey, tx->signBytes(chainId_, *accountNumber_));
    if (!signature) return signature.error();
    const Bytes raw = tx->toTxRaw(*signature);
    node::CheckTxResult r = chain.broadcast(raw);
    if (r.result.ok()) {
        ++*nextSequence_;
    } else if (r.result.code == static_cast<uint32_t>(node::TxCode::InvalidSequence)) {
        nextSequence_.reset();  // re-read before the next tx
    }
    return r.result;
}

}  // namespace allora::participants
