#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QToolButton;

namespace Windsock::Api {
class AirflowClient;
class ApiCall;
class ApiError;
} // namespace Windsock::Api

namespace Windsock::Ui {

class PythonHighlighter;
class SourceEditor;

// A DAG's Python file as the server has it (GET /dagSources/{file_token}): read-only, monospace, coloured,
// with line numbers, a find bar (Ctrl+F, F3 / Shift+F3 for next and previous, every match marked) and Copy.
// A DAG without a file token, or a server that refuses to show code ([webserver] or role settings), gets a
// plain sentence instead of the editor.
class DagSourceView final : public QWidget
{
    Q_OBJECT

public:
    explicit DagSourceView(Api::AirflowClient *client, QWidget *parent = nullptr);
    ~DagSourceView() override;

    // Shows the source behind this file token (from Api::Dag::fileToken); an empty token says the DAG has
    // none.
    void setDag(const QString &dagId, const QString &fileToken);
    // Asks the server for the DAG first, for its file token.
    void showDag(const QString &dagId);

    QString dagId() const { return m_dagId; }
    QString source() const;
    // The sentence shown instead of the source (no token, refused, loading); empty when the source shows.
    QString messageText() const;
    bool isLoading() const { return !m_call.isNull(); }
    bool isShowingSource() const;
    // Matches of the find bar's text in the source.
    int matchCount() const { return m_matchCount; }

    SourceEditor *editor() const { return m_editor; }
    QLineEdit *findEdit() const { return m_findEdit; }
    QLabel *matchLabel() const { return m_matchLabel; }
    QWidget *findBar() const { return m_findBar; }

public Q_SLOTS:
    void reload();
    // Shows the find bar with the selection (or the last search) in it, ready to type.
    void showFindBar();
    void hideFindBar();
    void findNext();
    void findPrevious();
    // Copies the selection, or the whole file when nothing is selected.
    void copy();

Q_SIGNALS:
    // The source is shown.
    void loaded();
    // The source could not be shown; the message is on the page too.
    void failed(const QString &message);

private:
    void cancelCall();
    void requestSource();
    void showSource(const QString &source);
    void showMessage(const QString &message);
    void find(bool forward);
    void updateMatches();
    QString messageFor(const Api::ApiError &error) const;

    QPointer<Api::AirflowClient> m_client;
    QString m_dagId;
    QString m_fileToken;
    QPointer<Api::ApiCall> m_call;
    quint64 m_generation = 0; // bumped by every cancel; older answers are dropped
    int m_matchCount = 0;

    QLabel *m_title;
    QPushButton *m_copyButton;
    QPushButton *m_reloadButton;
    QStackedWidget *m_stack;
    QLabel *m_message;
    SourceEditor *m_editor;
    PythonHighlighter *m_highlighter;
    QWidget *m_findBar;
    QLineEdit *m_findEdit;
    QToolButton *m_previousButton;
    QToolButton *m_nextButton;
    QLabel *m_matchLabel;
};

} // namespace Windsock::Ui
