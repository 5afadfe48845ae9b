#include "responseviewer.h"

#include "dags/statecolors.h"
#include "jsonhighlighter.h"
#include "jsontreepanel.h"
#include "resources/errorbanner.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Windsock::Ui {

namespace {
// Pretty text is coloured up to this size; beyond it colouring every line would hold the window for seconds.
constexpr qsizetype MaxHighlightedChars = 1024 * 1024;
// Text shown in the preview as soon as it is parsed; more would hold the window while it is laid out.
constexpr qsizetype MaxPreviewChars = 2 * 1024 * 1024;

QPlainTextEdit *readOnlyTextView(const char *name, QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setObjectName(QLatin1String(name));
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return view;
}
} // namespace

ResponseViewer::ResponseViewer(QWidget *parent)
    : QWidget(parent)
    , m_parser(new Explorer::ResponseParser(this))
    , m_error(new ErrorBanner(this))
    , m_status(new QLabel(this))
    , m_time(new QLabel(this))
    , m_size(new QLabel(this))
    , m_kind(new QLabel(this))
    , m_bodyNotice(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_tree(new JsonTreePanel(m_tabs))
    , m_pretty(readOnlyTextView("prettyResponse", m_tabs))
    , m_raw(readOnlyTextView("rawResponse", m_tabs))
    , m_preview(new QStackedWidget(m_tabs))
    , m_imageArea(new QScrollArea(m_preview))
    , m_image(new QLabel(m_imageArea))
    , m_text(readOnlyTextView("textResponse", m_preview))
    , m_headers(new QTableWidget(0, 2, m_tabs))
{
    setObjectName(QStringLiteral("responseViewer"));
    m_error->setObjectName(QStringLiteral("responseError"));
    m_status->setObjectName(QStringLiteral("responseStatus"));
    m_status->setTextFormat(Qt::PlainText);
    QFont bold = m_status->font();
    bold.setBold(true);
    m_status->setFont(bold);
    m_time->setObjectName(QStringLiteral("responseTime"));
    m_size->setObjectName(QStringLiteral("responseSize"));
    m_kind->setObjectName(QStringLiteral("responseKind"));
    m_kind->setForegroundRole(QPalette::PlaceholderText);
    m_bodyNotice->setObjectName(QStringLiteral("responseBodyNotice"));
    m_bodyNotice->setWordWrap(true);
    m_bodyNotice->setTextFormat(Qt::PlainText);
    m_bodyNotice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_bodyNotice->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_bodyNotice->hide();
    m_tree->setObjectName(QStringLiteral("responseTreePanel"));
    m_image->setObjectName(QStringLiteral("imageResponse"));
    m_image->setAlignment(Qt::AlignCenter);
    m_imageArea->setWidget(m_image);
    m_imageArea->setWidgetResizable(true);
    m_preview->setObjectName(QStringLiteral("responsePreview"));
    m_preview->addWidget(m_text);
    m_preview->addWidget(m_imageArea);
    m_headers->setObjectName(QStringLiteral("responseHeaders"));
    m_headers->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->horizontalHeader()->resizeSection(0, 220);
    m_headers->verticalHeader()->hide();
    m_headers->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_headers->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tabs->setObjectName(QStringLiteral("responseTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_tree, tr("Tree"));
    m_tabs->addTab(m_pretty, tr("Pretty"));
    m_tabs->addTab(m_raw, tr("Raw"));
    m_tabs->addTab(m_preview, tr("Preview"));
    m_tabs->addTab(m_headers, tr("Headers"));

    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status);
    statusRow->addSpacing(12);
    statusRow->addWidget(m_time);
    statusRow->addSpacing(12);
    statusRow->addWidget(m_size);
    statusRow->addSpacing(12);
    statusRow->addWidget(m_kind, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_error);
    layout->addLayout(statusRow);
    layout->addWidget(m_bodyNotice);
    layout->addWidget(m_tabs, 1);

    connect(m_parser, &Explorer::ResponseParser::parsed, this, &ResponseViewer::showBody);
    connect(m_tabs, &QTabWidget::currentChanged, this, &ResponseViewer::fillTextTab);
    connect(m_tree, &JsonTreePanel::notice, this, &ResponseViewer::notice);
    clear();
}

ResponseViewer::~ResponseViewer() = default;

QString ResponseViewer::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return QStringLiteral("OK");
    case 201:
        return QStringLiteral("Created");
    case 202:
        return QStringLiteral("Accepted");
    case 204:
        return QStringLiteral("No Content");
    case 301:
        return QStringLiteral("Moved Permanently");
    case 302:
        return QStringLiteral("Found");
    case 304:
        return QStringLiteral("Not Modified");
    case 307:
        return QStringLiteral("Temporary Redirect");
    case 308:
        return QStringLiteral("Permanent Redirect");
    case 400:
        return QStringLiteral("Bad Request");
    case 401:
        return QStringLiteral("Unauthorized");
    case 403:
        return QStringLiteral("Forbidden");
    case 404:
        return QStringLiteral("Not Found");
    case 405:
        return QStringLiteral("Method Not Allowed");
    case 406:
        return QStringLiteral("Not Acceptable");
    case 409:
        return QStringLiteral("Conflict");
    case 410:
        return QStringLiteral("Gone");
    case 413:
        return QStringLiteral("Content Too Large");
    case 415:
        return QStringLiteral("Unsupported Media Type");
    case 422:
        return QStringLiteral("Unprocessable Content");
    case 429:
        return QStringLiteral("Too Many Requests");
    case 500:
        return QStringLiteral("Internal Server Error");
    case 501:
        return QStringLiteral("Not Implemented");
    case 502:
        return QStringLiteral("Bad Gateway");
    case 503:
        return QStringLiteral("Service Unavailable");
    case 504:
        return QStringLiteral("Gateway Timeout");
    default:
        return {};
    }
}

