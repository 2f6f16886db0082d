// Unit tests for core/bech32: BIP-173's own test vectors, read from the copy of the BIP in
// tests/vectors (nothing is re-typed here, so a transcription error cannot make a test pass), plus
// the address helpers the wallet uses (encodeAddress / decodeAddress) and every DecodeError.
//
// The vector file is the original BIP-173 text: it lists witness v1+ addresses with a bech32
// (constant 1) checksum as valid. BIP-350 later moved v1+ to bech32m, but Cosmos addresses are
// plain bech32 and this module implements BIP-173 only, so the file's own statements are followed.
#include <QtTest/QtTest>

#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bech32.h"
#include "core/bytes.h"

using allora::Bytes;
using allora::ByteSpan;
using allora::ErrorCode;
using allora::bech32::DecodeError;
namespace bech32 = allora::bech32;

namespace allora::bech32 {
// Lets QCOMPARE print a DecodeError by name (found by ADL).
char* toString(DecodeError e) {
    return qstrdup(describe(e));
}
}  // namespace allora::bech32

Q_DECLARE_METATYPE(allora::bech32::DecodeError)

namespace {

QByteArray q(std::string_view s) {
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}

QByteArray hexOf(ByteSpan d) {
    return QByteArray(reinterpret_cast<const char*>(d.data()), static_cast<qsizetype>(d.size()))
        .toHex();
}

// Hex constant -> bytes, independent of the code under test. A malformed constant is a bug in
// this file, so it stops the run instead of silently dropping digits.
Bytes unhex(const char* h) {
    const QByteArray b = QByteArray::fromHex(h);
    if (static_cast<size_t>(b.size()) * 2 != std::strlen(h)) qFatal("bad hex constant %s", h);
    return Bytes(b.begin(), b.end());
}

std::string asciiLower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

// ---- Reading the BIP's test-vector section -------------------------------------------------

enum class Section { None, ValidBech32, InvalidBech32, ValidSegwit, InvalidSegwit };

struct Entry {
    Section section = Section::None;
    std::string str;   // the test string, with 0xNN bytes spliced in
    std::string note;  // the text after ':' (reason, or scriptPubKey hex), <tt> stripped
    int line = 0;
};

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && isSpace(s.front())) s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back())) s.remove_suffix(1);
    return s;
}

std::string stripTt(std::string_view s) {
    s = trim(s);
    if (s.starts_with("<tt>") && s.ends_with("</tt>")) s = s.substr(4, s.size() - 9);
    return std::string(s);
}

// Parses "0x20 + <tt>1nwldj5</tt>: reason" / "<tt>de1lg7wt</tt> + 0xFF: reason" /
// "<tt>BC1…</tt>: <tt>0014…</tt>". Returns nullopt for a bullet with no string in it.
std::optional<Entry> parseBullet(std::string_view rest, Section section, int line) {
    Entry e;
    e.section = section;
    e.line = line;
    bool any = false;
    for (;;) {
        if (rest.starts_with("<tt>")) {
            const size_t end = rest.find("</tt>");
            if (end == std::string_view::npos) return std::nullopt;
            e.str.append(rest.substr(4, end - 4));
            rest.remove_prefix(end + 5);
        } else if (rest.size() >= 4 && rest.starts_with("0x")) {
            bool ok = false;
            const int v = QByteArray(rest.data() + 2, 2).toInt(&ok, 16);
            if (!ok) return std::nullopt;
            e.str.push_back(static_cast<char>(static_cast<unsigned char>(v)));
            rest.remove_prefix(4);
        } else {
            break;
        }
        any = true;
        if (rest.starts_with(" + ")) {
            rest.remove_prefix(3);
        } else {
            break;
        }
    }
    if (!any) return std::nullopt;
    if (rest.starts_with(":")) e.note = stripTt(rest.substr(1));
    return e;
}

struct VectorFile {
    bool loaded = false;
    QString error;
    std::vector<Entry> entries;

    std::vector<Entry> of(Section s) const {
        std::vector<Entry> out;
        for (const Entry& e : entries)
            if (e.section == s) out.push_back(e);
        return out;
    }
};

