#pragma once

#include "api/types.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace Windsock::Api {
class AirflowClient;
class ApiCall;
} // namespace Windsock::Api

namespace Windsock::Ui {

class ErrorBanner;

// Creates a pool, or edits one: name (a new name renames it; default_pool's name is fixed, as Airflow refuses
// to rename it), slots or Unlimited (-1), description, and whether deferred tasks take slots (2.7+). An
// update sends only the changed fields. A refusal (409 on a taken name, 400) shows in the dialog in plain
// words, and everything typed stays.
class PoolEditDialog final : public QDialog
{
    Q_OBJECT

public:
    static const QString &defaultPoolName(); // "default_pool"

    // A new pool.
    PoolEditDialog(Api::AirflowClient *client, QWidget *parent = nullptr);
    // The pool as the list shows it.
    PoolEditDialog(Api::AirflowClient *client, const Api::Pool &pool, QWidget *parent = nullptr);
    ~PoolEditDialog() override;

    bool isEditing() const { return !m_edited.name.isEmpty(); }
    bool isBusy() const { return !m_call.isNull(); }
    QLineEdit *nameEdit() const { return m_name; }
    QSpinBox *slotsEdit() const { return m_slots; }
    QCheckBox *unlimitedBox() const { return m_unlimited; }
    QLineEdit *descriptionEdit() const { return m_description; }
    QCheckBox *includeDeferredBox() const { return m_includeDeferred; }
    QPushButton *saveButton() const;
    QString errorText() const;

public Q_SLOTS:
    void save();

Q_SIGNALS:
    // The server has the pool as saved, under this name.
    void saved(const QString &name);

private:
    void build();
    void updateButtons();
    int slots() const;

    QPointer<Api::AirflowClient> m_client;
    Api::Pool m_edited;
    QLineEdit *m_name;
    QSpinBox *m_slots;
    QCheckBox *m_unlimited;
    QLineEdit *m_description;
    QCheckBox *m_includeDeferred;
    ErrorBanner *m_error;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QPointer<Api::ApiCall> m_call;
};

} // namespace Windsock::Ui
