// KvStore: the view of the state a module gets while executing: an overlay to read and write, and
// (for a transaction) the gas meter every access is charged to.
//
// Keepers take a KvStore& per call instead of holding state, so one keeper serves the check state,
// the block being executed, genesis and queries alike. Genesis, block hooks and queries pass no
// meter (unmetered). When the meter runs out, the access fails with an error whose message is the
// meter's out-of-gas log; the caller sees meter.exhausted() and reports TxCode::OutOfGas.
#pragma once

#include "core/bytes.h"
#include "core/result.h"
#include "node/modules/gas_meter.h"
#include "node/state/state_overlay.h"

namespace allora::node {

class KvStore {
public:
    explicit KvStore(StateOverlay& state, GasMeter* gas = nullptr) : state_(state), gas_(gas) {}

    Result<std::optional<Bytes>> get(ByteSpan key) const;
    // get() into a buffer the caller reuses (StateReader::getInto): the same gas, the same errors,
    // true when present.
    Result<bool> getInto(ByteSpan key, Bytes& out) const;
    Status set(ByteSpan key, ByteSpan value);
    Status remove(ByteSpan key);
    // Visits entries under `prefix` in key order; each entry visited costs iterNextCostFlat plus
    // the read per-byte cost.
    Status forEachPrefix(ByteSpan prefix, const StateReader::Visitor& visit) const;

    StateOverlay& state() { return state_; }
    GasMeter* gasMeter() const { return gas_; }

private:
    Status charge(uint64_t amount, std::string_view descriptor) const;

    StateOverlay& state_;
    GasMeter* gas_;
};

}  // namespace allora::node
