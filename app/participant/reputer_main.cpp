// allora-reputer: for each epoch of a topic whose ground truth is due, asks the operator's truth
// command for the truth, computes the loss of every output of the network's synthesis with the
// topic's loss method (node/participants/losses.h, the reference reputers' code), and submits the
// signed value bundle through the node's HTTP API.
#include <google/protobuf/util/json_util.h>

#include <boost/json.hpp>
#include <charconv>
#include <exception>
#include <iostream>
#include <map>
#include <set>

#include "allora/emissions/v9/tx.pb.h"
#include "app/participant/participant_app.h"
#include "core/paths.h"
#include "node/modules/emissions/payloads.h"
#include "node/participants/chain_client.h"
#include "node/participants/losses.h"

namespace {

using namespace allora;
using namespace allora::participant;
namespace json = boost::json;

constexpr std::string_view kComponent = "reputer";

constexpr std::string_view kHelp =
    R"(Usage: allora-reputer run --topic ID --key NAME --truth-command CMD [flags]

Runs a reputer against a node: for each open reputer nonce of topic ID whose ground-truth lag has
passed (the chain accepts a nonce's losses from NONCE + GROUND_TRUTH_LAG to NONCE + 2 × LAG), it
runs CMD for the ground truth of that epoch, computes the loss of every output of the network's
synthesis for the epoch (combined, naive, each inference, each forecast-implied inference, the
one-out and one-in values) with the topic's loss method (mse or mae), each reported as log10 of
the loss (floored at 1e-12), and submits the value bundle signed with key NAME. One log line per
epoch on stdout.

The synthesis of an epoch is read from the node: remembered while it is the latest one (GET
/emissions/v9/latest_network_inferences/ID), else asked for by height (GET
/emissions/v9/network_inferences/ID/last_inference/NONCE), so a restarted reputer still scores
the epochs it missed; an epoch the node has no synthesis for is logged and skipped.

CMD is run as `/bin/sh -c CMD` (your own command line, never text from the chain), in its own
process group, with this JSON on stdin:
  {"topic_id": 1, "nonce": 120, "block_height": 131, "loss_method": "mse",
   "epoch_length": 10, "ground_truth_lag": 10}
It must exit 0 within --timeout and print one decimal number, the true value of the topic's
target for the epoch at block "nonce", e.g. `2.0`. A CMD that exits non-zero, is killed, prints
anything else, or runs past --timeout (its process group is killed) submits nothing for that
epoch: the log line says why.

Flags:
  --topic ID            the topic (required)
  --key NAME            the keyring key that signs; it must hold funds for fees (required)
  --truth-command CMD   prints the ground truth (required)
  --timeout SECONDS     how long CMD may run (default 10; fractions allowed)
  --register            register the key as a reputer in the topic first, unless it is
  --stake AMOUNT        stake on itself until its stake in the topic is AMOUNT (uallo as an
                        integer, or with a denom: 1000000uallo, 1.5ALLO); the chain takes losses
                        only from reputers with at least its required minimum stake
  --poll SECONDS, --max-backoff SECONDS, --password-file FILE, --node URL, --chain-id ID,
  --api-token-file FILE, --home DIR, --keyring-dir DIR, --keyring-backend file|test
                        as for allora-worker (see 'allora-worker help')

SIGINT or SIGTERM stops it cleanly, exit status 0. Exit status 1: a failure that retrying cannot
fix (no such key or topic, a loss method other than mse or mae, wrong password, no API token);
2: invalid usage.
)";

class Reputer : Participant {
public:
    Reputer(RunFlags flags, std::unique_ptr<ChainSession> session)
        : Participant(kComponent, std::move(flags), std::move(session)) {}

    Status step() {
        if (!topic_) {
            auto t = s_->topic(flags_.topic);
            if (!t) return t.error();
            auto method = participants::parseLossMethod(t->lossMethod);
            if (!method) return method.error();
            if (flags_.registerActor)
                if (auto r = s_->ensureRegistered(flags_.topic, true, kComponent); !r) return r;
            if (flags_.stake)
                if (auto r = s_->ensureStake(flags_.topic, *flags_.stake, kComponent); !r) return r;
            method_ = *method;
            topic_ = *t;
            logLine(kComponent, "reputer " + s_->address() + " on topic " + std::to_string(t->id) +
                                    " \"" + t->metadata + "\" (" + t->lossMethod +
                                    ", ground truth lag " + std::to_string(t->groundTruthLag) +
                                    " blocks): running `" + flags_.command +
                                    "` for each epoch's truth");
        }
        auto height = s_->height();
        if (!height) return height.error();
        if (auto r = rememberLatest(); !r) return r;
        auto nonces = s_->openNonces(flags_.topic, true);
        if (!nonces) return nonces.error();
        const int64_t lag = topic_->groundTruthLag;
        for (int64_t n : *nonces) {
            if (done_.count(n) || *height + 1 < n + lag || *height + 1 > n + 2 * lag) continue;
            if (auto r = handleOnce(n, [&] { return epoch(n, *height); }); !r) return r;
        }
        forgetOld();
        while (inferences_.size() > 64) inferences_.erase(inferences_.begin());
        return {};
    }

private:
    // {"network_inferences": {...}} as the node's routes print it; nullopt when absent.
    static std::optional<pb::NetworkInferences> parseInferences(const json::value& answer) {
        json::error_code ec;
        const json::value* ni = answer.find_pointer("/network_inferences", ec);
        if (!ni || !ni->is_object()) return std::nullopt;
        pb::NetworkInferences parsed;
        google::protobuf::util::JsonParseOptions options;
        options.ignore_unknown_fields = true;
        if (!google::protobuf::util::JsonStringToMessage(json::serialize(*ni), &parsed, options)
                 .ok() ||
            parsed.block_height() <= 0)
            return std::nullopt;
        return parsed;
    }

