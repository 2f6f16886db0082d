#include "wallet/keystore.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cstring>
#include <vector>

#include "core/encoding.h"

namespace allora::wallet {
namespace json = boost::json;

namespace {

constexpr std::string_view kKdfName = "argon2id";
constexpr std::string_view kCipherName = "xchacha20-poly1305";
constexpr uint8_t kPlaintextFormat = 1;
constexpr size_t kPlaintextPadding = 256;
Error damaged(std::string_view source, std::string_view what) {
    return makeError(ErrorCode::Corrupt,
                     "key file '" + std::string(source) + "' is damaged: " + std::string(what));
}

// Canonical form for the associated data: object keys in byte order, no whitespace; strings and
// numbers as Boost.JSON writes them. Built from the parsed value, so the file's own layout
// (whitespace, key order) does not matter, only its content.
void canonical(const json::value& v, std::string& out) {
    if (v.is_object()) {
        const json::object& o = v.get_object();
        std::vector<const json::key_value_pair*> items;
        for (const auto& kv : o) items.push_back(&kv);
        std::sort(items.begin(), items.end(), [](auto* a, auto* b) { return a->key() < b->key(); });
        out += '{';
        for (size_t i = 0; i < items.size(); ++i) {
            if (i) out += ',';
            out += json::serialize(json::string_view(items[i]->key()));
            out += ':';
            canonical(items[i]->value(), out);
        }
        out += '}';
    } else if (v.is_array()) {
        out += '[';
        const json::array& a = v.get_array();
        for (size_t i = 0; i < a.size(); ++i) {
            if (i) out += ',';
            canonical(a[i], out);
        }
        out += ']';
    } else {
        out += json::serialize(v);
    }
}

std::string associatedData(json::object doc) {
    if (auto* cipher = doc.if_contains("cipher"); cipher && cipher->is_object())
        cipher->get_object().erase("ciphertext");
    std::string out;
    canonical(doc, out);
    return out;
}

void pretty(const json::value& v, std::string& out, int depth) {
    const std::string indent(static_cast<size_t>(depth + 1) * 2, ' ');
    if (v.is_object() && !v.get_object().empty()) {
        out += "{\n";
        size_t i = 0;
        for (const auto& kv : v.get_object()) {
            out += indent + json::serialize(json::string_view(kv.key())) + ": ";
            pretty(kv.value(), out, depth + 1);
            out += ++i < v.get_object().size() ? ",\n" : "\n";
        }
        out += std::string(static_cast<size_t>(depth) * 2, ' ') + "}";
    } else {
        out += json::serialize(v);
    }
}

json::object buildDocument(const KeystoreHeader& h, const KdfParams& kdf, ByteSpan salt,
                           ByteSpan check, ByteSpan nonce) {
    json::object doc;
    doc["version"] = Keystore::kVersion;
    doc["name"] = h.name;
    doc["address"] = h.address;
    doc["pubkey"] = toHex(h.publicKey);
    doc["hd_path"] = h.hdPath;
    json::object k;
    k["name"] = kKdfName;
    k["opslimit"] = kdf.opsLimit;
    k["memlimit"] = kdf.memLimit;
    k["salt"] = toBase64(salt);
    k["check"] = toBase64(check);
    doc["kdf"] = std::move(k);
    json::object c;
    c["name"] = kCipherName;
    c["nonce"] = toBase64(nonce);
    doc["cipher"] = std::move(c);
    return doc;
}

void putU16(uint8_t* p, size_t v) {
    p[0] = static_cast<uint8_t>(v >> 8);
    p[1] = static_cast<uint8_t>(v);
}

SecureBytes buildPlaintext(const KeySecret& s) {
    const size_t used = 1 + 4 + 2 + s.mnemonic.size() + 2 + s.passphrase.size();
    SecureBytes pt((used + kPlaintextPadding - 1) / kPlaintextPadding * kPlaintextPadding);
    uint8_t* p = pt.data();
    *p++ = kPlaintextFormat;
    for (int shift = 24; shift >= 0; shift -= 8) *p++ = static_cast<uint8_t>(s.index >> shift);
    putU16(p, s.mnemonic.size());
    p += 2;
    if (!s.mnemonic.empty()) std::memcpy(p, s.mnemonic.data(), s.mnemonic.size());
    p += s.mnemonic.size();
    putU16(p, s.passphrase.size());
    p += 2;
    if (!s.passphrase.empty()) std::memcpy(p, s.passphrase.data(), s.passphrase.size());
    return pt;  // the rest stays zero
}

// Fields of the parsed document, each failure naming what is wrong.
struct FieldReader {
    const json::object& obj;
    std::string_view prefix;
    std::string_view source;