void ResponseViewer::showSending(const QString &what)
{
    m_error->setMessage({});
    m_kind->setText(tr("Sending %1…").arg(what));
}

void ResponseViewer::showResponse(const Api::RawResponse &response)
{
    clear();
    m_response = response;
    const QString reason = reasonPhrase(response.status);
    m_status->setText(reason.isEmpty() ? QString::number(response.status)
                                       : QStringLiteral("%1 %2").arg(response.status).arg(reason));
    const bool dark = StateColors::isDark(palette());
    QColor colour;
    if (response.status >= 200 && response.status < 300)
        colour = dark ? QColor(0x7e, 0xe7, 0x87) : QColor(0x1a, 0x7f, 0x37);
    else if (response.status >= 400 && response.status < 500)
        colour = dark ? QColor(0xe3, 0xb3, 0x41) : QColor(0x9a, 0x67, 0x00);
    else if (response.status >= 500)
        colour = dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xcf, 0x22, 0x2e);
    m_status->setStyleSheet(colour.isValid() ? QStringLiteral("color: %1;").arg(colour.name()) : QString());
    m_status->setToolTip(response.status >= 400
                             ? tr("The server refused the request; the body usually says why.")
                             : QString());
    m_time->setText(tr("%L1 ms").arg(response.elapsedMs));
    m_size->setText(QLocale().formattedDataSize(response.body.size(), 1, QLocale::DataSizeTraditionalFormat));
    m_size->setToolTip(tr("%L1 bytes").arg(response.body.size()));

    m_headers->setRowCount(int(response.headers.size()));
    for (int row = 0; row < response.headers.size(); ++row) {
        const auto &[name, value] = response.headers.at(row);
        m_headers->setItem(row, 0, new QTableWidgetItem(QString::fromLatin1(name)));
        m_headers->setItem(row, 1, new QTableWidgetItem(QString::fromUtf8(value)));
    }
    m_kind->setText(response.body.isEmpty() ? tr("no body") : tr("reading the body…"));
    m_parser->start(response.body, response.header(QByteArrayLiteral("Content-Type")));
}

void ResponseViewer::showError(const QString &message)
{
    clear();
    m_error->setMessage(message);
}

void ResponseViewer::clear()
{
    m_parser->cancel();
    m_response = {};
    m_body = {};
    m_error->setMessage({});
    m_status->clear();
    m_time->clear();
    m_size->clear();
    m_kind->clear();
    m_bodyNotice->hide();
    m_tree->clear();
    m_pretty->clear();
    delete m_prettyHighlighter;
    m_prettyHighlighter = nullptr;
    m_raw->clear();
    m_text->clear();
    m_image->clear();
    m_headers->setRowCount(0);
    m_prettyFilled = false;
    m_rawFilled = false;
}

