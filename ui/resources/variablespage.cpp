#include "variablespage.h"

#include "bulkchange.h"
#include "errorbanner.h"
#include "resourcebatch.h"
#include "resourcetable.h"
#include "variableeditdialog.h"
#include "variablefile.h"

#include "actions/productionguard.h"
#include "api/airflowclient.h"
#include "models/variablemodel.h"
#include "profiles/filedialog.h"
#include "profiles/messagebox.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include <memory>

namespace Windsock::Ui {

using Models::VariableModel;

VariablesPage::VariablesPage(Api::AirflowClient *client, bool readOnly, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_readOnly(readOnly)
    , m_model(new VariableModel(client, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_toolBar(new QToolBar(tr("Variable actions"), this))
    , m_addAction(new QAction(tr("&Add…"), this))
    , m_editAction(new QAction(tr("&Edit…"), this))
    , m_deleteAction(new QAction(tr("&Delete…"), this))
    , m_importAction(new QAction(tr("&Import…"), this))
    , m_exportAction(new QAction(tr("E&xport…"), this))
    , m_showValuesAction(new QAction(tr("&Show values"), this))
    , m_refreshAction(new QAction(tr("&Refresh"), this))
    , m_filter(new QLineEdit(this))
    , m_view(new QTableView(this))
    , m_error(new ErrorBanner(this))
    , m_status(new QLabel(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("variablesPage"));
    m_toolBar->setObjectName(QStringLiteral("variablesToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    const auto setUp = [this](QAction *action, const char *name, const QKeySequence &shortcut,
                              const QString &tip) {
        ResourceTable::addPageAction(this, action, name, shortcut, tip);
    };
    setUp(m_addAction, "addVariableAction", QKeySequence(Qt::Key_Insert), tr("Create a variable (Insert)"));
    setUp(m_editAction, "editVariableAction", QKeySequence(Qt::Key_F2),
          tr("Edit the selected variable (F2)"));
    setUp(m_deleteAction, "deleteVariablesAction", QKeySequence::Delete,
          tr("Delete the selected variables, after asking (Delete)"));
    setUp(m_importAction, "importVariablesAction", {},
          tr("Create or overwrite variables from a JSON file as `airflow variables export` writes it"));
    setUp(m_exportAction, "exportVariablesAction", {},
          tr("Save every variable in a JSON file that `airflow variables import` reads"));
    setUp(m_showValuesAction, "showVariableValuesAction", {},
          tr("Show the values of variables whose names Airflow treats as secret (password, token, ...)"));
    setUp(m_refreshAction, "refreshVariablesAction", QKeySequence::Refresh,
          tr("Read the variables again (F5)"));
    m_showValuesAction->setCheckable(true);
    m_toolBar->addAction(m_addAction);
    m_toolBar->addAction(m_editAction);
    m_toolBar->addAction(m_deleteAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_importAction);
    m_toolBar->addAction(m_exportAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_showValuesAction);
    m_toolBar->addAction(m_refreshAction);

    m_filter->setObjectName(QStringLiteral("variablesFilter"));
    m_filter->setPlaceholderText(tr("Filter by key, value or description"));
    m_filter->setClearButtonEnabled(true);

    m_view->setObjectName(QStringLiteral("variablesView"));
    ResourceTable::setUp(m_model, m_proxy, m_view);
    const QFontMetrics metrics(m_view->font());
    m_view->horizontalHeader()->resizeSection(
        VariableModel::Key, metrics.horizontalAdvance(QStringLiteral("a_variable_key_of_length")));
    m_view->horizontalHeader()->resizeSection(VariableModel::Value,
                                              metrics.horizontalAdvance(QString(48, QLatin1Char('x'))));

    m_error->setObjectName(QStringLiteral("variablesError"));
    m_status->setObjectName(QStringLiteral("variablesStatus"));
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_cancel->setObjectName(QStringLiteral("cancelVariablesBatch"));
    m_cancel->hide();

    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_filter);
    layout->addWidget(m_error);
    layout->addWidget(m_view, 1);
    layout->addLayout(statusRow);

    connect(m_addAction, &QAction::triggered, this, &VariablesPage::addVariable);
    connect(m_editAction, &QAction::triggered, this, &VariablesPage::editVariable);
    connect(m_deleteAction, &QAction::triggered, this, &VariablesPage::deleteSelected);
    connect(m_importAction, &QAction::triggered, this, &VariablesPage::importVariables);
    connect(m_exportAction, &QAction::triggered, this, &VariablesPage::exportVariables);
    connect(m_refreshAction, &QAction::triggered, this, &VariablesPage::refresh);
    connect(m_showValuesAction, &QAction::toggled, m_model, &VariableModel::setSensitiveValuesShown);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_view, &QTableView::doubleClicked, this, [this] {
        if (!m_readOnly)
            editVariable();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &VariablesPage::updateActions);
    connect(m_model, &VariableModel::errorOccurred, this, &VariablesPage::showError);
    ResourceTable::watchCounts(m_model, this, &VariablesPage::updateStatus);
    connect(m_model, &VariableModel::refreshed, this, [this] {
        updateStatus();
        if (!m_keyToSelect.isEmpty() && m_model->rowOfKey(m_keyToSelect) >= 0) {
            selectKey(m_keyToSelect);
            m_keyToSelect.clear();
        }
    });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_batch)
            m_batch->cancel();
        if (m_bulk)
            m_bulk->cancel();
    });
    updateActions();
    updateStatus();
}

VariablesPage::~VariablesPage() = default;

VariableEditDialog *VariablesPage::editDialog() const
{
    return m_dialog;
}

QString VariablesPage::statusText() const
{
    return m_status->text();
}

QString VariablesPage::errorText() const
{
    return m_error->message();
}

void VariablesPage::showError(const QString &message)
{
    m_error->setMessage(message);
}

QStringList VariablesPage::selectedKeys() const
{
    return ResourceTable::selectedKeys(m_view);
}

void VariablesPage::selectKey(const QString &key)
{
    ResourceTable::selectKey(m_view, m_proxy, m_model, key);
}

void VariablesPage::updateActions()
{
    const int selected = int(m_view->selectionModel()->selectedRows().size());
    const bool idle = !isBusy();
    m_addAction->setEnabled(!m_readOnly && idle);
    m_editAction->setEnabled(!m_readOnly && idle && selected == 1);
    m_deleteAction->setEnabled(!m_readOnly && idle && selected > 0);
    m_importAction->setEnabled(!m_readOnly && idle);
    m_exportAction->setEnabled(idle);
    if (m_readOnly) {
        const QString why = tr("This profile is read-only");
        for (QAction *action : {m_addAction, m_editAction, m_deleteAction, m_importAction})
            action->setToolTip(why);
    }
}

void VariablesPage::updateStatus()
{
    const ResourceTable::CountTexts texts{tr("Loading variables…"), tr("No variables"), tr("1 variable"),
                                          tr("%1 variables"), tr("%1 of %2 variables (scroll for more)")};
    m_status->setText(
        ResourceTable::statusText(m_model, texts, !m_progress.isEmpty() ? m_progress : m_notice, m_readOnly));
    m_cancel->setVisible(!m_batch.isNull() || !m_bulk.isNull());
}

void VariablesPage::refresh()
{
    showError({});
    m_notice.clear();
    m_model->refresh();
    updateStatus();
}

// ---- Add and edit

void VariablesPage::openDialog(VariableEditDialog *dialog)
{
    if (m_dialog)
        m_dialog->close();
    m_dialog = dialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &VariableEditDialog::saved, this, [this](const QString &key) {
        showError({});
        m_keyToSelect = key;
        m_model->refresh();
    });
    dialog->open();
}

