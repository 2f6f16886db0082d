// Writes a fixed block sequence for the determinism test: a genesis and 40 blocks of signed MsgSend
// transactions that succeed, fail in the ante handler (bad sequence, unfunded fee, out of gas) and
// fail in execution (insufficient funds, locked vesting coins), at fixed block times.
//
// Output (text, one record per line):
//   genesis <base64 of genesis.json>
//   block <height> <time unix nanos> <base64 tx>,<base64 tx>,…   ("-" for an empty block)
#include <QtTest>

#include <fstream>
#include <iostream>

#include "core/encoding.h"
#include "tests/unit/test_chain_fixture.h"

using namespace chaintest;

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: generate_blocks OUT_FILE\n";
        return 2;
    }
    allora::initCrypto();
    const Keys& k = keys();
    const Genesis genesis = devnetGenesis();
    std::ofstream out(argv[1]);
    out << "genesis " << toBase64(asBytes(genesis.toJson())) << "\n";

    // Account numbers follow genesis order; sequences as the chain will see them.
    const Key* senders[] = {&k.alice, &k.bob, &k.carol, &k.dave};
    uint64_t sequence[4] = {0, 0, 0, 0};
    const uint64_t accountNumber[4] = {0, 1, 2, 3};
    const std::string recipients[] = {k.bob.address(), k.eve.address(), k.alice.address(),
                                      k.carol.address()};

    for (uint64_t height = 1; height <= 40; ++height) {
        std::vector<Bytes> txs;
        if (height % 7 != 0) {  // every 7th block is empty
            for (size_t i = 0; i < 4; ++i) {
                SendSpec s;
                s.to = recipients[(i + height) % 4];
                s.accountNumber = accountNumber[i];
                s.sequence = sequence[i];
                s.amount = std::to_string(1000 + 37 * height + i);
                bool advances = true;  // does the ante handler accept it (sequence moves on)?
                switch ((height + i) % 9) {
                    case 1:
                        s.sequence += 5;
                        advances = false;
                        break;  // bad sequence
                    case 2:
                        s.gas = 1000;
                        s.fee = "10000";
                        advances = false;
                        break;  // out of gas
                    case 3:
                        s.amount = "900000000000000000000000";
                        break;  // more than held
                    case 4:
                        s.memo = "memo " + std::to_string(height);
                        break;
                    default:
                        break;
                }
                if (i == 3) advances = false;  // dave's 100 uallo never pay a fee
                txs.push_back(signedSend(*senders[i], s));
                if (advances) ++sequence[i];
            }
        }
        out << "block " << height << " "
            << (kGenesisTime + 5 * static_cast<int64_t>(height)) * 1'000'000'000 << " ";
        if (txs.empty()) out << "-";
        for (size_t t = 0; t < txs.size(); ++t) out << (t ? "," : "") << toBase64(txs[t]);
        out << "\n";
    }
    return out.good() ? 0 : 1;
}
