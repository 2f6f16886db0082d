#include "node/participants/participant_runner.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "allora/emissions/v9/tx.pb.h"
#include "node/participants/participant_keys.h"

namespace allora::participants {

namespace {

// Past network losses a forecaster looks at, per inferer (models.h).
constexpr size_t kLossHistory = kForecastHistory;
// History of the series handed to a model (the models look at most 200 steps back).
constexpr size_t kSeriesHistory = 250;

std::optional<double> parseValue(const std::string& text) {
    double v = 0;
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || p != text.data() + text.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

}  // namespace

ParticipantRunner::ParticipantRunner(node::api::NodeApi& api, std::vector<wallet::Account> accounts,
                                     RunnerOptions options)
    : chain_(api), models_(referenceModels()), options_(std::move(options)) {
    for (size_t i = 0; i < accounts.size(); ++i) {
        if (i < kWorkerCount)
            workers_.emplace_back(std::move(accounts[i]));
        else
            reputers_.emplace_back(std::move(accounts[i]));
    }
    models_.resize(std::min(models_.size(), workers_.size()));
}

ParticipantRunner::~ParticipantRunner() {
    stop();
}

void ParticipantRunner::start() {
    if (thread_.joinable() || workers_.empty() || reputers_.empty()) return;
    thread_ = std::thread([this] { run(); });
}

void ParticipantRunner::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

RunnerStats ParticipantRunner::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

std::map<uint64_t, DemoTopic> ParticipantRunner::topics() const {
    std::lock_guard lock(mutex_);
    return publishedTopics_;
}

std::vector<std::string> ParticipantRunner::workerAddresses() const {
    std::vector<std::string> out;
    for (const auto& w : workers_) out.push_back(w.address());
    return out;
}

std::vector<std::string> ParticipantRunner::modelNames() const {
    std::vector<std::string> out;
    for (const auto& m : models_) out.push_back(m->name());
    return out;
}

void ParticipantRunner::log(LogLevel level, const std::string& message) const {
    logTo(options_.log, level, "participants", message);
}

void ParticipantRunner::run() {
    log(
        LogLevel::Info, std::to_string(workers_.size()) + " reference workers (" +
                            [&] {
                                std::string names;
                                for (const auto& m : models_)
                                    names += (names.empty() ? "" : ", ") + m->name();
                                return names;
                            }() +
                            ") and " + std::to_string(reputers_.size()) + " reputers running");
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            if (wake_.wait_for(lock, options_.poll, [this] { return stopping_; })) return;
        }
        const uint64_t height = chain_.status().latestHeight;
        if (height == 0 || height == lastHeight_) continue;
        lastHeight_ = height;
        onBlock(height);
    }
}

void ParticipantRunner::send(ParticipantAccount& account, std::vector<wallet::AnyMessage> messages,
                             const std::string& what) {
    auto r = account.send(chain_, std::move(messages));
    if (!r) {
        log(LogLevel::Warn, what + " from " + account.address() + ": " + r.message());
        std::lock_guard lock(mutex_);
        ++stats_.rejected;
        return;
    }
    if (!r->ok()) {
        log(LogLevel::Warn, what + " from " + account.address() + " refused: " + r->log);
        std::lock_guard lock(mutex_);
        ++stats_.rejected;
    }
}

void ParticipantRunner::onBlock(uint64_t height) {
    if (!setupDone_) {
        if (height < setupRetryAt_) return;
        if (!ensureTopics(height)) return;
        if (!ensureRegistrations(height)) return;
        setupDone_ = true;
        log(LogLevel::Info, "set-up complete: " + std::to_string(topics_.size()) +
                                " demo topics, every worker and reputer registered");
    }
    for (auto& [id, t] : topics_) work(t, height);
}

