// The HTTP API's LCD routes (node/api/lcd_routes.h) driven through Router::dispatch, no sockets,
// against a real node: ChainApp on SQLite with the devnet genesis, its mempool and a SoloEngine
// (lcd_test_node.h). Balances and accounts before and after a committed MsgSend, broadcasts
// accepted and rejected with the chain's codes, the token on the write route, txs by hash with
// their results and decoded bodies, blocks, /status, the node config, vesting accounts, and a 4xx
// JSON error for every malformed input.
#include <boost/json.hpp>

#include "core/civil_time.h"
#include "cosmos/bank/v1beta1/tx.pb.h"
#include "lcd_test_node.h"
#include "node/api/lcd_routes.h"
#include "node/api/proto_json.h"
#include "node/rpc/url.h"

using namespace lcdtest;
namespace json = boost::json;
using allora::node::rpc::percentEncode;
using allora::node::rpc::Request;
using allora::node::rpc::Response;
using allora::node::rpc::Router;

namespace {

constexpr const char* kToken = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

struct Reply {
    unsigned status = 0;
    json::value body;
    std::string text;
    // The gateway error's code, or -1 when the body is not a gateway error.
    int64_t code() const {
        if (!body.is_object() || !body.as_object().contains("code") ||
            !body.as_object().contains("message") || !body.as_object().contains("details"))
            return -1;
        return body.at("code").as_int64();
    }
    std::string message() const {
        return body.is_object() && body.as_object().contains("message")
                   ? std::string(body.at("message").as_string())
                   : std::string();
    }
    const json::value& at(std::string_view pointer) const { return body.at_pointer(pointer); }
    std::string str(std::string_view pointer) const {
        return std::string(body.at_pointer(pointer).as_string());
    }
};

std::string upperHex(ByteSpan b) {
    return QString::fromStdString(toHex(b)).toUpper().toStdString();
}

class Api {
public:
    explicit Api(TestNode& node) : router_(allora::node::api::makeLcdRouter(*node.api)) {}

    Reply get(const std::string& target) { return send("GET", target, {}, true); }
    Reply post(const std::string& target, const std::string& body, bool withToken = true) {
        return send("POST", target, body, withToken);
    }
    Reply broadcast(ByteSpan tx, const std::string& mode = "BROADCAST_MODE_SYNC") {
        json::object o;
        o["tx_bytes"] = toBase64(tx);
        o["mode"] = mode;
        return post("/cosmos/tx/v1beta1/txs", json::serialize(o));
    }
    const Router& router() const { return router_; }

private:
    Reply send(const std::string& method, const std::string& target, const std::string& body,
               bool withToken) {
        Request req;
        req.method = method;
        req.target = target;
        req.body = body;
        req.clientAddress = "127.0.0.1";
        if (withToken) req.headers["authorization"] = std::string("Bearer ") + kToken;
        Response r = router_.dispatch(req, kToken);
        Reply out;
        out.status = r.status;
        out.text = r.body;
        if (r.contentType != "application/json") qFatal("not JSON: %s", r.contentType.c_str());
        json::error_code ec;
        out.body = json::parse(r.body, ec);
        if (ec) qFatal("invalid JSON from %s: %s", target.c_str(), r.body.c_str());
        return out;
    }

    Router router_;
};

// A 4xx gateway error with this gRPC code.
#define EXPECT_ERROR(reply, httpStatus, grpcCode)             \
    do {                                                      \
        const Reply& r_ = (reply);                            \
        QVERIFY2(r_.status == (httpStatus), r_.text.c_str()); \
        QVERIFY2(r_.code() == (grpcCode), r_.text.c_str());   \
        QVERIFY2(!r_.message().empty(), r_.text.c_str());     \
    } while (0)

std::string amountOf(const Reply& r, const char* listPointer) {
    for (const auto& c : r.at(listPointer).as_array())
        if (c.at("denom").as_string() == "uallo") return std::string(c.at("amount").as_string());
    return "0";
}

}  // namespace

