#include "copyresourcesdialog.h"

#include "actions/productionguard.h"
#include "profiles/colourswatchpicker.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
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

constexpr int ProfileIdRole = Qt::UserRole + 1;
constexpr int ItemIndexRole = Qt::UserRole + 2;

} // namespace

CopyResourcesDialog::CopyResourcesDialog(QList<Fleet::FleetMember> members, Fleet::CopyKind kind,
                                         QWidget *parent)
    : QDialog(parent)
    , m_members(std::move(members))
    , m_kind(kind)
{
    setObjectName(QStringLiteral("copyResourcesDialog"));
    setWindowTitle(kind == Fleet::CopyKind::Variables ? tr("Copy variables") : tr("Copy pools"));
    setAttribute(Qt::WA_DeleteOnClose);

    m_source = new QComboBox(this);
    m_source->setObjectName(QStringLiteral("copySource"));
    for (const Fleet::FleetMember &member : std::as_const(m_members))
        m_source->addItem(swatch(member.colour), member.name, member.profileId);
    m_targets = new QListWidget(this);
    m_targets->setObjectName(QStringLiteral("copyTargets"));
    m_targets->setMaximumHeight(120);
    m_keys = new QLineEdit(this);
    m_keys->setObjectName(QStringLiteral("copyKeys"));
    m_keys->setPlaceholderText(kind == Fleet::CopyKind::Variables
                                   ? tr("All variables (or keys, comma-separated)")
                                   : tr("All pools (or names, comma-separated)"));
    m_overwrite = new QCheckBox(tr("&Overwrite values that differ"), this);
    m_overwrite->setObjectName(QStringLiteral("copyOverwrite"));
    m_showValues = new QCheckBox(tr("&Show values"), this);
    m_showValues->setObjectName(QStringLiteral("copyShowValues"));
    // Pool values are slot counts: nothing to hide.
    m_showValues->setChecked(kind == Fleet::CopyKind::Pools);
    m_showValues->setVisible(kind == Fleet::CopyKind::Variables);

    m_previewButton = new QPushButton(tr("&Preview"), this);
    m_previewButton->setObjectName(QStringLiteral("copyPreview"));
    m_applyButton = new QPushButton(tr("&Apply"), this);
    m_applyButton->setObjectName(QStringLiteral("copyApply"));
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("copyCancel"));

    m_table = new QTableWidget(0, PreviewColumnCount, this);
    m_table->setObjectName(QStringLiteral("copyPreviewTable"));
    m_table->setHorizontalHeaderLabels({tr("Target"),
                                        kind == Fleet::CopyKind::Variables ? tr("Key") : tr("Pool"),
                                        tr("Action"), tr("Source value"), tr("Target value"), tr("Note")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("copyProgress"));
    m_progress->hide();
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("copySummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("From:"), m_source);
    form->addRow(tr("To:"), m_targets);
    form->addRow(kind == Fleet::CopyKind::Variables ? tr("Keys:") : tr("Pools:"), m_keys);
    auto *options = new QHBoxLayout;
    options->addWidget(m_overwrite);
    options->addWidget(m_showValues);
    options->addStretch(1);
    options->addWidget(m_previewButton);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_progress, 1);
    bottom->addWidget(m_cancelButton);
    bottom->addWidget(m_applyButton);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(options);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_summary);
    layout->addLayout(bottom);
    layout->addWidget(close);
    resize(900, 600);

    connect(m_source, &QComboBox::currentIndexChanged, this, [this] {
        fillTargets();
        m_items.clear();
        fillTable();
        updateButtons();
    });
    connect(m_targets, &QListWidget::itemChanged, this, [this] { updateButtons(); });
    // Changing what the preview was made for makes it stale: it must be made again before applying.
    auto stale = [this] {
        if (m_items.isEmpty())
            return;
        m_items.clear();
        fillTable();
        m_summary->setText(tr("The choices changed: preview again."));
        updateButtons();
    };
    connect(m_keys, &QLineEdit::textEdited, this, stale);
    connect(m_overwrite, &QCheckBox::toggled, this, stale);
    connect(m_targets, &QListWidget::itemChanged, this, stale);
    connect(m_showValues, &QCheckBox::toggled, this, [this] { fillTable(); });
    connect(m_previewButton, &QPushButton::clicked, this, &CopyResourcesDialog::preview);
    connect(m_applyButton, &QPushButton::clicked, this, &CopyResourcesDialog::apply);
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        if (m_planner)
            m_planner->cancel();
        m_progress->hide();
        m_summary->setText(tr("Cancelled. What was already sent stays sent."));
        updateButtons();
    });
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (m_filling || item->column() != TargetColumn)
            return;
        const int index = item->data(ItemIndexRole).toInt();
        if (index >= 0 && index < m_items.size())
            m_items[index].confirmed = item->checkState() == Qt::Checked;
        updateButtons();
    });

    fillTargets();
    updateButtons();
}