const VectorFile& vectors() {
    static const VectorFile file = [] {
        VectorFile f;
        QFile in(QStringLiteral(ALLORA_TEST_VECTORS_DIR
                                "/standards/bip173_bech32_test_vectors.mediawiki.txt"));
        if (!in.open(QIODevice::ReadOnly)) {
            f.error = QStringLiteral("cannot open ") + in.fileName();
            return f;
        }
        Section section = Section::None;
        int lineNo = 0;
        while (!in.atEnd()) {
            const QByteArray raw = in.readLine();
            ++lineNo;
            const std::string lineStr = raw.toStdString();
            const std::string_view line = trim(lineStr);
            if (line.starts_with("===")) {
                section = Section::None;
            } else if (line.starts_with("The following")) {
                if (line.find("not valid Bech32") != std::string_view::npos)
                    section = Section::InvalidBech32;
                else if (line.find("valid Bech32") != std::string_view::npos)
                    section = Section::ValidBech32;
                else if (line.find("invalid segwit") != std::string_view::npos)
                    section = Section::InvalidSegwit;
                else if (line.find("valid segwit") != std::string_view::npos)
                    section = Section::ValidSegwit;
                else
                    section = Section::None;
            } else if (section != Section::None && line.starts_with("* ")) {
                auto e = parseBullet(line.substr(2), section, lineNo);
                if (!e) {
                    f.error = QStringLiteral("unparsed bullet at line %1").arg(lineNo);
                    return f;
                }
                f.entries.push_back(std::move(*e));
            }
        }
        f.loaded = true;
        return f;
    }();
    return file;
}

// The BIP's reason text for an invalid bech32 string -> our DecodeError.
std::optional<DecodeError> errorForReason(const std::string& reasonIn) {
    const std::string r = asciiLower(reasonIn);
    auto has = [&](const char* s) { return r.find(s) != std::string::npos; };
    if (has("hrp character out of range")) return DecodeError::HrpCharOutOfRange;
    if (has("overall max length exceeded")) return DecodeError::TooLong;
    if (has("no separator")) return DecodeError::NoSeparator;
    if (has("empty hrp")) return DecodeError::EmptyHrp;
    if (has("invalid data character")) return DecodeError::InvalidCharacter;
    if (has("too short checksum")) return DecodeError::TooShort;
    if (has("invalid character in checksum")) return DecodeError::InvalidCharacter;
    // The checksum was computed over the upper-case HRP; bech32 checksums use the lower case.
    if (has("checksum calculated with uppercase form of hrp")) return DecodeError::InvalidChecksum;
    return std::nullopt;
}

// ---- Segwit rules (BIP-173 "Segwit address format"), applied on top of bech32::decode --------

enum class SegwitFailure {
    None,
    Bech32,           // bech32::decode refused the string
    Hrp,              // not "bc" or "tb"
    EmptyData,        // no witness version
    Version,          // witness version > 16
    Padding,          // 5-to-8 regrouping has > 4 padding bits or non-zero padding
    ProgramLength,    // program not 2..40 bytes
    V0ProgramLength,  // version 0 program not 20 or 32 bytes (BIP-141)
};

struct SegwitResult {
    SegwitFailure failure = SegwitFailure::None;
    DecodeError bech32Error = DecodeError::None;
    int version = -1;
    Bytes program;
};

SegwitResult segwitDecode(std::string_view address) {
    SegwitResult r;
    auto dec = bech32::decode(address, &r.bech32Error);
    if (!dec) {
        r.failure = SegwitFailure::Bech32;
        return r;
    }
    if (dec->hrp != "bc" && dec->hrp != "tb") {
        r.failure = SegwitFailure::Hrp;
        return r;
    }
    if (dec->data5.empty()) {
        r.failure = SegwitFailure::EmptyData;
        return r;
    }
    r.version = dec->data5[0];
    if (r.version > 16) {
        r.failure = SegwitFailure::Version;
        return r;
    }
    auto program = bech32::convertBits(ByteSpan(dec->data5).subspan(1), 5, 8, false);
    if (!program) {
        r.failure = SegwitFailure::Padding;
        return r;
    }
    r.program = std::move(*program);
    if (r.program.size() < 2 || r.program.size() > 40) {
        r.failure = SegwitFailure::ProgramLength;
        return r;
    }
    if (r.version == 0 && r.program.size() != 20 && r.program.size() != 32) {
        r.failure = SegwitFailure::V0ProgramLength;
        return r;
    }
    return r;
}

