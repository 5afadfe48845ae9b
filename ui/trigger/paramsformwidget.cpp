#include "paramsformwidget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QDateTimeEdit>
#include <QDoubleSpinBox>
#include <QFontDatabase>
#include <QGroupBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTimeEdit>
#include <QVBoxLayout>
#include <limits>

namespace Windsock::Ui {

using Params::ParamField;
using Kind = ParamField::Kind;

namespace {

const QString dateFormat = QStringLiteral("yyyy-MM-dd");
const QString timeFormat = QStringLiteral("HH:mm:ss");

QString dateTimeText(const QDateTime &utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + QStringLiteral("+00:00");
}

// Fields that are optional (null allowed) take free text in these kinds, so that empty can mean null.
bool usesPicker(const ParamField &field)
{
    return !field.nullable;
}

// A number box that shows numbers as a person writes them: 0.25, not 0.250000; 3, not 3.000000. It keeps
// the digits the param's default and multipleOf need, and reads and writes the C locale's point, as JSON
// does.
class NumberSpinBox final : public QDoubleSpinBox
{
public:
    explicit NumberSpinBox(QWidget *parent)
        : QDoubleSpinBox(parent)
    {
        setLocale(QLocale::c());
        setGroupSeparatorShown(false);
    }

    QString textFromValue(double value) const override
    {
        QString text = locale().toString(value, 'f', decimals());
        if (text.contains(u'.')) {
            while (text.endsWith(u'0'))
                text.chop(1);
            if (text.endsWith(u'.'))
                text.chop(1);
        }
        return text == QLatin1String("-0") ? QStringLiteral("0") : text;
    }
};

int intBound(std::optional<double> bound, std::optional<double> exclusive, int fallback, int step)
{
    if (bound)
        return int(*bound);
    if (exclusive)
        return int(*exclusive) + step;
    return fallback;
}

} // namespace

ParamsFormWidget::ParamsFormWidget(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QVBoxLayout(this))
    , m_extraKeys(new QLabel(this))
{
    m_extraKeys->setObjectName(QStringLiteral("extraKeysLabel"));
    m_extraKeys->setWordWrap(true);
    m_extraKeys->hide();
    m_layout->addWidget(m_extraKeys);
}

void ParamsFormWidget::setParams(const QList<Api::DagParam> &params)
{
    delete m_content;
    m_editors.clear();
    m_errors.clear();
    m_form = Params::ParamsForm(params);

    m_content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(m_content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    for (const Params::ParamsForm::Section &section : m_form.sections()) {
        QVBoxLayout *sectionLayout = contentLayout;
        if (!section.name.isEmpty()) {
            auto *box = new QGroupBox(section.name, m_content);
            box->setObjectName(QStringLiteral("section_") + section.name);
            sectionLayout = new QVBoxLayout(box);
            contentLayout->addWidget(box);
        }
        for (const QString &name : section.fields) {
            if (const ParamField *field = m_form.field(name))
                addField(*field, sectionLayout);
        }
    }
    contentLayout->addStretch(1);
    m_layout->insertWidget(0, m_content);
    m_extraKeys->hide();
    showErrors();
}

QJsonObject ParamsFormWidget::conf() const
{
    return m_form.isValid() ? m_form.conf() : m_form.currentConf();
}

void ParamsFormWidget::applyConf(const QJsonObject &conf)
{
    const QStringList extra = m_form.applyConf(conf);
    for (const ParamField &field : m_form.fields())
        loadEditor(field);
    m_extraKeys->setText(extra.isEmpty()
                             ? QString()
                             : tr("Also sent, kept from the conf: %1").arg(extra.join(QStringLiteral(", "))));
    m_extraKeys->setVisible(!extra.isEmpty());
    showErrors();
    Q_EMIT changed();
}

void ParamsFormWidget::addField(const ParamField &field, QVBoxLayout *layout)
{
    if (field.isHidden())
        return;
    auto *label = new QLabel(field.label + (field.required() ? QString() : tr(" (optional)")), m_content);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    layout->addWidget(label);

    QWidget *editor = createEditor(field);
    editor->setObjectName(QStringLiteral("param_") + field.name);
    label->setBuddy(editor);
    layout->addWidget(editor);
    m_editors.insert(field.name, editor);
    loadEditor(field);

    if (field.customHtmlForm) {
        auto *note = new QLabel(tr("In Airflow this param has its own HTML form, which Windsock cannot show: "
                                   "enter its value as JSON here."),
                                m_content);
        note->setObjectName(QStringLiteral("note_") + field.name);
        note->setWordWrap(true);
        layout->addWidget(note);
    }

    if (!field.description.isEmpty()) {
        auto *description = new QLabel(field.description, m_content);
        description->setWordWrap(true);
        description->setForegroundRole(QPalette::PlaceholderText);
        layout->addWidget(description);
    }
    auto *error = new QLabel(m_content);
    error->setObjectName(QStringLiteral("error_") + field.name);
    error->setWordWrap(true);
    error->setStyleSheet(QStringLiteral("color: #c62828;"));
    error->hide();
    layout->addWidget(error);
    m_errors.insert(field.name, error);
}

QWidget *ParamsFormWidget::createEditor(const ParamField &field)
{
    const QString name = field.name;
    switch (field.kind) {
    case Kind::Integer:
        if (usesPicker(field)) {
            auto *spin = new QSpinBox(m_content);
            spin->setRange(
                intBound(field.minimum, field.exclusiveMinimum, std::numeric_limits<int>::min(), 1),
                intBound(field.maximum, field.exclusiveMaximum, std::numeric_limits<int>::max(), -1));
            connect(spin, &QSpinBox::valueChanged, this,
                    [this, name](int value) { editedValue(name, value); });
            return spin;
        }
        break;
    case Kind::Number:
        if (usesPicker(field)) {
            auto *spin = new NumberSpinBox(m_content);
            // Enough digits for the value and multipleOf (which rounding must not break), six at least so
            // that a typed 0.125 survives; trailing zeros are never shown.
            spin->setDecimals(qMax(6, field.decimals()));
            spin->setRange(field.minimum.value_or(field.exclusiveMinimum.value_or(-1e15)),
                           field.maximum.value_or(field.exclusiveMaximum.value_or(1e15)));
            double step = 1.0;
            for (int i = 0; i < qMax(field.decimals(), 0) && i < 6; ++i)
                step /= 10.0;
            spin->setSingleStep(field.multipleOf.value_or(step));
            connect(spin, &QDoubleSpinBox::valueChanged, this,
                    [this, name](double value) { editedValue(name, value); });
            return spin;
        }
        break;
    case Kind::Boolean: {
        // The label on the left names it (as in Airflow's form, a bare switch); the box repeats nothing.
        auto *box = new QCheckBox(m_content);
        box->setAccessibleName(field.label);
        connect(box, &QCheckBox::toggled, this, [this, name](bool on) { editedValue(name, on); });
        return box;
    }
    case Kind::Enum: {
        auto *combo = new QComboBox(m_content);
        if (field.nullable)
            combo->addItem(QString(), QJsonValue(QJsonValue::Null).toVariant());
        for (const QJsonValue &option : field.enumValues)
            combo->addItem(field.displayText(option), option.toVariant());
        connect(combo, &QComboBox::currentIndexChanged, this, [this, name, combo](int index) {
            editedValue(name, QJsonValue::fromVariant(combo->itemData(index)));
        });
        return combo;
    }
    case Kind::Date:
        if (usesPicker(field)) {
            auto *edit = new QDateEdit(m_content);
            edit->setDisplayFormat(dateFormat);
            edit->setCalendarPopup(true);
            connect(edit, &QDateEdit::dateChanged, this,
                    [this, name](QDate date) { edited(name, date.toString(dateFormat)); });
            return edit;
        }
        break;
    case Kind::DateTime:
        if (usesPicker(field)) {
            auto *edit = new QDateTimeEdit(m_content);
            edit->setTimeSpec(Qt::UTC);
            edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
            edit->setCalendarPopup(true);
            connect(edit, &QDateTimeEdit::dateTimeChanged, this,
                    [this, name](const QDateTime &value) { edited(name, dateTimeText(value)); });
            return edit;
        }
        break;
    case Kind::Time:
        if (usesPicker(field)) {
            auto *edit = new QTimeEdit(m_content);
            edit->setDisplayFormat(timeFormat);
            connect(edit, &QTimeEdit::timeChanged, this,
                    [this, name](QTime time) { edited(name, time.toString(timeFormat)); });
            return edit;
        }
        break;
    case Kind::MultiSelect: {
        auto *list = new QListWidget(m_content);
        for (const QJsonValue &option : field.enumValues) {
            auto *item = new QListWidgetItem(field.displayText(option), list);
            item->setData(Qt::UserRole, option.toVariant());
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(Qt::Unchecked);
        }
        connect(list, &QListWidget::itemChanged, this, [this, name, list] {
            QJsonArray picked;
            for (int row = 0; row < list->count(); ++row) {
                if (list->item(row)->checkState() == Qt::Checked)
                    picked.append(QJsonValue::fromVariant(list->item(row)->data(Qt::UserRole)));
            }
            editedValue(name, picked);
        });
        return list;
    }
    case Kind::MultilineText:
    case Kind::StringArray:
    case Kind::NumberArray:
    case Kind::JsonArray:
    case Kind::JsonObject:
    case Kind::JsonValue: {
        auto *edit = new QPlainTextEdit(m_content);
        if (field.kind == Kind::JsonArray || field.kind == Kind::JsonObject || field.kind == Kind::JsonValue)
            edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        edit->setTabChangesFocus(true);
        edit->setMaximumHeight(edit->fontMetrics().lineSpacing() * 7);
        connect(edit, &QPlainTextEdit::textChanged, this,
                [this, name, edit] { edited(name, edit->toPlainText()); });
        return edit;
    }
    case Kind::Text:
    case Kind::Hidden:
        break;
    }
    // Text, and optional numbers and dates: a line, empty means null.
    auto *line = new QLineEdit(m_content);
    line->setClearButtonEnabled(true);
    if (field.kind == Kind::Date)
        line->setPlaceholderText(QStringLiteral("YYYY-MM-DD"));
    else if (field.kind == Kind::DateTime)
        line->setPlaceholderText(QStringLiteral("YYYY-MM-DDTHH:MM:SS+00:00"));
    else if (field.kind == Kind::Time)
        line->setPlaceholderText(QStringLiteral("HH:MM:SS"));
    if (!field.examples.isEmpty() && field.kind == Kind::Text) {
        // Airflow offers the examples as proposals (a datalist) while still taking any text.
        line->setPlaceholderText(tr("Start typing to see suggestions, e.g. %1")
                                     .arg(ParamField::plainText(field.examples.first())));
        auto *completer = new QCompleter(field.suggestions(), line);
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        completer->setFilterMode(Qt::MatchContains);
        line->setCompleter(completer);
        connect(completer, qOverload<const QString &>(&QCompleter::activated), this,
                [this, name](const QString &text) { edited(name, text); });
    }
    connect(line, &QLineEdit::textEdited, this, [this, name](const QString &text) { edited(name, text); });
    return line;
}

void ParamsFormWidget::loadEditor(const ParamField &field)
{
    QWidget *editor = m_editors.value(field.name);
    if (!editor)
        return;
    const QSignalBlocker blocker(editor);
    const QJsonValue value = m_form.value(field.name);
    const QString text = m_form.text(field.name);
    if (auto *spin = qobject_cast<QSpinBox *>(editor)) {
        spin->setValue(value.toInt());
    } else if (auto *doubleSpin = qobject_cast<QDoubleSpinBox *>(editor)) {
        doubleSpin->setValue(value.toDouble());
    } else if (auto *box = qobject_cast<QCheckBox *>(editor)) {
        box->setChecked(value.toBool());
    } else if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        combo->setCurrentIndex(qMax(0, combo->findData(value.toVariant())));
    } else if (auto *dateTime = qobject_cast<QDateTimeEdit *>(editor)) {
        // QDateEdit and QTimeEdit are QDateTimeEdits too.
        if (field.kind == Kind::Date)
            dateTime->setDate(QDate::fromString(text, dateFormat));
        else if (field.kind == Kind::Time)
            dateTime->setTime(QTime::fromString(text, Qt::ISODateWithMs));
        else
            dateTime->setDateTime(QDateTime::fromString(text, Qt::ISODateWithMs).toUTC());
    } else if (auto *list = qobject_cast<QListWidget *>(editor)) {
        const QJsonArray picked = value.toArray();
        for (int row = 0; row < list->count(); ++row) {
            const QJsonValue option = QJsonValue::fromVariant(list->item(row)->data(Qt::UserRole));
            list->item(row)->setCheckState(picked.contains(option) ? Qt::Checked : Qt::Unchecked);
        }
    } else if (auto *plain = qobject_cast<QPlainTextEdit *>(editor)) {
        plain->setPlainText(text);
    } else if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        line->setText(text);
    }
}

void ParamsFormWidget::edited(const QString &name, const QString &text)
{
    m_form.setText(name, text);
    showErrors();
    Q_EMIT changed();
}

void ParamsFormWidget::editedValue(const QString &name, const QJsonValue &value)
{
    m_form.setValue(name, value);
    showErrors();
    Q_EMIT changed();
}

void ParamsFormWidget::showErrors()
{
    for (auto it = m_errors.begin(); it != m_errors.end(); ++it) {
        const QString message = m_form.errorFor(it.key());
        it.value()->setText(message);
        it.value()->setVisible(!message.isEmpty());
    }
}

} // namespace Windsock::Ui
