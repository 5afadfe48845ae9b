#include "historypanel.h"

#include "dags/statecolors.h"
#include "profiles/messagebox.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Windsock::Ui {

namespace {
enum Column
{
    WhenColumn,
    RequestColumn,
    StatusColumn,
    ColumnCount
};
} // namespace

HistoryPanel::HistoryPanel(Explorer::RequestHistory *history, QWidget *parent)
    : QWidget(parent)
    , m_history(history)
    , m_search(new QLineEdit(this))
    , m_list(new QTreeWidget(this))
    , m_status(new QLabel(this))
    , m_clear(new QPushButton(tr("Clear History…"), this))
{
    setObjectName(QStringLiteral("historyPanel"));
    m_search->setObjectName(QStringLiteral("historySearch"));
    m_search->setPlaceholderText(tr("Search method, URL, status and body"));
    m_search->setClearButtonEnabled(true);
    m_list->setObjectName(QStringLiteral("historyList"));
    m_list->setColumnCount(ColumnCount);
    m_list->setHeaderLabels({tr("Sent"), tr("Request"), tr("Status")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(RequestColumn, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(WhenColumn, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(StatusColumn, QHeaderView::ResizeToContents);
    m_status->setObjectName(QStringLiteral("historyStatus"));
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_status->setWordWrap(true);
    m_clear->setObjectName(QStringLiteral("clearHistory"));

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_clear);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(m_list, 1);
    layout->addLayout(bottom);

    connect(m_search, &QLineEdit::textChanged, this, &HistoryPanel::refresh);
    connect(m_list, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const int index = item->data(0, EntryRole).toInt();
        if (index >= 0 && index < m_history->count())
            Q_EMIT entryActivated(m_history->entries().at(index));
    });
    connect(m_clear, &QPushButton::clicked, this, &HistoryPanel::clearHistory);
    refresh();
}

void HistoryPanel::refresh()
{
    m_list->clear();
    const QList<int> found = m_history->search(m_search->text());
    const QDate today = QDate::currentDate();
    QList<QTreeWidgetItem *> items;
    items.reserve(found.size());
    for (const int index : found) {
        const Explorer::HistoryEntry &entry = m_history->entries().at(index);
        const QDateTime local = entry.at.toLocalTime();
        const QString when = local.date() == today ? QLocale().toString(local.time(), QLocale::ShortFormat)
                                                   : QLocale().toString(local, QLocale::ShortFormat);
        const QString request =
            QStringLiteral("%1 %2").arg(QString::fromLatin1(entry.request.method), entry.request.path);
        const QString status = entry.status > 0 ? QString::number(entry.status) : tr("failed");
        auto *item = new QTreeWidgetItem({when, request, status});
        item->setData(0, EntryRole, index);
        QStringList tip{QStringLiteral("%1 %2").arg(QString::fromLatin1(entry.request.method), entry.url),
                        QLocale().toString(local, QLocale::LongFormat)};
        if (entry.status > 0)
            tip.append(tr("HTTP %1 in %L2 ms, %3")
                           .arg(entry.status)
                           .arg(entry.elapsedMs)
                           .arg(QLocale().formattedDataSize(entry.size)));
        if (!entry.error.isEmpty())
            tip.append(entry.error);
        tip.append(tr("Double-click or Return to open it in the editor."));
        for (int column = 0; column < ColumnCount; ++column)
            item->setToolTip(column, tip.join(QLatin1Char('\n')));
        const QColor colour = StateColors::forRunState(
            entry.status >= 200 && entry.status < 300 ? QStringLiteral("success") : QStringLiteral("failed"),
            palette());
        if (colour.isValid())
            item->setForeground(StatusColumn, colour);
        items.append(item);
    }
    m_list->addTopLevelItems(items);
    if (m_history->count() == 0)
        m_status->setText(tr("Requests you send are kept here (secrets left out)."));
    else if (m_search->text().isEmpty())
        m_status->setText(tr("%n request(s)", nullptr, m_history->count()));
    else
        m_status->setText(tr("%1 of %n request(s)", nullptr, m_history->count()).arg(found.size()));
    m_clear->setEnabled(m_history->count() > 0);
}

void HistoryPanel::clearHistory()
{
    if (MessageBox::question(
            this, tr("Clear History"),
            tr("Forget the %n request(s) of this profile's history?", nullptr, m_history->count()),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes)
        return;
    QString error;
    if (!m_history->clear(&error))
        Q_EMIT errorOccurred(error);
    refresh();
}

} // namespace Windsock::Ui