QString ResponseViewer::statusText() const
{
    return m_status->text();
}

bool ResponseViewer::isParsing() const
{
    return m_parser->isRunning();
}

QString ResponseViewer::errorMessage() const
{
    return m_error->message();
}

void ResponseViewer::showBody(const Explorer::ResponseBody &body)
{
    m_body = body;
    m_prettyFilled = false;
    m_rawFilled = false;
    m_kind->setText(body.kindText());
    m_bodyNotice->setText(body.errorText());
    m_bodyNotice->setVisible(!body.errorText().isEmpty());
    using Kind = Explorer::ResponseBody::Kind;
    m_tabs->setTabEnabled(TreeTab, body.kind() == Kind::Json);
    m_tabs->setTabEnabled(PrettyTab, body.kind() == Kind::Json);
    int tab = HeadersTab;
    switch (body.kind()) {
    case Kind::Json:
        m_tree->setDocument(body.json());
        tab = TreeTab;
        break;
    case Kind::Text:
        // The preview is laid out at once: a long text is cut (the Raw tab, filled when asked, has it all).
        if (body.text().size() > MaxPreviewChars) {
            m_text->setPlainText(body.text().left(MaxPreviewChars));
            m_kind->setText(tr("%1; the preview shows its first %L2 characters, Raw has all of it")
                                .arg(body.kindText())
                                .arg(MaxPreviewChars));
        } else {
            m_text->setPlainText(body.text());
        }
        m_preview->setCurrentWidget(m_text);
        // JSON that does not parse: the raw text, where the message's line and column can be found.
        tab = body.errorText().isEmpty() ? PreviewTab : RawTab;
        break;
    case Kind::Image: {
        QPixmap pixmap;
        if (pixmap.loadFromData(body.bytes())) {
            m_image->setPixmap(pixmap);
            m_image->setToolTip(tr("%1 × %2 pixels").arg(pixmap.width()).arg(pixmap.height()));
        } else {
            m_image->setText(
                tr("This %1 image cannot be shown.").arg(QString::fromLatin1(body.imageFormat())));
        }
        m_preview->setCurrentWidget(m_imageArea);
        tab = PreviewTab;
        break;
    }
    case Kind::Binary:
        m_text->setPlainText(body.hexPreview());
        m_preview->setCurrentWidget(m_text);
        tab = PreviewTab;
        break;
    case Kind::Empty:
        m_text->setPlainText(tr("The answer has no body."));
        m_preview->setCurrentWidget(m_text);
        tab = m_tabs->currentIndex() == HeadersTab ? HeadersTab : PreviewTab;
        break;
    }
    if (m_tabs->currentIndex() == tab || !m_tabs->isTabEnabled(m_tabs->currentIndex()) ||
        body.kind() != Kind::Json || m_tabs->currentIndex() == PreviewTab)
        m_tabs->setCurrentIndex(tab);
    fillTextTab(m_tabs->currentIndex());
    Q_EMIT bodyShown();
}

void ResponseViewer::fillTextTab(int index)
{
    // Filled when first shown: a 20 MB text laid out for nobody would only cost time.
    if (index == PrettyTab && !m_prettyFilled) {
        m_prettyFilled = true;
        const QString pretty = m_body.prettyText();
        delete m_prettyHighlighter;
        m_prettyHighlighter = nullptr;
        if (pretty.size() <= MaxHighlightedChars)
            m_prettyHighlighter = new JsonHighlighter(m_pretty->document(), StateColors::isDark(palette()));
        m_pretty->setPlainText(pretty);
    } else if (index == RawTab && !m_rawFilled) {
        m_rawFilled = true;
        const qsizetype shown = qMin<qsizetype>(m_body.bytes().size(), Explorer::ResponseBody::MaxTextBytes);
        m_raw->setPlainText(m_body.kind() == Explorer::ResponseBody::Kind::Binary
                                ? m_body.hexPreview()
                                : QString::fromUtf8(m_body.bytes().left(shown)));
    }
}

} // namespace Windsock::Ui