std::optional<SegwitFailure> segwitFailureForReason(const std::string& reasonIn) {
    const std::string r = asciiLower(reasonIn);
    auto has = [&](const char* s) { return r.find(s) != std::string::npos; };
    if (has("invalid human-readable part")) return SegwitFailure::Hrp;
    if (has("invalid checksum") || has("mixed case")) return SegwitFailure::Bech32;
    if (has("invalid witness version")) return SegwitFailure::Version;
    if (has("invalid program length for witness version 0")) return SegwitFailure::V0ProgramLength;
    if (has("invalid program length")) return SegwitFailure::ProgramLength;
    if (has("zero padding of more than 4 bits") || has("non-zero padding"))
        return SegwitFailure::Padding;
    if (has("empty data section")) return SegwitFailure::EmptyData;
    return std::nullopt;
}

// The bech32 error a segwit reason implies, when the failure is in bech32 itself.
DecodeError bech32ErrorForSegwitReason(const std::string& reasonIn) {
    const std::string r = asciiLower(reasonIn);
    if (r.find("invalid checksum") != std::string::npos) return DecodeError::InvalidChecksum;
    if (r.find("mixed case") != std::string::npos) return DecodeError::MixedCase;
    return DecodeError::None;
}

const char* kCharset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

// The cosmjs test account: pubkey 02baa4ef…d7b6, hash160 95d0fcfa…b578.
const char* kCosmjsHash160 = "95d0fcfa1a44eb55a714b47d61beb014c97cb578";
const char* kCosmjsAddress = "cosmos1jhg0e7s6gn44tfc5k37kr04sznyhedtc9rzys5";
// The same payload with Allora's prefix
// (tests/vectors/standards/cosmos_mnemonic_address_vectors.json).
const char* kCosmjsAlloAddress = "allo1jhg0e7s6gn44tfc5k37kr04sznyhedtctsc88d";

}  // namespace

class TestBech32 : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void vectorFileParsed();
    void validBech32_data();
    void validBech32();
    void singleSubstitutionIsDetected_data();
    void singleSubstitutionIsDetected();
    void invalidBech32_data();
    void invalidBech32();
    void validSegwit_data();
    void validSegwit();
    void invalidSegwit_data();
    void invalidSegwit();

    void knownCosmosAddress();
    void addressRoundTrip_data();
    void addressRoundTrip();
    void wrongHrp();
    void typoGivesInvalidChecksum();
    void tooLong();
    void mixedCase();
    void upperCaseAddressDecodes();
    void invalidPadding();
    void encodeRejectsBadInput();
    void convertBitsKnownValues();
};

void TestBech32::vectorFileParsed() {
    const VectorFile& f = vectors();
    QVERIFY2(f.loaded, qPrintable(f.error));
    // The BIP lists 7 valid strings, 12 invalid strings, 6 valid and 10 invalid segwit addresses.
    // Checking the counts proves the parser skipped nothing.
    QCOMPARE(f.of(Section::ValidBech32).size(), size_t{7});
    QCOMPARE(f.of(Section::InvalidBech32).size(), size_t{12});
    QCOMPARE(f.of(Section::ValidSegwit).size(), size_t{6});
    QCOMPARE(f.of(Section::InvalidSegwit).size(), size_t{10});
    // Spot-check the splicing of raw bytes: "0x20 + <tt>1nwldj5</tt>".
    QCOMPARE(q(f.of(Section::InvalidBech32).front().str), QByteArray(" 1nwldj5"));
}

void TestBech32::validBech32_data() {
    QTest::addColumn<QByteArray>("input");
    QVERIFY2(vectors().loaded, qPrintable(vectors().error));
    for (const Entry& e : vectors().of(Section::ValidBech32))
        QTest::addRow("line %d", e.line) << q(e.str);
}

void TestBech32::validBech32() {
    QFETCH(QByteArray, input);
    const std::string s = input.toStdString();
    DecodeError why = DecodeError::TooLong;  // must be reset to None on success
    auto dec = bech32::decode(s, &why);
    QVERIFY2(dec.ok(), dec.ok() ? "" : dec.message().c_str());
    QCOMPARE(why, DecodeError::None);

    const std::string lower = asciiLower(s);
    const size_t sep = lower.rfind('1');
    QCOMPARE(q(dec->hrp), q(lower.substr(0, sep)));
    // data part minus the 6 checksum characters
    QCOMPARE(dec->data5.size(), lower.size() - sep - 1 - 6);
    for (size_t i = 0; i < dec->data5.size(); ++i)
        QCOMPARE(kCharset[dec->data5[i]], lower[sep + 1 + i]);

    auto enc = bech32::encode(dec->hrp, dec->data5);
    QVERIFY2(enc.ok(), enc.ok() ? "" : enc.message().c_str());
    QCOMPARE(q(*enc), q(lower));
}