// The demo topics on chain, by metadata; the missing ones are created in one transaction.
bool ParticipantRunner::ensureTopics(uint64_t height) {
    auto next =
        chain_.emissions<pb::GetNextTopicIdResponse>("GetNextTopicId", pb::GetNextTopicIdRequest{});
    if (!next) {
        log(LogLevel::Warn, next.message());
        return false;
    }
    for (uint64_t id = 1; id < next->next_topic_id(); ++id) {
        if (topics_.count(id)) continue;
        pb::GetTopicRequest q;
        q.set_topic_id(id);
        auto t = chain_.emissions<pb::GetTopicResponse>("GetTopic", q);
        if (!t) continue;
        auto spec = demoTopicFromMetadata(t->topic().metadata(), options_.topics);
        if (!spec) continue;
        bool taken = false;
        for (const auto& [other, s] : topics_) taken = taken || s.spec.dataset == spec->dataset;
        if (taken) continue;
        // The chain's numbers rule (the topic may predate a change of defaults).
        spec->epochLength = t->topic().epoch_length();
        spec->groundTruthLag = t->topic().ground_truth_lag();
        spec->workerSubmissionWindow = t->topic().worker_submission_window();
        TopicState s;
        s.spec = *spec;
        s.topic = t->topic();
        topics_.emplace(id, std::move(s));
        log(LogLevel::Info, "demo topic " + std::to_string(id) + ": " + t->topic().metadata());
    }
    {
        std::lock_guard lock(mutex_);
        publishedTopics_.clear();
        for (const auto& [id, s] : topics_) publishedTopics_.emplace(id, s.spec);
    }
    std::vector<wallet::AnyMessage> create;
    for (const DemoTopic& spec : options_.topics) {
        bool found = false;
        for (const auto& [id, s] : topics_) found = found || s.spec.dataset == spec.dataset;
        if (found) continue;
        pb::CreateNewTopicRequest m;
        m.set_creator(reputers_[0].address());
        m.set_metadata(spec.metadata());
        m.set_loss_method(lossMethodName(spec.lossMethod));
        m.set_epoch_length(spec.epochLength);
        m.set_ground_truth_lag(spec.groundTruthLag);
        m.set_worker_submission_window(spec.workerSubmissionWindow);
        m.set_p_norm(spec.pNorm);
        m.set_alpha_regret(spec.alphaRegret);
        m.set_allow_negative(true);
        m.set_epsilon(spec.epsilon);
        m.set_merit_sortition_alpha("0.1");
        m.set_active_inferer_quantile("0.25");
        m.set_active_forecaster_quantile("0.25");
        m.set_active_reputer_quantile("0.25");
        create.push_back(emissionsMessage("CreateNewTopicRequest", m));
    }
    if (create.empty()) return true;
    log(LogLevel::Info, "creating " + std::to_string(create.size()) + " demo topics");
    send(reputers_[0], std::move(create), "topic creation");
    setupRetryAt_ = height + 2;
    return false;
}

// Every worker registered in every demo topic, every reputer registered with its stake.
bool ParticipantRunner::ensureRegistrations(uint64_t height) {
    auto stakeTarget = Amount::parse(options_.reputerStake);
    if (!stakeTarget) {
        log(LogLevel::Error,
            "reputer stake '" + options_.reputerStake + "': " + stakeTarget.message());
        return false;
    }
    bool complete = true;
    auto registered = [&](uint64_t topic, const std::string& address, bool reputer) {
        pb::IsWorkerRegisteredInTopicIdRequest q;
        q.set_topic_id(topic);
        q.set_address(address);
        auto r = chain_.emissions<pb::IsWorkerRegisteredInTopicIdResponse>(
            reputer ? "IsReputerRegisteredInTopicId" : "IsWorkerRegisteredInTopicId", q);
        return r && r->is_registered();
    };
    auto enroll = [&](ParticipantAccount& account, bool reputer) {
        std::vector<wallet::AnyMessage> msgs;
        for (const auto& [id, t] : topics_) {
            if (!registered(id, account.address(), reputer)) {
                pb::RegisterRequest m;
                m.set_sender(account.address());
                m.set_owner(account.address());
                m.set_topic_id(id);
                m.set_is_reputer(reputer);
                msgs.push_back(emissionsMessage("RegisterRequest", m));
            }
            if (!reputer) continue;
            pb::GetReputerStakeInTopicRequest q;
            q.set_topic_id(id);
            q.set_address(account.address());
            auto stake =
                chain_.emissions<pb::GetReputerStakeInTopicResponse>("GetReputerStakeInTopic", q);
            auto have = stake ? Amount::parse(stake->amount()) : Result<Amount>(Amount{});
            if (have && *have < *stakeTarget) {
                pb::AddStakeRequest m;
                m.set_sender(account.address());
                m.set_topic_id(id);
                m.set_amount(stakeTarget->toUalloString());
                msgs.push_back(emissionsMessage("AddStakeRequest", m));
            }
        }
        if (msgs.empty()) return;
        complete = false;
        send(account, std::move(msgs),
             reputer ? "reputer registration and stake" : "worker registration");
    };
    for (auto& w : workers_) enroll(w, false);
    for (auto& r : reputers_) enroll(r, true);
    if (!complete) setupRetryAt_ = height + 2;
    return complete;
}

