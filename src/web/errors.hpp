// The page or JSON a person sees when a request fails, in their language.
#pragma once

#include "core/error.hpp"
#include "http/message.hpp"
#include "web/views.hpp"

namespace skirosim::web {

// `views` may be null (a server without pages): then JSON.
http::Response render_error(const Views* views, const i18n::Translator& translator,
                            const http::Request& request, const Error& error);

}  // namespace skirosim::web
