#pragma once

#include "api/airflowclient.h"
#include "explorer/responsebody.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QScrollArea;
class QStackedWidget;
class QTabWidget;
class QTableWidget;

namespace Windsock::Ui {

class ErrorBanner;
class JsonHighlighter;
class JsonTreePanel;

// The answer to the last request: the status with its reason in its colour (2xx green, 4xx amber, 5xx red),
// the time and the size; the body as a JSON tree (with search), pretty and raw text, an image shown as an
// image, plain text as text; and the headers. The body is parsed on a worker thread (Explorer::
// ResponseParser) and the tree is built lazily, so a 20 MB answer does not freeze the window; the text tabs
// are filled when first shown. A transport failure is one plain sentence on a red band; a body that says it
// is JSON but is not says where it breaks, and its raw text is still shown.
class ResponseViewer final : public QWidget
{
    Q_OBJECT

public:
    enum Tab
    {
        TreeTab,
        PrettyTab,
        RawTab,
        PreviewTab,
        HeadersTab
    };

    explicit ResponseViewer(QWidget *parent = nullptr);
    ~ResponseViewer() override;

    // "Sending GET /api/v1/dags…": the previous answer stays until the new one comes.
    void showSending(const QString &what);
    void showResponse(const Api::RawResponse &response);
    // A transport failure or a request that could not be sent: the sentence, and no body.
    void showError(const QString &message);
    void clear();

    // "200 OK"; "" before the first answer.
    QString statusText() const;
    int status() const { return m_response.status; }
    const Api::RawResponse &response() const { return m_response; }
    // The body as parsed (Kind::Empty until the parser is done).
    const Explorer::ResponseBody &body() const { return m_body; }
    bool isParsing() const;
    QString errorMessage() const;

    // "OK", "Not Found": the reason phrase of an HTTP status ("" for one it does not know).
    static QString reasonPhrase(int status);

    JsonTreePanel *treePanel() const { return m_tree; }
    QTabWidget *tabs() const { return m_tabs; }
    QPlainTextEdit *prettyView() const { return m_pretty; }
    QPlainTextEdit *rawView() const { return m_raw; }
    QTableWidget *headersView() const { return m_headers; }
    QLabel *imageView() const { return m_image; }
    QPlainTextEdit *textView() const { return m_text; }
    QLabel *bodyNotice() const { return m_bodyNotice; }

Q_SIGNALS:
    void notice(const QString &message);
    // The body is parsed and shown.
    void bodyShown();

private:
    void showBody(const Explorer::ResponseBody &body);
    void fillTextTab(int index);

    Explorer::ResponseParser *m_parser;
    Api::RawResponse m_response;
    Explorer::ResponseBody m_body;
    ErrorBanner *m_error;
    QLabel *m_status;
    QLabel *m_time;
    QLabel *m_size;
    QLabel *m_kind;
    QLabel *m_bodyNotice;
    QTabWidget *m_tabs;
    JsonTreePanel *m_tree;
    QPlainTextEdit *m_pretty;
    JsonHighlighter *m_prettyHighlighter = nullptr;
    QPlainTextEdit *m_raw;
    QStackedWidget *m_preview;
    QScrollArea *m_imageArea;
    QLabel *m_image;
    QPlainTextEdit *m_text;
    QTableWidget *m_headers;
    bool m_prettyFilled = false;
    bool m_rawFilled = false;
};

} // namespace Windsock::Ui
