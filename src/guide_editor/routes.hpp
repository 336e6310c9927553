// The coordinator's pages: dashboard, catalogue items and bins, searches that found nothing.
#pragma once

#include "guide_editor/editor.hpp"
#include "http/router.hpp"
#include "web/views.hpp"

namespace skirosim::guide_editor {

void add_routes(http::Router& router, Editor& editor, guide::Service& guide,
                const web::Views& views);

}  // namespace skirosim::guide_editor
