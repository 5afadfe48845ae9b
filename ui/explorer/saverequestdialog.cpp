#include "saverequestdialog.h"

#include "explorer/savedrequests.h"
#include "resources/errorbanner.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QVBoxLayout>

namespace Windsock::Ui {

SaveRequestDialog::SaveRequestDialog(const QStringList &collections, const QString &collection,
                                     const QString &name, QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(name, this))
    , m_collection(new QComboBox(this))
    , m_error(new ErrorBanner(this))
{
    setObjectName(QStringLiteral("saveRequestDialog"));
    setWindowTitle(tr("Save Request As"));
    setAttribute(Qt::WA_DeleteOnClose);
    m_name->setObjectName(QStringLiteral("saveRequestName"));
    m_name->setPlaceholderText(tr("e.g. list failed runs"));
    m_collection->setObjectName(QStringLiteral("saveRequestCollection"));
    m_collection->setEditable(true);
    m_collection->addItem(QString());
    m_collection->addItems(collections);
    m_collection->setCurrentText(collection);
    m_collection->setToolTip(tr("A subfolder of the saved-requests folder; empty for the folder itself. Type "
                                "a new name to create one."));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Collection:"), m_collection);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_error);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        const QString chosenName = m_name->text().trimmed();
        const QString chosenCollection = m_collection->currentText().trimmed();
        QString problem = Explorer::SavedRequests::checkName(chosenName);
        if (problem.isEmpty() && !chosenCollection.isEmpty())
            problem = Explorer::SavedRequests::checkName(chosenCollection);
        if (!problem.isEmpty()) {
            setError(problem);
            return;
        }
        Q_EMIT saveRequested(chosenCollection, chosenName);
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString SaveRequestDialog::errorText() const
{
    return m_error->message();
}

void SaveRequestDialog::setError(const QString &message)
{
    m_error->setMessage(message);
}

} // namespace Windsock::Ui
