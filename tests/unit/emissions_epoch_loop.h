// The epoch loop test_emissions_rewards and test_topic_history drive on topic 1: a truth series,
// signed txs from the fixture keys, the open worker nonces, and one epoch's block — inferers w1,
// w2 (also forecasting w1 and alice) and alice submit for nonce n, and reputers bob and w3 report
// on nonce n−5 once its network inference is the latest.
#pragma once

#include <cmath>
#include <vector>

#include "node/modules/emissions/epoch_close.h"
#include "test_emissions_fixture.h"
#include "tests/integration/emissions_actors.h"

namespace emtest {

inline double truthAt(int64_t h) {
    return 10 + 3 * std::sin(static_cast<double>(h) / 4);
}

inline Bytes signedTx(EmNode& node, const Key& from, std::vector<allora::wallet::AnyMessage> msgs) {
    return emactors::signedTx(from.account, std::move(msgs), node.sequence(from),
                              node.accountNumber(from), kChainId);
}

// Topic 1's open worker nonces, oldest first.
inline std::vector<int64_t> openWorkerNonces(EmNode& node) {
    EmNode::KvStoreView view(*node.app);
    auto n = node.keeper->workerNonces(view.kv, 1);
    std::vector<int64_t> out;
    for (const auto& x : n->nonces()) out.push_back(x.block_height());
    return out;
}

// Block n+1: the payloads of nonce n and the reputers' reports on nonce n−5. Every tx must pass.
inline FinalizeBlockResponse epochBlock(EmNode& node, int64_t n) {
    const Keys& k = keys();
    const MoreKeys& m = more();
    std::vector<Bytes> txs;
    const double truth = truthAt(n);
    txs.push_back(signedTx(node, m.w1, {emactors::workerPayload(m.w1.account, 1, n, truth + 0.5)}));
    txs.push_back(
        signedTx(node, m.w2,
                 {emactors::workerPayload(m.w2.account, 1, n, truth - 1.5,
                                          {{m.w1.address(), -0.6}, {k.alice.address(), 0.7}})}));
    txs.push_back(
        signedTx(node, k.alice, {emactors::workerPayload(k.alice.account, 1, n, truth + 2.5)}));
    EmNode::KvStoreView view(*node.app);
    auto net = em::latestNetworkInferences(view.kv, 1);
    if (*net && (*net)->block_height() == n - 5) {
        const double past = truthAt(n - 5);
        txs.push_back(
            signedTx(node, k.bob,
                     {emactors::reputerPayload(k.bob.account,
                                               emactors::lossesOf(**net, past, k.bob.address()))}));
        txs.push_back(
            signedTx(node, m.w3,
                     {emactors::reputerPayload(
                         m.w3.account, emactors::lossesOf(**net, past + 0.01, m.w3.address()))}));
    }
    FinalizeBlockResponse r = node.block(txs);
    for (const auto& t : r.txResults)
        if (!t.ok()) qFatal("payload tx failed: %s", t.log.c_str());
    return r;
}

}  // namespace emtest
