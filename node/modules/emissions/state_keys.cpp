#include "node/modules/emissions/state_keys.h"

namespace allora::node::emissions {

void appendU64(Bytes& key, uint64_t v) {
    for (int shift = 56; shift >= 0; shift -= 8) key.push_back(static_cast<uint8_t>(v >> shift));
}

uint64_t readU64(ByteSpan b, size_t at) {
    uint64_t v = 0;
    for (size_t i = 0; i < 8; ++i) v = (v << 8) | b[at + i];
    return v;
}

Bytes topicKey(std::string_view prefix, uint64_t topicId) {
    Bytes k = allora::toBytes(prefix);
    appendU64(k, topicId);
    return k;
}

Bytes topicKey(std::string_view prefix, uint64_t topicId, ByteSpan a) {
    Bytes k = topicKey(prefix, topicId);
    k.insert(k.end(), a.begin(), a.end());
    return k;
}

Bytes topicKey(std::string_view prefix, uint64_t topicId, ByteSpan a, ByteSpan b) {
    Bytes k = topicKey(prefix, topicId, a);
    k.insert(k.end(), b.begin(), b.end());
    return k;
}

Bytes nonceKey(std::string_view prefix, uint64_t topicId, int64_t nonce, ByteSpan address) {
    Bytes k = topicKey(prefix, topicId);
    appendU64(k, static_cast<uint64_t>(nonce));
    k.insert(k.end(), address.begin(), address.end());
    return k;
}

}  // namespace allora::node::emissions