void VariablesPage::addVariable()
{
    if (m_readOnly || isBusy())
        return;
    openDialog(new VariableEditDialog(m_client, this));
}

void VariablesPage::editVariable()
{
    const QStringList keys = selectedKeys();
    if (m_readOnly || isBusy() || keys.size() != 1)
        return;
    openDialog(new VariableEditDialog(m_client, keys.first(), this));
}

// ---- Delete

void VariablesPage::deleteSelected()
{
    const QStringList keys = selectedKeys();
    if (m_readOnly || isBusy() || keys.isEmpty())
        return;
    // Production: typing the profile's name is the question (a second yes/no box would add nothing).
    if (m_production) {
        ProductionGuard::confirm(this, m_productionName, true,
                                 keys.size() == 1 ? tr("delete variable %1").arg(keys.first())
                                                  : tr("delete %1 variables").arg(keys.size()),
                                 this, [this, keys] { deleteKeys(keys); });
        return;
    }
    if (!ResourceTable::confirmDelete(
            this, tr("Delete variables"),
            tr("Delete variable %1 from the server? DAGs that read it will fail or fall back to a default."),
            tr("Delete these %1 variables from the server? DAGs that read them will fail or fall back to "
               "a default.\n\n%2"),
            keys))
        return;
    deleteKeys(keys);
}