class TestLcdRoutes : public QObject {
    Q_OBJECT

    const Keys& k = keys();

private Q_SLOTS:
    void everyRouteIsBlockingAndOnlyBroadcastNeedsTheToken() {
        TestNode node;
        Api api(node);
        QVERIFY(api.router().routes().size() >= 12);
        for (const auto& route : api.router().routes()) {
            QVERIFY2(route.options.blocking, route.pattern.c_str());
            QCOMPARE(route.options.requiresAuth, route.method == "POST");
        }
    }

    void sendChangesBalancesAndAccount() {
        TestNode node;
        Api api(node);
        const std::string alice = k.alice.address(), bob = k.bob.address();

        Reply before = api.get("/cosmos/bank/v1beta1/balances/" + alice);
        QCOMPARE(before.status, 200u);
        QCOMPARE(amountOf(before, "/balances"), std::string("1000000000000000000000"));
        QCOMPARE(before.str("/pagination/total"), std::string("1"));
        QVERIFY(before.at("/pagination/next_key").is_null());

        Reply acc = api.get("/cosmos/auth/v1beta1/accounts/" + alice);
        QCOMPARE(acc.status, 200u);
        QCOMPARE(acc.str("/account/@type"), std::string("/cosmos.auth.v1beta1.BaseAccount"));
        QCOMPARE(acc.str("/account/address"), alice);
        QCOMPARE(acc.str("/account/account_number"), std::string("0"));
        QCOMPARE(acc.str("/account/sequence"), std::string("0"));
        QVERIFY(acc.at("/account/pub_key").is_null());  // no tx signed yet

        const Bytes tx = signedSend(k.alice, {.to = bob, .amount = "1000"});
        Reply sent = api.broadcast(tx);
        QCOMPARE(sent.status, 200u);
        QCOMPARE(sent.at("/tx_response/code").as_int64(), int64_t{0});
        QCOMPARE(sent.str("/tx_response/txhash"), upperHex(sha256(tx)));
        QCOMPARE(sent.str("/tx_response/height"), std::string("0"));
        QCOMPARE(sent.str("/tx_response/gas_wanted"), std::to_string(kGas));
        QVERIFY(sent.at("/tx_response/logs").as_array().empty());
        QVERIFY(node.waitForTx(sha256(tx)));

        Reply after = api.get("/cosmos/bank/v1beta1/balances/" + alice);
        QCOMPARE(amountOf(after, "/balances"),
                 std::string("999999999999997999000"));  // 1000 ALLO − 1000 − 2 000 000 fee
        Reply bobAfter = api.get("/cosmos/bank/v1beta1/balances/" + bob);
        QCOMPARE(amountOf(bobAfter, "/balances"), std::string("5000000000000001000"));
        Reply byDenom = api.get("/cosmos/bank/v1beta1/balances/" + bob + "/by_denom?denom=uallo");
        QCOMPARE(byDenom.status, 200u);
        QCOMPARE(byDenom.str("/balance/denom"), std::string("uallo"));
        QCOMPARE(byDenom.str("/balance/amount"), std::string("5000000000000001000"));
        Reply otherDenom =
            api.get("/cosmos/bank/v1beta1/balances/" + bob + "/by_denom?denom=ustake");
        QCOMPARE(otherDenom.str("/balance/amount"), std::string("0"));

        Reply accAfter = api.get("/cosmos/auth/v1beta1/accounts/" + alice);
        QCOMPARE(accAfter.str("/account/sequence"), std::string("1"));
        QCOMPARE(accAfter.str("/account/pub_key/@type"),
                 std::string("/cosmos.crypto.secp256k1.PubKey"));
        QCOMPARE(accAfter.str("/account/pub_key/key"), toBase64(k.alice.account.publicKey));

        // Fees are kept by the fee collector: the supply does not change.
        Reply supply = api.get("/cosmos/bank/v1beta1/supply");
        QCOMPARE(supply.status, 200u);
        QCOMPARE(amountOf(supply, "/supply"), node.supply().toUalloString());
        Reply supplyDenom = api.get("/cosmos/bank/v1beta1/supply/by_denom?denom=uallo");
        QCOMPARE(supplyDenom.str("/amount/amount"), node.supply().toUalloString());
    }

