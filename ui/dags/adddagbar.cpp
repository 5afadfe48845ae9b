#include "adddagbar.h"

#include "api/airflowclient.h"
#include "api/dialect.h"
#include "models/dagmodel.h"

#include <QCompleter>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QStringListModel>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace Windsock::Ui {

AddDagBar::AddDagBar(Models::DagModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_reason(new QLabel(this))
    , m_edit(new QLineEdit(this))
    , m_add(new QPushButton(tr("&Add"), this))
    , m_message(new QLabel(this))
    , m_suggestions(new QStringListModel(this))
    , m_completer(new QCompleter(m_suggestions, this))
{
    setObjectName(QStringLiteral("addDagBar"));
    const Api::AirflowClient *client = model->client();
    m_reason->setObjectName(QStringLiteral("dagListUnavailable"));
    m_reason->setWordWrap(true);
    m_reason->setForegroundRole(QPalette::PlaceholderText);
    m_reason->setText(client ? client->dialect().unavailableReason(Api::Feature::ListDags) : QString());

    m_edit->setObjectName(QStringLiteral("addDagEdit"));
    m_edit->setPlaceholderText(tr("Add DAG… (type its id)"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setToolTip(tr("The id of a DAG to show in the list; the DAGs that have runs are suggested."));
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_edit->setCompleter(m_completer);
    m_add->setObjectName(QStringLiteral("addDagButton"));
    m_add->setToolTip(tr("Add this DAG id to the list (Enter)"));
    m_message->setObjectName(QStringLiteral("addDagMessage"));
    m_message->setWordWrap(true);
    m_message->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_reason);
    auto *row = new QHBoxLayout;
    row->setSpacing(4);
    row->addWidget(m_edit, 1);
    row->addWidget(m_add);
    layout->addLayout(row);
    layout->addWidget(m_message);

    connect(m_edit, &QLineEdit::returnPressed, this, &AddDagBar::addTyped);
    connect(m_add, &QPushButton::clicked, this, &AddDagBar::addTyped);
    connect(m_edit, &QLineEdit::textEdited, this, [this] { say(QString()); });
    loadSuggestions();
}

QString AddDagBar::settingsKey(const QString &profileId)
{
    // Encoded: a profile id imported from a file may hold a slash, which QSettings reads as a group.
    return QStringLiteral("dags/addedByHand/") + QString::fromLatin1(QUrl::toPercentEncoding(profileId));
}

void AddDagBar::setProfileId(const QString &profileId)
{
    m_profileId = profileId;
    if (profileId.isEmpty())
        return;
    const QStringList saved = QSettings().value(settingsKey(profileId)).toStringList();
    if (!saved.isEmpty())
        m_model->setDagIds(saved);
}

void AddDagBar::save() const
{
    if (m_profileId.isEmpty())
        return;
    QSettings settings;
    const QStringList ids = m_model->dagIds();
    if (ids.isEmpty())
        settings.remove(settingsKey(m_profileId));
    else
        settings.setValue(settingsKey(m_profileId), ids);
}

void AddDagBar::say(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

QStringList AddDagBar::suggestions() const
{
    return m_suggestions->stringList();
}

void AddDagBar::loadSuggestions()
{
    Api::AirflowClient *client = m_model->client();
    if (!client || !client->dialect().supports(Api::Feature::LatestRuns))
        return;
    client->latestRuns(this, [this](const Api::Result<QList<Api::DagRun>> &result) {
        if (!result)
            return; // only suggestions: typing an id works without them
        QSet<QString> ids;
        for (const Api::DagRun &run : result.value())
            ids.insert(run.dagId);
        QStringList sorted(ids.begin(), ids.end());
        std::sort(sorted.begin(), sorted.end(),
                  [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
        m_suggestions->setStringList(sorted);
    });
}

void AddDagBar::addTyped()
{
    if (addDagId(m_edit->text()))
        m_edit->clear();
}

bool AddDagBar::addDagId(const QString &dagId)
{
    const QString id = dagId.trimmed();
    if (id.isEmpty()) {
        say(tr("Type the id of a DAG to add it."));
        return false;
    }
    QStringList ids = m_model->dagIds();
    if (ids.contains(id)) {
        say(tr("%1 is already in the list.").arg(id));
        return false;
    }
    say(QString());
    ids.append(id);
    m_model->setDagIds(ids);
    save();
    Q_EMIT dagAdded(id);
    return true;
}

void AddDagBar::removeDagIds(const QStringList &dagIds)
{
    QStringList ids = m_model->dagIds();
    for (const QString &id : dagIds)
        ids.removeAll(id);
    if (ids.size() == m_model->dagIds().size())
        return;
    m_model->setDagIds(ids);
    save();
}

} // namespace Windsock::Ui