void VariablesPage::deleteKeys(const QStringList &keys)
{
    if (m_readOnly || isBusy() || keys.isEmpty())
        return;
    // A key someone else deleted meanwhile is what the person wanted: skipped, not an error.
    Api::VariableBulkAction remove;
    remove.kind = Api::BulkActionKind::Delete;
    remove.keys = keys;
    remove.onNonExistence = Api::BulkOnNonExistence::Skip;
    runBulk(new BulkChange(
                [this, remove](QObject *context, auto done) {
                    return m_client->bulkVariables({remove}, context, std::move(done));
                },
                tr("variable %1"), int(keys.size()), this),
            tr("Deleting"));
}

void VariablesPage::runBatch(ResourceBatch *batch, const QString &what)
{
    showError({});
    m_notice.clear();
    m_batch = batch;
    m_progress = tr("%1: 0 of %2…").arg(what).arg(batch->total());
    connect(batch, &ResourceBatch::progress, this, [this, what](int done, int total) {
        m_progress = tr("%1: %2 of %3…").arg(what).arg(done).arg(total);
        updateStatus();
    });
    connect(batch, &ResourceBatch::finished, this,
            [this, batch, what](const QStringList &failures, int succeeded, bool cancelled) {
                m_progress.clear();
                batch->deleteLater();
                m_batch = nullptr;
                if (failures.isEmpty() && !cancelled)
                    m_notice = tr("%1: done, %2 of %3.").arg(what).arg(succeeded).arg(batch->total());
                if (!failures.isEmpty()) {
                    showError(tr("%1 of %2 changes failed:\n%3")
                                  .arg(failures.size())
                                  .arg(batch->total())
                                  .arg(failures.join(QLatin1Char('\n'))));
                } else if (cancelled) {
                    showError(
                        tr("%1 was cancelled after %2 of %3.").arg(what).arg(succeeded).arg(batch->total()));
                }
                m_model->refresh();
                updateActions();
                updateStatus();
            });
    updateActions();
    updateStatus();
    batch->start();
}

void VariablesPage::runBulk(BulkChange *bulk, const QString &what)
{
    showError({});
    m_notice.clear();
    m_bulk = bulk;
    m_progress = tr("%1 %2 variables…").arg(what).arg(bulk->total());
    connect(bulk, &BulkChange::progress, this, [this, what](int done, int total) {
        if (done < total)
            m_progress = tr("%1: %2 of %3…").arg(what).arg(done).arg(total);
        updateStatus();
    });
    connect(bulk, &BulkChange::finished, this,
            [this, bulk, what](const QStringList &failures, int succeeded, int skipped, bool cancelled) {
                m_progress.clear();
                bulk->deleteLater();
                m_bulk = nullptr;
                QString notice = tr("%1: %2 of %3 done").arg(what).arg(succeeded).arg(bulk->total());
                if (skipped > 0) {
                    QStringList keys;
                    for (const Api::BulkItemResult &item : bulk->result().items)
                        if (item.status == Api::BulkItemResult::Status::Skipped)
                            keys.append(item.key);
                    notice += tr(", %1 skipped (%2)").arg(skipped).arg(keys.join(QStringLiteral(", ")));
                }
                m_notice = notice + u'.';
                if (cancelled)
                    showError(tr("%1 was cancelled; what the server had done by then stays done.").arg(what));
                else if (!failures.isEmpty())
                    showError(tr("%1 of %2 failed:\n%3")
                                  .arg(failures.size())
                                  .arg(bulk->total())
                                  .arg(failures.join(QLatin1Char('\n'))));
                m_model->refresh();
                updateActions();
                updateStatus();
            });
    updateActions();
    updateStatus();
    bulk->start();
}

// ---- Import and export

