// The argument checks of `allora-cli tx emissions …` and `q emissions …` (app/cli/emissions_args.h,
// compiled in): topic ids, booleans, amounts, create-topic's fourteen words, worker and reputer
// payload documents; and the real binary refusing bad words with exit status 2 and a message
// naming the argument before it contacts any node (--node points at a closed port).
#include <QProcess>
#include <QtTest>

#include "app/cli/emissions_args.h"
#include "core/secp256k1.h"
#include "node/modules/emissions/payloads.h"
#include "wallet/account.h"

using namespace allora;
using namespace allora::cli;

namespace {

constexpr const char* kMnemonic =
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

std::string addressOf(uint32_t index) {
    return wallet::deriveAccount(kMnemonic, {}, index)->address;
}

std::vector<std::string> topicWords() {
    return {"ETH 10min", "mse",  "12",  "24",   "6",    "3",   "0.1",
            "true",      "0.01", "0.1", "0.25", "0.25", "0.25"};
}

// The error message, or "" when `r` succeeded.
template <typename T>
std::string errorOf(const Result<T>& r) {
    if (r) return {};
    if (r.code() != ErrorCode::InvalidArgument) return "wrong code: " + r.message();
    return r.message();
}

#define EXPECT_BAD(expr, word)                                                   \
    do {                                                                         \
        const std::string m_ = errorOf(expr);                                    \
        QVERIFY2(!m_.empty(), #expr " was accepted");                            \
        QVERIFY2(m_.find(word) != std::string::npos, (#expr ": " + m_).c_str()); \
    } while (0)

struct CliRun {
    int exitCode = -1;
    QString err;
    QString out;
};

CliRun runCli(QStringList args) {
    // Port 1 on loopback: nothing listens there; a command that got that far would fail with 1.
    args << "--node"
         << "http://127.0.0.1:1"
         << "--keyring-backend"
         << "test"
         << "--keyring-dir"
         << "/nonexistent-allora-keys";
    QProcess p;
    p.start(QStringLiteral(ALLORA_BIN_DIR "/allora-cli"), args);
    if (!p.waitForStarted()) qFatal("allora-cli did not start");
    p.closeWriteChannel();
    if (!p.waitForFinished(30'000)) qFatal("allora-cli timed out");
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardError()),
            QString::fromUtf8(p.readAllStandardOutput())};
}

}  // namespace

// moc's tokenizer does not follow the raw string literals below: it reads this declaration of
// the same slots instead.
#ifdef Q_MOC_RUN
class TestCliEmissionsArgs : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void scalarArguments();
    void createTopicWords();
    void workerPayloads();
    void reputerPayloads();
    void binaryRefusesBadWordsWithExitTwo();
    void historyCommandsRefuseBadWords();
};
#else
class TestCliEmissionsArgs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { initCrypto(); }

    void scalarArguments() {
        QCOMPARE(*parseTopicIdArg("7"), uint64_t{7});
        EXPECT_BAD(parseTopicIdArg("0"), "start at 1");
        EXPECT_BAD(parseTopicIdArg("-1"), "TOPIC_ID");
        EXPECT_BAD(parseTopicIdArg("1.5"), "TOPIC_ID");
        EXPECT_BAD(parseTopicIdArg(""), "TOPIC_ID");
        EXPECT_BAD(parseTopicIdArg("99999999999999999999999"), "TOPIC_ID");
        QCOMPARE(*parseHeightArg("0", "H"), int64_t{0});
        EXPECT_BAD(parseHeightArg("9223372036854775808", "BLOCK_HEIGHT"), "BLOCK_HEIGHT");
        QVERIFY(*parseBoolArg("TRUE", "IS_REPUTER"));
        QVERIFY(!*parseBoolArg("false", "IS_REPUTER"));
        EXPECT_BAD(parseBoolArg("yes", "IS_REPUTER"), "IS_REPUTER");
        QCOMPARE(*parseAddressArg(addressOf(1), "REPUTER"), addressOf(1));
        EXPECT_BAD(parseAddressArg("allo1qqqq", "REPUTER"), "REPUTER");

        QCOMPARE(parseStakeAmountArg("1000", "AMOUNT")->toUalloString(), std::string("1000"));
        QCOMPARE(parseStakeAmountArg("1000uallo", "AMOUNT")->toUalloString(), std::string("1000"));
        QCOMPARE(parseStakeAmountArg("1.5ALLO", "AMOUNT")->toUalloString(),
                 std::string("1500000000000000000"));
        EXPECT_BAD(parseStakeAmountArg("1.5", "AMOUNT"), "denom");
        EXPECT_BAD(parseStakeAmountArg("0", "AMOUNT"), "more than zero");
        EXPECT_BAD(parseStakeAmountArg("-5", "AMOUNT"), "AMOUNT");
        EXPECT_BAD(parseStakeAmountArg("5 dollars", "AMOUNT"), "AMOUNT");
    }

    void createTopicWords() {
        auto m = parseCreateTopicArgs(topicWords());
        QVERIFY2(m, m ? "" : m.message().c_str());
        QCOMPARE(m->metadata(), std::string("ETH 10min"));
        QCOMPARE(m->loss_method(), std::string("mse"));
        QCOMPARE(m->epoch_length(), int64_t{12});
        QCOMPARE(m->ground_truth_lag(), int64_t{24});
        QCOMPARE(m->worker_submission_window(), int64_t{6});
        QCOMPARE(m->p_norm(), std::string("3"));
        QVERIFY(m->allow_negative());
        QCOMPARE(m->active_reputer_quantile(), std::string("0.25"));
        QVERIFY(m->creator().empty());

        auto with = topicWords();
        with.push_back("false");
        with.push_back("false");
        QVERIFY(parseCreateTopicArgs(with));
        with.back() = "true";
        EXPECT_BAD(parseCreateTopicArgs(with), "whitelists are not supported");

        auto change = [](size_t i, std::string v) {
            auto w = topicWords();
            w[i] = std::move(v);
            return parseCreateTopicArgs(w);
        };
        EXPECT_BAD(change(1, "MSE!"), "LOSS_METHOD");
        EXPECT_BAD(change(2, "0"), "EPOCH_LENGTH");
        EXPECT_BAD(change(2, "twelve"), "EPOCH_LENGTH");
        EXPECT_BAD(change(3, "6"), "below EPOCH_LENGTH");
        EXPECT_BAD(change(3, "1201"), "100");
        EXPECT_BAD(change(4, "13"), "above EPOCH_LENGTH");
        EXPECT_BAD(change(5, "5"), "P_NORM");
        EXPECT_BAD(change(6, "0"), "ALPHA_REGRET");
        EXPECT_BAD(change(7, "maybe"), "ALLOW_NEGATIVE");
        EXPECT_BAD(change(8, "nan"), "EPSILON");
        EXPECT_BAD(change(12, "1.5"), "ACTIVE_REPUTER_QUANTILE");
        auto shortWords = topicWords();
        shortWords.pop_back();
        EXPECT_BAD(parseCreateTopicArgs(shortWords), "14 arguments");
    }

    void workerPayloads() {
        const std::string worker = addressOf(5), other = addressOf(6);
        const std::string doc = R"({"topic_id": 1, "inference_forecasts_bundle": {
            "inference": {"value": "3.25"},
            "forecast": {"forecast_elements": [{"inferer": ")" +
                                other + R"(", "value": "0.5"}]}}})";
        auto in = parseWorkerPayload(doc);
        QVERIFY2(in, in ? "" : in.message().c_str());
        QVERIFY(!in->nonce);
        auto b = completeWorkerBundle(*in, worker, 120);
        QVERIFY2(b, b ? "" : b.message().c_str());
        QCOMPARE(b->worker(), worker);
        QCOMPARE(b->nonce().block_height(), int64_t{120});
        const auto& ifb = b->inference_forecasts_bundle();
        QCOMPARE(ifb.inference().inferer(), worker);
        QCOMPARE(ifb.inference().topic_id(), uint64_t{1});
        QCOMPARE(ifb.inference().block_height(), int64_t{120});
        QCOMPARE(ifb.forecast().forecaster(), worker);
        QCOMPARE(ifb.forecast().block_height(), int64_t{120});
        QCOMPARE(ifb.forecast().forecast_elements(0).inferer(), other);

        // lowerCamel names and a given nonce, as allora-chain's JSON allows.
        auto camel = parseWorkerPayload(
            R"({"topicId": "2", "nonce": {"blockHeight": "77"},
                "inferenceForecastsBundle": {"inference": {"value": "-1e3"}}})");
        QVERIFY2(camel, camel ? "" : camel.message().c_str());
        QCOMPARE(*camel->nonce, int64_t{77});

        EXPECT_BAD(parseWorkerPayload("{"), "not valid JSON");
        EXPECT_BAD(parseWorkerPayload("[1]"), "JSON object");
        EXPECT_BAD(parseWorkerPayload(R"({"topic_id": 1, "color": "red",
            "inference_forecasts_bundle": {"inference": {"value": "1"}}})"),
                   "allora-chain's JSON");
        EXPECT_BAD(parseWorkerPayload(R"({"inference_forecasts_bundle": {"inference":
            {"value": "1"}}})"),
                   "topic_id");
        EXPECT_BAD(parseWorkerPayload(R"({"topic_id": 1, "inference_forecasts_bundle": {}})"),
                   "neither");
        EXPECT_BAD(parseWorkerPayload(R"({"topic_id": 1, "inference_forecasts_bundle":
            {"inference": {"value": "NaN"}}})"),
                   "inference value");
        EXPECT_BAD(parseWorkerPayload(R"({"topic_id": 1, "inference_forecasts_bundle":
            {"inference": {"value": "1e400"}}})"),
                   "inference value");
        EXPECT_BAD(parseWorkerPayload(R"({"topic_id": 1, "inference_forecasts_bundle":
            {"forecast": {"forecast_elements": []}}})"),
                   "forecast_elements");
        EXPECT_BAD(parseWorkerPayload(R"({"topic_id": 1, "inference_forecasts_bundle":
            {"forecast": {"forecast_elements": [{"inferer": "bob", "value": "1"}]}}})"),
                   "inferer");
        EXPECT_BAD(parseWorkerPayload(R"({"topic_id": 1, "pubkey": "02ab",
            "inference_forecasts_bundle": {"inference": {"value": "1"}}})"),
                   "allora-cli signs");
        // Given fields must agree with the key and the nonce.
        auto mismatched = parseWorkerPayload(R"({"topic_id": 1, "worker": ")" + other +
                                             R"(", "inference_forecasts_bundle":
            {"inference": {"value": "1"}}})");
        QVERIFY(mismatched);
        EXPECT_BAD(completeWorkerBundle(*mismatched, worker, 5), "signing key");
        auto wrongHeight = parseWorkerPayload(R"({"topic_id": 1, "inference_forecasts_bundle":
            {"inference": {"value": "1", "block_height": 9}}})");
        QVERIFY(wrongHeight);
        EXPECT_BAD(completeWorkerBundle(*wrongHeight, worker, 5), "nonce");
    }

    void reputerPayloads() {
        const std::string reputer = addressOf(6), w = addressOf(5);
        const std::string bundle = R"({"topic_id": 1, "combined_value": "-2.1",
            "naive_value": "-1.9", "inferer_values": [{"worker": ")" +
                                   w + R"(", "value": "-2"}]})";
        auto bare = parseReputerPayload(bundle);
        QVERIFY2(bare, bare ? "" : bare.message().c_str());
        QVERIFY(!bare->nonce);
        auto wrapped = parseReputerPayload(R"({"value_bundle": )" + bundle + "}");
        QVERIFY2(wrapped, wrapped ? "" : wrapped.message().c_str());
        auto v = completeReputerBundle(*wrapped, reputer, 60);
        QVERIFY(v);
        QCOMPARE(v->reputer(), reputer);
        QCOMPARE(v->reputer_request_nonce().reputer_nonce().block_height(), int64_t{60});
        QCOMPARE(v->inferer_values(0).worker(), w);

        EXPECT_BAD(parseReputerPayload(R"({"value_bundle": {}, "signature": "AA=="})"),
                   "allora-cli signs");
        EXPECT_BAD(parseReputerPayload(R"({"topic_id": 1, "combined_value": "x",
            "naive_value": "1"})"),
                   "combined_value");
        EXPECT_BAD(parseReputerPayload(R"({"topic_id": 1, "combined_value": "1",
            "naive_value": "1", "inferer_values": [{"worker": "nobody", "value": "1"}]})"),
                   "inferer_values worker");
        EXPECT_BAD(parseReputerPayload(R"({"combined_value": "1", "naive_value": "1"})"),
                   "topic_id");
        auto other = parseReputerPayload(R"({"topic_id": 1, "reputer": ")" + w +
                                         R"(", "combined_value": "1", "naive_value": "1"})");
        QVERIFY(other);
        EXPECT_BAD(completeReputerBundle(*other, reputer, 60), "signing key");
    }

    // The binary checks the words before it opens the keyring or asks the node (which is not
    // there): exit 2 and a message naming the argument.
    void binaryRefusesBadWordsWithExitTwo() {
        const QString rep = QString::fromStdString(addressOf(6));
        struct Case {
            QStringList args;
            const char* word;
        } cases[] = {
            {{"tx", "emissions", "add-stake", "alice", "0", "100"}, "topic ids start at 1"},
            {{"tx", "emissions", "add-stake", "alice", "1", "1.5"}, "AMOUNT"},
            {{"tx", "emissions", "fund-topic", "alice", "1", "0uallo"}, "more than zero"},
            {{"tx", "emissions", "register", "alice", "1", rep, "perhaps"}, "IS_REPUTER"},
            {{"tx", "emissions", "register", "alice", "1", "allo1bad", "true"}, "OWNER"},
            {{"tx", "emissions", "delegate-stake", "alice", "1", "nobody", "5"}, "REPUTER"},
            {{"tx", "emissions", "add-stake", "alice", "1"}, "usage"},
            {{"tx", "emissions", "create-topic", "alice", "m", "mse", "12", "6", "6", "3", "0.1",
              "true", "0.01", "0.1", "0.25", "0.25", "0.25"},
             "GROUND_TRUTH_LAG"},
            {{"tx", "emissions", "launch-rocket", "alice"}, "unknown command"},
            {{"tx", "emissions", "add-stake", "alice", "1", "5", "--gas", "lots"}, "--gas"},
            {{"q", "emissions", "topic", "zero"}, "TOPIC_ID"},
            {{"q", "emissions", "reputer-stake", "1", "bob"}, "REPUTER"},
            {{"q", "emissions", "worker-regret", "1", rep, "--family", "sideways"}, "--family"},
            {{"q", "emissions", "worker-regret", "1", rep, "--family", "one_out_inferer_inferer"},
             "--withheld"},
            {{"q", "emissions", "topics", "--limit", "0"}, "--limit"},
            {{"q", "emissions", "inferences-at-block", "1", "-4"}, "BLOCK_HEIGHT"},
        };
        for (const Case& c : cases) {
            const CliRun r = runCli(c.args);
            const QString what = c.args.join(' ') + ": " + r.err;
            QVERIFY2(r.exitCode == 2, qPrintable(what));
            QVERIFY2(r.err.contains(c.word), qPrintable(what));
            QVERIFY2(r.err.startsWith("Error: "), qPrintable(what));
            QVERIFY2(r.out.isEmpty(), qPrintable(what));
        }
        // A payload file that is not there is a failure to read (1), as for `tx broadcast`.
        const CliRun missing =
            runCli({"tx", "emissions", "insert-worker-payload", "alice", "/nonexistent/p.json"});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains("no such file"), qPrintable(missing.err));
        // The node really is not there: a valid query fails with 1, not 2.
        const CliRun ok = runCli({"q", "emissions", "topic", "1"});
        QCOMPARE(ok.exitCode, 1);
        QVERIFY2(ok.err.contains("cannot reach the node"), qPrintable(ok.err));
        // Help texts list the commands.
        const CliRun help = runCli({"tx", "emissions", "--help"});
        QCOMPARE(help.exitCode, 0);
        for (const char* c :
             {"create-topic", "register", "remove-registration", "add-stake", "remove-stake",
              "cancel-remove-stake", "delegate-stake", "remove-delegate-stake",
              "cancel-remove-delegate-stake", "reward-delegate-stake", "fund-topic",
              "insert-worker-payload", "insert-reputer-payload"})
            QVERIFY2(help.out.contains(c), c);
        const CliRun qhelp = runCli({"q", "emissions", "help"});
        QCOMPARE(qhelp.exitCode, 0);
        for (const char* c :
             {"topic TOPIC_ID", "topics", "active-topics", "latest-network-inference",
              "worker-regret", "reputer-stake", "params"})
            QVERIFY2(qhelp.out.contains(c), c);
    }

    // topic-history and network-inferences-at-block check their words and flags before they ask
    // the node (exit 2), and the help lists them.
    void historyCommandsRefuseBadWords() {
        struct Case {
            QStringList args;
            const char* word;
        } cases[] = {
            {{"q", "emissions", "topic-history", "0"}, "TOPIC_ID"},
            {{"q", "emissions", "topic-history", "1", "--limit", "0"}, "--limit"},
            {{"q", "emissions", "topic-history", "1", "--limit", "1001"}, "--limit"},
            {{"q", "emissions", "topic-history", "1", "--limit", "many"}, "--limit"},
            {{"q", "emissions", "topic-history", "1", "--before", "-1"}, "--before"},
            {{"q", "emissions", "topic-history"}, "usage"},
            {{"q", "emissions", "network-inferences-at-block", "1", "x"}, "BLOCK_HEIGHT"},
            {{"q", "emissions", "network-inferences-at-block", "1"}, "usage"},
        };
        for (const Case& c : cases) {
            const CliRun r = runCli(c.args);
            const QString what = c.args.join(' ') + ": " + r.err;
            QVERIFY2(r.exitCode == 2, qPrintable(what));
            QVERIFY2(r.err.contains(c.word), qPrintable(what));
            QVERIFY2(r.out.isEmpty(), qPrintable(what));
        }
        // Valid words reach for the node (which is not there): exit 1.
        const CliRun ok =
            runCli({"q", "emissions", "topic-history", "1", "--before", "120", "--limit", "1000"});
        QCOMPARE(ok.exitCode, 1);
        QVERIFY2(ok.err.contains("cannot reach the node"), qPrintable(ok.err));
        const CliRun help = runCli({"q", "emissions", "help"});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("topic-history TOPIC_ID [--before H] [--limit N]"));
        QVERIFY(help.out.contains("network-inferences-at-block TOPIC_ID BLOCK_HEIGHT"));
    }
};

#endif

QTEST_GUILESS_MAIN(TestCliEmissionsArgs)
#include "test_cli_emissions_args.moc"
