#pragma once

#include "explorer/curlimport.h"

#include <QDialog>
#include <QUrl>

class QPlainTextEdit;

namespace Windsock::Ui {

class ErrorBanner;

// Opened with open() (window-modal, no nested event loop) and deleted on close.
// "Paste cURL": a command (the clipboard's, when it holds one) imported as a request. A command that cannot
// be read says why and stays in the box.
class CurlImportDialog final : public QDialog
{
    Q_OBJECT

public:
    CurlImportDialog(const QUrl &baseUrl, QWidget *parent = nullptr);
    QPlainTextEdit *commandEdit() const { return m_command; }
    QString errorText() const;

Q_SIGNALS:
    void imported(const Windsock::Explorer::CurlImport &import);

private:
    void import();

    QUrl m_baseUrl;
    QPlainTextEdit *m_command;
    ErrorBanner *m_error;
};

} // namespace Windsock::Ui
