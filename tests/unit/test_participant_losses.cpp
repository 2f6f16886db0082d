// The reference reputers' pure parts (node/participants/losses.h): the loss methods as log10
// losses, decimal texts the chain accepts, and the value bundle of every synthesis output.
#include <QtTest/QtTest>

#include <cmath>

#include "node/modules/emissions/keeper.h"
#include "node/participants/losses.h"

using namespace allora::participants;
namespace pb = ::emissions::v9;

namespace {

double num(const std::string& text) {
    auto v = allora::node::emissions::parseDecimal(text);
    if (!v) qFatal("'%s' is not a chain decimal: %s", text.c_str(), v.message().c_str());
    return *v;
}

void add(google::protobuf::RepeatedPtrField<pb::WorkerAttributedValue>* list, const char* worker,
         const char* value) {
    auto* x = list->Add();
    x->set_worker(worker);
    x->set_value(value);
}
void add(google::protobuf::RepeatedPtrField<pb::WithheldWorkerAttributedValue>* list,
         const char* worker, const char* value) {
    auto* x = list->Add();
    x->set_worker(worker);
    x->set_value(value);
}

template <typename List>
std::map<std::string, double> byWorker(const List& list) {
    std::map<std::string, double> out;
    for (const auto& x : list) out[x.worker()] = num(x.value());
    return out;
}

}  // namespace

class TestParticipantLosses : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void lossMethods() {
        QCOMPARE(*parseLossMethod("mse"), LossMethod::Mse);
        QCOMPARE(*parseLossMethod("mae"), LossMethod::Mae);
        auto bad = parseLossMethod("crps");
        QVERIFY(!bad);
        QVERIFY(bad.message().find("'crps'") != std::string::npos);
        QCOMPARE(pointLoss(LossMethod::Mse, 10, 13), 9.0);
        QCOMPARE(pointLoss(LossMethod::Mae, 10, 7), 3.0);
        QCOMPARE(logLoss(LossMethod::Mse, 10, 110), 4.0);  // log10(100²)
        QCOMPARE(logLoss(LossMethod::Mae, 10, 9.9), std::log10(std::abs(9.9 - 10)));
        // An exact prediction stays finite.
        QCOMPARE(logLoss(LossMethod::Mse, 5, 5), std::log10(kMinLoss));
        // Floored at the loss of half the data's precision.
        QCOMPARE(lossFloor(LossMethod::Mae, 0.1), 0.05);
        QCOMPARE(lossFloor(LossMethod::Mse, 0.1), 0.05 * 0.05);
        QCOMPARE(logLoss(LossMethod::Mae, 20.0, 20.0, lossFloor(LossMethod::Mae, 0.1)),
                 std::log10(0.05));
        QCOMPARE(logLoss(LossMethod::Mae, 20.0, 21.0, lossFloor(LossMethod::Mae, 0.1)), 0.0);
    }
    void decimalTextsReadBackExactly() {
        for (double v : {0.0, -0.5, 1455.219971, 1e-5, 3.0e21, -7.25e-13, 1.0 / 3.0}) {
            const std::string t = decimalText(v);
            QCOMPARE(num(t), v);
        }
    }
    void bundleHoldsTheLossOfEveryOutput() {
        pb::NetworkInferences n;
        n.set_topic_id(3);
        n.set_block_height(120);
        n.set_combined_value("101");
        n.set_naive_value("98");
        add(n.mutable_inferer_values(), "allo1a", "100");
        add(n.mutable_inferer_values(), "allo1b", "104");
        add(n.mutable_inferer_values(), "allo1bad", "not-a-number");
        add(n.mutable_forecaster_values(), "allo1a", "102");
        add(n.mutable_one_out_inferer_values(), "allo1a", "103");
        add(n.mutable_one_out_forecaster_values(), "allo1b", "99");
        add(n.mutable_one_in_forecaster_values(), "allo1a", "100.5");
        auto b = lossBundle(n, 100.0, LossMethod::Mae, "allo1reputer");
        QVERIFY2(b.ok(), b ? "" : b.message().c_str());
        QCOMPARE(b->topic_id(), uint64_t(3));
        QCOMPARE(b->reputer_request_nonce().reputer_nonce().block_height(), int64_t(120));
        QCOMPARE(b->reputer(), std::string("allo1reputer"));
        QCOMPARE(num(b->combined_value()), 0.0);  // log10 |101 − 100|
        QCOMPARE(num(b->naive_value()), std::log10(2.0));
        const auto inferers = byWorker(b->inferer_values());
        QCOMPARE(inferers.size(), size_t(2));  // the unparsable value is left out
        QCOMPARE(inferers.at("allo1a"), std::log10(kMinLoss));
        QCOMPARE(inferers.at("allo1b"), std::log10(4.0));
        QCOMPARE(byWorker(b->forecaster_values()).at("allo1a"), std::log10(2.0));
        QCOMPARE(byWorker(b->one_out_inferer_values()).at("allo1a"), std::log10(3.0));
        QCOMPARE(byWorker(b->one_out_forecaster_values()).at("allo1b"), 0.0);
        QCOMPARE(byWorker(b->one_in_forecaster_values()).at("allo1a"), std::log10(0.5));

        auto mse = lossBundle(n, 100.0, LossMethod::Mse, "allo1reputer");
        QCOMPARE(num(mse->naive_value()), std::log10(4.0));
        // With a floor, the exact inference of allo1a is worth the floor, no more.
        auto floored = lossBundle(n, 100.0, LossMethod::Mae, "allo1reputer", 0.5);
        QCOMPARE(byWorker(floored->inferer_values()).at("allo1a"), std::log10(0.5));
        QCOMPARE(byWorker(floored->inferer_values()).at("allo1b"), std::log10(4.0));
    }
    void bundleNeedsTheCombinedValueAndAFiniteTruth() {
        pb::NetworkInferences n;
        n.set_combined_value("1");
        QVERIFY(!lossBundle(n, 1.0, LossMethod::Mse, "r"));  // no naive value
        n.set_naive_value("1");
        QVERIFY(lossBundle(n, 1.0, LossMethod::Mse, "r").ok());
        QVERIFY(!lossBundle(n, std::nan(""), LossMethod::Mse, "r"));
    }
};

QTEST_GUILESS_MAIN(TestParticipantLosses)
#include "test_participant_losses.moc"
