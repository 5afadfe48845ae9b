#pragma once

#include <QLabel>

namespace Windsock::Ui {

// The line under a form field: what is wrong in plain words (error colour), a warning, or information such as
// the URL Windsock will use. Hidden when there is nothing to say. Colours come from the palette's family
// (darker on light palettes, lighter on dark ones).
class FeedbackLabel final : public QLabel
{
    Q_OBJECT

public:
    enum class Tone
    {
        Information,
        Warning,
        Error
    };

    explicit FeedbackLabel(QWidget *parent = nullptr);

    Tone tone() const { return m_tone; }
    void showInformation(const QString &text) { show(Tone::Information, text); }
    void showWarning(const QString &text) { show(Tone::Warning, text); }
    void showError(const QString &text) { show(Tone::Error, text); }

private:
    void show(Tone tone, const QString &text);
    void applyColour();
    void changeEvent(QEvent *event) override;

    Tone m_tone = Tone::Information;
};

} // namespace Windsock::Ui
