// The checks of a synthesis's input and output (PROTOCOL.md §6: finite numbers, valid addresses,
// regret tables that cover their sets), apart from the synthesis itself so that synthesis.cpp
// holds only the computation. Internal to the emissions module: synthesis.cpp and
// validateSynthesisInput (synthesis.h) use them; every failure is InvalidArgument naming the
// field ("inferences[\"allo1…\"] is not a finite number (NaN)"), or Overflow for an output.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/result.h"
#include "node/modules/emissions/synthesis.h"

namespace allora::emissions::synthesis_checks {

// ["addr"], for error messages; validated addresses hold no control characters.
std::string key(std::string_view address);

// InvalidArgument with `message`.
Error invalid(std::string message);

// `field` is a finite number (NaN and ±infinity named as such).
Status checkFinite(double v, const std::string& field);

// True when `text` holds a control character (a byte below 0x20, or 0x7f). Eight bytes at a
// time: an epoch's regret tables hold about N·(N + K) addresses, all checked.
bool hasControlCharacter(std::string_view text);

// A non-empty address without control characters (`where` names the map it is a key of).
Status checkAddress(std::string_view address, const std::string& where);

// Every key an address and every value finite.
Status checkValues(const ActorValues& values, const std::string& field);

// Both halves (inferer, forecaster) of a regret table.
Status checkTable(const RegretTable& table, const std::string& field);

// A table per subject actor (the one-out / one-in variants).
Status checkTables(const std::map<Address, RegretTable>& tables, const std::string& field);

// A parameter that must be finite and > 0.
Status checkPositive(double v, const char* field);

// An output that overflowed (not finite) is Overflow, naming it.
Status checkOutput(double v, const std::string& name);

// Every output of a synthesis.
Status checkOutputs(const SynthesisOutput& out);

// validateSynthesisInput up to the one-out and one-in tables (the bulk of an input), which the
// regret-weighted synthesis checks as it reads them.
Status validateAllButVariantTables(const SynthesisInput& in);

// The variant tables the regret-weighted synthesis did not read: those of actors in no set.
Status validateUnreadTables(const SynthesisInput& in, const SynthesisOutput& out);

// The indexed regrets' sizes match the N inferences and K forecasts, and the map tables are
// empty (one form only).
Status checkIndexedShape(const SynthesisInput& in);

// No entry is NaN or infinite (exponent bits all ones), without a branch per entry.
bool allFinite(const IndexedRegrets& r);

}  // namespace allora::emissions::synthesis_checks
