// Prometheus exposition of request counts and latencies.
#include "http/metrics.hpp"

#include <fmt/format.h>

namespace skirosim::http {

namespace {
// Label values escape backslash, quote and newline (Prometheus text format 0.0.4).
std::string label(const std::string& value) {
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}
}  // namespace

void Metrics::record(const std::string& route, int status, double seconds) {
    std::lock_guard lock(mutex_);
    ++requests_[{route, status}];
    Histogram& h = latency_[route];
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) ++h.buckets[i];
    }
    ++h.count;
    h.sum += seconds;
}

std::string Metrics::prometheus_text() const {
    std::lock_guard lock(mutex_);
    std::string out;
    out += "# HELP skirosim_http_requests_total HTTP requests by route and status.\n";
    out += "# TYPE skirosim_http_requests_total counter\n";
    for (const auto& [key, count] : requests_) {
        out += fmt::format("skirosim_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n",
                           label(key.first), key.second, count);
    }
    out += "# HELP skirosim_http_request_duration_seconds Time to answer a request.\n";
    out += "# TYPE skirosim_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            out += fmt::format(
                "skirosim_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                label(route), kBuckets[i], h.buckets[i]);
        }
        out += fmt::format(
            "skirosim_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n",
            label(route), h.count);
        out += fmt::format("skirosim_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n",
                           label(route), h.sum);
        out += fmt::format("skirosim_http_request_duration_seconds_count{{route=\"{}\"}} {}\n",
                           label(route), h.count);
    }
    return out;
}

}  // namespace skirosim::http
