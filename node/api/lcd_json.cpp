#include "node/api/lcd_json.h"

#include <string_view>

#include "core/civil_time.h"
#include "core/encoding.h"
#include "cosmos/tx/v1beta1/tx.pb.h"
#include "node/api/proto_json.h"
#include "node/consensus/block_format.h"

namespace allora::node::api {

namespace json = boost::json;

namespace {

std::string u64(uint64_t v) {
    return std::to_string(v);
}

std::string b64(const std::string& field) {
    return toBase64(asBytes(field));
}

json::value pubKeyJson(const allora::auth::v1::BaseAccount& base) {
    if (!base.has_pub_key()) return nullptr;
    return anyToJson(base.pub_key().type_url(), asBytes(base.pub_key().value()));
}

json::object baseAccountFields(const allora::auth::v1::BaseAccount& base) {
    json::object o;
    o["address"] = base.address();
    o["pub_key"] = pubKeyJson(base);
    o["account_number"] = u64(base.account_number());
    o["sequence"] = u64(base.sequence());
    return o;
}

}  // namespace

std::string timestampText(int64_t unixNanos) {
    int64_t frac = unixNanos % 1'000'000'000;
    if (frac < 0) frac += 1'000'000'000;
    const int digits = frac == 0 ? 0 : frac % 1'000'000 == 0 ? 3 : frac % 1'000 == 0 ? 6 : 9;
    return formatRfc3339Nanos(unixNanos, digits);
}

std::string upperHex(ByteSpan bytes) {
    std::string s = toHex(bytes);
    for (char& c : s)
        if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
    return s;
}

json::object coinJson(const cosmos::base::v1beta1::Coin& coin) {
    json::object o;
    o["denom"] = coin.denom();
    o["amount"] = coin.amount();
    return o;
}

json::array coinsJson(const ProtoCoins& coins) {
    json::array a;
    for (const auto& c : coins) a.push_back(coinJson(c));
    return a;
}

json::object paginationJson(uint64_t total) {
    json::object o;
    o["next_key"] = nullptr;
    o["total"] = u64(total);
    return o;
}

json::object accountJson(const allora::auth::v1::Account& account) {
    using Schedule = allora::auth::v1::VestingSchedule;
    const auto& base = account.base();
    if (!account.has_vesting() || account.vesting().kind() == Schedule::KIND_UNSPECIFIED) {
        json::object o;
        o["@type"] = "/cosmos.auth.v1beta1.BaseAccount";
        for (auto& [k, v] : baseAccountFields(base)) o[k] = v;
        return o;
    }
    const Schedule& v = account.vesting();
    json::object bva;
    bva["base_account"] = baseAccountFields(base);
    bva["original_vesting"] = coinsJson(v.original_vesting());
    // Nothing is delegated until the staking module exists; the SDK prints empty lists then.
    bva["delegated_free"] = json::array();
    bva["delegated_vesting"] = json::array();
    bva["end_time"] = std::to_string(v.end_time());
    json::object o;
    if (v.kind() == Schedule::KIND_DELAYED) {
        o["@type"] = "/cosmos.vesting.v1beta1.DelayedVestingAccount";
        o["base_vesting_account"] = std::move(bva);
        return o;
    }
    o["@type"] = "/cosmos.vesting.v1beta1.ContinuousVestingAccount";
    o["base_vesting_account"] = std::move(bva);
    o["start_time"] = std::to_string(v.start_time());
    if (v.cliff_time() != 0) o["cliff_time"] = std::to_string(v.cliff_time());
    return o;
}

json::value txJson(ByteSpan txRaw) {
    // Lenient on purpose: this only shows what a block holds. The chain's strict decoder already
    // ruled on the tx, and its verdict is in the result next to it.
    cosmos::tx::v1beta1::TxRaw raw;
    if (txRaw.size() > static_cast<size_t>(INT32_MAX) ||
        !raw.ParseFromArray(txRaw.data(), static_cast<int>(txRaw.size())))
        return nullptr;
    cosmos::tx::v1beta1::Tx tx;
    if (!tx.mutable_body()->ParseFromString(raw.body_bytes()) ||
        !tx.mutable_auth_info()->ParseFromString(raw.auth_info_bytes()))
        return nullptr;
    for (const auto& s : raw.signatures()) tx.add_signatures(s);
    return protoToJson(tx);
}

json::array eventsJson(const std::vector<Event>& events) {
    json::array out;
    for (const Event& e : events) {
        json::array attrs;
        for (const EventAttribute& a : e.attributes) {
            json::object attr;
            attr["key"] = a.key;
            attr["value"] = a.value;
            // Our events are all indexed (the block store can search any of them).
            attr["index"] = true;
            attrs.push_back(std::move(attr));
        }
        json::object o;
        o["type"] = e.type;
        o["attributes"] = std::move(attrs);
        out.push_back(std::move(o));
    }
    return out;
}

namespace {

// The fields of a TxResponse that sync broadcasts and delivered txs share.
json::object txResponseBase(uint64_t height, const std::string& hashHex, uint32_t code,
                            const std::string& codespace, const std::string& log,
                            uint64_t gasWanted, uint64_t gasUsed) {
    json::object o;
    o["height"] = u64(height);
    o["txhash"] = hashHex;
    o["codespace"] = codespace;
    o["code"] = code;
    o["data"] = "";
    o["raw_log"] = log;
    o["logs"] = json::array();
    o["info"] = "";
    o["gas_wanted"] = u64(gasWanted);
    o["gas_used"] = u64(gasUsed);
    return o;
}

}  // namespace

json::object checkTxResponseJson(const Hash256& txHash, const CheckTxResult& result) {
    const TxResult& r = result.result;
    json::object o =
        txResponseBase(0, upperHex(txHash), r.code, r.codespace, r.log, r.gasWanted, r.gasUsed);
    o["tx"] = nullptr;
    o["timestamp"] = "";
    o["events"] = eventsJson(r.events);
    return o;
}

json::object deliveredTxResponseJson(const allora::chain::v1::QueryTxResponse& tx,
                                     int64_t blockTimeUnixNanos) {
    const auto& r = tx.result();
    json::object o = txResponseBase(tx.height(), upperHex(asBytes(tx.hash())), r.code(),
                                    r.codespace(), r.log(), r.gas_wanted(), r.gas_used());
    json::value decoded = txJson(asBytes(tx.tx()));
    if (decoded.is_object()) {
        json::object any;
        any["@type"] = "/cosmos.tx.v1beta1.Tx";
        for (auto& [k, v] : decoded.as_object()) any[k] = v;
        o["tx"] = std::move(any);
    } else {
        o["tx"] = nullptr;
    }
    // Cosmos prints the tx timestamp with whole seconds (Go's time.RFC3339).
    int64_t secs = blockTimeUnixNanos / 1'000'000'000;
    if (blockTimeUnixNanos % 1'000'000'000 < 0) --secs;
    o["timestamp"] = formatRfc3339(secs);
    std::vector<Event> events;
    for (const auto& e : r.events()) {
        Event ev{e.type(), {}};
        for (const auto& a : e.attributes()) ev.attributes.push_back({a.key(), a.value()});
        events.push_back(std::move(ev));
    }
    o["events"] = eventsJson(events);
    return o;
}

Result<json::object> blockJson(const allora::chain::v1::QueryBlockResponse& stored) {
    auto decoded = consensus::decodeBlock(asBytes(stored.block()));
    if (!decoded)
        return makeError(ErrorCode::Corrupt, "the stored block at height " +
                                                 std::to_string(stored.height()) +
                                                 " cannot be decoded: " + decoded.message());
    const consensus::pb::Block& block = *decoded;
    const consensus::pb::Header& h = block.header();

    json::object header;
    header["chain_id"] = h.chain_id();
    header["height"] = u64(h.height());
    header["time"] = timestampText(h.time_unix_nanos());
    json::object lastBlockId;
    lastBlockId["hash"] = b64(h.last_block_hash());
    header["last_block_id"] = std::move(lastBlockId);
    header["last_commit_hash"] = b64(h.last_commit_hash());
    header["data_hash"] = b64(h.data_hash());
    header["validators_hash"] = b64(h.validators_hash());
    header["app_hash"] = b64(h.app_hash());
    header["proposer_address"] = b64(h.proposer_address());

    json::array txs;
    for (const auto& tx : block.txs()) txs.push_back(json::string(b64(tx)));
    json::object data;
    data["txs"] = std::move(txs);

    json::value lastCommit = nullptr;
    if (block.has_last_commit()) {
        const consensus::pb::Commit& c = block.last_commit();
        json::object commit;
        commit["height"] = u64(c.height());
        commit["round"] = c.round();
        json::object id;
        id["hash"] = b64(c.block_hash());
        commit["block_id"] = std::move(id);
        json::array sigs;
        for (const auto& s : c.signatures()) {
            json::object sig;
            sig["block_id_flag"] = "BLOCK_ID_FLAG_COMMIT";
            sig["validator_address"] = b64(s.validator_address());
            sig["timestamp"] = timestampText(s.timestamp_unix_nanos());
            sig["signature"] = b64(s.signature());
            sigs.push_back(std::move(sig));
        }
        commit["signatures"] = std::move(sigs);
        lastCommit = std::move(commit);
    }

    json::object body;
    body["header"] = std::move(header);
    body["data"] = std::move(data);
    body["last_commit"] = std::move(lastCommit);
    json::object blockId;
    blockId["hash"] = b64(stored.hash());
    json::object out;
    out["block_id"] = std::move(blockId);
    out["block"] = std::move(body);
    return out;
}

json::object statusJson(const NodeStatus& s) {
    json::object nodeInfo;
    nodeInfo["moniker"] = s.moniker;
    nodeInfo["network"] = s.chainId;
    nodeInfo["version"] = s.version;

    json::object sync;
    // Before the first block there is no block hash; CometBFT prints an empty string then.
    sync["latest_block_hash"] = s.latestHeight == 0 ? std::string() : upperHex(s.latestBlockHash);
    sync["latest_app_hash"] = upperHex(s.latestAppHash);
    sync["latest_block_height"] = u64(s.latestHeight);
    sync["latest_block_time"] =
        s.latestHeight == 0 ? std::string() : timestampText(s.latestBlockTimeUnixNanos);
    sync["earliest_block_height"] = u64(s.earliestHeight);
    sync["catching_up"] = s.catchingUp;

    json::object validator;
    validator["address"] = upperHex(s.validatorAddress);
    if (s.validatorPubKey.empty()) {
        validator["pub_key"] = nullptr;
    } else {
        json::object pub;
        pub["type"] = "tendermint/PubKeyEd25519";
        pub["value"] = toBase64(s.validatorPubKey);
        validator["pub_key"] = std::move(pub);
    }
    validator["voting_power"] = std::to_string(s.votingPower);

    json::object mempool;
    mempool["txs"] = u64(s.mempoolTxs);
    mempool["bytes"] = u64(s.mempoolBytes);

    json::object o;
    o["node_info"] = std::move(nodeInfo);
    o["sync_info"] = std::move(sync);
    o["validator_info"] = std::move(validator);
    o["mempool"] = std::move(mempool);
    o["engine"] = s.engine;
    return o;
}

namespace {

json::array weightsJson(
    const google::protobuf::RepeatedPtrField<::emissions::v9::WorkerAttributedValue>& values) {
    json::array a;
    for (const auto& v : values) {
        json::object o;
        o["worker"] = v.worker();
        o["weight"] = v.value();
        a.push_back(std::move(o));
    }
    return a;
}

}  // namespace

json::object latestNetworkInferencesJson(const ::emissions::v9::NetworkInferences& n) {
    json::object o;
    o["network_inferences"] = protoToJson(n);
    o["inferer_weights"] = weightsJson(n.inferer_weights());
    o["forecaster_weights"] = weightsJson(n.forecaster_weights());
    json::array implied;
    for (const auto& v : n.forecaster_values()) {
        json::object x;
        x["worker"] = v.worker();
        x["value"] = v.value();
        implied.push_back(std::move(x));
    }
    o["forecast_implied_inferences"] = std::move(implied);
    o["inference_block_height"] = std::to_string(n.block_height());
    json::array percentiles, band;
    if (n.confidence_interval_values_size() > 0)
        for (const char* p : {"2.28", "15.87", "50", "84.13", "97.72"}) percentiles.push_back(p);
    for (const auto& v : n.confidence_interval_values()) band.push_back(json::string(v));
    o["confidence_interval_raw_percentiles"] = std::move(percentiles);
    o["confidence_interval_values"] = std::move(band);
    return o;
}

}  // namespace allora::node::api
