#include "comparedagdialog.h"

#include "fleet/dagcomparison.h"
#include "profiles/colourswatchpicker.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Windsock::Ui {

namespace {

// The profile's colour, as the profile list and the tabs show it; none when it has no colour.
QIcon swatch(const QString &name)
{
    const QColor colour(name);
    return colour.isValid() ? ColourSwatchPicker::swatchIcon(colour, 14) : QIcon();
}

QString runsText(const QList<Api::DagRun> &runs)
{
    QStringList lines;
    for (const Api::DagRun &run : runs) {
        const QDateTime when = run.logicalDate.isValid() ? run.logicalDate : run.runAfter;
        lines.append(
            QStringLiteral("%1  %2").arg(run.state.isEmpty() ? QStringLiteral("-") : run.state,
                                         when.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

CompareDagDialog::CompareDagDialog(QList<Fleet::FleetMember> members, const QString &dagId, QWidget *parent)
    : QDialog(parent)
    , m_members(std::move(members))
{
    setObjectName(QStringLiteral("compareDagDialog"));
    setWindowTitle(tr("Compare a DAG across deployments"));
    setAttribute(Qt::WA_DeleteOnClose);

    m_dagId = new QLineEdit(dagId, this);
    m_dagId->setObjectName(QStringLiteral("compareDagId"));
    m_dagId->setPlaceholderText(tr("DAG id"));
    m_compare = new QPushButton(tr("&Compare"), this);
    m_compare->setObjectName(QStringLiteral("compareButton"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("compareStatus"));
    m_status->setWordWrap(true);
    m_table = new QTableWidget(this);
    m_table->setObjectName(QStringLiteral("compareTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("DAG:"), this));
    top->addWidget(m_dagId, 1);
    top->addWidget(m_compare);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(900, 560);

    connect(m_compare, &QPushButton::clicked, this, &CompareDagDialog::compare);
    connect(m_dagId, &QLineEdit::returnPressed, this, &CompareDagDialog::compare);
    connect(m_dagId, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_compare->setEnabled(!text.trimmed().isEmpty()); });
    m_compare->setEnabled(!dagId.trimmed().isEmpty());
    if (!dagId.trimmed().isEmpty())
        compare();
}

CompareDagDialog::~CompareDagDialog() = default;

QColor CompareDagDialog::differenceColour()
{
    return QColor(255, 236, 179); // a soft amber, readable in light and dark themes with dark text
}

bool CompareDagDialog::isComparing() const
{
    return m_comparison && m_comparison->isRunning();
}

void CompareDagDialog::compare()
{
    const QString dagId = m_dagId->text().trimmed();
    if (dagId.isEmpty())
        return;
    if (m_comparison) {
        m_comparison->cancel();
        m_comparison->deleteLater();
    }
    m_comparison = new Fleet::DagComparison(m_members, dagId, this);
    connect(m_comparison, &Fleet::DagComparison::rowReady, this, [this] { fillTable(); });
    connect(m_comparison, &Fleet::DagComparison::finished, this, [this] {
        fillTable();
        Q_EMIT compared();
    });
    m_status->setText(tr("Asking %n deployment(s) about %1…", nullptr, int(m_members.size())).arg(dagId));
    fillTable();
    m_comparison->start();
}

void CompareDagDialog::fillTable()
{
    if (!m_comparison)
        return;
    const QList<Fleet::DagComparisonRow> rows = m_comparison->rows();
    const QList<Fleet::ParamDifference> params = m_comparison->paramDifferences();

    m_table->clear();
    m_table->setColumnCount(int(rows.size()));
    QStringList rowLabels{tr("Present"), tr("Paused"), tr("Schedule"), tr("Last runs")};
    for (const Fleet::ParamDifference &param : params)
        rowLabels.append(tr("Param %1").arg(param.name));
    m_table->setRowCount(int(rowLabels.size()));
    m_table->setVerticalHeaderLabels(rowLabels);
    for (int c = 0; c < rows.size(); ++c) {
        auto *header = new QTableWidgetItem(swatch(rows.at(c).member.colour), rows.at(c).member.name);
        m_table->setHorizontalHeaderItem(c, header);
    }

    // A line's cells, highlighted when the loaded deployments that answered disagree.
    auto setLine = [this, &rows](int line, const QStringList &texts, bool onlyPresent) {
        QSet<QString> variants;
        for (int c = 0; c < rows.size(); ++c) {
            const Fleet::DagComparisonRow &row = rows.at(c);
            if (row.loaded && row.error.isEmpty() && (!onlyPresent || row.present))
                variants.insert(texts.at(c));
        }
        const bool differs = variants.size() > 1;
        for (int c = 0; c < rows.size(); ++c) {
            auto *item = new QTableWidgetItem(texts.at(c));
            item->setToolTip(texts.at(c));
            const Fleet::DagComparisonRow &row = rows.at(c);
            if (differs && row.loaded && row.error.isEmpty() && (!onlyPresent || row.present)) {
                item->setBackground(differenceColour());
                item->setForeground(QColor(Qt::black));
                item->setData(Qt::UserRole, true); // differs: for tests and accessibility
            }
            m_table->setItem(line, c, item);
        }
    };

    QStringList present, paused, schedule, runs;
    for (const Fleet::DagComparisonRow &row : rows) {
        if (!row.loaded) {
            present.append(tr("Loading…"));
            paused.append(QString());
            schedule.append(QString());
            runs.append(QString());
        } else if (!row.error.isEmpty()) {
            present.append(tr("Error: %1").arg(row.error));
            paused.append(QString());
            schedule.append(QString());
            runs.append(QString());
        } else if (!row.present) {
            present.append(tr("Missing"));
            paused.append(QString());
            schedule.append(QString());
            runs.append(QString());
        } else {
            present.append(tr("Present"));
            paused.append(row.paused ? tr("Paused") : tr("Active"));
            schedule.append(row.schedule.isEmpty() ? tr("None") : row.schedule);
            runs.append(!row.runsError.isEmpty() ? tr("Error: %1").arg(row.runsError)
                        : row.lastRuns.isEmpty() ? tr("No runs")
                                                 : runsText(row.lastRuns));
        }
    }
    setLine(0, present, false);
    setLine(1, paused, true);
    setLine(2, schedule, true);
    // Last runs differ by nature; not highlighted.
    for (int c = 0; c < rows.size(); ++c) {
        auto *item = new QTableWidgetItem(runs.at(c));
        item->setToolTip(runs.at(c));
        m_table->setItem(3, c, item);
    }
    for (int p = 0; p < params.size(); ++p) {
        const Fleet::ParamDifference &param = params.at(p);
        for (int c = 0; c < rows.size(); ++c) {
            auto *item = new QTableWidgetItem(param.detailPerRow.value(c));
            item->setToolTip(param.detailPerRow.value(c));
            if (param.differs && rows.at(c).present) {
                item->setBackground(differenceColour());
                item->setForeground(QColor(Qt::black));
                item->setData(Qt::UserRole, true);
            }
            m_table->setItem(4 + p, c, item);
        }
    }

    if (!m_comparison->isRunning()) {
        int missing = 0, failed = 0, differing = 0;
        for (const Fleet::DagComparisonRow &row : rows) {
            if (!row.error.isEmpty())
                ++failed;
            else if (!row.present)
                ++missing;
        }
        for (const Fleet::ParamDifference &param : params)
            differing += param.differs ? 1 : 0;
        QStringList parts;
        parts.append(tr("%1 on %n deployment(s)", nullptr, int(rows.size())).arg(m_comparison->dagId()));
        if (missing > 0)
            parts.append(tr("missing on %n", nullptr, missing));
        if (failed > 0)
            parts.append(tr("%n could not be asked", nullptr, failed));
        parts.append(tr("%n param(s) differ", nullptr, differing));
        m_status->setText(parts.join(QLatin1String(", ")) + QLatin1Char('.'));
    }
}

} // namespace Windsock::Ui
