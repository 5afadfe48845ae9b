#include "pooleditdialog.h"

#include "resources/errorbanner.h"

#include "api/airflowclient.h"
#include "api/dialect.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Windsock::Ui {

const QString &PoolEditDialog::defaultPoolName()
{
    static const QString name = QStringLiteral("default_pool");
    return name;
}

PoolEditDialog::PoolEditDialog(Api::AirflowClient *client, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
{
    build();
    setWindowTitle(tr("New pool"));
    m_slots->setValue(1);
    updateButtons();
}

PoolEditDialog::PoolEditDialog(Api::AirflowClient *client, const Api::Pool &pool, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_edited(pool)
{
    build();
    setWindowTitle(tr("Pool %1").arg(pool.name));
    m_name->setText(pool.name);
    const QString renameReason =
        client ? client->dialect().unavailableReason(Api::Feature::RenamePools) : QString();
    if (pool.name == defaultPoolName()) {
        m_name->setReadOnly(true);
        m_name->setToolTip(tr("Airflow does not allow renaming default_pool: tasks without a pool use it."));
    } else if (!renameReason.isEmpty()) {
        // The server cannot rename (1.10): the name is fixed, and the rest of the pool can still change.
        m_name->setReadOnly(true);
        m_name->setToolTip(renameReason);
        m_name->setStatusTip(renameReason);
    } else {
        m_name->setToolTip(
            tr("A new name renames the pool; tasks that name the old one wait until changed."));
    }
    m_unlimited->setChecked(pool.slots < 0);
    m_slots->setValue(pool.slots < 0 ? 0 : pool.slots);
    m_description->setText(pool.description);
    m_includeDeferred->setChecked(pool.includeDeferred);
    updateButtons();
}

PoolEditDialog::~PoolEditDialog()
{
    if (m_call)
        m_call->cancel();
}

void PoolEditDialog::build()
{
    setObjectName(QStringLiteral("poolEditDialog"));
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("poolName"));
    m_slots = new QSpinBox(this);
    m_slots->setObjectName(QStringLiteral("poolSlots"));
    m_slots->setRange(0, 1000000);
    m_unlimited = new QCheckBox(tr("&Unlimited"), this);
    m_unlimited->setObjectName(QStringLiteral("poolUnlimited"));
    m_unlimited->setToolTip(tr("No limit on the tasks that run in this pool at once (slots = -1)"));
    m_description = new QLineEdit(this);
    m_description->setObjectName(QStringLiteral("poolDescription"));
    m_includeDeferred = new QCheckBox(tr("Deferred tasks take &slots in this pool"), this);
    m_includeDeferred->setObjectName(QStringLiteral("poolIncludeDeferred"));
    m_error = new ErrorBanner(this);
    m_error->setObjectName(QStringLiteral("poolError"));
    m_status = new QLabel(this);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);

    auto *slotsRow = new QHBoxLayout;
    slotsRow->addWidget(m_slots, 1);
    slotsRow->addWidget(m_unlimited);
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("S&lots:"), slotsRow);
    form->addRow(tr("&Description:"), m_description);
    // Servers before 2.7 (and 1.10) have no such setting: the box is off, and says why.
    if (const QString reason =
            m_client ? m_client->dialect().unavailableReason(Api::Feature::PoolDeferredSlots) : QString();
        !reason.isEmpty()) {
        m_includeDeferred->setEnabled(false);
        m_includeDeferred->setToolTip(reason);
        m_includeDeferred->setStatusTip(reason);
    }
    form->addRow(QString(), m_includeDeferred);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_error);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &PoolEditDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &PoolEditDialog::updateButtons);
    connect(m_unlimited, &QCheckBox::toggled, this, [this](bool unlimited) {
        m_slots->setEnabled(!unlimited);
        updateButtons();
    });
}

QPushButton *PoolEditDialog::saveButton() const
{
    return m_buttons->button(QDialogButtonBox::Save);
}

QString PoolEditDialog::errorText() const
{
    return m_error->message();
}

int PoolEditDialog::slots() const
{
    return m_unlimited->isChecked() ? -1 : m_slots->value();
}

void PoolEditDialog::updateButtons()
{
    const bool named = !m_name->text().trimmed().isEmpty();
    saveButton()->setEnabled(named && !isBusy());
    saveButton()->setToolTip(named ? QString() : tr("A pool needs a name."));
}

void PoolEditDialog::save()
{
    if (!m_client || isBusy() || !saveButton()->isEnabled())
        return;
    m_error->setMessage({});
    const QString name = m_name->text().trimmed();
    Api::PoolRequest request;
    request.name = name;
    if (isEditing()) {
        if (slots() != m_edited.slots)
            request.slots = slots();
        if (m_description->text() != m_edited.description)
            request.description = m_description->text();
        if (m_includeDeferred->isEnabled() && m_includeDeferred->isChecked() != m_edited.includeDeferred)
            request.includeDeferred = m_includeDeferred->isChecked();
        if (name == m_edited.name && !request.slots && !request.description && !request.includeDeferred) {
            accept(); // nothing changed
            return;
        }
    } else {
        request.slots = slots();
        request.description = m_description->text();
        if (m_includeDeferred->isEnabled())
            request.includeDeferred = m_includeDeferred->isChecked();
    }
    const auto done = [this, name](const Api::Result<Api::Pool> &result) {
        m_call = nullptr;
        m_status->clear();
        updateButtons();
        if (!result.ok()) {
            m_error->setMessage(tr("Could not save pool %1: %2").arg(name, result.error().message()));
            return;
        }
        Q_EMIT saved(result.value().name.isEmpty() ? name : result.value().name);
        accept();
    };
    m_call = isEditing() ? m_client->updatePool(m_edited.name, request, this, done)
                         : m_client->createPool(request, this, done);
    if (m_call) {
        m_status->setText(tr("Saving…"));
        updateButtons();
    }
}

} // namespace Windsock::Ui