    void txByHashHasResultAndDecodedBody() {
        TestNode node;
        Api api(node);
        const Bytes tx =
            signedSend(k.alice, {.to = k.bob.address(), .amount = "777", .memo = "hi"});
        QVERIFY(node.commit(tx));
        const std::string hash = upperHex(sha256(tx));

        for (const std::string& spelled :
             {hash, QString::fromStdString(hash).toLower().toStdString()}) {
            Reply r = api.get("/cosmos/tx/v1beta1/txs/" + spelled);
            QCOMPARE(r.status, 200u);
            QCOMPARE(r.str("/tx_response/txhash"), hash);
        }
        Reply r = api.get("/cosmos/tx/v1beta1/txs/" + hash);
        QCOMPARE(r.str("/tx_response/height"), std::string("1"));
        QCOMPARE(r.at("/tx_response/code").as_int64(), int64_t{0});
        QCOMPARE(r.str("/tx_response/codespace"), std::string(""));
        QCOMPARE(r.str("/tx_response/gas_wanted"), std::string("200000"));
        QVERIFY(std::stoull(r.str("/tx_response/gas_used")) > 0);
        // Block 1's time: the genesis time (the test clock is stuck before it).
        QCOMPARE(r.str("/tx_response/timestamp"), std::string("2026-01-01T00:00:00Z"));
        bool sawTransfer = false;
        for (const auto& e : r.at("/tx_response/events").as_array()) {
            if (e.at("type").as_string() != "transfer") continue;
            for (const auto& a : e.at("attributes").as_array()) {
                QVERIFY(a.at("index").as_bool());
                if (a.at("key").as_string() == "amount" && a.at("value").as_string() == "777uallo")
                    sawTransfer = true;
            }
        }
        QVERIFY(sawTransfer);

        // The decoded tx, both at top level and inside tx_response as an Any.
        for (const char* root : {"/tx", "/tx_response/tx"}) {
            const std::string p = root;
            const json::value& msg = r.at(p + "/body/messages/0");
            QCOMPARE(std::string(msg.at("@type").as_string()),
                     std::string("/cosmos.bank.v1beta1.MsgSend"));
            QCOMPARE(std::string(msg.at("from_address").as_string()), k.alice.address());
            QCOMPARE(std::string(msg.at("to_address").as_string()), k.bob.address());
            QCOMPARE(std::string(msg.at("amount").at(0).at("amount").as_string()),
                     std::string("777"));
            QCOMPARE(r.str(p + "/body/memo"), std::string("hi"));
            QCOMPARE(r.str(p + "/body/timeout_height"), std::string("0"));
            QCOMPARE(r.str(p + "/auth_info/fee/gas_limit"), std::string("200000"));
            QCOMPARE(r.str(p + "/auth_info/fee/amount/0/amount"), std::to_string(kFee));
            QCOMPARE(r.str(p + "/auth_info/signer_infos/0/public_key/key"),
                     toBase64(k.alice.account.publicKey));
            QCOMPARE(r.str(p + "/auth_info/signer_infos/0/mode_info/single/mode"),
                     std::string("SIGN_MODE_DIRECT"));
            QCOMPARE(r.str(p + "/auth_info/signer_infos/0/sequence"), std::string("0"));
            QCOMPARE(fromBase64(r.str(p + "/signatures/0"))->size(), size_t{64});
        }
        QCOMPARE(r.str("/tx_response/tx/@type"), std::string("/cosmos.tx.v1beta1.Tx"));

        // A tx that failed in its block is found with its code and log. CheckTx keeps such txs
        // out of the engine's blocks, so this block is made by calling the app directly (as the
        // chain tests do) after stopping the engine: dave's 100 uallo cannot pay the fee.
        node.engine->stop();
        const Bytes poor =
            signedSend(k.dave, {.to = k.bob.address(), .amount = "1", .accountNumber = 3});
        const FinalizeBlockResponse delivered = node.node.block({poor});
        QCOMPARE(delivered.txResults.at(0).code, uint32_t(TxCode::InsufficientFunds));
        Reply failed = api.get("/cosmos/tx/v1beta1/txs/" + upperHex(sha256(poor)));
        QCOMPARE(failed.status, 200u);
        QCOMPARE(failed.at("/tx_response/code").as_int64(), int64_t(TxCode::InsufficientFunds));
        QCOMPARE(failed.str("/tx_response/codespace"), std::string("sdk"));
        QCOMPARE(failed.str("/tx_response/raw_log"), delivered.txResults[0].log);
        QCOMPARE(failed.str("/tx_response/height"), std::string("2"));
        QCOMPARE(failed.str("/tx_response/timestamp"), formatRfc3339(kGenesisTime + 10));
    }

