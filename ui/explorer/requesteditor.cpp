#include "requesteditor.h"

#include "jsonbodyeditor.h"
#include "keyvaluetable.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace Windsock::Ui {

namespace {

enum Section
{
    ParamsSection,
    HeadersSection,
    BodySection
};

QString defaultText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double:
        return QString::number(value.toDouble());
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array: {
        QStringList parts;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array)
            parts.append(defaultText(item));
        return parts.join(QLatin1String(", "));
    }
    default:
        return {};
    }
}

KeyValueTable::Hint hintFor(const Explorer::ApiParameter &parameter)
{
    KeyValueTable::Hint hint;
    hint.required = parameter.required;
    QString type = parameter.type.isEmpty() ? QStringLiteral("string") : parameter.type;
    if (!parameter.format.isEmpty())
        type += QStringLiteral(" (%1)").arg(parameter.format);
    QStringList parts{type};
    if (!parameter.enumValues.isEmpty())
        parts.append(RequestEditor::tr("one of %1").arg(parameter.enumValues.join(QLatin1String(", "))));
    const QString byDefault = defaultText(parameter.defaultValue);
    if (!byDefault.isEmpty())
        parts.append(RequestEditor::tr("default %1").arg(byDefault));
    if (parameter.repeated)
        parts.append(RequestEditor::tr("one row a value"));
    hint.placeholder = parts.join(QLatin1String(", "));
    QStringList tip;
    if (!parameter.description.isEmpty())
        tip.append(parameter.description.trimmed());
    tip.append(parameter.required ? RequestEditor::tr("Required; %1.").arg(hint.placeholder)
                                  : RequestEditor::tr("Optional; %1.").arg(hint.placeholder));
    hint.toolTip = tip.join(QLatin1String("\n\n"));
    return hint;
}

} // namespace

