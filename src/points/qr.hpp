// QR codes as SVG (libqrencode), for posters and labels.
#pragma once

#include <string>

namespace skirosim::points {

// An SVG element (no XML prologue) that draws the QR code of `text` at `size` user units,
// dark modules on white, with the quiet zone.
std::string qr_svg(const std::string& text, double x, double y, double size);

}  // namespace skirosim::points