    void broadcastRejections() {
        TestNode node;
        Api api(node);
        const std::string bob = k.bob.address();

        // A signature that does not verify: code 4 (unauthorized), HTTP 200 as the LCD answers.
        auto unsignedTx = unsignedSend(k.alice, {.to = bob});
        auto sig = signTx(k.alice, unsignedTx, kChainId, 0);
        sig[5] ^= 0x01;
        Reply badSig = api.broadcast(unsignedTx.toTxRaw(sig));
        QCOMPARE(badSig.status, 200u);
        QCOMPARE(badSig.at("/tx_response/code").as_int64(), int64_t(TxCode::Unauthorized));
        QCOMPARE(badSig.str("/tx_response/codespace"), std::string("sdk"));
        QVERIFY2(!badSig.str("/tx_response/raw_log").empty(), badSig.text.c_str());

        // Wrong sequence: code 3 and the chain's explanation.
        Reply badSeq = api.broadcast(signedSend(k.alice, {.to = bob, .sequence = 7}));
        QCOMPARE(badSeq.status, 200u);
        QCOMPARE(badSeq.at("/tx_response/code").as_int64(), int64_t(TxCode::InvalidSequence));
        QVERIFY2(badSeq.str("/tx_response/raw_log").find("sequence") != std::string::npos,
                 badSeq.text.c_str());

        // Too small a fee: code 13.
        Reply cheap = api.broadcast(signedSend(k.alice, {.to = bob, .fee = "1"}));
        QCOMPARE(cheap.at("/tx_response/code").as_int64(), int64_t(TxCode::InsufficientFee));

        // Bytes that are base64 but not a tx: code 2 from CheckTx.
        Reply junk = api.broadcast(toBytes("not a transaction"));
        QCOMPARE(junk.status, 200u);
        QCOMPARE(junk.at("/tx_response/code").as_int64(), int64_t(TxCode::TxDecode));

        // ASYNC is accepted and answered like SYNC; the numeric form of SYNC too.
        Reply async = api.broadcast(signedSend(k.alice, {.to = bob}), "BROADCAST_MODE_ASYNC");
        QCOMPARE(async.at("/tx_response/code").as_int64(), int64_t{0});
        Reply numeric = api.post("/cosmos/tx/v1beta1/txs",
                                 R"({"tx_bytes":")" +
                                     toBase64(signedSend(k.alice, {.to = bob, .sequence = 1})) +
                                     R"(","mode":2})");
        QCOMPARE(numeric.at("/tx_response/code").as_int64(), int64_t{0});

        // The write route needs the token.
        const std::string body = R"({"tx_bytes":"AAAA","mode":"BROADCAST_MODE_SYNC"})";
        EXPECT_ERROR(api.post("/cosmos/tx/v1beta1/txs", body, false), 401u, 16);
        Request wrong;
        wrong.method = "POST";
        wrong.target = "/cosmos/tx/v1beta1/txs";
        wrong.body = body;
        wrong.headers["authorization"] = "Bearer " + std::string(64, 'f');
        QCOMPARE(api.router().dispatch(wrong, kToken).status, 401u);
    }

    void malformedBroadcastsAre400() {
        TestNode node;
        Api api(node);
        const std::string tx = toBase64(signedSend(k.alice, {.to = k.bob.address()}));
        const std::string path = "/cosmos/tx/v1beta1/txs";
        EXPECT_ERROR(api.post(path, "{not json"), 400u, 3);
        EXPECT_ERROR(api.post(path, ""), 400u, 3);
        EXPECT_ERROR(api.post(path, "[1,2]"), 400u, 3);
        EXPECT_ERROR(api.post(path, R"({"tx_bytes":"%%%","mode":"BROADCAST_MODE_SYNC"})"), 400u, 3);
        EXPECT_ERROR(api.post(path, R"({"tx_bytes":12,"mode":"BROADCAST_MODE_SYNC"})"), 400u, 3);
        Reply empty = api.post(path, R"({"tx_bytes":"","mode":"BROADCAST_MODE_SYNC"})");
        EXPECT_ERROR(empty, 400u, 3);
        QCOMPARE(empty.message(), std::string("invalid empty tx"));
        EXPECT_ERROR(api.post(path, R"({"mode":"BROADCAST_MODE_SYNC"})"), 400u, 3);
        Reply noMode = api.post(path, R"({"tx_bytes":")" + tx + R"("})");
        EXPECT_ERROR(noMode, 400u, 3);
        QVERIFY(noMode.message().find("BROADCAST_MODE_SYNC") != std::string::npos);
        EXPECT_ERROR(api.post(path, R"({"tx_bytes":")" + tx + R"(","mode":"SYNC"})"), 400u, 3);
        EXPECT_ERROR(api.post(path, R"({"tx_bytes":")" + tx + R"(","mode":9})"), 400u, 3);
        EXPECT_ERROR(api.post(path, R"({"tx_bytes":")" + tx + R"(","mode":true})"), 400u, 3);
        Reply block =
            api.post(path, R"({"tx_bytes":")" + tx + R"(","mode":"BROADCAST_MODE_BLOCK"})");
        EXPECT_ERROR(block, 400u, 3);
        QVERIFY2(block.message().find("deprecated") != std::string::npos, block.text.c_str());
        Reply unknown =
            api.post(path, R"({"tx_bytes":")" + tx + R"(","mode":"BROADCAST_MODE_SYNC","x":1})");
        EXPECT_ERROR(unknown, 400u, 3);
        QVERIFY(unknown.message().find("\"x\"") != std::string::npos);
        // The camelCase spelling of the gateway is understood.
        Reply camel = api.post(path, R"({"txBytes":")" + tx + R"(","mode":"BROADCAST_MODE_SYNC"})");
        QCOMPARE(camel.at("/tx_response/code").as_int64(), int64_t{0});
        // Nothing malformed reached the mempool.
        QCOMPARE(node.pool->size(), size_t{1});
    }

    void malformedReadsAre4xx() {
        TestNode node;
        Api api(node);
        const std::string bad[] = {
            "allo1xyz",
            "cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu",  // another prefix
            k.alice.address().substr(0, 30),                  // truncated
            k.alice.address() + "q",                          // checksum
        };
        for (const std::string& a : bad) {
            const std::string e = percentEncode(a);
            for (const std::string& target :
                 {"/cosmos/bank/v1beta1/balances/" + e,
                  "/cosmos/bank/v1beta1/spendable_balances/" + e,
                  "/cosmos/bank/v1beta1/balances/" + e + "/by_denom?denom=uallo",
                  "/cosmos/auth/v1beta1/accounts/" + e}) {
                Reply r = api.get(target);
                EXPECT_ERROR(r, 400u, 3);
                QVERIFY2(r.message().find("address") != std::string::npos, r.text.c_str());
            }
        }
        // by_denom needs a valid denom.
        const std::string alice = k.alice.address();
        EXPECT_ERROR(api.get("/cosmos/bank/v1beta1/balances/" + alice + "/by_denom"), 400u, 3);
        EXPECT_ERROR(api.get("/cosmos/bank/v1beta1/balances/" + alice + "/by_denom?denom=%21%21"),
                     400u, 3);
        EXPECT_ERROR(api.get("/cosmos/bank/v1beta1/supply/by_denom"), 400u, 3);

        // An unknown (valid) address: no account, empty balances.
        Reply none = api.get("/cosmos/auth/v1beta1/accounts/" + k.eve.address());
        EXPECT_ERROR(none, 404u, 5);
        QCOMPARE(none.message(), "account " + k.eve.address() + " not found");
        Reply empty = api.get("/cosmos/bank/v1beta1/balances/" + k.eve.address());
        QCOMPARE(empty.status, 200u);
        QVERIFY(empty.at("/balances").as_array().empty());
        QCOMPARE(empty.str("/pagination/total"), std::string("0"));

        // Tx hashes: malformed is 400, unknown is 404.
        for (const std::string& h :
             {std::string("xyz"), std::string(63, 'A'), std::string(65, 'A'),
              std::string(62, 'A') + "ZZ", std::string("%20") + std::string(63, 'a')}) {
            EXPECT_ERROR(api.get("/cosmos/tx/v1beta1/txs/" + h), 400u, 3);
        }
        Reply unknownTx = api.get("/cosmos/tx/v1beta1/txs/" + std::string(64, 'a'));
        EXPECT_ERROR(unknownTx, 404u, 5);
        QCOMPARE(unknownTx.message(), "tx not found: " + std::string(64, 'A'));

        // Heights.
        const std::string blocks = "/cosmos/base/tendermint/v1beta1/blocks/";
        for (const char* h : {"abc", "-1", "1.5", "0x10", "+1", "99999999999999999999999"})
            EXPECT_ERROR(api.get(blocks + h), 400u, 3);
        EXPECT_ERROR(api.get(blocks + "0"), 400u, 3);
        Reply beyond = api.get(blocks + "5");
        EXPECT_ERROR(beyond, 400u, 3);
        QVERIFY2(beyond.message().find("bigger than the chain length 0") != std::string::npos,
                 beyond.text.c_str());
        Reply noBlock = api.get(blocks + "latest");
        EXPECT_ERROR(noBlock, 404u, 5);

        // Wrong method and unknown path: the router's own errors, still JSON.
        EXPECT_ERROR(api.get("/cosmos/tx/v1beta1/txs"), 405u, 12);
        EXPECT_ERROR(api.get("/cosmos/bank/v1beta1/nothing"), 404u, 5);
    }

    void blocksLatestAndByHeight() {
        TestNode node;
        Api api(node);
        const Bytes tx1 = signedSend(k.alice, {.to = k.bob.address()});
        QVERIFY(node.commit(tx1));
        const Bytes tx2 = signedSend(k.alice, {.to = k.bob.address(), .sequence = 1});
        QVERIFY(node.commit(tx2));
        QCOMPARE(node.height(), uint64_t{2});

        Reply latest = api.get("/cosmos/base/tendermint/v1beta1/blocks/latest");
        QCOMPARE(latest.status, 200u);
        QCOMPARE(latest.str("/block/header/height"), std::string("2"));
        Reply two = api.get("/cosmos/base/tendermint/v1beta1/blocks/2");
        QCOMPARE(two.text, latest.text);
        const auto stored2 = node.storedBlock(2).value();
        const auto decoded2 = allora::node::consensus::decodeBlock(stored2.bytes).value();
        QCOMPARE(two.str("/block_id/hash"), toBase64(stored2.hash));
        QCOMPARE(two.str("/block/header/chain_id"), std::string(kChainId));
        QCOMPARE(two.str("/block/header/time"), std::string("2026-01-01T00:00:00.001Z"));
        QCOMPARE(two.str("/block/header/app_hash"),
                 toBase64(asBytes(decoded2.header().app_hash())));
        QCOMPARE(two.str("/block/header/proposer_address"),
                 toBase64(node.engine->validatorAddress()));
        QCOMPARE(two.str("/block/data/txs/0"), toBase64(tx2));
        QCOMPARE(two.str("/block/last_commit/height"), std::string("1"));
        QCOMPARE(two.at("/block/last_commit/round").as_int64(), int64_t{0});
        QCOMPARE(two.str("/block/last_commit/block_id/hash"), toBase64(node.storedBlock(1)->hash));
        QCOMPARE(two.str("/block/header/last_block_id/hash"), toBase64(node.storedBlock(1)->hash));
        QCOMPARE(fromBase64(two.str("/block/last_commit/signatures/0/signature"))->size(),
                 size_t{64});

        Reply one = api.get("/cosmos/base/tendermint/v1beta1/blocks/1");
        QCOMPARE(one.status, 200u);
        QCOMPARE(one.str("/block/header/height"), std::string("1"));
        QCOMPARE(one.str("/block/header/time"), std::string("2026-01-01T00:00:00Z"));
        QVERIFY(one.at("/block/last_commit").is_null());  // the first block has none
        QCOMPARE(one.str("/block/header/last_block_id/hash"), std::string(""));
        QCOMPARE(one.str("/block/data/txs/0"), toBase64(tx1));

        Reply beyond = api.get("/cosmos/base/tendermint/v1beta1/blocks/3");
        EXPECT_ERROR(beyond, 400u, 3);
    }

    void statusAndNodeConfig() {
        TestNode node;
        Api api(node);
        Reply before = api.get("/status");
        QCOMPARE(before.status, 200u);
        QCOMPARE(before.str("/sync_info/latest_block_height"), std::string("0"));
        QCOMPARE(before.str("/sync_info/latest_block_hash"), std::string(""));

        QVERIFY(node.commit(signedSend(k.alice, {.to = k.bob.address()})));
        Reply s = api.get("/status");
        QCOMPARE(s.str("/node_info/moniker"), std::string("test-node"));
        QCOMPARE(s.str("/node_info/network"), std::string(kChainId));
        QCOMPARE(s.str("/node_info/version"), std::string("0.1.0-test"));
        QCOMPARE(s.str("/sync_info/latest_block_height"), std::string("1"));
        QCOMPARE(s.str("/sync_info/earliest_block_height"), std::string("1"));
        QCOMPARE(s.str("/sync_info/latest_block_hash"), upperHex(node.storedBlock(1)->hash));
        const Hash256 appHash = [&] {
            auto lock = node.pool->lockApplication();
            return node.node.app->info().lastBlockAppHash;
        }();
        QCOMPARE(s.str("/sync_info/latest_app_hash"), upperHex(appHash));
        QCOMPARE(s.str("/sync_info/latest_block_time"), std::string("2026-01-01T00:00:00Z"));
        QCOMPARE(s.at("/sync_info/catching_up").as_bool(), false);
        QCOMPARE(s.str("/validator_info/address"), upperHex(node.engine->validatorAddress()));
        QCOMPARE(s.str("/validator_info/pub_key/type"), std::string("tendermint/PubKeyEd25519"));
        QCOMPARE(s.str("/validator_info/pub_key/value"), toBase64(validatorKey().publicKey));
        QCOMPARE(s.str("/validator_info/voting_power"), std::string("10"));
        QCOMPARE(s.str("/mempool/txs"), std::string("0"));
        QCOMPARE(s.str("/mempool/bytes"), std::string("0"));
        QCOMPARE(s.str("/engine"), std::string("solo"));

        Reply config = api.get("/cosmos/base/node/v1beta1/config");
        QCOMPARE(config.status, 200u);
        QCOMPARE(config.str("/minimum_gas_price"), std::string("10uallo"));

        Reply authParams = api.get("/cosmos/auth/v1beta1/params");
        QCOMPARE(authParams.str("/params/max_memo_characters"), std::string("64"));
        QCOMPARE(authParams.str("/params/tx_sig_limit"), std::string("7"));
        Reply bankParams = api.get("/cosmos/bank/v1beta1/params");
        QCOMPARE(bankParams.at("/params/default_send_enabled").as_bool(), true);
    }

    void vestingAccountAndSpendable() {
        TestNode node;
        Api api(node);
        const std::string carol = k.carol.address();
        Reply acc = api.get("/cosmos/auth/v1beta1/accounts/" + carol);
        QCOMPARE(acc.status, 200u);
        QCOMPARE(acc.str("/account/@type"),
                 std::string("/cosmos.vesting.v1beta1.ContinuousVestingAccount"));
        QCOMPARE(acc.str("/account/base_vesting_account/base_account/address"), carol);
        QCOMPARE(acc.str("/account/base_vesting_account/base_account/account_number"),
                 std::string("2"));
        QCOMPARE(acc.str("/account/base_vesting_account/original_vesting/0/amount"),
                 std::string("1000000000000000000000"));
        QVERIFY(acc.at("/account/base_vesting_account/delegated_free").as_array().empty());
        QCOMPARE(acc.str("/account/start_time"), std::to_string(kGenesisTime));
        QCOMPARE(acc.str("/account/cliff_time"), std::to_string(kGenesisTime + 12 * kMonth));
        QCOMPARE(acc.str("/account/base_vesting_account/end_time"),
                 std::to_string(kGenesisTime + 36 * kMonth));

        // Spendable is measured at the last block time: commit one block first.
        QVERIFY(node.commit(signedSend(k.alice, {.to = k.bob.address()})));
        Reply all = api.get("/cosmos/bank/v1beta1/balances/" + carol);
        QCOMPARE(amountOf(all, "/balances"), std::string("1010000000000000000000"));
        Reply spendable = api.get("/cosmos/bank/v1beta1/spendable_balances/" + carol);
        QCOMPARE(spendable.status, 200u);
        QCOMPARE(amountOf(spendable, "/balances"), std::string("10000000000000000000"));
    }

    void protoJsonFallsBackForUnknownTypes() {
        const Bytes value = {1, 2, 3};
        json::value v = allora::node::api::anyToJson("/unknown.v1.Msg", value);
        QCOMPARE(std::string(v.at("@type").as_string()), std::string("/unknown.v1.Msg"));
        QCOMPARE(std::string(v.at("value").as_string()), toBase64(value));
        // A known type whose bytes do not parse is shown raw as well.
        json::value broken =
            allora::node::api::anyToJson("/cosmos.bank.v1beta1.MsgSend", Bytes{0xFF, 0xFF, 0xFF});
        QVERIFY(broken.as_object().contains("value"));
        // An Any packed in an Any keeps both type URLs.
        cosmos::bank::v1beta1::MsgSend send;
        send.set_from_address("a");
        google::protobuf::Any inner;
        inner.set_type_url("/cosmos.bank.v1beta1.MsgSend");
        inner.set_value(send.SerializeAsString());
        const std::string packed = inner.SerializeAsString();
        json::value nested = allora::node::api::anyToJson("/google.protobuf.Any", asBytes(packed));
        QCOMPARE(std::string(nested.at("@type").as_string()), std::string("/google.protobuf.Any"));
        QCOMPARE(std::string(nested.at("value").at("@type").as_string()),
                 std::string("/cosmos.bank.v1beta1.MsgSend"));
        QCOMPARE(std::string(nested.at("value").at("from_address").as_string()), std::string("a"));
    }
};

QTEST_GUILESS_MAIN(TestLcdRoutes)
#include "test_lcd_routes.moc"
