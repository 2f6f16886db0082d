// allora-worker: runs the operator's own model once per epoch of a topic and submits its inference
// (and optional forecasted losses), signed with a keyring key, through the node's HTTP API.
#include <algorithm>
#include <boost/json.hpp>
#include <exception>
#include <iostream>
#include <map>
#include <set>

#include "allora/emissions/v9/tx.pb.h"
#include "app/participant/participant_app.h"
#include "core/paths.h"
#include "node/modules/emissions/payloads.h"
#include "node/participants/chain_client.h"

namespace {

using namespace allora;
using namespace allora::participant;
namespace json = boost::json;

constexpr std::string_view kComponent = "worker";

constexpr std::string_view kHelp =
    R"(Usage: allora-worker run --topic ID --key NAME --command CMD [--truth-command TCMD] [flags]

Runs your own model against a node: once per epoch of topic ID (for each newly opened worker
nonce still inside its submission window) it runs CMD, reads its answer, and submits it as the
inference of key NAME, the bundle and the transaction both signed with that key, through the
node's HTTP API (--node). One log line per epoch on stdout.

CMD is run as `/bin/sh -c CMD` (CMD is your own command line, never text from the chain: the data
goes on its stdin), in its own process group, with this JSON on stdin:
  {"topic_id": 1, "nonce": 120, "block_height": 121, "loss_method": "mse",
   "epoch_length": 10, "worker_submission_window": 10,
   "ground_truth": [{"nonce": 100, "value": "1.25"}, {"nonce": 110, "value": "1.5"}]}
"nonce" is the epoch's block height the inference is for. "ground_truth" holds the true values of
the topic's recent past epochs, oldest first (at most 20), as TCMD printed them: the chain does
not store the truth, so with --truth-command the worker asks TCMD once per past epoch whose
ground-truth lag has passed (at most 5 new epochs before each run of CMD). TCMD reads the same
JSON as allora-reputer's --truth-command and prints one number; a failing TCMD is logged and that
epoch left out. Without --truth-command the list is empty: give your model its own data source.
CMD must exit 0 within --timeout and print on stdout one decimal number, the inference, e.g.
  1.5
optionally followed by forecasted losses (log10 of the loss you expect each other inferer to have
this epoch), one per line as ADDRESS=VALUE:
  allo1qyq…=-2.3
Blank lines and surrounding spaces are ignored. A CMD that exits non-zero, is killed, prints
anything else (or more than 64 KiB), or runs past --timeout (its whole process group is then
killed) submits nothing for that epoch: the log line says why.

Flags:
  --topic ID            the topic (required)
  --key NAME            the keyring key that signs; it must hold funds for fees (required)
  --command CMD         the model (required)
  --truth-command TCMD  prints the true value of a past epoch, for "ground_truth" (optional)
  --timeout SECONDS     how long CMD may run (default 10; fractions allowed, e.g. 0.5)
  --register            register the key as a worker in the topic first, unless it is
  --poll SECONDS        how often the node is asked for new nonces (default 0.5)
  --max-backoff SECONDS while the node is unreachable, retry with a delay doubling from --poll up
                        to this (default 10); one log line per failed attempt
  --password-file FILE  the key's password (file backend), first line; else the environment
                        variable ALLORA_KEY_PASSWORD, else a prompt on the terminal (or the first
                        line of stdin when it is not one). The test backend needs none.
  --node URL            the node's HTTP API (default http://127.0.0.1:1317)
  --chain-id ID         the chain to sign for (default: the node's)
  --api-token-file FILE the node's API token (default HOME/config/api_token; or $ALLORA_API_TOKEN)
  --home DIR, --keyring-dir DIR, --keyring-backend file|test   as in allora-cli

SIGINT or SIGTERM stops it cleanly (a running CMD is killed), exit status 0. Exit status 1: a
failure that retrying cannot fix (no such key or topic, wrong password, no API token); 2: invalid
usage.
)";

constexpr size_t kTruthHistory = 20;    // past epochs given to the model
constexpr size_t kNewTruthsPerRun = 5;  // truth commands run before one run of the model

std::string inputJson(const TopicInfo& t, int64_t nonce, int64_t height,
                      const std::map<int64_t, std::string>& truths) {
    json::object o = epochJson(t, nonce, height);
    o["worker_submission_window"] = t.workerSubmissionWindow;
    json::array truth;
    for (auto it = truths.lower_bound(nonce);
         it != truths.begin() && truth.size() < kTruthHistory;) {
        --it;
        truth.push_back(json::object{{"nonce", it->first}, {"value", it->second}});
    }
    std::reverse(truth.begin(), truth.end());
    o["ground_truth"] = std::move(truth);
    return json::serialize(o) + "\n";
}

class Worker : Participant {
public:
    Worker(RunFlags flags, std::unique_ptr<ChainSession> session)
        : Participant(kComponent, std::move(flags), std::move(session)) {}

