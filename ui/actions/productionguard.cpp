#include "productionguard.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Windsock::Ui {

QPointer<QDialog> ProductionGuard::s_lastDialog;

QDialog *ProductionGuard::lastDialog()
{
    return s_lastDialog.data();
}

void ProductionGuard::confirm(QWidget *parent, const QString &profileName, bool production,
                              const QString &what, QObject *context, std::function<void()> proceed)
{
    if (!production) {
        if (proceed)
            proceed();
        return;
    }
    auto *dialog = new QDialog(parent);
    dialog->setObjectName(QStringLiteral("productionConfirmDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setWindowTitle(QObject::tr("Production deployment"));

    auto *layout = new QVBoxLayout(dialog);
    auto *sentence = new QLabel(dialog);
    sentence->setTextFormat(Qt::PlainText);
    sentence->setText(QObject::tr("%1 is marked production. Type its name to %2.").arg(profileName, what));
    sentence->setWordWrap(true);
    layout->addWidget(sentence);

    auto *edit = new QLineEdit(dialog);
    edit->setObjectName(QStringLiteral("productionNameEdit"));
    edit->setPlaceholderText(profileName);
    edit->setAccessibleName(QObject::tr("Profile name"));
    layout->addWidget(edit);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setEnabled(false);
    // No default button until the name matches: Enter on a typo neither proceeds nor throws away what was
    // typed; Escape cancels.
    ok->setAutoDefault(false);
    buttons->button(QDialogButtonBox::Cancel)->setAutoDefault(false);
    layout->addWidget(buttons);

    // An exact match: a production name is typed deliberately, not guessed from a prefix or case.
    QObject::connect(edit, &QLineEdit::textChanged, ok, [ok, edit, profileName] {
        const bool matches = edit->text() == profileName;
        ok->setEnabled(matches);
        ok->setDefault(matches);
    });
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog, [dialog, edit, profileName] {
        if (edit->text() == profileName)
            dialog->accept();
    });
    // proceed runs only while its context lives: the page that asked may be gone by the time the user types.
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    // The name is checked again: an accept() from elsewhere (a stray Enter, a test) must not proceed.
    QObject::connect(dialog, &QDialog::accepted, dialog, [guard, hasContext, proceed, edit, profileName] {
        if ((hasContext && !guard) || !proceed || edit->text() != profileName)
            return;
        proceed();
    });

    s_lastDialog = dialog;
    dialog->open();
    edit->setFocus();
}

} // namespace Windsock::Ui
