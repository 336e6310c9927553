// libqrencode to SVG rectangles.
#include "points/qr.hpp"

#include <fmt/format.h>
#include <qrencode.h>

#include <memory>
#include <stdexcept>

namespace skirosim::points {

std::string qr_svg(const std::string& text, double x, double y, double size) {
    std::unique_ptr<QRcode, void (*)(QRcode*)> code(
        QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), QRcode_free);
    if (!code) throw std::runtime_error("the QR code could not be made");
    const int width = code->width, quiet = 4, total = width + 2 * quiet;
    const double module = size / total;
    std::string out =
        fmt::format(R"(<g class="qr"><rect x="{}" y="{}" width="{}" height="{}" fill="#fff"/>)", x,
                    y, size, size);
    for (int row = 0; row < width; ++row) {
        for (int col = 0; col < width; ++col) {
            if (code->data[row * width + col] & 1) {
                out += fmt::format(
                    R"(<rect x="{:.3f}" y="{:.3f}" width="{:.3f}" height="{:.3f}" fill="#000"/>)",
                    x + (col + quiet) * module, y + (row + quiet) * module, module + 0.01,
                    module + 0.01);
            }
        }
    }
    return out + "</g>";
}

}  // namespace skirosim::points