void TestBech32::singleSubstitutionIsDetected_data() {
    validBech32_data();
}

// Bech32 detects every single-character substitution in the data part: each one must be reported
// as a checksum failure (not accepted, not mis-reported).
void TestBech32::singleSubstitutionIsDetected() {
    QFETCH(QByteArray, input);
    const std::string s = input.toStdString();
    const size_t sep = s.rfind('1');
    QVERIFY(sep != std::string::npos);
    // An upper-case string stays upper case, so that the typo is not reported as mixed case.
    const bool upper = asciiLower(s) != s;
    int tried = 0;
    for (size_t i = sep + 1; i < s.size(); ++i) {
        const char lowerC = asciiLower(std::string(1, s[i]))[0];
        const char* pos = std::strchr(kCharset, lowerC);
        QVERIFY(pos != nullptr);
        for (int delta : {1, 7, 31}) {
            char repl = kCharset[(pos - kCharset + delta) % 32];
            if (upper && repl >= 'a' && repl <= 'z') repl = static_cast<char>(repl - 'a' + 'A');
            std::string typo = s;
            typo[i] = repl;
            DecodeError why = DecodeError::None;
            auto dec = bech32::decode(typo, &why);
            QVERIFY2(!dec.ok(), typo.c_str());
            QCOMPARE(why, DecodeError::InvalidChecksum);
            ++tried;
        }
    }
    QVERIFY(tried >= 18);
}

void TestBech32::invalidBech32_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<DecodeError>("expected");
    QVERIFY2(vectors().loaded, qPrintable(vectors().error));
    for (const Entry& e : vectors().of(Section::InvalidBech32)) {
        const auto expected = errorForReason(e.note);
        QVERIFY2(expected.has_value(), ("no mapping for BIP reason '" + e.note + "'").c_str());
        QTest::addRow("line %d: %s", e.line, e.note.c_str()) << q(e.str) << q(e.note) << *expected;
    }
}

void TestBech32::invalidBech32() {
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, reason);
    QFETCH(DecodeError, expected);
    DecodeError why = DecodeError::None;
    auto dec = bech32::decode(input.toStdString(), &why);
    QVERIFY2(!dec.ok(), reason.constData());
    QCOMPARE(why, expected);
    QCOMPARE(dec.code(), ErrorCode::InvalidArgument);
    QVERIFY(!dec.message().empty());
    // decodeAddress reports the same reason.
    DecodeError whyAddr = DecodeError::None;
    auto addr = bech32::decodeAddress(input.toStdString(), {}, &whyAddr);
    QVERIFY(!addr.ok());
    QCOMPARE(whyAddr, expected);
}

void TestBech32::validSegwit_data() {
    QTest::addColumn<QByteArray>("address");
    QTest::addColumn<QByteArray>("scriptPubKey");
    QVERIFY2(vectors().loaded, qPrintable(vectors().error));
    for (const Entry& e : vectors().of(Section::ValidSegwit))
        QTest::addRow("line %d", e.line) << q(e.str) << q(e.note);
}

void TestBech32::validSegwit() {
    QFETCH(QByteArray, address);
    QFETCH(QByteArray, scriptPubKey);
    QVERIFY(!scriptPubKey.isEmpty());
    const SegwitResult r = segwitDecode(address.toStdString());
    QCOMPARE(r.bech32Error, DecodeError::None);
    QCOMPARE(static_cast<int>(r.failure), static_cast<int>(SegwitFailure::None));

    Bytes script;
    script.push_back(static_cast<uint8_t>(r.version == 0 ? 0x00 : 0x50 + r.version));
    script.push_back(static_cast<uint8_t>(r.program.size()));
    script.insert(script.end(), r.program.begin(), r.program.end());
    QCOMPARE(hexOf(script), scriptPubKey.toLower());

    // And it re-encodes to itself in lower case.
    auto dec = bech32::decode(address.toStdString());
    QVERIFY(dec.ok());
    auto enc = bech32::encode(dec->hrp, dec->data5);
    QVERIFY(enc.ok());
    QCOMPARE(q(*enc), address.toLower());
}

