#include "node/validator_key.h"

#include <boost/json.hpp>

#include "core/encoding.h"
#include "core/hash.h"
#include "node/consensus/block_format.h"

namespace allora::node {
namespace json = boost::json;

namespace {

constexpr std::string_view kKdfName = "argon2id";
constexpr std::string_view kCipherName = "xchacha20-poly1305";
constexpr std::string_view kKeyType = "ed25519";
constexpr size_t kSeedBytes = 32;
constexpr size_t kMaxFileBytes = 16 * 1024;

Error damaged(std::string_view source, std::string_view what) {
    return makeError(ErrorCode::Corrupt, "validator key file '" + std::string(source) +
                                             "' is damaged: " + std::string(what));
}

void putU64(Bytes& out, uint64_t v) {
    for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(v >> shift));
}

// Reads the fields of one JSON object, each failure naming the field.
class Fields {
public:
    Fields(const json::object& obj, std::string prefix, std::string_view source)
        : obj_(obj), prefix_(std::move(prefix)), source_(source) {}

    Result<const json::value*> get(std::string_view key) const {
        const json::value* v = obj_.if_contains(key);
        if (!v) return damaged(source_, "missing field '" + name(key) + "'");
        return v;
    }
    Result<std::string> string(std::string_view key) const {
        auto v = get(key);
        if (!v) return v.error();
        if (!(*v)->is_string()) return damaged(source_, "'" + name(key) + "' is not a string");
        return std::string((*v)->get_string());
    }
    Result<uint64_t> number(std::string_view key) const {
        auto v = get(key);
        if (!v) return v.error();
        if ((*v)->is_uint64()) return (*v)->get_uint64();
        if ((*v)->is_int64() && (*v)->get_int64() >= 0)
            return static_cast<uint64_t>((*v)->get_int64());
        return damaged(source_, "'" + name(key) + "' is not a non-negative integer");
    }
    Result<Bytes> base64(std::string_view key, size_t size) const {
        auto s = string(key);
        if (!s) return s.error();
        auto b = fromBase64(*s);
        if (!b) return damaged(source_, "'" + name(key) + "' is not base64");
        if (b->size() != size)
            return damaged(source_, "'" + name(key) + "' has " + std::to_string(b->size()) +
                                        " bytes, expected " + std::to_string(size));
        return b;
    }
    Result<Fields> object(std::string_view key) const {
        auto v = get(key);
        if (!v) return v.error();
        if (!(*v)->is_object()) return damaged(source_, "'" + name(key) + "' is not an object");
        return Fields((*v)->get_object(), name(key), source_);
    }

private:
    std::string name(std::string_view key) const {
        return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
    }
    const json::object& obj_;
    std::string prefix_;
    std::string_view source_;
};

}  // namespace

Result<ValidatorKeyFile> ValidatorKeyFile::seal(const ed25519::KeyPair& key,
                                                const SecureBytes& password, const KdfParams& kdf) {
    if (Status s = validatePassword(password); !s) return s.error();
    if (key.secretKey.size() != 64)
        return makeError(ErrorCode::InvalidArgument, "not an Ed25519 key pair");
    ValidatorKeyFile f;
    f.source_ = "(new)";
    f.publicKey_ = key.publicKey;
    f.kdf_ = kdf;
    f.salt_ = password_seal::randomBytes(password_seal::kSaltBytes);
    auto sealKey = password_seal::derive(password, f.salt_, kdf);
    if (!sealKey) return sealKey.error();
    f.check_ = sealKey->check;
    f.nonce_ = password_seal::randomBytes(password_seal::kNonceBytes);
    // libsodium's secret key is seed || public key: the seed alone is the secret.
    f.ciphertext_ = password_seal::encrypt(
        *sealKey, f.nonce_, ByteSpan(key.secretKey.data(), kSeedBytes), f.associatedData());
    return f;
}