RequestEditor::RequestEditor(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_method(new QComboBox(this))
    , m_path(new QLineEdit(this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_fetchAll(new QPushButton(tr("Fetch All Pages"), this))
    , m_pagesProgress(new QProgressBar(this))
    , m_sections(new QTabWidget(this))
    , m_paramsPage(new QWidget(m_sections))
    , m_pathParamsLabel(new QLabel(tr("Path parameters"), m_paramsPage))
    , m_pathParams(new KeyValueTable(KeyValueTable::Mode::FixedKeys, m_paramsPage))
    , m_query(new KeyValueTable(KeyValueTable::Mode::Free, m_paramsPage))
    , m_headers(new KeyValueTable(KeyValueTable::Mode::Free, m_sections))
    , m_body(new JsonBodyEditor(m_sections))
    , m_auth(new QLabel(this))
    , m_variables(new QPushButton(tr("&Variables…"), this))
{
    setObjectName(QStringLiteral("requestEditor"));
    m_title->setObjectName(QStringLiteral("requestTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setForegroundRole(QPalette::PlaceholderText);
    m_method->setObjectName(QStringLiteral("requestMethod"));
    for (const char *method : {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})
        m_method->addItem(QString::fromLatin1(method));
    m_path->setObjectName(QStringLiteral("requestPath"));
    setApiRoot(QStringLiteral("/api/v1"));
    m_path->setClearButtonEnabled(true);
    m_send->setObjectName(QStringLiteral("sendRequest"));
    m_send->setDefault(true);
    m_send->setToolTip(tr("Send the request (Ctrl+Return)"));
    m_fetchAll->setObjectName(QStringLiteral("fetchAllPages"));
    m_fetchAll->setToolTip(
        tr("Ask every page of this list (limit and offset) and show them merged into one"));
    m_pagesProgress->setObjectName(QStringLiteral("pagesProgress"));
    m_pagesProgress->setTextVisible(true);
    m_pagesProgress->hide();
    m_pathParams->setObjectName(QStringLiteral("pathParamsTable"));
    m_query->setObjectName(QStringLiteral("queryTable"));
    m_headers->setObjectName(QStringLiteral("headersTable"));
    m_sections->setObjectName(QStringLiteral("requestSections"));
    m_sections->setDocumentMode(true);
    m_auth->setObjectName(QStringLiteral("requestAuth"));
    m_auth->setTextFormat(Qt::PlainText);
    m_auth->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_auth->setToolTip(tr("The profile's authentication is added to every request; the secret is never "
                          "shown, kept in the history or saved."));
    m_variables->setObjectName(QStringLiteral("editVariables"));
    m_variables->setToolTip(tr("Values for {{name}} in the path, query, headers and body of this profile"));

    auto *paramsLayout = new QVBoxLayout(m_paramsPage);
    paramsLayout->addWidget(m_pathParamsLabel);
    paramsLayout->addWidget(m_pathParams, 1);
    paramsLayout->addWidget(new QLabel(tr("Query"), m_paramsPage));
    paramsLayout->addWidget(m_query, 2);
    m_sections->addTab(m_paramsPage, tr("Params"));
    m_sections->addTab(m_headers, tr("Headers"));
    m_sections->addTab(m_body, tr("Body"));

    auto *requestLine = new QHBoxLayout;
    requestLine->addWidget(m_method);
    requestLine->addWidget(m_path, 1);
    requestLine->addWidget(m_send);
    requestLine->addWidget(m_fetchAll);
    auto *authLine = new QHBoxLayout;
    authLine->addWidget(m_auth, 1);
    authLine->addWidget(m_variables);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addLayout(requestLine);
    layout->addWidget(m_pagesProgress);
    layout->addWidget(m_sections, 1);
    layout->addLayout(authLine);

    connect(m_send, &QPushButton::clicked, this, [this] {
        if (m_sending)
            Q_EMIT cancelRequested();
        else
            Q_EMIT sendRequested();
    });
    connect(m_fetchAll, &QPushButton::clicked, this, [this] {
        if (m_fetching)
            Q_EMIT cancelRequested();
        else
            Q_EMIT fetchAllPagesRequested();
    });
    connect(m_variables, &QPushButton::clicked, this, &RequestEditor::variablesRequested);
    connect(m_path, &QLineEdit::textChanged, this, &RequestEditor::syncPathParams);
    connect(m_path, &QLineEdit::editingFinished, this, &RequestEditor::takeQueryFromPath);
    connect(m_method, &QComboBox::currentTextChanged, this, &RequestEditor::changed);
    for (KeyValueTable *table : {m_pathParams, m_query, m_headers}) {
        connect(table, &KeyValueTable::changed, this, &RequestEditor::updateSectionTitles);
        connect(table, &KeyValueTable::changed, this, &RequestEditor::changed);
    }
    connect(m_body, &JsonBodyEditor::textChanged, this, &RequestEditor::updateSectionTitles);
    connect(m_body, &JsonBodyEditor::textChanged, this, &RequestEditor::changed);
    setTitle({});
    setPaged(false);
    syncPathParams();
}

void RequestEditor::setDraft(const Explorer::RequestDraft &draft)
{
    m_name = draft.name;
    m_operationId = draft.operationId;
    const int methodIndex = m_method->findText(QString::fromLatin1(draft.method.toUpper()));
    if (methodIndex < 0)
        m_method->addItem(QString::fromLatin1(draft.method.toUpper()));
    m_method->setCurrentText(QString::fromLatin1(draft.method.toUpper()));
    {
        const QSignalBlocker blocker(m_path);
        m_path->setText(draft.path);
    }
    m_pathParams->setEntries(draft.pathParams);
    syncPathParams();
    m_query->setEntries(draft.query);
    m_headers->setEntries(draft.headers);
    m_body->setText(draft.body);
    Q_EMIT changed();
}

Explorer::RequestDraft RequestEditor::draft() const
{
    Explorer::RequestDraft draft;
    draft.name = m_name;
    draft.operationId = m_operationId;
    draft.method = m_method->currentText().toLatin1();
    draft.path = m_path->text().trimmed();
    draft.pathParams = m_pathParams->entries();
    draft.query = m_query->entries();
    draft.headers = m_headers->entries();
    draft.body = m_body->text();
    return draft;
}

void RequestEditor::applyOperation(const Explorer::ApiOperation &operation)
{
    Explorer::RequestDraft draft;
    draft.method = operation.method;
    draft.path = operation.path;
    draft.operationId = operation.operationId;
    for (const Explorer::ApiParameter &parameter : operation.parameters) {
        if (parameter.in == QLatin1String("path"))
            draft.pathParams.append({parameter.name, QString(), true});
        else if (parameter.in == QLatin1String("query"))
            draft.query.append({parameter.name, QString(), parameter.required});
        else if (parameter.in == QLatin1String("header"))
            draft.headers.append({parameter.name, QString(), parameter.required});
    }
    draft.body = QString::fromUtf8(operation.bodySkeleton);
    setDraft(draft);
    setOperationHints(&operation);
    m_sections->setCurrentIndex(operation.hasBody ? BodySection : ParamsSection);
}

void RequestEditor::setOperationHints(const Explorer::ApiOperation *operation)
{
    QHash<QString, KeyValueTable::Hint> path;
    QHash<QString, KeyValueTable::Hint> query;
    QHash<QString, KeyValueTable::Hint> headers;
    if (operation) {
        for (const Explorer::ApiParameter &parameter : operation->parameters) {
            if (parameter.in == QLatin1String("path"))
                path.insert(parameter.name, hintFor(parameter));
            else if (parameter.in == QLatin1String("query"))
                query.insert(parameter.name, hintFor(parameter));
            else if (parameter.in == QLatin1String("header"))
                headers.insert(parameter.name, hintFor(parameter));
        }
    }
    m_pathParams->setHints(path);
    m_query->setHints(query);
    m_headers->setHints(headers);
    QString tip = operation ? operation->summary : QString();
    if (operation && !operation->description.isEmpty() && operation->description != operation->summary)
        tip += QStringLiteral("\n\n") + operation->description.trimmed();
    m_path->setToolTip(tip);
}

void RequestEditor::setApiRoot(const QString &root)
{
    m_path->setPlaceholderText(
        tr("%1/dags/{dag_id}: {name} is a path parameter, {{name}} a variable").arg(root));
}

void RequestEditor::setAuthDescription(const QString &description)
{
    m_auth->setText(tr("Authentication: %1").arg(description));
}

void RequestEditor::setTitle(const QString &title)
{
    m_title->setText(title.isEmpty() ? tr("New request (not saved)") : title);
}

void RequestEditor::setVariables(const QMap<QString, QString> &variables)
{
    m_body->setVariables(variables);
}

void RequestEditor::setSending(bool sending)
{
    m_sending = sending;
    m_send->setText(sending ? tr("Cancel") : tr("Send"));
    m_send->setToolTip(sending ? tr("Stop waiting for the answer") : tr("Send the request (Ctrl+Return)"));
    m_fetchAll->setEnabled(!sending && m_paged);
}

void RequestEditor::setFetchingPages(bool fetching, int fetched, int total)
{
    m_fetching = fetching;
    m_fetchAll->setText(fetching ? tr("Cancel") : tr("Fetch All Pages"));
    m_fetchAll->setEnabled(fetching || m_paged);
    m_send->setEnabled(!fetching);
    m_pagesProgress->setVisible(fetching);
    m_pagesProgress->setRange(0, qMax(total, 0));
    m_pagesProgress->setValue(qMin(fetched, qMax(total, 0)));
    m_pagesProgress->setFormat(total > 0 ? tr("%L1 of %L2 entries").arg(fetched).arg(total)
                                         : tr("Asking the first page…"));
}

void RequestEditor::setPaged(bool paged)
{
    m_paged = paged;
    m_fetchAll->setEnabled(m_fetching || (paged && !m_sending));
    m_fetchAll->setToolTip(paged
                               ? tr("Ask every page of this list (limit and offset until total_entries) and "
                                    "show them merged into one")
                               : tr("Only for the list operations of the catalogue that page with limit "
                                    "and offset"));
}

void RequestEditor::syncPathParams()
{
    Explorer::RequestDraft draft;
    draft.path = m_path->text();
    draft.pathParams = m_pathParams->entries();
    const QStringList before = [&draft] {
        QStringList keys;
        for (const Explorer::KeyValue &entry : std::as_const(draft.pathParams))
            keys.append(entry.key);
        return keys;
    }();
    draft.syncPathParams();
    if (draft.pathParamNames() != before)
        m_pathParams->setEntries(draft.pathParams);
    const bool any = !draft.pathParams.isEmpty();
    m_pathParamsLabel->setVisible(any);
    m_pathParams->setVisible(any);
    Q_EMIT changed();
}

void RequestEditor::takeQueryFromPath()
{
    // A pasted path with its query string: the query goes into the table, where it can be edited.
    const QString text = m_path->text().trimmed();
    const qsizetype question = text.indexOf(QLatin1Char('?'));
    if (question < 0)
        return;
    const QUrlQuery query(text.mid(question + 1));
    const QList<QPair<QString, QString>> items = query.queryItems(QUrl::FullyDecoded);
    QList<Explorer::KeyValue> rows = m_query->entries();
    for (const auto &[key, value] : items)
        rows.append({key, value, true});
    m_query->setEntries(rows);
    m_path->setText(text.left(question));
}

void RequestEditor::updateSectionTitles()
{
    const auto counted = [](const QString &title, const QList<Explorer::KeyValue> &entries) {
        qsizetype sent = 0;
        for (const Explorer::KeyValue &entry : entries)
            sent += entry.enabled ? 1 : 0;
        return sent > 0 ? QStringLiteral("%1 (%2)").arg(title).arg(sent) : title;
    };
    m_sections->setTabText(ParamsSection,
                           counted(tr("Params"), m_query->entries() + m_pathParams->entries()));
    m_sections->setTabText(HeadersSection, counted(tr("Headers"), m_headers->entries()));
    m_sections->setTabText(BodySection, m_body->text().trimmed().isEmpty() ? tr("Body") : tr("Body •"));
}

} // namespace Windsock::Ui
