#include "explorerpage.h"

#include "curlimportdialog.h"
#include "requesteditor.h"
#include "savedpanel.h"
#include "saverequestdialog.h"
#include "variablesdialog.h"

#include "auth/authenticator.h"
#include "explorer/codeexport.h"
#include "mainwindow/messagebar.h"
#include "profiles/messagebox.h"

#include <QClipboard>
#include <QGuiApplication>

// ExplorerPage: opening requests, importing cURL commands, saving files, snippets and variables (the
// layout and sending are in explorerpage.cpp).

namespace Windsock::Ui {

// ---- Opening, importing, saving

void ExplorerPage::openDraft(const Explorer::RequestDraft &draft, const QString &title)
{
    m_editor->setDraft(draft);
    m_savedCollection.clear();
    m_savedName.clear();
    m_editor->setTitle(title);
}

void ExplorerPage::openCurlImport()
{
    if (m_curlDialog) {
        m_curlDialog->raise();
        return;
    }
    m_curlDialog = new CurlImportDialog(m_client->baseUrl(), this);
    connect(m_curlDialog, &CurlImportDialog::imported, this, &ExplorerPage::applyCurlImport);
    m_curlDialog->open();
}

void ExplorerPage::applyCurlImport(const Explorer::CurlImport &import)
{
    openDraft(import.draft, tr("Imported from cURL (not saved)"));
    m_notices->showMessage(
        import.notes.isEmpty()
            ? tr("Imported the curl command.")
            : tr("Imported the curl command. %1").arg(import.notes.join(QLatin1Char(' '))));
}

void ExplorerPage::showSavedTitle()
{
    m_editor->setTitle(m_savedName.isEmpty() ? QString()
                       : m_savedCollection.isEmpty()
                           ? m_savedName
                           : QStringLiteral("%1 / %2").arg(m_savedCollection, m_savedName));
}

void ExplorerPage::save()
{
    if (m_savedName.isEmpty()) {
        saveAs();
        return;
    }
    if (saveTo(m_savedCollection, m_savedName))
        m_notices->showMessage(tr("Saved \"%1\".").arg(m_savedName));
}

void ExplorerPage::saveAs()
{
    if (m_saveDialog) {
        m_saveDialog->raise();
        return;
    }
    QString name = m_savedName;
    if (name.isEmpty())
        name = m_editor->draft().operationId;
    m_saveDialog = new SaveRequestDialog(m_saved.collections(), m_savedCollection, name, this);
    connect(m_saveDialog, &SaveRequestDialog::saveRequested, this,
            [this](const QString &collection, const QString &chosen) {
                const bool replacing = collection != m_savedCollection || chosen != m_savedName;
                if (replacing && m_saved.requests(collection).contains(chosen) &&
                    MessageBox::question(m_saveDialog, tr("Replace Saved Request"),
                                         tr("A saved request named \"%1\" exists. Replace it?").arg(chosen),
                                         QMessageBox::Yes | QMessageBox::No,
                                         QMessageBox::No) != QMessageBox::Yes)
                    return;
                if (!saveTo(collection, chosen)) {
                    m_saveDialog->setError(m_errors->text());
                    return;
                }
                m_notices->showMessage(tr("Saved \"%1\".").arg(chosen));
                m_saveDialog->accept();
            });
    m_saveDialog->open();
}

bool ExplorerPage::saveTo(const QString &collection, const QString &name)
{
    Explorer::RequestDraft draft = m_editor->draft();
    draft.name = name;
    m_saved.setSecrets(m_client->authenticator().secrets());
    QString error;
    if (!m_saved.save(collection, draft, &error)) {
        m_errors->showMessage(error);
        return false;
    }
    m_errors->dismiss();
    m_savedCollection = collection;
    m_savedName = name;
    m_editor->setDraft(draft);
    showSavedTitle();
    m_savedPanel->refresh(collection, name);
    return true;
}

// ---- Snippets and variables

QString ExplorerPage::snippet(Snippet kind, bool includeSecrets)
{
    Api::RawRequest raw;
    Explorer::RequestDraft draft;
    if (!resolveEditor(&raw, &draft))
        return {};
    const Explorer::SnippetAuth auth = m_client->authenticator().snippetAuth(includeSecrets);
    switch (kind) {
    case Snippet::Curl:
        return Explorer::CodeExport::curl(m_client->baseUrl(), raw, auth);
    case Snippet::Python:
        return Explorer::CodeExport::pythonRequests(m_client->baseUrl(), raw, auth);
    case Snippet::Httpie:
        return Explorer::CodeExport::httpie(m_client->baseUrl(), raw, auth);
    }
    return {};
}

void ExplorerPage::copySnippet(Snippet kind)
{
    const bool secrets = m_includeSecretsAction->isChecked();
    const QString text = snippet(kind, secrets);
    if (text.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(text);
    const Explorer::SnippetAuth auth = m_client->authenticator().snippetAuth(false);
    const QString names[] = {QStringLiteral("cURL"), QStringLiteral("Python requests"),
                             QStringLiteral("HTTPie")};
    const QString what = names[int(kind)];
    if (secrets || auth.kind == Explorer::SnippetAuth::None || auth.envVar.isEmpty())
        m_notices->showMessage(secrets ? tr("Copied as %1, with the secret in it: keep it private.").arg(what)
                                       : tr("Copied as %1.").arg(what));
    else
        m_notices->showMessage(tr("Copied as %1. It reads the secret from the environment variable %2: "
                                  "export it before running it.")
                                   .arg(what, auth.envVar));
}

void ExplorerPage::openVariables()
{
    if (m_variablesDialog) {
        m_variablesDialog->raise();
        return;
    }
    m_variablesDialog = new VariablesDialog(m_variables.variables(), this);
    connect(m_variablesDialog, &VariablesDialog::variablesAccepted, this,
            [this](const QMap<QString, QString> &variables) {
                m_variables.setVariables(variables);
                QString error;
                if (!m_variables.save(&error))
                    m_errors->showMessage(error);
                m_editor->setVariables(variables);
            });
    m_variablesDialog->open();
}

} // namespace Windsock::Ui