void VariablesPage::importVariables()
{
    if (m_readOnly || isBusy())
        return;
    const QString fileName = FileDialog::getOpenFileName(this, tr("Import variables"), QDir::homePath(),
                                                         tr("JSON files (*.json);;All files (*)"));
    if (fileName.isEmpty())
        return;
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        showError(tr("Could not read %1: %2").arg(QDir::toNativeSeparators(fileName), file.errorString()));
        return;
    }
    QString error;
    const QList<Api::Variable> variables = VariableFile::read(file.readAll(), &error);
    if (!error.isEmpty()) {
        showError(tr("Could not import %1. %2").arg(QDir::toNativeSeparators(fileName), error));
        return;
    }
    if (variables.isEmpty()) {
        showError(tr("%1 holds no variables.").arg(QDir::toNativeSeparators(fileName)));
        return;
    }
    // What to do with keys that exist already, asked before anything is sent: the bulk call applies it on the
    // server (Airflow 3) or key by key (Airflow 2), so the file is never checked against a stale list.
    const auto answer = MessageBox::question(
        this, tr("Import variables"),
        (variables.size() == 1 ? tr("Import 1 variable from %1.").arg(QDir::toNativeSeparators(fileName))
                               : tr("Import %1 variables from %2.")
                                     .arg(variables.size())
                                     .arg(QDir::toNativeSeparators(fileName))) +
            tr("\n\nWhen a variable of the file exists already on the server:\n"
               "  Yes: overwrite its value with the file's\n"
               "  No: keep it, and import the others\n"
               "  Abort: import nothing at all if any of them exists"),
        QMessageBox::Yes | QMessageBox::No | QMessageBox::Abort | QMessageBox::Cancel, QMessageBox::Cancel);
    Api::VariableBulkAction create;
    create.entities = variables;
    switch (answer) {
    case QMessageBox::Yes:
        create.onExistence = Api::BulkOnExistence::Overwrite;
        break;
    case QMessageBox::No:
        create.onExistence = Api::BulkOnExistence::Skip;
        break;
    case QMessageBox::Abort:
        create.onExistence = Api::BulkOnExistence::Fail;
        break;
    default:
        return;
    }
    runBulk(new BulkChange(
                [this, create](QObject *context, auto done) {
                    return m_client->bulkVariables({create}, context, std::move(done));
                },
                tr("variable %1"), int(variables.size()), this),
            tr("Importing"));
}

void VariablesPage::exportVariables()
{
    if (isBusy())
        return;
    const QString fileName = FileDialog::getSaveFileName(
        this, tr("Export variables"), QDir::home().filePath(QStringLiteral("variables.json")),
        tr("JSON files (*.json);;All files (*)"));
    if (fileName.isEmpty())
        return;
    exportTo(fileName);
}

void VariablesPage::exportTo(const QString &fileName)
{
    showError({});
    m_exporting = true;
    m_progress = tr("Reading the variables…");
    updateActions();
    updateStatus();
    // The list carries no values: each is read, one after the other, into a list the steps share.
    m_client->allVariables(this, [this, fileName](const Api::Result<QList<Api::Variable>> &result) {
        m_exporting = false;
        if (!result.ok()) {
            m_progress.clear();
            updateActions();
            updateStatus();
            showError(tr("Could not export the variables: %1").arg(result.error().message()));
            return;
        }
        auto read = std::make_shared<QList<Api::Variable>>();
        QList<ResourceBatch::Step> steps;
        for (const Api::Variable &listed : result.value()) {
            const QString key = listed.key;
            steps.append({tr("variable %1").arg(key),
                          [this, key, read](QObject *context, ResourceBatch::Finish finish) {
                              return m_client->variable(
                                  key, context, [finish, read](const Api::Result<Api::Variable> &value) {
                                      if (value.ok())
                                          read->append(value.value());
                                      finish(value.error());
                                  });
                          }});
        }
        auto *batch = new ResourceBatch(steps, this);
        runBatch(batch, tr("Exporting"));
        // After runBatch's own handler: written only when every value was read, since a partial file would
        // look like a complete one.
        connect(batch, &ResourceBatch::finished, this,
                [this, read, fileName](const QStringList &failures, int, bool cancelled) {
                    if (!failures.isEmpty() || cancelled)
                        return; // runBatch's handler has said why
                    QSaveFile file(fileName);
                    if (!file.open(QIODevice::WriteOnly) || file.write(VariableFile::write(*read)) < 0 ||
                        !file.commit()) {
                        showError(tr("Could not write %1: %2")
                                      .arg(QDir::toNativeSeparators(fileName), file.errorString()));
                        return;
                    }
                    m_notice = tr("Exported %1 variables to %2")
                                   .arg(read->size())
                                   .arg(QDir::toNativeSeparators(fileName));
                    updateStatus();
                });
    });
}

} // namespace Windsock::Ui