CopyResourcesDialog::~CopyResourcesDialog() = default;

bool CopyResourcesDialog::isBusy() const
{
    return m_planner && m_planner->isBusy();
}

void CopyResourcesDialog::fillTargets()
{
    const QString source = m_source->currentData().toString();
    QSet<QString> checked;
    for (int i = 0; i < m_targets->count(); ++i) {
        if (m_targets->item(i)->checkState() == Qt::Checked)
            checked.insert(m_targets->item(i)->data(ProfileIdRole).toString());
    }
    QSignalBlocker blocker(m_targets);
    m_targets->clear();
    for (const Fleet::FleetMember &member : std::as_const(m_members)) {
        if (member.profileId == source)
            continue;
        QString label = member.name;
        if (member.readOnly)
            label += tr(" (read-only)");
        else if (member.production)
            label += tr(" (production)");
        auto *item = new QListWidgetItem(swatch(member.colour), label, m_targets);
        item->setData(ProfileIdRole, member.profileId);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(checked.contains(member.profileId) ? Qt::Checked : Qt::Unchecked);
    }
}

void CopyResourcesDialog::setTargetChecked(const QString &profileId, bool checked)
{
    for (int i = 0; i < m_targets->count(); ++i) {
        if (m_targets->item(i)->data(ProfileIdRole).toString() == profileId)
            m_targets->item(i)->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    }
}

QList<Fleet::FleetMember> CopyResourcesDialog::checkedTargets() const
{
    QSet<QString> checked;
    for (int i = 0; i < m_targets->count(); ++i) {
        if (m_targets->item(i)->checkState() == Qt::Checked)
            checked.insert(m_targets->item(i)->data(ProfileIdRole).toString());
    }
    QList<Fleet::FleetMember> targets;
    for (const Fleet::FleetMember &member : m_members) {
        if (checked.contains(member.profileId))
            targets.append(member);
    }
    return targets;
}

void CopyResourcesDialog::updateButtons()
{
    const bool busy = isBusy();
    bool anyConfirmed = false;
    for (const Fleet::CopyItem &item : std::as_const(m_items))
        anyConfirmed = anyConfirmed || item.confirmed;
    m_previewButton->setEnabled(!busy && m_source->currentIndex() >= 0 && !checkedTargets().isEmpty());
    m_applyButton->setEnabled(!busy && anyConfirmed);
    m_cancelButton->setEnabled(busy);
    m_source->setEnabled(!busy);
    m_targets->setEnabled(!busy);
    m_keys->setEnabled(!busy);
    m_overwrite->setEnabled(!busy);
}

QString CopyResourcesDialog::shownValue(const QString &value) const
{
    if (m_showValues->isChecked() || value.isEmpty())
        return value;
    return QStringLiteral("••••••");
}

void CopyResourcesDialog::preview()
{
    const int sourceIndex = m_source->currentIndex();
    if (sourceIndex < 0)
        return;
    const QList<Fleet::FleetMember> targets = checkedTargets();
    if (targets.isEmpty()) {
        m_summary->setText(tr("Choose at least one deployment to copy to."));
        return;
    }
    if (m_planner) {
        m_planner->cancel();
        m_planner->deleteLater();
    }
    QStringList keys = m_keys->text().split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString &key : keys)
        key = key.trimmed();
    m_planner = new Fleet::CopyPlanner(m_members.at(sourceIndex), targets, m_kind, keys,
                                       m_overwrite->isChecked(), this);
    connect(m_planner, &Fleet::CopyPlanner::planned, this, [this](const QList<Fleet::CopyItem> &items) {
        m_items = items;
        fillTable();
        QHash<Fleet::CopyAction, int> counts;
        for (const Fleet::CopyItem &item : items)
            ++counts[item.action];
        m_summary->setText(
            tr("%1 to create, %2 to update, %3 in conflict, %4 the same, %5 refused. Tick the rows to "
               "apply.")
                .arg(counts.value(Fleet::CopyAction::Create))
                .arg(counts.value(Fleet::CopyAction::Update))
                .arg(counts.value(Fleet::CopyAction::Conflict))
                .arg(counts.value(Fleet::CopyAction::Same))
                .arg(counts.value(Fleet::CopyAction::Refused)));
        updateButtons();
        Q_EMIT previewReady();
    });
    connect(m_planner, &Fleet::CopyPlanner::failed, this, [this](const QString &message) {
        m_items.clear();
        fillTable();
        m_summary->setText(message);
        updateButtons();
    });
    connect(m_planner, &Fleet::CopyPlanner::progress, this, [this](int done, int total) {
        m_progress->setRange(0, qMax(total, 1));
        m_progress->setValue(done);
    });
    connect(m_planner, &Fleet::CopyPlanner::applied, this, [this](const QList<Fleet::CopyItem> &results) {
        m_progress->hide();
        int done = 0, notDone = 0;
        for (const Fleet::CopyItem &item : results) {
            if (item.applied)
                ++done;
            else if (item.confirmed)
                ++notDone;
        }
        // Applied rows are done: nothing stays ticked.
        m_items = results;
        for (Fleet::CopyItem &item : m_items) {
            if (item.applied)
                item.confirmed = false;
        }
        fillTable();
        m_summary->setText(notDone == 0
                               ? tr("%n change(s) applied.", nullptr, done)
                               : tr("%1 applied, %2 not: see the Note column.").arg(done).arg(notDone));
        updateButtons();
        Q_EMIT appliedAll(results);
    });
    m_items.clear();
    fillTable();
    m_summary->setText(tr("Reading the source and %n target(s)…", nullptr, int(targets.size())));
    m_planner->plan();
    updateButtons();
}

