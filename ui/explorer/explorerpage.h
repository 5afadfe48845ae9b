#pragma once

#include "api/airflowclient.h"
#include "explorer/curlimport.h"
#include "explorer/explorervariables.h"
#include "explorer/requesthistory.h"
#include "explorer/savedrequests.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QPointer>
#include <QWidget>

class QAction;
class QCheckBox;
class QSplitter;
class QTabWidget;
class QToolButton;

namespace Windsock::Explorer {
class CatalogueFetcher;
class OpenApiCatalogue;
class PageFetcher;
} // namespace Windsock::Explorer

namespace Windsock::Ui {

class CataloguePanel;
class CurlImportDialog;
class HistoryPanel;
class MessageBar;
class RequestEditor;
class ResponseViewer;
class SaveRequestDialog;
class SavedPanel;
class VariablesDialog;

// The Explorer tab of a deployment: a request tool that knows the connected server. Beside the editor, the
// server's own catalogue of operations (from its OpenAPI document), the saved requests (plain files) and the
// history of what was sent; below it, the answer. Send is Ctrl+Return and becomes Cancel while in flight;
// Fetch All Pages follows limit/offset to total_entries with a progress bar. Copy as cURL / Python / HTTPie
// writes the request with the profile's authentication read from an environment variable (the secret itself
// only when "Include secrets" is checked); Paste cURL (Ctrl+Shift+V) imports a command.
//
// Everything typed stays on any error: a request that cannot be sent (a body that is not JSON, a missing
// variable) says why above the answer and sends nothing. Per-profile data (history, variables) is kept
// under the profile's id ("demo" for the built-in sandbox). Nothing is read or asked until the tab is first
// shown (refresh()).
class ExplorerPage final : public QWidget
{
    Q_OBJECT

public:
    ExplorerPage(Api::AirflowClient *client, const QString &profileId, QWidget *parent = nullptr);
    ~ExplorerPage() override;

    // A read-only profile: only GET, HEAD and OPTIONS are sent (anything else is refused in words).
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }

    // First time: reads the history, the variables and the saved requests, and asks the server for its
    // OpenAPI document; then only the document again (F5 / Ctrl+R).
    void refresh();

    // The request in the editor: sends it / every page of it / stops what is in flight.
    void send();
    void fetchAllPages();
    void cancel();
    bool isBusy() const;

    // Imports a cURL command into the editor (what Paste cURL does after its dialog).
    void applyCurlImport(const Explorer::CurlImport &import);
    void openDraft(const Explorer::RequestDraft &draft, const QString &title);
    // Saves over the open saved request, or asks for a name (Save As).
    void save();
    void saveAs();
    // Writes the editor's request as collection/name; false with the reason shown when it cannot.
    bool saveTo(const QString &collection, const QString &name);

    enum class Snippet
    {
        Curl,
        Python,
        Httpie
    };
    // The editor's request as a snippet (empty, with the reason shown, when it cannot be resolved); copy
    // puts it on the clipboard.
    QString snippet(Snippet kind, bool includeSecrets);
    void copySnippet(Snippet kind);

    QString profileId() const { return m_profileId; }
    RequestEditor *editor() const { return m_editor; }
    ResponseViewer *viewer() const { return m_viewer; }
    CataloguePanel *cataloguePanel() const { return m_cataloguePanel; }
    SavedPanel *savedPanel() const { return m_savedPanel; }
    HistoryPanel *historyPanel() const { return m_historyPanel; }
    QTabWidget *sideTabs() const { return m_side; }
    MessageBar *notices() const { return m_notices; }
    MessageBar *errors() const { return m_errors; }
    Explorer::RequestHistory *history() { return &m_history; }
    Explorer::SavedRequests *savedRequests() { return &m_saved; }
    QMap<QString, QString> variables() const { return m_variables.variables(); }
    QAction *sendAction() const { return m_sendAction; }
    QAction *newAction() const { return m_newAction; }
    QAction *saveAction() const { return m_saveAction; }
    QAction *saveAsAction() const { return m_saveAsAction; }
    QAction *pasteCurlAction() const { return m_pasteCurlAction; }
    QAction *includeSecretsAction() const { return m_includeSecretsAction; }
    QList<QAction *> copyActions() const { return m_copyActions; }
    // The dialogs while open (tests fill them).
    SaveRequestDialog *saveDialog() const;
    CurlImportDialog *curlDialog() const;
    VariablesDialog *variablesDialog() const;
    // Where the saved-request folder is remembered (QSettings).
    static QString savedFolderSettingKey() { return QStringLiteral("explorer/savedRequestsFolder"); }

Q_SIGNALS:
    // A request was answered (or failed) and is in the history.
    void requestFinished();

private:
    void buildActions();
    void loadStores();
    void onCatalogueLoaded(const Explorer::OpenApiCatalogue &catalogue, const QString &sourcePath);
    void onEditorChanged();
    void openVariables();
    void openCurlImport();
    void showSavedTitle();
    // The editor's request with the variables in; false (and the reason shown) when it cannot be sent.
    bool resolveEditor(Api::RawRequest *raw, Explorer::RequestDraft *draft);
    // Resolves the editor's request and remembers it as the one being sent; false (with the reason shown)
    // when nothing can be sent.
    bool startSending();
    void record(const Explorer::RequestDraft &draft, const Api::RawRequest &raw, int status,
                const Api::RawResponse *response, const QString &error);
    void showPagesResult(const QByteArray &merged);

    Api::AirflowClient *m_client;
    QString m_profileId;
    Explorer::RequestHistory m_history;
    Explorer::VariableStore m_variables;
    Explorer::SavedRequests m_saved;
    Explorer::CatalogueFetcher *m_fetcher;
    Explorer::PageFetcher *m_pages;
    QSplitter *m_splitter;
    QTabWidget *m_side;
    CataloguePanel *m_cataloguePanel;
    SavedPanel *m_savedPanel;
    HistoryPanel *m_historyPanel;
    MessageBar *m_notices;
    MessageBar *m_errors;
    RequestEditor *m_editor;
    ResponseViewer *m_viewer;
    QToolButton *m_copyButton = nullptr;
    QAction *m_sendAction = nullptr;
    QAction *m_newAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_saveAsAction = nullptr;
    QAction *m_pasteCurlAction = nullptr;
    QAction *m_includeSecretsAction = nullptr;
    QList<QAction *> m_copyActions;
    QPointer<Api::ApiCall> m_call;
    QPointer<SaveRequestDialog> m_saveDialog;
    QPointer<CurlImportDialog> m_curlDialog;
    QPointer<VariablesDialog> m_variablesDialog;
    // The request in flight or being paged, for the history.
    Explorer::RequestDraft m_sentDraft;
    Api::RawRequest m_sentRequest;
    QDateTime m_sentAt;
    QElapsedTimer m_pagesTimer;
    QString m_savedCollection;
    QString m_savedName;
    int m_hintedOperation = -1;
    bool m_loaded = false;
    bool m_readOnly = false;
};

} // namespace Windsock::Ui
