// QrCodeWidget: a QR code of a text (an address), drawn module by module with QPainter in the
// palette's text and base colours, so it follows light and dark themes. Encoded by libqrencode.
#pragma once

#include <QString>
#include <QWidget>
#include <vector>

namespace allora::ui {

class QrCodeWidget : public QWidget {
    Q_OBJECT

public:
    explicit QrCodeWidget(QWidget* parent = nullptr);

    // Encodes `text` (error correction level M); an empty text clears the code.
    void setText(const QString& text);
    QString text() const { return text_; }
    // Modules per side, 0 when there is no code.
    int moduleCount() const { return width_; }
    // Whether the module at (x, y) is dark.
    bool isDark(int x, int y) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString text_;
    int width_ = 0;
    std::vector<bool> modules_;
};

}  // namespace allora::ui