Result<ValidatorKeyFile> ValidatorKeyFile::parse(std::string_view text, std::string_view source) {
    boost::system::error_code ec;
    json::value doc = json::parse(json::string_view(text.data(), text.size()), ec);
    if (ec || !doc.is_object()) return damaged(source, "not a JSON object");
    Fields top(doc.get_object(), "", source);
    auto version = top.number("version");
    if (!version) return version.error();
    if (*version > static_cast<uint64_t>(kVersion))
        return makeError(ErrorCode::Unsupported,
                         "validator key file '" + std::string(source) + "' has format version " +
                             std::to_string(*version) + "; this build reads version " +
                             std::to_string(kVersion));
    if (*version != static_cast<uint64_t>(kVersion)) return damaged(source, "unknown version");
    auto type = top.string("type");
    if (!type) return type.error();
    if (*type != kKeyType) return damaged(source, "key type '" + *type + "' is not ed25519");

    ValidatorKeyFile f;
    f.source_ = std::string(source);
    auto pub = top.base64("pub_key", 32);
    if (!pub) return pub.error();
    std::copy(pub->begin(), pub->end(), f.publicKey_.begin());

    auto kdf = top.object("kdf");
    if (!kdf) return kdf.error();
    auto kdfName = kdf->string("name");
    if (!kdfName) return kdfName.error();
    if (*kdfName != kKdfName) return damaged(source, "unknown KDF '" + *kdfName + "'");
    auto ops = kdf->number("opslimit");
    auto mem = kdf->number("memlimit");
    if (!ops) return ops.error();
    if (!mem) return mem.error();
    f.kdf_ = KdfParams{*ops, *mem};
    if (!f.kdf_.acceptable()) return damaged(source, "Argon2id limits out of range");
    auto salt = kdf->base64("salt", password_seal::kSaltBytes);
    auto check = kdf->base64("check", password_seal::kCheckBytes);
    if (!salt) return salt.error();
    if (!check) return check.error();
    f.salt_ = std::move(*salt);
    f.check_ = std::move(*check);

    auto cipher = top.object("cipher");
    if (!cipher) return cipher.error();
    auto cipherName = cipher->string("name");
    if (!cipherName) return cipherName.error();
    if (*cipherName != kCipherName) return damaged(source, "unknown cipher '" + *cipherName + "'");
    auto nonce = cipher->base64("nonce", password_seal::kNonceBytes);
    auto ct = cipher->base64("ciphertext", kSeedBytes + password_seal::kTagBytes);
    if (!nonce) return nonce.error();
    if (!ct) return ct.error();
    f.nonce_ = std::move(*nonce);
    f.ciphertext_ = std::move(*ct);

    // The address is a convenience for people; a wrong one means the file was edited.
    auto address = top.string("address");
    if (!address) return address.error();
    if (*address != toHex(f.address()))
        return damaged(source, "'address' does not belong to 'pub_key'");
    return f;
}

Result<ValidatorKeyFile> ValidatorKeyFile::load(const std::filesystem::path& file) {
    auto bytes = readFile(file, kMaxFileBytes);
    if (!bytes) {
        if (bytes.error().code == ErrorCode::NotFound)
            return makeError(ErrorCode::NotFound, "no validator key at " + file.string() +
                                                      " (run 'allorad init' first)");
        return bytes.error();
    }
    return parse(std::string_view(reinterpret_cast<const char*>(bytes->data()), bytes->size()),
                 file.string());
}

Result<ed25519::KeyPair> ValidatorKeyFile::unlock(const SecureBytes& password) const {
    auto sealKey = password_seal::derive(password, salt_, kdf_);
    if (!sealKey) return sealKey.error();
    if (!password_seal::checkMatches(*sealKey, check_))
        return makeError(ErrorCode::WrongPassword, "wrong password for the validator key");
    auto seed = password_seal::decrypt(*sealKey, nonce_, ciphertext_, associatedData());
    if (!seed) return damaged(source_, "the password is right but the contents were modified");
    auto key = ed25519::fromSeed(seed->span());
    if (!key) return key.error();
    if (key->publicKey != publicKey_)
        return damaged(source_, "the sealed key does not match 'pub_key'");
    return key;
}

Bytes ValidatorKeyFile::address() const {
    return consensus::consensusAddress(publicKey_);
}

Bytes ValidatorKeyFile::associatedData() const {
    static constexpr std::string_view kDomain = "allora-validator-key/v1";
    Bytes ad;
    ad.reserve(kDomain.size() + 32 + 16 + salt_.size() + check_.size());
    for (char c : kDomain) ad.push_back(static_cast<uint8_t>(c));
    ad.insert(ad.end(), publicKey_.begin(), publicKey_.end());
    putU64(ad, kdf_.opsLimit);
    putU64(ad, kdf_.memLimit);
    ad.insert(ad.end(), salt_.begin(), salt_.end());
    ad.insert(ad.end(), check_.begin(), check_.end());
    return ad;
}

std::string ValidatorKeyFile::toJson() const {
    json::object kdf{{"name", kKdfName},
                     {"opslimit", kdf_.opsLimit},
                     {"memlimit", kdf_.memLimit},
                     {"salt", toBase64(salt_)},
                     {"check", toBase64(check_)}};
    json::object cipher{
        {"name", kCipherName}, {"nonce", toBase64(nonce_)}, {"ciphertext", toBase64(ciphertext_)}};
    json::object doc{{"version", kVersion},         {"type", kKeyType},
                     {"address", toHex(address())}, {"pub_key", toBase64(publicKey_)},
                     {"kdf", std::move(kdf)},       {"cipher", std::move(cipher)}};
    return json::serialize(doc) + "\n";
}

Status ValidatorKeyFile::save(const std::filesystem::path& file, IfExists ifExists) const {
    const std::string text = toJson();
    return writeFileAtomic(file, asBytes(text), kOwnerReadWrite, ifExists);
}

}  // namespace allora::node
