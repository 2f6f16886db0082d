// TxStatus: the outcome of one step of a transaction (ante check, message, hook) as the chain
// reports it: a TxCode from abci_types.h and a sentence a person can read.
//
// Core's Result carries a coarse ErrorCode; a tx result needs the SDK's finer codes (insufficient
// funds vs invalid coins vs bad signature), so modules and the ante handler speak TxStatus.
#pragma once

#include <string>
#include <utility>

#include "core/result.h"
#include "node/chain/abci_types.h"

namespace allora::node {

struct [[nodiscard]] TxStatus {
    TxCode code = TxCode::Ok;
    std::string log;

    bool ok() const { return code == TxCode::Ok; }
    static TxStatus success() { return {}; }
    static TxStatus fail(TxCode c, std::string message) { return TxStatus{c, std::move(message)}; }
    // A storage or arithmetic failure of the node itself, or out of gas (the caller checks its
    // GasMeter and turns it into OutOfGas).
    static TxStatus internal(const Error& error) { return fail(TxCode::Internal, error.message); }
};

}  // namespace allora::node
