// Byte strings: Bytes for public data, SecureBytes for secrets.
//
// SecureBytes lives in sodium_malloc'd memory (guard pages, mlock'd so it never reaches swap) and is
// wiped with sodium_memzero when it dies. Every private key, seed, mnemonic and password in the wallet
// passes through SecureBytes; copying one is explicit (copy()) so that a secret is never duplicated
// by accident into an ordinary std::vector or std::string.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace allora {

using Bytes = std::vector<uint8_t>;
using ByteSpan = std::span<const uint8_t>;

inline ByteSpan asBytes(std::string_view s) {
    return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}
inline Bytes toBytes(std::string_view s) { return Bytes(s.begin(), s.end()); }

class SecureBytes {
public:
    SecureBytes() = default;
    explicit SecureBytes(size_t size);  // zero-filled
    explicit SecureBytes(ByteSpan data);
    static SecureBytes fromString(std::string_view s) { return SecureBytes(asBytes(s)); }
    ~SecureBytes();

    SecureBytes(SecureBytes&& other) noexcept;
    SecureBytes& operator=(SecureBytes&& other) noexcept;
    SecureBytes(const SecureBytes&) = delete;
    SecureBytes& operator=(const SecureBytes&) = delete;

    SecureBytes copy() const { return SecureBytes(span()); }

    uint8_t* data() { return data_; }
    const uint8_t* data() const { return data_; }
    size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    uint8_t& operator[](size_t i) { return data_[i]; }
    const uint8_t& operator[](size_t i) const { return data_[i]; }
    ByteSpan span() const { return {data_, size_}; }
    std::span<uint8_t> mutableSpan() { return {data_, size_}; }
    std::string_view view() const { return {reinterpret_cast<const char*>(data_), size_}; }

    // Constant-time comparison.
    bool operator==(const SecureBytes& other) const;

private:
    void release();
    uint8_t* data_ = nullptr;
    size_t size_ = 0;
};

// Overwrites memory in a way the optimiser cannot remove.
void secureWipe(void* data, size_t size);
inline void secureWipe(std::string& s) { secureWipe(s.data(), s.size()); s.clear(); }
inline void secureWipe(Bytes& b) { secureWipe(b.data(), b.size()); b.clear(); }

// Initialises libsodium once; safe to call from any thread, any number of times.
void initCrypto();

}  // namespace allora