void ParticipantRunner::work(TopicState& t, uint64_t height) {
    const uint64_t id = t.topic.id();
    const auto h = static_cast<int64_t>(height);
    // The latest synthesis, kept until its truth is known.
    pb::GetLatestNetworkInferencesRequest lq;
    lq.set_topic_id(id);
    if (auto n = chain_.emissions<pb::GetLatestNetworkInferencesResponse>(
            "GetLatestNetworkInferences", lq)) {
        const pb::NetworkInferences& ni = n->network_inferences();
        if (!t.inferences.count(ni.block_height())) {
            t.inferences[ni.block_height()] = ni;
            const size_t step = t.spec.stepOf(ni.block_height());
            const auto& series = demoSeries(t.spec.dataset);
            log(LogLevel::Info, "topic " + std::to_string(id) + " nonce " +
                                    std::to_string(ni.block_height()) + ": network inference " +
                                    ni.combined_value() + " (naive " + ni.naive_value() + ", " +
                                    std::to_string(ni.inferer_values_size()) +
                                    " inferences, truth " + decimalText(series[step + 1]) + ")");
        }
    }
    while (!t.inferences.empty() && t.inferences.begin()->first + 2 * t.spec.groundTruthLag < h)
        t.inferences.erase(t.inferences.begin());

    pb::GetUnfulfilledWorkerNoncesRequest wq;
    wq.set_topic_id(id);
    if (auto open = chain_.emissions<pb::GetUnfulfilledWorkerNoncesResponse>(
            "GetUnfulfilledWorkerNonces", wq)) {
        for (const pb::Nonce& n : open->nonces().nonces()) {
            // The tx lands in the next block at the earliest: it must still be in the window.
            if (h + 1 < n.block_height() + t.spec.workerSubmissionWindow && h >= n.block_height()) {
                refreshLosses(t, n.block_height());
                submitInferences(t, n.block_height());
            }
        }
    }
    pb::GetUnfulfilledReputerNoncesRequest rq;
    rq.set_topic_id(id);
    if (auto open = chain_.emissions<pb::GetUnfulfilledReputerNoncesResponse>(
            "GetUnfulfilledReputerNonces", rq)) {
        for (const pb::ReputerRequestNonce& r : open->nonces().nonces()) {
            const int64_t n = r.reputer_nonce().block_height();
            if (h + 1 >= n + t.spec.groundTruthLag && h + 1 <= n + 2 * t.spec.groundTruthLag)
                submitLosses(t, n);
        }
    }
}