void TestBech32::invalidSegwit_data() {
    QTest::addColumn<QByteArray>("address");
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<int>("failure");
    QTest::addColumn<DecodeError>("bech32Error");
    QVERIFY2(vectors().loaded, qPrintable(vectors().error));
    for (const Entry& e : vectors().of(Section::InvalidSegwit)) {
        const auto failure = segwitFailureForReason(e.note);
        QVERIFY2(failure.has_value(), ("no mapping for BIP reason '" + e.note + "'").c_str());
        QTest::addRow("line %d: %s", e.line, e.note.c_str())
            << q(e.str) << q(e.note) << static_cast<int>(*failure)
            << bech32ErrorForSegwitReason(e.note);
    }
}

void TestBech32::invalidSegwit() {
    QFETCH(QByteArray, address);
    QFETCH(QByteArray, reason);
    QFETCH(int, failure);
    QFETCH(DecodeError, bech32Error);
    const SegwitResult r = segwitDecode(address.toStdString());
    QVERIFY2(r.failure != SegwitFailure::None, reason.constData());
    QCOMPARE(static_cast<int>(r.failure), failure);
    QCOMPARE(r.bech32Error, bech32Error);
}

void TestBech32::knownCosmosAddress() {
    const Bytes payload = unhex(kCosmjsHash160);
    auto cosmos = bech32::encodeAddress("cosmos", payload);
    QVERIFY(cosmos.ok());
    QCOMPARE(q(*cosmos), QByteArray(kCosmjsAddress));
    auto allo = bech32::encodeAddress("allo", payload);
    QVERIFY(allo.ok());
    QCOMPARE(q(*allo), QByteArray(kCosmjsAlloAddress));

    auto back = bech32::decodeAddress(kCosmjsAddress, "cosmos");
    QVERIFY(back.ok());
    QCOMPARE(hexOf(*back), QByteArray(kCosmjsHash160));
    auto backAllo = bech32::decodeAddress(kCosmjsAlloAddress, "allo");
    QVERIFY(backAllo.ok());
    QCOMPARE(hexOf(*backAllo), QByteArray(kCosmjsHash160));
}

void TestBech32::addressRoundTrip_data() {
    QTest::addColumn<int>("size");
    QTest::addColumn<QByteArray>("hrp");
    QTest::newRow("20 bytes, allo") << 20 << QByteArray("allo");
    QTest::newRow("32 bytes, allo") << 32 << QByteArray("allo");
    QTest::newRow("20 bytes, allovaloper") << 20 << QByteArray("allovaloper");
    QTest::newRow("32 bytes, cosmos") << 32 << QByteArray("cosmos");
}

void TestBech32::addressRoundTrip() {
    QFETCH(int, size);
    QFETCH(QByteArray, hrp);
    const std::string prefix = hrp.toStdString();
    QRandomGenerator rng(0xA110A + static_cast<quint32>(size));
    std::vector<Bytes> payloads;
    payloads.push_back(Bytes(static_cast<size_t>(size), 0x00));
    payloads.push_back(Bytes(static_cast<size_t>(size), 0xff));
    for (int i = 0; i < 50; ++i) {
        Bytes p(static_cast<size_t>(size));
        for (auto& b : p) b = static_cast<uint8_t>(rng.bounded(256));
        payloads.push_back(std::move(p));
    }
    for (const Bytes& p : payloads) {
        auto addr = bech32::encodeAddress(prefix, p);
        QVERIFY(addr.ok());
        QVERIFY(addr->starts_with(prefix + "1"));
        // 8-bit -> 5-bit with padding, plus separator and 6 checksum characters.
        QCOMPARE(addr->size(), prefix.size() + 1 + (p.size() * 8 + 4) / 5 + 6);
        QCOMPARE(q(asciiLower(*addr)), q(*addr));
        DecodeError why = DecodeError::TooLong;
        auto back = bech32::decodeAddress(*addr, prefix, &why);
        QVERIFY2(back.ok(), back.ok() ? "" : back.message().c_str());
        QCOMPARE(why, DecodeError::None);
        QCOMPARE(hexOf(*back), hexOf(p));
        // No expected prefix: accepted as well.
        auto any = bech32::decodeAddress(*addr);
        QVERIFY(any.ok());
        QCOMPARE(hexOf(*any), hexOf(p));
    }
}

