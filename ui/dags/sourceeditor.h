#pragma once

#include <QPlainTextEdit>

namespace Windsock::Ui {

// A read-only, monospace text view for source code, with line numbers in a gutter on the left.
class SourceEditor final : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit SourceEditor(QWidget *parent = nullptr);

    int lineNumberAreaWidth() const;
    // Paints the gutter; called by the gutter widget.
    void paintLineNumbers(QPaintEvent *event);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateGutterWidth();
    void updateGutter(const QRect &rect, int dy);

    QWidget *m_gutter;
};

} // namespace Windsock::Ui
