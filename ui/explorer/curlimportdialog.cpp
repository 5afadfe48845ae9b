#include "curlimportdialog.h"

#include "resources/errorbanner.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Windsock::Ui {

CurlImportDialog::CurlImportDialog(const QUrl &baseUrl, QWidget *parent)
    : QDialog(parent)
    , m_baseUrl(baseUrl)
    , m_command(new QPlainTextEdit(this))
    , m_error(new ErrorBanner(this))
{
    setObjectName(QStringLiteral("curlImportDialog"));
    setWindowTitle(tr("Paste cURL"));
    setAttribute(Qt::WA_DeleteOnClose);
    resize(640, 320);
    auto *intro = new QLabel(tr("A curl command, as a browser's \"Copy as cURL\", Postman or a guide gives "
                                "it. Its credentials are left out: the profile's authentication is used."),
                             this);
    intro->setWordWrap(true);
    m_command->setObjectName(QStringLiteral("curlCommand"));
    m_command->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_command->setPlaceholderText(QStringLiteral("curl -X GET 'http://localhost:8080/api/v1/dags?limit=5'"));
    const QString clipboard = QGuiApplication::clipboard()->text().trimmed();
    if (clipboard.startsWith(QLatin1String("curl ")))
        m_command->setPlainText(clipboard);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *importButton = buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    importButton->setObjectName(QStringLiteral("importCurl"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_error);
    layout->addWidget(m_command, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &CurlImportDialog::import);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString CurlImportDialog::errorText() const
{
    return m_error->message();
}

void CurlImportDialog::import()
{
    const Explorer::CurlImport result = Explorer::importCurl(m_command->toPlainText(), m_baseUrl);
    if (!result.isValid()) {
        m_error->setMessage(result.error);
        return;
    }
    Q_EMIT imported(result);
    accept();
}

} // namespace Windsock::Ui