void CopyResourcesDialog::fillTable()
{
    m_filling = true;
    m_table->setRowCount(int(m_items.size()));
    for (int i = 0; i < m_items.size(); ++i) {
        const Fleet::CopyItem &item = m_items.at(i);
        auto *target = new QTableWidgetItem(item.targetName);
        target->setData(ItemIndexRole, i);
        const bool checkable =
            (item.action == Fleet::CopyAction::Create || item.action == Fleet::CopyAction::Update) &&
            !item.applied;
        if (checkable) {
            target->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
            target->setCheckState(item.confirmed ? Qt::Checked : Qt::Unchecked);
        } else {
            target->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        }
        m_table->setItem(i, TargetColumn, target);
        m_table->setItem(i, KeyColumn, new QTableWidgetItem(item.key));
        QString action = Fleet::copyActionText(item.action);
        if (item.applied)
            action = item.action == Fleet::CopyAction::Create ? tr("Created") : tr("Updated");
        m_table->setItem(i, ActionColumn, new QTableWidgetItem(action));
        const bool mask = m_kind == Fleet::CopyKind::Variables;
        m_table->setItem(i, SourceValueColumn,
                         new QTableWidgetItem(mask ? shownValue(item.sourceValue) : item.sourceValue));
        m_table->setItem(i, TargetValueColumn,
                         new QTableWidgetItem(mask ? shownValue(item.targetValue) : item.targetValue));
        auto *reason = new QTableWidgetItem(item.reason);
        reason->setToolTip(item.reason);
        m_table->setItem(i, ReasonColumn, reason);
    }
    m_table->resizeColumnsToContents();
    m_filling = false;
}

void CopyResourcesDialog::apply()
{
    if (!m_planner || isBusy())
        return;
    QList<Fleet::CopyItem> confirmed;
    QStringList productionNames;
    int count = 0;
    for (const Fleet::CopyItem &item : std::as_const(m_items)) {
        if (!item.confirmed)
            continue;
        ++count;
        for (const Fleet::FleetMember &member : std::as_const(m_members)) {
            if (member.profileId == item.targetProfileId && member.production &&
                !productionNames.contains(member.name))
                productionNames.append(member.name);
        }
    }
    if (count == 0)
        return;
    // Each production target asks for its name in turn; the copy starts after the last one agrees.
    const QList<Fleet::CopyItem> items = m_items;
    auto proceed = std::make_shared<std::function<void(int)>>();
    const std::weak_ptr<std::function<void(int)>> weak = proceed;
    *proceed = [this, items, productionNames, count, weak](int next) {
        if (next >= productionNames.size()) {
            startApply(items);
            return;
        }
        const std::shared_ptr<std::function<void(int)>> self = weak.lock();
        ProductionGuard::confirm(this, productionNames.at(next), true,
                                 m_kind == Fleet::CopyKind::Variables
                                     ? tr("copy %n variable change(s)", nullptr, count)
                                     : tr("copy %n pool change(s)", nullptr, count),
                                 this, [self, next] { (*self)(next + 1); });
    };
    (*proceed)(0);
}

void CopyResourcesDialog::startApply(const QList<Fleet::CopyItem> &items)
{
    if (!m_planner || isBusy())
        return;
    m_progress->setRange(0, 0);
    m_progress->show();
    m_summary->setText(tr("Applying…"));
    m_planner->apply(items);
    updateButtons();
}

} // namespace Windsock::Ui