    Status step() {
        if (!topic_) {
            auto t = s_->topic(flags_.topic);
            if (!t) return t.error();
            if (flags_.registerActor)
                if (auto r = s_->ensureRegistered(flags_.topic, false, kComponent); !r) return r;
            topic_ = *t;
            logLine(kComponent, "worker " + s_->address() + " on topic " + std::to_string(t->id) +
                                    " \"" + t->metadata + "\" (" + t->lossMethod + ", epoch " +
                                    std::to_string(t->epochLength) + " blocks): running `" +
                                    flags_.command + "` each epoch");
        }
        auto height = s_->height();
        if (!height) return height.error();
        auto nonces = s_->openNonces(flags_.topic, false);
        if (!nonces) return nonces.error();
        // The newest open nonce whose window has room for a tx in the next block.
        for (auto it = nonces->rbegin(); it != nonces->rend(); ++it) {
            const int64_t n = *it;
            if (*height < n || *height + 1 >= n + topic_->workerSubmissionWindow) continue;
            if (done_.count(n)) break;
            if (auto r = handleOnce(n, [&] { return epoch(n, *height); }); !r) return r;
            break;
        }
        forgetOld();
        return {};
    }

private:
    // With --truth-command: the truth of the past epochs before `nonce` whose lag has passed, each
    // asked once (a failure is logged and not asked again), the newest first, a few per run.
    void gatherTruths(int64_t nonce, int64_t height) {
        if (flags_.truthCommand.empty() || topic_->epochLength <= 0) return;
        size_t asked = 0;
        for (size_t k = 1; k <= kTruthHistory && asked < kNewTruthsPerRun; ++k) {
            const int64_t past = nonce - static_cast<int64_t>(k) * topic_->epochLength;
            if (past <= 0) break;
            if (past + topic_->groundTruthLag > height) continue;  // not known yet
            if (truths_.count(past) || truthFailed_.count(past)) continue;
            ++asked;
            ChildResult r =
                runShellCommand(flags_.truthCommand, truthInputJson(*topic_, past, height),
                                flags_.timeout, stopFlag());
            if (r.end == ChildResult::End::Stopped) return;
            if (!r.ok()) {
                log(past,
                    "truth failed: TCMD " + describeFailure(r, flags_.timeout) +
                        "; left out of ground_truth",
                    true);
                truthFailed_.insert(past);
                continue;
            }
            auto out = parseModelOutput(r.out, false);
            if (!out) {
                log(past, "truth output rejected: " + out.message() + "; left out of ground_truth",
                    true);
                truthFailed_.insert(past);
                continue;
            }
            truths_[past] = out->value;
        }
        while (truths_.size() > 2 * kTruthHistory) truths_.erase(truths_.begin());
        while (truthFailed_.size() > 2 * kTruthHistory) truthFailed_.erase(truthFailed_.begin());
    }

    std::map<int64_t, std::string> truths_;  // past nonce -> TCMD's answer
    std::set<int64_t> truthFailed_;

