// Who is on the other end: the TCP peer, or — when the peer is a proxy we were told to trust —
// the address that proxy reports in X-Forwarded-For.
#pragma once

#include <boost/asio/ip/address.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace skirosim::http {

class TrustedProxies {
public:
    TrustedProxies() = default;
    // Addresses ("127.0.0.1", "::1") and CIDR ranges ("10.0.0.0/8", "fd00::/8").
    static Result<TrustedProxies> parse(const std::vector<std::string>& specs);

    bool empty() const { return ranges_.empty(); }
    bool trusts(const boost::asio::ip::address& address) const;

    // The visitor's address. A peer we do not trust is the visitor, whatever it claims. From a
    // trusted peer, X-Forwarded-For is read from the right (each proxy appends the address it
    // saw): the first hop that is not a trusted proxy is the visitor. Anything left of it was
    // written by the visitor and proves nothing. `forwarded_for` are the header's values in order.
    std::string client_address(const std::string& peer,
                               const std::vector<std::string_view>& forwarded_for) const;

private:
    struct Range {
        boost::asio::ip::address network;
        unsigned prefix = 0;
    };
    std::vector<Range> ranges_;
};

}  // namespace skirosim::http