// The network losses of past nonces and their inferences (what forecasters learn from).
void ParticipantRunner::refreshLosses(TopicState& t, int64_t latestNonce) {
    const int64_t el = std::max<int64_t>(t.spec.epochLength, 1);
    const int64_t span = 2 * t.spec.groundTruthLag / el + static_cast<int64_t>(kLossHistory) + 2;
    for (int64_t k = 1; k <= span; ++k) {
        const int64_t nonce = latestNonce - k * el;
        if (nonce <= 0) break;
        if (!t.losses.count(nonce)) {
            pb::GetNetworkLossBundleAtBlockRequest q;
            q.set_topic_id(t.topic.id());
            q.set_block_height(nonce);
            if (auto b = chain_.emissions<pb::GetNetworkLossBundleAtBlockResponse>(
                    "GetNetworkLossBundleAtBlock", q))
                t.losses[nonce] = b->loss_bundle();
        }
        if (t.losses.count(nonce) && !t.pastInferences.count(nonce)) {
            pb::GetNetworkInferencesAtBlockRequest q;
            q.set_topic_id(t.topic.id());
            q.set_block_height_last_inference(nonce);
            if (auto n = chain_.emissions<pb::GetNetworkInferencesAtBlockResponse>(
                    "GetNetworkInferencesAtBlock", q)) {
                auto& values = t.pastInferences[nonce];
                for (const auto& v : n->network_inferences().inferer_values())
                    if (auto x = parseValue(v.value())) values[v.worker()] = *x;
            }
        }
    }
    while (t.losses.size() > kLossHistory) t.losses.erase(t.losses.begin());
    while (!t.pastInferences.empty() && !t.losses.empty() &&
           t.pastInferences.begin()->first < t.losses.begin()->first)
        t.pastInferences.erase(t.pastInferences.begin());
}

void ParticipantRunner::submitInferences(TopicState& t, int64_t nonce) {
    const uint64_t id = t.topic.id();
    // Who has submitted already (this runner before a restart included).
    pb::GetInferencesAtBlockRequest q;
    q.set_topic_id(id);
    q.set_block_height(nonce);
    std::set<std::string> onChain;
    if (auto r = chain_.emissions<pb::GetInferencesAtBlockResponse>("GetInferencesAtBlock", q))
        for (const auto& inf : r->inferences()) onChain.insert(inf.inferer());

    const auto& series = demoSeries(t.spec.dataset);
    if (series.size() < 2) return;
    const size_t step = t.spec.stepOf(nonce);
    const size_t from = step + 1 > kSeriesHistory ? step + 1 - kSeriesHistory : 0;
    const std::span<const double> history(series.data() + from, step + 1 - from);

    // What the forecasters know: the series so far and each inferer's past epochs (its
    // inference and its network log-loss), oldest first.
    ForecastContext context;
    context.history = std::span<const double>(series.data(), step + 1);
    context.lossMethod = t.spec.lossMethod;
    context.minLoss = lossFloor(t.spec.lossMethod, datasetInfo(t.spec.dataset).resolution);
    context.season = datasetInfo(t.spec.dataset).season;
    context.trailingMean = datasetInfo(t.spec.dataset).trailingMean;
    if (context.trailingMean > 1) {
        // The daily values through the last day of this step (step s averages days s … s + N − 1).
        const auto& daily = demoDailyValues(t.spec.dataset);
        context.daily = std::span<const double>(
            daily.data(), std::min(daily.size(), step + context.trailingMean));
    }
    for (const auto& [n, bundle] : t.losses) {
        const auto values = t.pastInferences.find(n);
        for (const auto& v : bundle.inferer_values()) {
            auto loss = parseValue(v.value());
            if (!loss) continue;
            double value = NAN;
            if (values != t.pastInferences.end())
                if (auto x = values->second.find(v.worker()); x != values->second.end())
                    value = x->second;
            context.inferers[v.worker()].push_back(PastInference{t.spec.stepOf(n), value, *loss});
        }
    }

    for (size_t i = 0; i < workers_.size() && i < models_.size(); ++i) {
        ParticipantAccount& w = workers_[i];
        if (onChain.count(w.address()) || t.workerSent.count({nonce, i})) continue;
        t.workerSent.insert({nonce, i});
        auto value = models_[i]->predict(history, step + 1);
        if (!value || !std::isfinite(*value)) continue;
        pb::InferenceForecastBundle bundle;
        pb::Inference* inf = bundle.mutable_inference();
        inf->set_topic_id(id);
        inf->set_block_height(nonce);
        inf->set_inferer(w.address());
        inf->set_value(decimalText(*value));
        pb::Forecast forecast;
        forecast.set_topic_id(id);
        forecast.set_block_height(nonce);
        forecast.set_forecaster(w.address());
        for (const auto& [inferer, predicted] : forecastLosses(*models_[i], context)) {
            auto* e = forecast.add_forecast_elements();
            e->set_inferer(inferer);
            e->set_value(decimalText(predicted));
        }
        const bool forecasts = forecast.forecast_elements_size() > 0;
        if (forecasts) *bundle.mutable_forecast() = std::move(forecast);
        auto signature = w.signBytes(node::toBytes(bundle));
        if (!signature) {
            log(LogLevel::Error, "signing a worker bundle: " + signature.message());
            continue;
        }
        pb::InsertWorkerPayloadRequest m;
        m.set_sender(w.address());
        pb::WorkerDataBundle* b = m.mutable_worker_data_bundle();
        b->set_worker(w.address());
        b->mutable_nonce()->set_block_height(nonce);
        b->set_topic_id(id);
        *b->mutable_inference_forecasts_bundle() = std::move(bundle);
        b->set_inferences_forecasts_bundle_signature(signature->data(), signature->size());
        b->set_pubkey(w.publicKeyHex());
        send(w, {emissionsMessage("InsertWorkerPayloadRequest", m)}, "worker payload");
        std::lock_guard lock(mutex_);
        ++stats_.inferencesSent;
        if (forecasts) ++stats_.forecastsSent;
    }
    while (!t.workerSent.empty() && t.workerSent.begin()->first + 2 * t.spec.epochLength < nonce)
        t.workerSent.erase(t.workerSent.begin());
}

