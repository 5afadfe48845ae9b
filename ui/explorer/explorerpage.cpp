#include "explorerpage.h"

#include "cataloguepanel.h"
#include "curlimportdialog.h"
#include "historypanel.h"
#include "jsonbodyeditor.h"
#include "requesteditor.h"
#include "responseviewer.h"
#include "savedpanel.h"
#include "saverequestdialog.h"
#include "variablesdialog.h"

#include "api/dialect.h"
#include "auth/authenticator.h"
#include "explorer/cataloguefetcher.h"
#include "explorer/pagefetcher.h"
#include "mainwindow/messagebar.h"

#include <QAction>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace Windsock::Ui {

namespace {
enum SideTab
{
    CatalogueTab,
    SavedTab,
    HistoryTab
};

QString storeId(const QString &profileId)
{
    return profileId.isEmpty() ? QStringLiteral("demo") : profileId;
}

QString savedFolder()
{
    const QString chosen = QSettings().value(ExplorerPage::savedFolderSettingKey()).toString();
    return chosen.isEmpty() ? Explorer::SavedRequests::defaultFolder() : chosen;
}
} // namespace

ExplorerPage::ExplorerPage(Api::AirflowClient *client, const QString &profileId, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_profileId(storeId(profileId))
    , m_history(m_profileId)
    , m_variables(m_profileId)
    , m_saved(savedFolder())
    , m_fetcher(new Explorer::CatalogueFetcher(this))
    , m_pages(new Explorer::PageFetcher(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_side(new QTabWidget(m_splitter))
    , m_cataloguePanel(new CataloguePanel(m_side))
    , m_savedPanel(new SavedPanel(&m_saved, m_side))
    , m_historyPanel(new HistoryPanel(&m_history, m_side))
    , m_notices(new MessageBar(MessageBar::Kind::Information, this))
    , m_errors(new MessageBar(MessageBar::Kind::Error, this))
    , m_editor(new RequestEditor(this))
    , m_viewer(new ResponseViewer(this))
{
    setObjectName(QStringLiteral("explorerPage"));
    m_side->setObjectName(QStringLiteral("explorerSideTabs"));
    m_side->setDocumentMode(true);
    m_side->addTab(m_cataloguePanel, tr("Catalogue"));
    m_side->addTab(m_savedPanel, tr("Saved"));
    m_side->addTab(m_historyPanel, tr("History"));
    m_notices->setObjectName(QStringLiteral("explorerNotices"));
    m_notices->hide();
    m_errors->setObjectName(QStringLiteral("explorerErrors"));
    m_errors->hide();
    m_editor->setAuthDescription(m_client->authenticator().redactedDescription());
    switch (m_client->dialect().kind()) {
    case Api::ApiKind::V2:
        m_editor->setApiRoot(QStringLiteral("/api/v2"));
        break;
    case Api::ApiKind::Experimental:
        m_editor->setApiRoot(QStringLiteral("/api/experimental"));
        break;
    case Api::ApiKind::V1:
    case Api::ApiKind::Unknown:
        break;
    }

    auto *toolBar = new QToolBar(tr("Request actions"), this);
    toolBar->setObjectName(QStringLiteral("explorerToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    buildActions();
    toolBar->addAction(m_newAction);
    toolBar->addAction(m_saveAction);
    toolBar->addAction(m_saveAsAction);
    toolBar->addSeparator();
    toolBar->addWidget(m_copyButton);
    toolBar->addAction(m_pasteCurlAction);

    auto *requestAndResponse = new QSplitter(Qt::Vertical, m_splitter);
    requestAndResponse->setObjectName(QStringLiteral("explorerRequestSplitter"));
    auto *top = new QWidget(requestAndResponse);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(toolBar);
    topLayout->addWidget(m_notices);
    topLayout->addWidget(m_errors);
    topLayout->addWidget(m_editor, 1);
    requestAndResponse->addWidget(top);
    requestAndResponse->addWidget(m_viewer);
    requestAndResponse->setStretchFactor(0, 2);
    requestAndResponse->setStretchFactor(1, 3);
    requestAndResponse->setChildrenCollapsible(false);
    m_splitter->addWidget(m_side);
    m_splitter->addWidget(requestAndResponse);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setSizes({460, 900});
    m_splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    connect(m_fetcher, &Explorer::CatalogueFetcher::loaded, this, &ExplorerPage::onCatalogueLoaded);
    connect(m_fetcher, &Explorer::CatalogueFetcher::failed, m_cataloguePanel, &CataloguePanel::setMessage);
    connect(m_cataloguePanel, &CataloguePanel::operationActivated, this,
            [this](const Explorer::ApiOperation &operation) {
                m_editor->applyOperation(operation);
                m_savedCollection.clear();
                m_savedName.clear();
                m_editor->setTitle(tr("%1 (from the catalogue, not saved)").arg(operation.operationId));
                m_hintedOperation = m_cataloguePanel->catalogue().find(operation.method, operation.path);
                onEditorChanged();
            });
    connect(m_historyPanel, &HistoryPanel::entryActivated, this, [this](const Explorer::HistoryEntry &entry) {
        openDraft(
            entry.request,
            tr("From the history: %1").arg(QLocale().toString(entry.at.toLocalTime(), QLocale::ShortFormat)));
    });
    connect(m_historyPanel, &HistoryPanel::errorOccurred, m_errors, &MessageBar::showMessage);
    connect(m_savedPanel, &SavedPanel::requestOpened, this,
            [this](const Explorer::RequestDraft &draft, const QString &collection) {
                openDraft(draft, QString());
                m_savedCollection = collection;
                m_savedName = draft.name;
                showSavedTitle();
            });
    connect(m_savedPanel, &SavedPanel::folderChanged, this, [](const QString &folder) {
        QSettings().setValue(ExplorerPage::savedFolderSettingKey(), folder);
    });
    connect(m_savedPanel, &SavedPanel::errorOccurred, m_errors, &MessageBar::showMessage);
    // The open request renamed or deleted in the panel: Save writes to its new name, or asks again.
    connect(m_savedPanel, &SavedPanel::renamed, this,
            [this](const QString &collection, const QString &oldName, const QString &newName) {
                if (collection == m_savedCollection && oldName == m_savedName) {
                    m_savedName = newName;
                    showSavedTitle();
                }
            });
    connect(m_savedPanel, &SavedPanel::removed, this, [this](const QString &collection, const QString &name) {
        if (collection == m_savedCollection && name == m_savedName) {
            m_savedCollection.clear();
            m_savedName.clear();
            m_editor->setTitle(tr("%1 (its file was deleted; Save asks for a name)").arg(name));
        }
    });
    connect(m_savedPanel, &SavedPanel::notice, m_notices, &MessageBar::showMessage);
    connect(m_viewer, &ResponseViewer::notice, m_notices, &MessageBar::showMessage);
    connect(m_editor, &RequestEditor::sendRequested, this, &ExplorerPage::send);
    connect(m_editor, &RequestEditor::fetchAllPagesRequested, this, &ExplorerPage::fetchAllPages);
    connect(m_editor, &RequestEditor::cancelRequested, this, &ExplorerPage::cancel);
    connect(m_editor, &RequestEditor::variablesRequested, this, &ExplorerPage::openVariables);
    connect(m_editor, &RequestEditor::changed, this, &ExplorerPage::onEditorChanged);

    connect(m_pages, &Explorer::PageFetcher::progress, this,
            [this](int fetched, int total) { m_editor->setFetchingPages(true, fetched, total); });
    connect(m_pages, &Explorer::PageFetcher::finished, this, &ExplorerPage::showPagesResult);
    connect(m_pages, &Explorer::PageFetcher::failed, this, [this](const QString &message) {
        m_editor->setFetchingPages(false);
        m_viewer->showError(message);
        record(m_sentDraft, m_sentRequest, 0, nullptr, message);
    });
    m_editor->setTitle({});
}

ExplorerPage::~ExplorerPage()
{
    // The widgets go first, while the page is whole: closing an open cell editor commits its text, and the
    // signals that follow must not reach a page half destroyed.
    for (QObject *sender : std::initializer_list<QObject *>{m_editor, m_viewer, m_cataloguePanel,
                                                            m_savedPanel, m_historyPanel, m_fetcher, m_pages})
        disconnect(sender, nullptr, this, nullptr);
    delete m_splitter;
}

SaveRequestDialog *ExplorerPage::saveDialog() const
{
    return m_saveDialog;
}

CurlImportDialog *ExplorerPage::curlDialog() const
{
    return m_curlDialog;
}

VariablesDialog *ExplorerPage::variablesDialog() const
{
    return m_variablesDialog;
}

void ExplorerPage::buildActions()
{
    const auto action = [this](const QString &text, const char *name, const QKeySequence &shortcut,
                               const QString &tip) {
        auto *created = new QAction(text, this);
        created->setObjectName(QLatin1String(name));
        created->setShortcut(shortcut);
        created->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        created->setToolTip(tip);
        addAction(created);
        return created;
    };
    m_sendAction = action(tr("Send"), "sendExplorerRequest", QKeySequence(Qt::CTRL | Qt::Key_Return),
                          tr("Send the request (Ctrl+Return)"));
    auto *sendEnter =
        action(tr("Send"), "sendExplorerRequestEnter", QKeySequence(Qt::CTRL | Qt::Key_Enter), QString());
    m_newAction = action(tr("&New"), "newExplorerRequest", {}, tr("An empty request (GET, no path)"));
    connect(m_newAction, &QAction::triggered, this, [this] {
        openDraft(Explorer::RequestDraft(), QString());
        m_editor->setOperationHints(nullptr);
        m_editor->pathEdit()->setFocus(Qt::ShortcutFocusReason);
    });
    m_saveAction = action(tr("&Save"), "saveExplorerRequest", QKeySequence::Save,
                          tr("Save the request in its file (Ctrl+S); a new one asks for a name"));
    m_saveAsAction =
        action(tr("Save &As…"), "saveExplorerRequestAs", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
               tr("Save the request under a new name or in another collection (Ctrl+Shift+S)"));
    m_pasteCurlAction =
        action(tr("&Paste cURL…"), "pasteCurl", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V),
               tr("Import a curl command as the request (Ctrl+Shift+V)"));
    connect(m_sendAction, &QAction::triggered, this, &ExplorerPage::send);
    connect(sendEnter, &QAction::triggered, this, &ExplorerPage::send);
    connect(m_saveAction, &QAction::triggered, this, &ExplorerPage::save);
    connect(m_saveAsAction, &QAction::triggered, this, &ExplorerPage::saveAs);
    connect(m_pasteCurlAction, &QAction::triggered, this, &ExplorerPage::openCurlImport);

    auto *menu = new QMenu(this);
    const QList<std::pair<QString, Snippet>> kinds = {{tr("Copy as &cURL"), Snippet::Curl},
                                                      {tr("Copy as &Python requests"), Snippet::Python},
                                                      {tr("Copy as &HTTPie"), Snippet::Httpie}};
    for (const auto &[text, kind] : kinds) {
        QAction *copy = menu->addAction(text);
        connect(copy, &QAction::triggered, this, [this, kind = kind] { copySnippet(kind); });
        m_copyActions.append(copy);
    }
    menu->addSeparator();
    m_includeSecretsAction = menu->addAction(tr("Include &Secrets"));
    m_includeSecretsAction->setObjectName(QStringLiteral("includeSecrets"));
    m_includeSecretsAction->setCheckable(true);
    m_includeSecretsAction->setChecked(false);
    m_includeSecretsAction->setToolTip(
        tr("Write the password or token into the snippet. Off: the snippet reads "
           "it from an environment variable."));
    menu->setToolTipsVisible(true);
    m_copyButton = new QToolButton(this);
    m_copyButton->setObjectName(QStringLiteral("copyAsButton"));
    m_copyButton->setText(tr("Copy As"));
    m_copyButton->setMenu(menu);
    m_copyButton->setPopupMode(QToolButton::InstantPopup);
    m_copyButton->setToolTip(tr("The request as a cURL, Python requests or HTTPie command"));
}

void ExplorerPage::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    m_editor->setAuthDescription(m_client->authenticator().redactedDescription() +
                                 (readOnly ? tr(" (read-only profile: GET requests only)") : QString()));
}

void ExplorerPage::refresh()
{
    if (!m_loaded) {
        m_loaded = true;
        loadStores();
    }
    m_cataloguePanel->setMessage(tr("Reading the server's OpenAPI document…"));
    m_fetcher->fetch(m_client);
}

void ExplorerPage::loadStores()
{
    QString error;
    int skipped = 0;
    if (!m_history.load(&error, &skipped))
        m_errors->showMessage(error);
    else if (skipped > 0)
        m_notices->showMessage(
            tr("%n damaged line(s) of the history could not be read and were left out.", nullptr, skipped));
    m_historyPanel->refresh();
    if (!m_variables.load(&error))
        m_errors->showMessage(error);
    m_editor->setVariables(m_variables.variables());
    m_savedPanel->refresh();
}

void ExplorerPage::onCatalogueLoaded(const Explorer::OpenApiCatalogue &catalogue, const QString &sourcePath)
{
    m_cataloguePanel->setCatalogue(catalogue, sourcePath);
    m_hintedOperation = -1;
    onEditorChanged();
}

void ExplorerPage::onEditorChanged()
{
    // The operation the request is (typed by hand, opened from a file or the history): its hints and
    // whether its pages can be fetched.
    const Explorer::OpenApiCatalogue &catalogue = m_cataloguePanel->catalogue();
    const Explorer::RequestDraft draft = m_editor->draft();
    const int index = catalogue.find(draft.method, draft.path);
    const Explorer::ApiOperation *operation = index >= 0 ? &catalogue.operations().at(index) : nullptr;
    if (index != m_hintedOperation) {
        m_hintedOperation = index;
        m_editor->setOperationHints(operation);
    }
    m_editor->setPaged(operation && operation->paged);
}

bool ExplorerPage::isBusy() const
{
    return m_call || m_pages->isRunning();
}

bool ExplorerPage::resolveEditor(Api::RawRequest *raw, Explorer::RequestDraft *draft)
{
    *draft = m_editor->draft();
    if (draft->bodyIsJson()) {
        const JsonBodyEditor::Check check = m_editor->bodyEditor()->currentCheck();
        if (!check.valid) {
            m_viewer->showError(tr("Nothing was sent. %1").arg(check.message));
            m_editor->sections()->setCurrentWidget(m_editor->bodyEditor());
            m_editor->bodyEditor()->showErrorPosition();
            return false;
        }
    }
    static const QList<QByteArray> readMethods = {"GET", "HEAD", "OPTIONS"};
    if (m_readOnly && !readMethods.contains(draft->method.toUpper())) {
        m_viewer->showError(
            tr("Nothing was sent. This profile is read-only: the explorer sends only GET, HEAD "
               "and OPTIONS requests with it."));
        return false;
    }
    const Explorer::ResolvedRequest resolved = Explorer::resolve(*draft, m_variables.variables());
    if (!resolved.isValid()) {
        m_viewer->showError(tr("Nothing was sent. %1").arg(resolved.error));
        return false;
    }
    *raw = resolved.raw;
    return true;
}

// ---- Sending

bool ExplorerPage::startSending()
{
    if (isBusy())
        return false;
    Api::RawRequest raw;
    Explorer::RequestDraft draft;
    if (!resolveEditor(&raw, &draft))
        return false;
    m_errors->dismiss();
    m_sentDraft = draft;
    m_sentRequest = raw;
    m_sentAt = QDateTime::currentDateTimeUtc();
    return true;
}

void ExplorerPage::send()
{
    if (!startSending())
        return;
    const Api::RawRequest &raw = m_sentRequest;
    m_viewer->showSending(QStringLiteral("%1 %2").arg(QString::fromLatin1(raw.method), raw.path));
    m_editor->setSending(true);
    m_call = m_client->send(raw, this, [this](const Api::Result<Api::RawResponse> &result) {
        m_call.clear();
        m_editor->setSending(false);
        if (result.ok()) {
            m_viewer->showResponse(result.value());
            record(m_sentDraft, m_sentRequest, result.value().status, &result.value(), QString());
            return;
        }
        const QString message =
            result.error().kind() == Api::ApiError::Kind::Cancelled
                ? tr("Cancelled: the answer is not shown. The server may have acted on the request already.")
                : result.error().message();
        m_viewer->showError(message);
        record(m_sentDraft, m_sentRequest, 0, nullptr, message);
    });
}

void ExplorerPage::fetchAllPages()
{
    if (!startSending())
        return;
    const Api::RawRequest &raw = m_sentRequest;
    m_pagesTimer.start();
    m_viewer->showSending(tr("every page of %1").arg(raw.path));
    m_editor->setFetchingPages(true);
    m_pages->start(m_client, raw);
}

void ExplorerPage::cancel()
{
    if (m_call) {
        m_call->cancel();
        return;
    }
    if (m_pages->isRunning()) {
        m_pages->cancel();
        m_editor->setFetchingPages(false);
        m_viewer->showError(tr("Fetching the pages was cancelled: nothing of them is shown."));
    }
}

void ExplorerPage::showPagesResult(const QByteArray &merged)
{
    m_editor->setFetchingPages(false);
    Api::RawResponse response;
    response.status = 200;
    response.headers = {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    response.body = merged;
    response.elapsedMs = m_pagesTimer.elapsed();
    m_viewer->showResponse(response);
    m_notices->showMessage(
        tr("Every page, merged into one list (%1).").arg(QLocale().formattedDataSize(merged.size())));
    record(m_sentDraft, m_sentRequest, response.status, &response, QString());
}

void ExplorerPage::record(const Explorer::RequestDraft &draft, const Api::RawRequest &raw, int status,
                          const Api::RawResponse *response, const QString &error)
{
    Explorer::HistoryEntry entry;
    entry.at = m_sentAt.isValid() ? m_sentAt : QDateTime::currentDateTimeUtc();
    entry.request = draft;
    entry.request.name.clear();
    entry.url = m_client->baseUrl().toString(QUrl::StripTrailingSlash) + raw.path;
    entry.status = status;
    entry.requestHeaders = raw.headers;
    if (response) {
        entry.elapsedMs = response->elapsedMs;
        entry.size = response->body.size();
        entry.responseHeaders = response->headers;
        entry.contentType = QString::fromLatin1(response->header(QByteArrayLiteral("Content-Type")));
    }
    entry.error = error;
    // The secrets of now: a token fetched since the last request is one of them.
    m_history.setSecrets(m_client->authenticator().secrets());
    QString problem;
    if (!m_history.append(entry, &problem))
        m_errors->showMessage(problem);
    m_historyPanel->refresh();
    Q_EMIT requestFinished();
}

} // namespace Windsock::Ui