void TestBech32::wrongHrp() {
    DecodeError why = DecodeError::None;
    auto r = bech32::decodeAddress(kCosmjsAddress, "allo", &why);
    QVERIFY(!r.ok());
    QCOMPARE(why, DecodeError::WrongHrp);
    QCOMPARE(r.code(), ErrorCode::InvalidArgument);
    // The message names both the prefix found and the one expected.
    QVERIFY2(r.message().find("'allo'") != std::string::npos, r.message().c_str());
    QVERIFY2(r.message().find("'cosmos'") != std::string::npos, r.message().c_str());

    // A prefix that is a prefix of the real one is still wrong.
    why = DecodeError::None;
    QVERIFY(!bech32::decodeAddress(kCosmjsAlloAddress, "al", &why).ok());
    QCOMPARE(why, DecodeError::WrongHrp);
    why = DecodeError::None;
    QVERIFY(!bech32::decodeAddress(kCosmjsAlloAddress, "allovaloper", &why).ok());
    QCOMPARE(why, DecodeError::WrongHrp);
}

void TestBech32::typoGivesInvalidChecksum() {
    const std::string good = kCosmjsAlloAddress;
    QVERIFY(bech32::decodeAddress(good, "allo").ok());
    // Change one data character, then one checksum character.
    for (size_t pos : {size_t{5}, size_t{20}, good.size() - 1}) {
        std::string typo = good;
        typo[pos] = typo[pos] == 'q' ? 'p' : 'q';
        DecodeError why = DecodeError::None;
        auto r = bech32::decodeAddress(typo, "allo", &why);
        QVERIFY2(!r.ok(), typo.c_str());
        QCOMPARE(why, DecodeError::InvalidChecksum);
    }
    // Two adjacent characters swapped.
    std::string swapped = good;
    std::swap(swapped[10], swapped[11]);
    QVERIFY(swapped != good);
    DecodeError why = DecodeError::None;
    QVERIFY(!bech32::decodeAddress(swapped, "allo", &why).ok());
    QCOMPARE(why, DecodeError::InvalidChecksum);
}

void TestBech32::tooLong() {
    // The longest legal string: HRP + '1' + data + checksum = 90 characters.
    const std::string hrp = "allo";
    Bytes data5(90 - hrp.size() - 1 - 6, 3);
    auto max = bech32::encode(hrp, data5);
    QVERIFY(max.ok());
    QCOMPARE(max->size(), size_t{90});
    QVERIFY(bech32::decode(*max).ok());

    // One more data value cannot be encoded...
    data5.push_back(3);
    QVERIFY(!bech32::encode(hrp, data5).ok());
    // ...and a 91-character string is refused before anything else is looked at.
    const std::string longer = *max + "q";
    QCOMPARE(longer.size(), size_t{91});
    DecodeError why = DecodeError::None;
    auto r = bech32::decode(longer, &why);
    QVERIFY(!r.ok());
    QCOMPARE(why, DecodeError::TooLong);
    why = DecodeError::None;
    QVERIFY(!bech32::decodeAddress(longer, "allo", &why).ok());
    QCOMPARE(why, DecodeError::TooLong);

    // A 20-byte payload under a long HRP that overflows 90 characters is refused by encodeAddress.
    QVERIFY(!bech32::encodeAddress(std::string(60, 'a'), Bytes(20, 1)).ok());
}

void TestBech32::mixedCase() {
    std::string s = kCosmjsAlloAddress;
    s[0] = 'A';  // "Allo1…"
    DecodeError why = DecodeError::None;
    QVERIFY(!bech32::decodeAddress(s, "allo", &why).ok());
    QCOMPARE(why, DecodeError::MixedCase);

    s = kCosmjsAlloAddress;
    s[s.size() - 1] = static_cast<char>(s.back() - 'a' + 'A');  // upper-case last checksum char
    why = DecodeError::None;
    QVERIFY(!bech32::decode(s, &why).ok());
    QCOMPARE(why, DecodeError::MixedCase);
}

