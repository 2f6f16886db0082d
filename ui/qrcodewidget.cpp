#include "ui/qrcodewidget.h"

#include <qrencode.h>

#include <QPainter>
#include <algorithm>
#include <memory>
#include <utility>

namespace allora::ui {

namespace {

constexpr int kQuietZone = 4;  // modules of background around the code (ISO/IEC 18004)

}  // namespace

QrCodeWidget::QrCodeWidget(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    setAccessibleName(tr("QR code of the address"));
}

void QrCodeWidget::setText(const QString& text) {
    text_ = text;
    width_ = 0;
    modules_.clear();
    if (!text.isEmpty()) {
        const QByteArray utf8 = text.toUtf8();
        std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
            QRcode_encodeString8bit(utf8.constData(), 0, QR_ECLEVEL_M), &QRcode_free);
        if (code) {
            width_ = code->width;
            modules_.resize(static_cast<size_t>(width_) * static_cast<size_t>(width_));
            for (size_t i = 0; i < modules_.size(); ++i) modules_[i] = (code->data[i] & 1) != 0;
        }
    }
    updateGeometry();
    update();
}

bool QrCodeWidget::isDark(int x, int y) const {
    if (x < 0 || y < 0 || x >= width_ || y >= width_) return false;
    return modules_[static_cast<size_t>(y) * static_cast<size_t>(width_) + static_cast<size_t>(x)];
}

QSize QrCodeWidget::sizeHint() const {
    return {240, 240};
}

QSize QrCodeWidget::minimumSizeHint() const {
    return sizeHint();
}

void QrCodeWidget::paintEvent(QPaintEvent*) {
    QPainter p(this);
    // Dark modules on a light ground read best; the palette's base/text pair is that in a light
    // theme. In a dark theme base is dark, so the two are swapped to keep scanners happy.
    QColor ground = palette().color(QPalette::Base);
    QColor ink = palette().color(QPalette::Text);
    if (ground.lightness() < ink.lightness()) std::swap(ground, ink);
    p.fillRect(rect(), ground);
    if (width_ == 0) return;
    const int side = std::min(width(), height());
    const int scale = side / (width_ + 2 * kQuietZone);
    if (scale <= 0) return;
    const int offsetX = (width() - scale * width_) / 2;
    const int offsetY = (height() - scale * width_) / 2;
    for (int y = 0; y < width_; ++y)
        for (int x = 0; x < width_; ++x)
            if (isDark(x, y))
                p.fillRect(offsetX + x * scale, offsetY + y * scale, scale, scale, ink);
}

}  // namespace allora::ui
