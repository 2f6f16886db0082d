// TxRecord: one row of a wallet's history, read from a stored tx (its TxRaw and result) from the
// point of view of one address: sent or received, to or from whom, how much, the fee it paid.
// The emissions messages the wallet sends (paying a topic, staking, delegating, claiming,
// creating a topic, registering, submitting) are described in words, with the amount they moved.
#pragma once

#include <QDateTime>
#include <QString>
#include <cstdint>
#include <string>

#include "core/amount.h"
#include "node/chain/chain_query.h"

namespace allora::ui {

struct TxRecord {
    enum class Kind { Sent, Received, SentToSelf, Other };

    QString hash;  // upper-case hex, as explorers show it
    uint64_t height = 0;
    uint32_t index = 0;
    QDateTime time;  // UTC
    Kind kind = Kind::Other;
    QString counterparty;  // the other address of a send; empty for other messages
    Amount amount;         // what moved to or from this address (uallo)
    Amount fee;            // the fee, when this address paid it
    QString memo;
    bool ok = true;       // the tx succeeded
    QString failure;      // why not, when it failed
    QString messageType;  // the first message's type URL
    // For an emissions message from this address: what it did, in words ("Paid topic 1"), and
    // whether its amount came in (claimed rewards) rather than went out; the topic it concerns.
    QString action;
    bool incoming = false;
    uint64_t topicId = 0;
};

TxRecord readTxRecord(const node::TxsByAddressEntry& entry, const std::string& self);

}  // namespace allora::ui