void TestBech32::upperCaseAddressDecodes() {
    QByteArray upper = QByteArray(kCosmjsAlloAddress).toUpper();
    auto r = bech32::decodeAddress(upper.toStdString(), "allo");
    QVERIFY2(r.ok(), r.ok() ? "" : r.message().c_str());
    QCOMPARE(hexOf(*r), QByteArray(kCosmjsHash160));
    auto dec = bech32::decode(upper.toStdString());
    QVERIFY(dec.ok());
    QCOMPARE(q(dec->hrp), QByteArray("allo"));
}

void TestBech32::invalidPadding() {
    // Two 5-bit groups = 10 bits: one byte plus 2 leftover bits "01", which are not zero.
    const Bytes badPad = {0, 1};
    auto s = bech32::encode("allo", badPad);
    QVERIFY(s.ok());
    QVERIFY(bech32::decode(*s).ok());  // a fine bech32 string...
    DecodeError why = DecodeError::None;
    auto r = bech32::decodeAddress(*s, "allo", &why);
    QVERIFY(!r.ok());  // ...but not a byte payload
    QCOMPARE(why, DecodeError::InvalidPadding);

    // One 5-bit group: 5 leftover bits, more than the 4 a byte encoding can leave.
    auto t = bech32::encode("allo", Bytes{0});
    QVERIFY(t.ok());
    why = DecodeError::None;
    QVERIFY(!bech32::decodeAddress(*t, "allo", &why).ok());
    QCOMPARE(why, DecodeError::InvalidPadding);

    // Same 10 bits with zero leftover bits: one byte 0x00.
    auto u = bech32::encode("allo", Bytes{0, 0});
    QVERIFY(u.ok());
    auto ok = bech32::decodeAddress(*u, "allo");
    QVERIFY(ok.ok());
    QCOMPARE(hexOf(*ok), QByteArray("00"));
}

void TestBech32::encodeRejectsBadInput() {
    QVERIFY(!bech32::encode("", Bytes{}).ok());              // empty HRP
    QVERIFY(!bech32::encode("Allo", Bytes{1, 2}).ok());      // upper case HRP
    QVERIFY(!bech32::encode("al lo", Bytes{1, 2}).ok());     // space (33..126 only)
    QVERIFY(!bech32::encode("allo\x7f", Bytes{1, 2}).ok());  // DEL
    QVERIFY(!bech32::encode(std::string(84, 'a'), Bytes{}).ok());
    QVERIFY(bech32::encode(std::string(83, 'a'), Bytes{}).ok());
    auto notFiveBit = bech32::encode("allo", Bytes{1, 32});
    QVERIFY(!notFiveBit.ok());
    QCOMPARE(notFiveBit.code(), ErrorCode::InvalidArgument);
    // Empty data is legal: the BIP's "a12uel5l".
    auto empty = bech32::encode("a", Bytes{});
    QVERIFY(empty.ok());
    QCOMPARE(q(*empty), QByteArray("a12uel5l"));
}

void TestBech32::convertBitsKnownValues() {
    // 0xff -> 11111 111(00) with padding.
    auto a = bech32::convertBits(Bytes{0xff}, 8, 5, true);
    QVERIFY(a.ok());
    QCOMPARE(hexOf(*a), QByteArray("1f1c"));
    // Without padding the 3 leftover bits are non-zero: refused.
    QVERIFY(!bech32::convertBits(Bytes{0xff}, 8, 5, false).ok());
    // 5 bytes = 40 bits = exactly 8 groups, no padding needed either way.
    const Bytes five = unhex("0123456789");
    auto b = bech32::convertBits(five, 8, 5, false);
    QVERIFY(b.ok());
    QCOMPARE(b->size(), size_t{8});
    // 00000 00100 10001 10100 01010 11001 11100 01001
    QCOMPARE(hexOf(*b), QByteArray("000411140a191c09"));
    auto c = bech32::convertBits(*b, 5, 8, false);
    QVERIFY(c.ok());
    QCOMPARE(hexOf(*c), QByteArray("0123456789"));
    // A 5-bit input value >= 32 is refused.
    QVERIFY(!bech32::convertBits(Bytes{32}, 5, 8, true).ok());
    // Empty in, empty out.
    auto e = bech32::convertBits(Bytes{}, 8, 5, true);
    QVERIFY(e.ok());
    QVERIFY(e->empty());
}

QTEST_APPLESS_MAIN(TestBech32)
#include "test_bech32.moc"