    // The latest synthesis of the topic, kept by its nonce until the truth is due (for nodes
    // that cannot be asked for an epoch's synthesis by height).
    Status rememberLatest() {
        auto answer =
            s_->get("/emissions/v9/latest_network_inferences/" + std::to_string(flags_.topic));
        if (!answer) return answer.code() == ErrorCode::Io ? Status(answer.error()) : Status{};
        if (auto parsed = parseInferences(*answer); parsed)
            inferences_.try_emplace(parsed->block_height(), std::move(*parsed));
        return {};
    }

    // The synthesis of the epoch at `nonce`: remembered, else asked of the node by height.
    Result<std::optional<pb::NetworkInferences>> synthesisAt(int64_t nonce) {
        if (auto it = inferences_.find(nonce); it != inferences_.end()) return {it->second};
        auto answer = s_->get("/emissions/v9/network_inferences/" + std::to_string(flags_.topic) +
                              "/last_inference/" + std::to_string(nonce));
        if (!answer) {
            if (answer.code() == ErrorCode::Io) return answer.error();
            return std::optional<pb::NetworkInferences>();
        }
        auto parsed = parseInferences(*answer);
        if (parsed && parsed->block_height() != nonce) parsed.reset();
        return parsed;
    }

    Status epoch(int64_t nonce, int64_t height) {
        auto stored = s_->get("/emissions/v9/reputer_loss_bundles/" + std::to_string(flags_.topic) +
                              "/" + std::to_string(nonce));
        if (!stored && stored.code() == ErrorCode::Io) return stored.error();
        if (stored &&
            json::serialize(*stored).find("\"" + s_->address() + "\"") != std::string::npos) {
            log(nonce, "losses already submitted (before a restart); skipped");
            return {};
        }
        auto synthesis = synthesisAt(nonce);
        if (!synthesis) return synthesis.error();
        if (!*synthesis) {
            log(nonce, "the node has no network synthesis for this epoch; skipped", true);
            return {};
        }
        ChildResult r = runShellCommand(flags_.command, truthInputJson(*topic_, nonce, height),
                                        flags_.timeout, stopFlag());
        if (r.end == ChildResult::End::Stopped) return {};
        if (!r.ok()) {
            log(nonce,
                "truth command failed: CMD " + describeFailure(r, flags_.timeout) +
                    "; nothing submitted",
                true);
            return {};
        }
        auto out = parseModelOutput(r.out, false);
        if (!out) {
            log(nonce, "truth output rejected: " + out.message() + "; nothing submitted", true);
            return {};
        }
        double truth = 0;
        const auto [p, ec] =
            std::from_chars(out->value.data(), out->value.data() + out->value.size(), truth);
        if (ec != std::errc() || p != out->value.data() + out->value.size()) {
            log(nonce, "truth output rejected: '" + out->value + "' is not a number", true);
            return {};
        }
        auto bundle = participants::lossBundle(**synthesis, truth, method_, s_->address());
        if (!bundle) {
            log(nonce, "no losses: " + bundle.message() + "; nothing submitted", true);
            return {};
        }
        auto sig = s_->sign(node::emissions::reputerBundleSignBytes(*bundle));
        if (!sig) {
            log(nonce, "signing failed: " + sig.message() + "; nothing submitted", true);
            return {};
        }
        const std::string combined = bundle->combined_value();
        const int inferers = bundle->inferer_values_size();
        pb::InsertReputerPayloadRequest m;
        m.set_sender(s_->address());
        pb::ReputerValueBundle* rvb = m.mutable_reputer_value_bundle();
        *rvb->mutable_value_bundle() = std::move(*bundle);
        rvb->set_signature(std::string(sig->begin(), sig->end()));
        rvb->set_pubkey(s_->publicKeyHex());
        auto sent = s_->submit({participants::emissionsMessage("InsertReputerPayloadRequest", m)},
                               kPayloadGas);
        if (!sent) {
            if (sent.code() == ErrorCode::Io) return sent.error();
            log(nonce, "losses not accepted: " + sent.message(), true);
            return {};
        }
        log(nonce, "truth " + out->value + ": combined log-loss " + combined + ", " +
                       std::to_string(inferers) + " inferers; losses submitted (tx " + sent->hash +
                       " in block " + std::to_string(sent->height) + ")");
        return {};
    }

    participants::LossMethod method_ = participants::LossMethod::Mse;
    std::map<int64_t, pb::NetworkInferences> inferences_;
};

}  // namespace

int main(int argc, char** argv) {
    return participantMain(argc, argv,
                           {"allora-reputer", kComponent, kHelp, true,
                            [](const RunFlags& flags, std::unique_ptr<ChainSession> session) {
                                auto p = std::make_shared<Reputer>(flags, std::move(session));
                                return std::function<Status()>([p] { return p->step(); });
                            }});
}