void ParticipantRunner::submitLosses(TopicState& t, int64_t nonce) {
    auto it = t.inferences.find(nonce);
    if (it == t.inferences.end()) return;  // not seen (e.g. replaced before a restart): skip
    const uint64_t id = t.topic.id();
    pb::GetReputerLossBundlesAtBlockRequest q;
    q.set_topic_id(id);
    q.set_block_height(nonce);
    std::set<std::string> onChain;
    if (auto r = chain_.emissions<pb::GetReputerLossBundlesAtBlockResponse>(
            "GetReputerLossBundlesAtBlock", q))
        for (const auto& b : r->reputer_value_bundles()) onChain.insert(b.value_bundle().reputer());

    const auto& series = demoSeries(t.spec.dataset);
    const double truth = series[t.spec.stepOf(nonce) + 1];
    for (size_t i = 0; i < reputers_.size(); ++i) {
        ParticipantAccount& r = reputers_[i];
        if (onChain.count(r.address()) || t.reputerSent.count({nonce, i})) continue;
        t.reputerSent.insert({nonce, i});
        auto bundle =
            lossBundle(it->second, truth, t.spec.lossMethod, r.address(),
                       lossFloor(t.spec.lossMethod, datasetInfo(t.spec.dataset).resolution));
        if (!bundle) {
            log(LogLevel::Warn, "topic " + std::to_string(id) + " nonce " + std::to_string(nonce) +
                                    ": " + bundle.message());
            continue;
        }
        auto signature = r.signBytes(node::toBytes(*bundle));
        if (!signature) {
            log(LogLevel::Error, "signing a value bundle: " + signature.message());
            continue;
        }
        pb::InsertReputerPayloadRequest m;
        m.set_sender(r.address());
        pb::ReputerValueBundle* rb = m.mutable_reputer_value_bundle();
        *rb->mutable_value_bundle() = std::move(*bundle);
        rb->set_signature(signature->data(), signature->size());
        rb->set_pubkey(r.publicKeyHex());
        send(r, {emissionsMessage("InsertReputerPayloadRequest", m)}, "reputer payload");
        std::lock_guard lock(mutex_);
        ++stats_.lossBundlesSent;
    }
    while (!t.reputerSent.empty() &&
           t.reputerSent.begin()->first + 4 * t.spec.groundTruthLag < nonce)
        t.reputerSent.erase(t.reputerSent.begin());
}

}  // namespace allora::participants
