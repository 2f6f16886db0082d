#include "core/bytes.h"

#include <sodium.h>

#include <cstdlib>
#include <cstring>
#include <new>

namespace allora {

void initCrypto() {
    // sodium_init is itself thread-safe and idempotent; < 0 means no usable randomness source.
    static const int rc = sodium_init();
    if (rc < 0) std::abort();
}

SecureBytes::SecureBytes(size_t size) : size_(size) {
    initCrypto();
    if (size == 0) return;
    data_ = static_cast<uint8_t*>(sodium_malloc(size));
    if (!data_) throw std::bad_alloc();
    std::memset(data_, 0, size);
}

SecureBytes::SecureBytes(ByteSpan data) : SecureBytes(data.size()) {
    if (!data.empty()) std::memcpy(data_, data.data(), data.size());
}

SecureBytes::~SecureBytes() { release(); }

SecureBytes::SecureBytes(SecureBytes&& other) noexcept : data_(other.data_), size_(other.size_) {
    other.data_ = nullptr;
    other.size_ = 0;
}

SecureBytes& SecureBytes::operator=(SecureBytes&& other) noexcept {
    if (this != &other) {
        release();
        data_ = other.data_;
        size_ = other.size_;
        other.data_ = nullptr;
        other.size_ = 0;
    }
    return *this;
}

void SecureBytes::release() {
    if (data_) sodium_free(data_);  // sodium_free zeroes before unmapping
    data_ = nullptr;
    size_ = 0;
}

bool SecureBytes::operator==(const SecureBytes& other) const {
    if (size_ != other.size_) return false;
    if (size_ == 0) return true;
    return sodium_memcmp(data_, other.data_, size_) == 0;
}

void secureWipe(void* data, size_t size) {
    if (data && size) sodium_memzero(data, size);
}

}  // namespace allora
