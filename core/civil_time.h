// Civil (UTC, proleptic Gregorian) time without a time zone database or a clock: RFC 3339 text <->
// Unix time, with Howard Hinnant's days_from_civil / civil_from_days arithmetic. Deterministic, so
// consensus code (genesis time) and log lines share it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace allora {

// "2026-01-01T00:00:00Z" (fractional seconds ignored; only the UTC 'Z' form) → Unix seconds.
Result<int64_t> parseRfc3339(std::string_view text);
// Unix seconds → "2026-01-01T00:00:00Z".
std::string formatRfc3339(int64_t unixSeconds);
// Unix nanoseconds → "2026-01-01T00:00:00.123456789Z" (Cosmos/CometBFT block times); `digits`
// fractional digits (0-9), trailing zeros kept.
std::string formatRfc3339Nanos(int64_t unixNanos, int digits = 9);

}  // namespace allora
