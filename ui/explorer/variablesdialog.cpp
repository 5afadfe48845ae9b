#include "variablesdialog.h"

#include "explorer/explorervariables.h"
#include "keyvaluetable.h"
#include "resources/errorbanner.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

namespace Windsock::Ui {

VariablesDialog::VariablesDialog(const QMap<QString, QString> &variables, QWidget *parent)
    : QDialog(parent)
    , m_table(new KeyValueTable(KeyValueTable::Mode::Plain, this))
    , m_error(new ErrorBanner(this))
{
    setObjectName(QStringLiteral("variablesDialog"));
    setWindowTitle(tr("Explorer Variables"));
    setAttribute(Qt::WA_DeleteOnClose);
    resize(560, 400);
    auto *intro = new QLabel(tr("{{name}} in a path, query, header or body is replaced by its value here. "
                                "Variables belong to this profile and are not secret: they are kept in a "
                                "plain file."),
                             this);
    intro->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("variablesTable"));
    QList<Explorer::KeyValue> entries;
    for (auto it = variables.cbegin(); it != variables.cend(); ++it)
        entries.append({it.key(), it.value(), true});
    m_table->setEntries(entries);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_error);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &VariablesDialog::acceptIfValid);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString VariablesDialog::errorText() const
{
    return m_error->message();
}

void VariablesDialog::acceptIfValid()
{
    QMap<QString, QString> variables;
    const QList<Explorer::KeyValue> entries = m_table->entries();
    for (const Explorer::KeyValue &entry : entries) {
        const QString name = entry.key.trimmed();
        if (!Explorer::VariableStore::isValidName(name)) {
            m_error->setMessage(
                tr("\"%1\" cannot be a variable's name: use letters, digits, _, - and . only.").arg(name));
            return;
        }
        if (variables.contains(name)) {
            m_error->setMessage(tr("The variable %1 is listed twice.").arg(name));
            return;
        }
        variables.insert(name, entry.value);
    }
    Q_EMIT variablesAccepted(variables);
    accept();
}

} // namespace Windsock::Ui