    // One epoch: run the model, submit what it said. Only node failures are returned.
    Status epoch(int64_t nonce, int64_t height) {
        auto stored = s_->get("/emissions/v9/inferences/" + std::to_string(flags_.topic) + "/" +
                              std::to_string(nonce));
        if (!stored && stored.code() == ErrorCode::Io) return stored.error();
        if (stored) {
            json::error_code ec;
            if (const json::value* list = stored->find_pointer("/inferences", ec);
                list && list->is_array())
                for (const json::value& inf : list->get_array())
                    if (inf.is_object() && inf.as_object().contains("inferer") &&
                        inf.at("inferer") == json::value(s_->address())) {
                        log(nonce, "already submitted (before a restart); skipped");
                        return {};
                    }
        }
        gatherTruths(nonce, height);
        const auto started = std::chrono::steady_clock::now();
        ChildResult r = runShellCommand(flags_.command, inputJson(*topic_, nonce, height, truths_),
                                        flags_.timeout, stopFlag());
        const auto tookMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::steady_clock::now() - started)
                                .count();
        if (r.end == ChildResult::End::Stopped) return {};
        if (!r.ok()) {
            log(nonce,
                "model failed: CMD " + describeFailure(r, flags_.timeout) + "; nothing submitted",
                true);
            return {};
        }
        auto out = parseModelOutput(r.out, true);
        if (!out) {
            log(nonce, "model output rejected: " + out.message() + "; nothing submitted", true);
            return {};
        }
        pb::InferenceForecastBundle bundle;
        pb::Inference* inf = bundle.mutable_inference();
        inf->set_topic_id(flags_.topic);
        inf->set_block_height(nonce);
        inf->set_inferer(s_->address());
        inf->set_value(out->value);
        if (!out->forecasts.empty()) {
            pb::Forecast* f = bundle.mutable_forecast();
            f->set_topic_id(flags_.topic);
            f->set_block_height(nonce);
            f->set_forecaster(s_->address());
            for (const auto& [inferer, value] : out->forecasts) {
                auto* e = f->add_forecast_elements();
                e->set_inferer(inferer);
                e->set_value(value);
            }
        }
        auto sig = s_->sign(node::emissions::workerBundleSignBytes(bundle));
        if (!sig) {
            log(nonce, "signing failed: " + sig.message() + "; nothing submitted", true);
            return {};
        }
        pb::InsertWorkerPayloadRequest m;
        m.set_sender(s_->address());
        pb::WorkerDataBundle* b = m.mutable_worker_data_bundle();
        b->set_worker(s_->address());
        b->set_topic_id(flags_.topic);
        b->mutable_nonce()->set_block_height(nonce);
        *b->mutable_inference_forecasts_bundle() = std::move(bundle);
        b->set_inferences_forecasts_bundle_signature(std::string(sig->begin(), sig->end()));
        b->set_pubkey(s_->publicKeyHex());
        auto sent = s_->submit({participants::emissionsMessage("InsertWorkerPayloadRequest", m)},
                               kPayloadGas);
        if (!sent) {
            if (sent.code() == ErrorCode::Io) return sent.error();
            log(nonce, "inference " + out->value + " not accepted: " + sent.message(), true);
            return {};
        }
        log(nonce, "inference " + out->value +
                       (out->forecasts.empty()
                            ? std::string()
                            : " and " + std::to_string(out->forecasts.size()) + " forecasts") +
                       " submitted (model took " + std::to_string(tookMs) + " ms; tx " +
                       sent->hash + " in block " + std::to_string(sent->height) + ")");
        return {};
    }
};

}  // namespace

int main(int argc, char** argv) {
    return participantMain(argc, argv,
                           {"allora-worker", kComponent, kHelp, false,
                            [](const RunFlags& flags, std::unique_ptr<ChainSession> session) {
                                auto p = std::make_shared<Worker>(flags, std::move(session));
                                return std::function<Status()>([p] { return p->step(); });
                            }});
}
