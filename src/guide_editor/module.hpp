// The coordinator's editor of the sorting guide (items, bins, searches that found nothing).
#pragma once

#include "guide/module.hpp"
#include "guide_editor/editor.hpp"
#include "platform/platform.hpp"

namespace skirosim::guide_editor {

class Module final : public platform::Module {
public:
    Module(platform::Platform& platform, guide::Module& guide);
    void add_routes(http::Router& router) override;

private:
    platform::Platform& platform_;
    guide::Service& guide_;
    Editor editor_;
};

}  // namespace skirosim::guide_editor
