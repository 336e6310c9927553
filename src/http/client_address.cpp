// Trusted proxies and the rightmost-untrusted-hop rule for X-Forwarded-For.
#include "http/client_address.hpp"

#include <algorithm>
#include <charconv>
#include <optional>

namespace skirosim::http {

namespace ip = boost::asio::ip;

namespace {

// ::ffff:10.1.2.3 is the IPv4 address 10.1.2.3 seen through an IPv6 socket.
ip::address plain(const ip::address& address) {
    if (address.is_v6() && address.to_v6().is_v4_mapped()) {
        return ip::make_address_v4(ip::v4_mapped, address.to_v6());
    }
    return address;
}

std::optional<ip::address> parse_address(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    // "[2001:db8::1]" as some proxies write IPv6; a port after an IPv4 address is not standard
    // in X-Forwarded-For and is not accepted.
    if (text.size() > 2 && text.front() == '[' && text.back() == ']')
        text = text.substr(1, text.size() - 2);
    boost::system::error_code ec;
    auto address = ip::make_address(std::string(text), ec);
    if (ec) return std::nullopt;
    return plain(address);
}

bool in_range(const ip::address& address, const ip::address& network, unsigned prefix) {
    if (address.is_v4() != network.is_v4()) return false;
    auto compare = [prefix](const auto& a, const auto& b) {
        unsigned bits = prefix;
        for (std::size_t i = 0; i < a.size() && bits > 0; ++i) {
            const unsigned take = std::min(bits, 8u);
            const unsigned char mask = static_cast<unsigned char>(0xFF << (8 - take));
            if ((a[i] & mask) != (b[i] & mask)) return false;
            bits -= take;
        }
        return true;
    };
    if (address.is_v4()) return compare(address.to_v4().to_bytes(), network.to_v4().to_bytes());
    return compare(address.to_v6().to_bytes(), network.to_v6().to_bytes());
}

}  // namespace

Result<TrustedProxies> TrustedProxies::parse(const std::vector<std::string>& specs) {
    TrustedProxies proxies;
    for (const std::string& spec : specs) {
        if (spec.empty()) continue;
        const auto slash = spec.find('/');
        auto address = parse_address(std::string_view(spec).substr(0, slash));
        const Error bad =
            Error::make(ErrorCode::invalid_input,
                        "\"{1}\" is not an address or a range like 10.0.0.0/8.", {spec});
        if (!address) return std::unexpected(bad);
        unsigned prefix = address->is_v4() ? 32 : 128;
        if (slash != std::string::npos) {
            const char* first = spec.data() + slash + 1;
            const char* last = spec.data() + spec.size();
            auto [end, ec] = std::from_chars(first, last, prefix);
            if (ec != std::errc() || end != last || first == last ||
                prefix > (address->is_v4() ? 32u : 128u)) {
                return std::unexpected(bad);
            }
        }
        proxies.ranges_.push_back({*address, prefix});
    }
    return proxies;
}

bool TrustedProxies::trusts(const ip::address& address) const {
    const ip::address a = plain(address);
    return std::any_of(ranges_.begin(), ranges_.end(),
                       [&](const Range& r) { return in_range(a, r.network, r.prefix); });
}

std::string TrustedProxies::client_address(
    const std::string& peer, const std::vector<std::string_view>& forwarded_for) const {
    auto peer_address = parse_address(peer);
    if (!peer_address) return peer;
    std::string client = peer_address->to_string();
    if (ranges_.empty() || !trusts(*peer_address)) return client;
    // Every hop, right to left across all the header's lines.
    std::vector<std::string_view> hops;
    for (std::string_view line : forwarded_for) {
        while (!line.empty()) {
            const auto comma = line.find(',');
            hops.push_back(line.substr(0, comma));
            line = comma == std::string_view::npos ? std::string_view{} : line.substr(comma + 1);
        }
    }
    for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
        auto address = parse_address(*hop);
        // A hop we cannot read ends the chain: the last proxy we trust is all we know.
        if (!address) return client;
        client = address->to_string();
        if (!trusts(*address)) return client;
    }
    return client;
}

}  // namespace skirosim::http
