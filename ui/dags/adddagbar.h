#pragma once

#include <QPointer>
#include <QString>
#include <QStringList>
#include <QWidget>

class QCompleter;
class QLabel;
class QLineEdit;
class QPushButton;
class QStringListModel;

namespace Windsock::Models {
class DagModel;
} // namespace Windsock::Models

namespace Windsock::Ui {

// Above the DAG tree, for an API that cannot list DAGs (Airflow 1.10's experimental one): a line that says
// so (the dialect's reason), and a line edit with an Add button that puts a DAG id in the model's list. The
// edit suggests the ids of the DAGs that have runs (client.latestRuns()); Enter adds. An empty id or one
// already listed is refused with a plain sentence and stays in the edit. The list is kept per connection
// profile in QSettings and comes back when the profile opens again.
class AddDagBar final : public QWidget
{
    Q_OBJECT

public:
    explicit AddDagBar(Models::DagModel *model, QWidget *parent = nullptr);

    // The profile whose list this is: restores its saved list into the model. Empty (the demo): the list
    // lives for the session only.
    void setProfileId(const QString &profileId);
    QString profileId() const { return m_profileId; }
    // The QSettings key of a profile's list of DAG ids.
    static QString settingsKey(const QString &profileId);

    QLabel *reasonLabel() const { return m_reason; }
    QLineEdit *dagIdEdit() const { return m_edit; }
    QPushButton *addButton() const { return m_add; }
    // The last refusal ("… is already in the list."); empty after a success.
    QLabel *messageLabel() const { return m_message; }
    QCompleter *completer() const { return m_completer; }
    // The suggestions: the ids of the DAGs that have runs, sorted.
    QStringList suggestions() const;

public Q_SLOTS:
    // Adds the id typed in the edit (Enter, the Add button).
    void addTyped();
    // Adds dagId to the list; false, with the reason in messageLabel(), for an empty id or a repeat.
    bool addDagId(const QString &dagId);
    void removeDagIds(const QStringList &dagIds);
    // Asks the server again for the ids of the DAGs that have runs.
    void loadSuggestions();

Q_SIGNALS:
    // A DAG id was added: the sidebar selects its row.
    void dagAdded(const QString &dagId);

private:
    void save() const;
    void say(const QString &message);

    Models::DagModel *m_model;
    QString m_profileId;
    QLabel *m_reason;
    QLineEdit *m_edit;
    QPushButton *m_add;
    QLabel *m_message;
    QStringListModel *m_suggestions;
    QCompleter *m_completer;
};

} // namespace Windsock::Ui
