// Wiring of the guide's editor.
#include "guide_editor/module.hpp"

#include "guide_editor/routes.hpp"

namespace skirosim::guide_editor {

Module::Module(platform::Platform& platform, guide::Module& guide)
    : platform_(platform), guide_(guide.service()), editor_(guide.service()) {}

void Module::add_routes(http::Router& router) {
    guide_editor::add_routes(router, editor_, guide_, platform_.views());
}

}  // namespace skirosim::guide_editor