    std::string path(std::string_view key) const {
        return prefix.empty() ? std::string(key) : std::string(prefix) + "." + std::string(key);
    }
    Result<const json::value*> get(std::string_view key) const {
        const json::value* v = obj.if_contains(key);
        if (!v) return damaged(source, "missing field '" + path(key) + "'");
        return v;
    }
    Result<std::string> string(std::string_view key) const {
        auto v = get(key);
        if (!v) return v.error();
        if (!(*v)->is_string()) return damaged(source, "field '" + path(key) + "' is not a string");
        return std::string((*v)->get_string());
    }
    Result<uint64_t> number(std::string_view key) const {
        auto v = get(key);
        if (!v) return v.error();
        if ((*v)->is_uint64()) return (*v)->get_uint64();
        if ((*v)->is_int64() && (*v)->get_int64() >= 0)
            return static_cast<uint64_t>((*v)->get_int64());
        return damaged(source, "field '" + path(key) + "' is not a non-negative integer");
    }
    Result<Bytes> base64(std::string_view key, size_t expectedSize) const {
        auto s = string(key);
        if (!s) return s.error();
        auto b = fromBase64(*s);
        if (!b) return damaged(source, "field '" + path(key) + "' is not valid base64");
        if (expectedSize && b->size() != expectedSize)
            return damaged(source, "field '" + path(key) + "' has " + std::to_string(b->size()) +
                                       " bytes, expected " + std::to_string(expectedSize));
        return b;
    }
    Result<const json::object*> object(std::string_view key) const {
        auto v = get(key);
        if (!v) return v.error();
        if (!(*v)->is_object())
            return damaged(source, "field '" + path(key) + "' is not an object");
        return &(*v)->get_object();
    }
};

}  // namespace

Result<Keystore> Keystore::seal(KeystoreHeader header, const KeySecret& secret,
                                const SecureBytes& password, const KdfParams& kdf) {
    initCrypto();
    if (Status s = validatePassword(password); !s) return s.error();
    if (!kdf.acceptable())
        return makeError(ErrorCode::InvalidArgument, "Argon2id limits out of range");
    if (secret.mnemonic.size() > kMaxSecretField || secret.passphrase.size() > kMaxSecretField)
        return makeError(ErrorCode::InvalidArgument, "mnemonic or passphrase too long");

    Keystore ks;
    ks.header_ = std::move(header);
    ks.kdf_ = kdf;
    ks.salt_ = password_seal::randomBytes(password_seal::kSaltBytes);
    auto key = password_seal::derive(password, ks.salt_, kdf);
    if (!key) return key.error();
    ks.check_ = key->check;
    // A random 192-bit nonce: safe to pick at random, and every seal uses a fresh key anyway.
    ks.nonce_ = password_seal::randomBytes(password_seal::kNonceBytes);
    ks.aad_ = associatedData(buildDocument(ks.header_, kdf, ks.salt_, ks.check_, ks.nonce_));

    const SecureBytes plaintext = buildPlaintext(secret);
    ks.ciphertext_ = password_seal::encrypt(*key, ks.nonce_, plaintext.span(), asBytes(ks.aad_));
    ks.source_ = ks.header_.name;
    return ks;
}

Result<Keystore> Keystore::parse(std::string_view text, std::string_view source) {
    if (text.empty()) return damaged(source, "the file is empty");
    std::error_code ec;
    json::value doc = json::parse(json::string_view(text.data(), text.size()), ec);
    if (ec) return damaged(source, "not valid JSON (" + ec.message() + "; truncated?)");
    if (!doc.is_object()) return damaged(source, "not a JSON object");
    const json::object& root = doc.get_object();

    // The version first: a newer file deserves "upgrade", not a list of missing fields.
    const FieldReader top{root, "", source};
    auto version = top.number("version");
    if (!version) return version.error();
    if (*version > static_cast<uint64_t>(kVersion))
        return makeError(ErrorCode::Unsupported,
                         "key file '" + std::string(source) + "' has format version " +
                             std::to_string(*version) + "; this program reads up to version " +
                             std::to_string(kVersion) + " (upgrade it to open this key)");
    if (*version != static_cast<uint64_t>(kVersion))
        return damaged(source, "unknown format version " + std::to_string(*version));

    Keystore ks;
    ks.source_ = std::string(source);
    auto name = top.string("name");
    auto address = top.string("address");
    auto pubHex = top.string("pubkey");
    auto hdPath = top.string("hd_path");
    if (!name) return name.error();
    if (!address) return address.error();
    if (!pubHex) return pubHex.error();
    if (!hdPath) return hdPath.error();
    auto pub = fromHex(*pubHex);
    if (!pub || pub->size() != ks.header_.publicKey.size())
        return damaged(source, "field 'pubkey' is not 33 bytes of hex");
    std::copy(pub->begin(), pub->end(), ks.header_.publicKey.begin());
    ks.header_.name = std::move(*name);
    ks.header_.address = std::move(*address);
    ks.header_.hdPath = std::move(*hdPath);

    auto kdfObj = top.object("kdf");
    if (!kdfObj) return kdfObj.error();
    const FieldReader kdf{**kdfObj, "kdf", source};
    auto kdfName = kdf.string("name");
    if (!kdfName) return kdfName.error();
    if (*kdfName != kKdfName)
        return makeError(ErrorCode::Unsupported, "key file '" + std::string(source) +
                                                     "' uses an unknown KDF '" + *kdfName + "'");
    auto ops = kdf.number("opslimit");
    auto mem = kdf.number("memlimit");
    if (!ops) return ops.error();
    if (!mem) return mem.error();
    ks.kdf_ = {*ops, *mem};
    if (!ks.kdf_.acceptable())
        return makeError(ErrorCode::Unsupported,
                         "key file '" + std::string(source) +
                             "' asks for Argon2id limits outside what this program accepts");
    auto salt = kdf.base64("salt", password_seal::kSaltBytes);
    auto check = kdf.base64("check", password_seal::kCheckBytes);
    if (!salt) return salt.error();
    if (!check) return check.error();
    ks.salt_ = std::move(*salt);
    ks.check_ = std::move(*check);

    auto cipherObj = top.object("cipher");
    if (!cipherObj) return cipherObj.error();
    const FieldReader cipher{**cipherObj, "cipher", source};
    auto cipherName = cipher.string("name");
    if (!cipherName) return cipherName.error();
    if (*cipherName != kCipherName)
        return makeError(
            ErrorCode::Unsupported,
            "key file '" + std::string(source) + "' uses an unknown cipher '" + *cipherName + "'");
    auto nonce = cipher.base64("nonce", password_seal::kNonceBytes);
    auto ct = cipher.base64("ciphertext", 0);
    if (!nonce) return nonce.error();
    if (!ct) return ct.error();
    if (ct->size() < password_seal::kTagBytes + kPlaintextPadding || ct->size() > kMaxFileSize)
        return damaged(source, "field 'cipher.ciphertext' has an impossible length");
    ks.nonce_ = std::move(*nonce);
    ks.ciphertext_ = std::move(*ct);
    ks.aad_ = associatedData(root);
    return ks;
}

Result<Keystore> Keystore::load(const std::filesystem::path& file) {
    auto bytes = readFile(file, kMaxFileSize);
    if (!bytes) {
        if (bytes.code() == ErrorCode::Corrupt) return damaged(file.string(), "it is too large");
        return bytes.error();
    }
    return parse(std::string_view(reinterpret_cast<const char*>(bytes->data()), bytes->size()),
                 file.string());
}

std::string Keystore::toJson() const {
    json::object doc = buildDocument(header_, kdf_, salt_, check_, nonce_);
    doc["cipher"].get_object()["ciphertext"] = toBase64(ciphertext_);
    std::string out;
    pretty(doc, out, 0);
    out += '\n';
    return out;
}

Status Keystore::save(const std::filesystem::path& file, IfExists ifExists) const {
    const std::string text = toJson();
    return writeFileAtomic(file, asBytes(text), kOwnerReadWrite, ifExists);
}

Result<KeySecret> Keystore::unlock(const SecureBytes& password) const {
    initCrypto();
    auto key = password_seal::derive(password, salt_, kdf_);
    if (!key) return key.error();
    if (!password_seal::checkMatches(*key, check_))
        return makeError(ErrorCode::WrongPassword, "wrong password for key '" + header_.name + "'");
    auto pt = password_seal::decrypt(*key, nonce_, ciphertext_, asBytes(aad_));
    if (!pt)
        return damaged(source_,
                       "the password is right but the contents were modified or damaged "
                       "(authentication failed)");

    // Authenticated, so a malformed plaintext means a writer bug or a future format.
    const uint8_t* p = pt->data();
    const uint8_t* end = pt->data() + pt->size();
    if (*p != kPlaintextFormat)
        return makeError(
            ErrorCode::Unsupported,
            "key file '" + source_ + "' holds an unknown secret format " + std::to_string(*p));
    ++p;
    KeySecret out;
    for (int i = 0; i < 4; ++i) out.index = (out.index << 8) | *p++;
    auto field = [&](SecureBytes& dest) -> bool {
        if (end - p < 2) return false;
        const size_t len = (size_t{p[0]} << 8) | p[1];
        p += 2;
        if (static_cast<size_t>(end - p) < len) return false;
        dest = SecureBytes(ByteSpan(p, len));
        p += len;
        return true;
    };
    if (!field(out.mnemonic) || !field(out.passphrase))
        return damaged(source_, "the decrypted secret is malformed");
    return out;
}

}  // namespace allora::wallet
