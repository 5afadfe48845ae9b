#pragma once

#include <QDialog>
#include <QStringList>

class QComboBox;
class QLineEdit;

namespace Windsock::Ui {

class ErrorBanner;

// Opened with open() (window-modal, no nested event loop) and deleted on close.
// "Save As": the request's name (its file name) and collection (a subfolder; empty for the top level, or a
// new one typed in). A name that cannot be a file name is refused in words.
class SaveRequestDialog final : public QDialog
{
    Q_OBJECT

public:
    SaveRequestDialog(const QStringList &collections, const QString &collection, const QString &name,
                      QWidget *parent = nullptr);
    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *collectionCombo() const { return m_collection; }
    QString errorText() const;
    void setError(const QString &message);

Q_SIGNALS:
    // The page saves; it calls setError() and keeps the dialog open when that fails, else closes it.
    void saveRequested(const QString &collection, const QString &name);

private:
    QLineEdit *m_name;
    QComboBox *m_collection;
    ErrorBanner *m_error;
};

} // namespace Windsock::Ui
