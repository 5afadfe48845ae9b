#pragma once

#include "explorer/openapicatalogue.h"
#include "explorer/requestdraft.h"

#include <QMap>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;

namespace Windsock::Ui {

class JsonBodyEditor;
class KeyValueTable;

// The request being written: method, path (its {name} placeholders become rows of the path parameters
// table), query and headers tables, the JSON body, the profile's authentication shown redacted, and the
// buttons that send it, fetch every page of it, or cancel what is in flight. It holds no network call: the
// page reacts to its signals. Everything typed stays until the user changes it (an error in the answer never
// clears the editor).
class RequestEditor final : public QWidget
{
    Q_OBJECT

public:
    explicit RequestEditor(QWidget *parent = nullptr);

    void setDraft(const Explorer::RequestDraft &draft);
    Explorer::RequestDraft draft() const;
    // Fills the editor from a catalogue operation: method, path, empty path parameters, every query and
    // header parameter (required ones checked; the others unchecked until given a value), the body skeleton.
    void applyOperation(const Explorer::ApiOperation &operation);
    // Types, defaults and descriptions of an operation as placeholders and tooltips (none: cleared).
    void setOperationHints(const Explorer::ApiOperation *operation);

    // The server's API root ("/api/v2"), shown in the path's placeholder.
    void setApiRoot(const QString &root);
    // "Basic admin:••••••": how the profile authenticates, never the secret.
    void setAuthDescription(const QString &description);
    // The saved request being edited ("collection / name"), or empty for a new one.
    void setTitle(const QString &title);
    void setVariables(const QMap<QString, QString> &variables);

    // In flight: Send becomes Cancel (and the pages' progress shows while fetching all pages).
    void setSending(bool sending);
    void setFetchingPages(bool fetching, int fetched = 0, int total = 0);
    // Whether Fetch all pages applies (a paged list operation).
    void setPaged(bool paged);

    QComboBox *methodCombo() const { return m_method; }
    QLineEdit *pathEdit() const { return m_path; }
    KeyValueTable *pathParamsTable() const { return m_pathParams; }
    KeyValueTable *queryTable() const { return m_query; }
    KeyValueTable *headersTable() const { return m_headers; }
    JsonBodyEditor *bodyEditor() const { return m_body; }
    QTabWidget *sections() const { return m_sections; }
    QPushButton *sendButton() const { return m_send; }
    QPushButton *fetchAllButton() const { return m_fetchAll; }
    QPushButton *variablesButton() const { return m_variables; }
    QProgressBar *pagesProgress() const { return m_pagesProgress; }
    QLabel *authLabel() const { return m_auth; }

Q_SIGNALS:
    void sendRequested();
    void cancelRequested();
    void fetchAllPagesRequested();
    void variablesRequested();
    void changed();

private:
    void syncPathParams();
    void takeQueryFromPath();
    void updateSectionTitles();

    QLabel *m_title;
    QComboBox *m_method;
    QLineEdit *m_path;
    QPushButton *m_send;
    QPushButton *m_fetchAll;
    QProgressBar *m_pagesProgress;
    QTabWidget *m_sections;
    QWidget *m_paramsPage;
    QLabel *m_pathParamsLabel;
    KeyValueTable *m_pathParams;
    KeyValueTable *m_query;
    KeyValueTable *m_headers;
    JsonBodyEditor *m_body;
    QLabel *m_auth;
    QPushButton *m_variables;
    QString m_operationId;
    QString m_name;
    bool m_sending = false;
    bool m_fetching = false;
    bool m_paged = false;
};

} // namespace Windsock::Ui
