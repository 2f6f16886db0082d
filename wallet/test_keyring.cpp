// The Test backend: unencrypted JSON files, DIR/keyring-test/NAME.json, for devnets and scripts
// (the Cosmos SDK's "test" backend). The mnemonic is on disk in the clear by design; in memory it
// still lives only in sodium-allocated buffers: the JSON is built and parsed in an arena carved
// from SecureBytes, and serialised straight into SecureBytes.
//
//   {"version":1,"name":"alice","type":"local","address":"allo1…","pubkey":"<hex>",
//    "hd_path":"m/44'/118'/0'/0/0","mnemonic":"…","bip39_passphrase":""}
#include <boost/json.hpp>
#include <cstring>
#include <string>

#include "core/encoding.h"
#include "wallet/keyring_store.h"

namespace allora::wallet {
namespace json = boost::json;
namespace {

constexpr int kTestFormatVersion = 1;

// A JSON allocator whose memory is SecureBytes: wiped and freed when the arena dies. Sized for a
// key file several times over; if a document outgrows it, the resource falls back to the heap.
class SecureArena {
public:
    explicit SecureArena(size_t size)
        : buffer_(size), resource_(buffer_.data(), buffer_.size()), storage_(&resource_) {}
    json::storage_ptr storage() const { return storage_; }

private:
    SecureBytes buffer_;
    json::monotonic_resource resource_;
    json::storage_ptr storage_;
};

SecureBytes serializeSecure(const json::value& v) {
    json::serializer sr;
    sr.reset(&v);
    SecureBytes out(1024);
    size_t used = 0;
    while (!sr.done()) {
        if (used == out.size()) {
            SecureBytes bigger(out.size() * 2);
            std::memcpy(bigger.data(), out.data(), used);
            out = std::move(bigger);  // the old buffer is wiped as it is freed
        }
        used += sr.read(reinterpret_cast<char*>(out.data()) + used, out.size() - used).size();
    }
    SecureBytes text(used + 1);
    std::memcpy(text.data(), out.data(), used);
    text[used] = '\n';
    return text;
}

json::string_view viewOf(const SecureBytes& b) {
    return {b.view().data(), b.size()};
}

Error damaged(const std::filesystem::path& path, const std::string& what) {
    return makeError(ErrorCode::Corrupt, "key file '" + path.string() + "' is damaged: " + what);
}

class TestKeyring final : public KeyringStore {
public:
    explicit TestKeyring(std::filesystem::path dir)
        : KeyringStore(std::move(dir), KeyringBackend::Test) {}

protected:
    std::string_view extension() const override { return ".json"; }

    Status checkNewPassword(const SecureBytes&) const override { return {}; }

    Result<SecureBytes> encode(const KeystoreHeader& h, const KeySecret& secret,
                               const SecureBytes&) const override {
        SecureArena arena(8192 + 4 * (secret.mnemonic.size() + secret.passphrase.size()));
        json::object doc(arena.storage());
        doc["version"] = kTestFormatVersion;
        doc["name"] = h.name;
        doc["type"] = "local";
        doc["address"] = h.address;
        doc["pubkey"] = toHex(h.publicKey);
        doc["hd_path"] = h.hdPath;
        doc["mnemonic"] = viewOf(secret.mnemonic);
        doc["bip39_passphrase"] = viewOf(secret.passphrase);
        return serializeSecure(doc);
    }

    Result<KeystoreHeader> decodeHeader(ByteSpan file,
                                        const std::filesystem::path& path) const override {
        SecureArena arena(8192 + 4 * file.size());
        std::error_code ec;
        const json::value value = parseInto(file, ec, arena);
        auto doc = check(value, ec, file, path);
        if (!doc) return doc.error();
        KeystoreHeader h;
        auto name = field(**doc, "name", path);
        auto address = field(**doc, "address", path);
        auto pub = field(**doc, "pubkey", path);
        auto hdPath = field(**doc, "hd_path", path);
        if (!name) return name.error();
        if (!address) return address.error();
        if (!pub) return pub.error();
        if (!hdPath) return hdPath.error();
        auto pubBytes = fromHex(std::string_view(pub->data(), pub->size()));
        if (!pubBytes || pubBytes->size() != h.publicKey.size())
            return damaged(path, "field 'pubkey' is not 33 bytes of hex");
        std::memcpy(h.publicKey.data(), pubBytes->data(), h.publicKey.size());
        h.name = std::string(*name);
        h.address = std::string(*address);
        h.hdPath = std::string(*hdPath);
        return h;
    }

    Result<KeySecret> decodeSecret(ByteSpan file, const std::filesystem::path& path,
                                   const SecureBytes&) const override {
        SecureArena arena(8192 + 4 * file.size());
        std::error_code ec;
        const json::value value = parseInto(file, ec, arena);
        auto doc = check(value, ec, file, path);
        if (!doc) return doc.error();
        auto mnemonic = field(**doc, "mnemonic", path);
        auto passphrase = field(**doc, "bip39_passphrase", path);
        auto hdPath = field(**doc, "hd_path", path);
        if (!mnemonic) return mnemonic.error();
        if (!passphrase) return passphrase.error();
        if (!hdPath) return hdPath.error();
        // The index is the last component of the path; KeyringStore checks the path's shape.
        const std::string_view p(hdPath->data(), hdPath->size());
        uint32_t index = 0;
        for (char c : p.substr(p.rfind('/') + 1)) {
            if (c < '0' || c > '9' || index > 0x7fffffffu / 10)
                return damaged(path, "unsupported HD path");
            index = index * 10 + static_cast<uint32_t>(c - '0');
        }
        return KeySecret{
            SecureBytes(asBytes(std::string_view(mnemonic->data(), mnemonic->size()))),
            SecureBytes(asBytes(std::string_view(passphrase->data(), passphrase->size()))), index};
    }

private:
    // Parses into the arena; the value must not outlive it (declare the arena first).
    static json::value parseInto(ByteSpan file, std::error_code& ec, const SecureArena& arena) {
        return json::parse(
            json::string_view(reinterpret_cast<const char*>(file.data()), file.size()), ec,
            arena.storage());
    }

    static Result<const json::object*> check(const json::value& doc, std::error_code ec,
                                             ByteSpan file, const std::filesystem::path& path) {
        if (file.empty()) return damaged(path, "the file is empty");
        if (ec) return damaged(path, "not valid JSON (" + ec.message() + ")");
        if (!doc.is_object()) return damaged(path, "not a JSON object");
        const json::object& o = doc.get_object();
        const json::value* v = o.if_contains("version");
        if (!v || !(v->is_int64() || v->is_uint64()))
            return damaged(path, "missing field 'version'");
        if (v->is_uint64() || v->get_int64() > kTestFormatVersion)
            return makeError(ErrorCode::Unsupported,
                             "key file '" + path.string() + "' has a newer format version");
        if (v->get_int64() != kTestFormatVersion) return damaged(path, "unknown format version");
        return &o;
    }

    static Result<json::string_view> field(const json::object& o, std::string_view key,
                                           const std::filesystem::path& path) {
        const json::value* v = o.if_contains(json::string_view(key.data(), key.size()));
        if (!v || !v->is_string())
            return damaged(path, "missing or non-string field '" + std::string(key) + "'");
        const json::string& s = v->get_string();
        return json::string_view(s.data(), s.size());
    }
};

}  // namespace

std::unique_ptr<Keyring> makeTestKeyring(std::filesystem::path keyDir) {
    return std::make_unique<TestKeyring>(std::move(keyDir));
}

}  // namespace allora::wallet
