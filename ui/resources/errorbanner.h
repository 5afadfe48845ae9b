#pragma once

#include <QLabel>

namespace Windsock::Ui {

// A plain-text sentence on a red band, shown only while there is something to say (as PoolsPage's error
// line): server refusals on the resource pages and in their dialogs.
class ErrorBanner final : public QLabel
{
    Q_OBJECT

public:
    explicit ErrorBanner(QWidget *parent = nullptr);
    // An empty message hides the band.
    void setMessage(const QString &message);
    QString message() const { return isHidden() ? QString() : text(); }
};

} // namespace Windsock::Ui
