// The HTTP request path as the server takes it: Beast's parser with the server's limits, then our
// target parsing (path, segments, query, UTF-8 checks), the form body and the cookies.
#include <boost/beast/http.hpp>

#include <cstddef>
#include <cstdint>

#include "http/message.hpp"
#include "http/router.hpp"

using namespace skirosim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace http = boost::beast::http;
    http::request_parser<http::string_body> parser;
    parser.header_limit(16 * 1024);
    parser.body_limit(64 * 1024);
    parser.eager(true);
    boost::beast::error_code ec;
    parser.put(boost::asio::buffer(data, size), ec);
    if (ec || !parser.is_header_done()) return 0;
    skirosim::http::Request request;
    request.raw = parser.release();
    request.method = request.raw.method();
    if (!skirosim::http::parse_target(request)) return 0;
    (void)request.form();
    (void)request.cookies();
    (void)request.query_param("q");
    (void)request.header("Accept-Language");
    return 0;
}
