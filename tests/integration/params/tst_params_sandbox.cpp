#include "api/airflowclient.h"
#include "api/dialectv1.h"
#include "auth/authenticator.h"
#include "fakes/awaitresult.h"
#include "fakes/sandboxclient.h"
#include "params/paramsform.h"

#include <sandbox/sandboxserver.h>

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QTest>
#include <QTimeZone>
#include <optional>

using namespace Windsock::Api;
using Windsock::Params::ParamField;
using Windsock::Params::ParamsForm;
using Windsock::Sandbox::SandboxOptions;
using Windsock::Sandbox::SandboxServer;
using Windsock::Tests::awaitResult;

// The trigger form end to end: params_trigger_form's details from the sandbox, the form filled in, a run
// triggered with its conf, and the run read back with the same conf.
class TestParamsSandbox final : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<AirflowClient> m_api;

private Q_SLOTS:
    void initTestCase()
    {
        SandboxOptions options;
        options.dagCount = 3;
        options.runsPerDag = 1;
        m_sandbox = std::make_unique<SandboxServer>(options);
        QVERIFY(m_sandbox->listen(0));
        m_api = Windsock::Tests::sandboxClient(&m_nam, m_sandbox->baseUrl());
    }

    void fillTriggerAndReadBack()
    {
        const QString dagId = QStringLiteral("params_trigger_form");
        const auto details =
            awaitResult<DagDetails>([&](auto done) { m_api->dagDetails(dagId, this, done); });
        QVERIFY2(details->ok(), qPrintable(details->error().message()));

        ParamsForm form(details->value().params);
        QCOMPARE(form.fields().size(), details->value().params.size());
        for (const auto &e : form.validate())
            qWarning("%s: %s", qPrintable(e.name), qPrintable(e.message));
        QVERIFY(form.isValid()); // the DAG's defaults pass its own schema
        QCOMPARE(form.field(QStringLiteral("api_version"))->kind, ParamField::Kind::Hidden);
        QCOMPARE(form.field(QStringLiteral("environment"))->displayText(QStringLiteral("dev")),
                 QStringLiteral("Development"));
        QCOMPARE(form.sections().constLast().name, QStringLiteral("Advanced"));

        // A bad value is caught before anything is sent.
        QVERIFY(form.setText(QStringLiteral("worker_count"), QStringLiteral("12")));
        QCOMPARE(form.errorFor(QStringLiteral("worker_count")),
                 QStringLiteral("Workers must be 10 or less."));
        QVERIFY(form.conf().isEmpty());

        QVERIFY(form.setText(QStringLiteral("worker_count"), QStringLiteral("7")));
        QVERIFY(form.setText(QStringLiteral("environment"), QStringLiteral("Staging")));
        QVERIFY(form.setText(QStringLiteral("report_date"), QStringLiteral("2026-11-20")));
        QVERIFY(form.setText(QStringLiteral("sample_sizes"), QStringLiteral("5\n50")));
        QVERIFY(form.setText(QStringLiteral("recipients"), QStringLiteral("me@example.com")));
        QVERIFY(form.setText(QStringLiteral("options"), QStringLiteral("{\"retries\": 1}")));
        QVERIFY(form.setValue(QStringLiteral("full_refresh"), true));
        QVERIFY(form.isValid());
        const QJsonObject conf = form.conf();
        QCOMPARE(conf.value(QStringLiteral("api_version")), QJsonValue(QStringLiteral("v2")));
        QCOMPARE(conf.value(QStringLiteral("comment")), QJsonValue(QJsonValue::Null));

        TriggerRequest trigger;
        trigger.dagId = dagId;
        trigger.dagRunId = QStringLiteral("windsock__params_form_1");
        trigger.conf = conf;
        const auto run = awaitResult<DagRun>([&](auto done) { m_api->triggerDagRun(trigger, this, done); });
        QVERIFY2(run->ok(), qPrintable(run->error().message()));

        const auto fetched =
            awaitResult<DagRun>([&](auto done) { m_api->dagRun(dagId, trigger.dagRunId, this, done); });
        QVERIFY2(fetched->ok(), qPrintable(fetched->error().message()));
        QCOMPARE(fetched->value().conf, conf);
        QCOMPARE(fetched->value().conf.value(QStringLiteral("worker_count")), QJsonValue(7));
        QCOMPARE(fetched->value().conf.value(QStringLiteral("environment")),
                 QJsonValue(QStringLiteral("staging")));
        QCOMPARE(fetched->value().conf.value(QStringLiteral("sample_sizes")), QJsonValue(QJsonArray{5, 50}));

        // Re-use that run's conf in a fresh form: every field comes back, nothing is extra.
        ParamsForm again(details->value().params);
        QVERIFY(again.applyConf(fetched->value().conf).isEmpty());
        QCOMPARE(again.conf(), conf);
        QCOMPARE(again.text(QStringLiteral("sample_sizes")), QStringLiteral("5\n50"));
    }
};

QTEST_GUILESS_MAIN(TestParamsSandbox)
#include "tst_params_sandbox.moc"
