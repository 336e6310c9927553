// Requests handed straight to the application's router and handlers, with no socket and no
// server thread (in-process route tests): the Request the server would make of the bytes, the
// Response as the handler returned it. A Browser works on it as on a real server.
#pragma once

#include <memory>
#include <string>

#include "app/application.hpp"
#include "support/test_server.hpp"

namespace skirosim::testing {

class InProcess : public HttpClient {
public:
    // The application on a copy of the loaded test database of that backend.
    explicit InProcess(const std::string& backend);
    ~InProcess() override;

    app::Application& app() { return *app_; }
    HttpResult request(const std::string& method, const std::string& target,
                       const std::string& body, const Headers& headers) const override;

private:
    std::unique_ptr<app::Application> app_;
};

}  // namespace skirosim::testing
