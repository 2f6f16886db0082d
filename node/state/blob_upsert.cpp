#include "node/state/blob_upsert.h"

#include <string>

namespace allora::node {

Result<BlobUpsert> BlobUpsert::prepare(Database& db, std::string_view table,
                                       std::string_view keyColumn, std::string_view valueColumn) {
    const std::string head = "INSERT INTO " + std::string(table) + " (" + std::string(keyColumn) +
                             ", " + std::string(valueColumn) + ") VALUES ";
    const std::string tail = " ON CONFLICT (" + std::string(keyColumn) + ") DO UPDATE SET " +
                             std::string(valueColumn) + " = excluded." + std::string(valueColumn);
    BlobUpsert out;
    auto single = db.prepare(head + "(?1, ?2)" + tail);
    if (!single) return single.error();
    out.single_ = std::move(*single);
    std::string rows;
    for (int i = 0; i < kRowsPerStatement; ++i) {
        if (i) rows += ",";
        rows += "(?" + std::to_string(2 * i + 1) + ",?" + std::to_string(2 * i + 2) + ")";
    }
    auto group = db.prepare(head + rows + tail);
    if (!group) return group.error();
    out.group_ = std::move(*group);
    out.pending_.reserve(kRowsPerStatement);
    return out;
}

Status BlobUpsert::add(ByteSpan key, ByteSpan value) {
    pending_.emplace_back(key, value);
    if (pending_.size() < static_cast<size_t>(kRowsPerStatement)) return {};
    return runGroup();
}

Status BlobUpsert::runGroup() {
    int index = 1;
    for (const auto& [key, value] : pending_) {
        Status s = group_.bind(index++, key);
        if (s) s = group_.bind(index++, value);
        if (!s) {
            group_.reset();
            pending_.clear();
            return s;
        }
    }
    pending_.clear();
    return group_.run();
}

Status BlobUpsert::finish() {
    for (size_t i = 0; i < pending_.size(); ++i) {
        if (auto s = single_.bindAll(pending_[i].first, pending_[i].second); !s) {
            single_.reset();
            pending_.clear();
            return s;
        }
        if (auto s = single_.run(); !s) {
            pending_.clear();
            return s;
        }
    }
    pending_.clear();
    return {};
}

}  // namespace allora::node
