// TxRecord: one row of a wallet's history, read from a stored tx (its TxRaw and result) from the
// point of view of one address: sent or received, to or from whom, how much, the fee it paid.
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
};

TxRecord readTxRecord(const node::TxsByAddressEntry& entry, const std::string& self);

}  // namespace allora::ui
