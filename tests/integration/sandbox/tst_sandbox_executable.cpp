// The stand-alone windsock-sandbox executable: --port 0 prints the chosen port, and it answers.
#include "sandboxhttp.h"

#include <fakes/testcertificates.h>

#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

class TestSandboxExecutable final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsAndAnswers();
    void takenPortFails();
    void jwtAuthFromFlags();
    void httpsFromFlags();
    void experimentalFromFlags();
    void badAuthFlagsFail_data();
    void badAuthFlagsFail();

private:
    static QString program() { return QStringLiteral(WINDSOCK_BINARY_DIR "/app/sandbox/windsock-sandbox"); }
    // Starts the sandbox with these flags and returns the base URL it prints.
    static QUrl startSandbox(QProcess &process, QStringList arguments);
};

QUrl TestSandboxExecutable::startSandbox(QProcess &process, QStringList arguments)
{
    arguments << QStringLiteral("--port") << QStringLiteral("0") << QStringLiteral("--max-seconds")
              << QStringLiteral("20");
    process.start(program(), arguments);
    if (!process.waitForStarted() || !QTest::qWaitFor([&process] { return process.canReadLine(); }, 10000))
        return QUrl();
    const QString line = QString::fromUtf8(process.readLine()).trimmed();
    const QRegularExpressionMatch match =
        QRegularExpression(QStringLiteral("^listening on (https?://127\\.0\\.0\\.1:\\d+)$")).match(line);
    return match.hasMatch() ? QUrl(match.captured(1)) : QUrl();
}

void TestSandboxExecutable::startsAndAnswers()
{
    QProcess process;
    process.start(QStringLiteral(WINDSOCK_BINARY_DIR "/app/sandbox/windsock-sandbox"),
                  {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--max-seconds"),
                   QStringLiteral("20"), QStringLiteral("--dags"), QStringLiteral("12"),
                   QStringLiteral("--user"), QStringLiteral("ops:pw")});
    QVERIFY(process.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 10000);
    const QString line = QString::fromUtf8(process.readLine()).trimmed();
    const QRegularExpressionMatch match =
        QRegularExpression(QStringLiteral("^listening on http://127\\.0\\.0\\.1:(\\d+)$")).match(line);
    QVERIFY2(match.hasMatch(), qPrintable(line));
    QUrl base(QStringLiteral("http://127.0.0.1"));
    base.setPort(match.captured(1).toInt());
    SandboxHttp http(base);
    QCOMPARE(http.send(QByteArrayLiteral("GET"), QStringLiteral("dags"), {}, true, {}, "ops:pw")
                 .json()
                 .value(QStringLiteral("total_entries"))
                 .toInt(),
             12);
    QCOMPARE(http.get(QStringLiteral("dags")).status, 401); // admin:admin was replaced by --user
    process.terminate();
    QVERIFY(process.waitForFinished(5000));
}

void TestSandboxExecutable::takenPortFails()
{
    QProcess first;
    first.start(QStringLiteral(WINDSOCK_BINARY_DIR "/app/sandbox/windsock-sandbox"),
                {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--max-seconds"),
                 QStringLiteral("10")});
    QVERIFY(first.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(first.canReadLine(), 10000);
    const QString port = QString::fromUtf8(first.readLine()).trimmed().section(u':', -1);
    QProcess second;
    second.start(QStringLiteral(WINDSOCK_BINARY_DIR "/app/sandbox/windsock-sandbox"),
                 {QStringLiteral("--port"), port});
    QVERIFY(second.waitForFinished(10000));
    QCOMPARE(second.exitCode(), 1);
    first.terminate();
    QVERIFY(first.waitForFinished(5000));
}

void TestSandboxExecutable::jwtAuthFromFlags()
{
    QProcess process;
    const QUrl base = startSandbox(process, {QStringLiteral("--auth"), QStringLiteral("jwt"),
                                             QStringLiteral("--user"), QStringLiteral("ops:pw"),
                                             QStringLiteral("--jwt-lifetime"), QStringLiteral("60")});
    QVERIFY(base.isValid());
    QCOMPARE(base.scheme(), QStringLiteral("http"));
    SandboxHttp http(base);
    QNetworkRequest login(http.url(QStringLiteral("/auth/token")));
    login.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const HttpAnswer token = http.exchange(login, "POST", "{\"username\":\"ops\",\"password\":\"pw\"}");
    QCOMPARE(token.status, 201);
    const QString jwt = token.json().value(QStringLiteral("access_token")).toString();
    const QJsonObject claims =
        QJsonDocument::fromJson(
            QByteArray::fromBase64(jwt.section(u'.', 1, 1).toLatin1(), QByteArray::Base64UrlEncoding))
            .object();
    QCOMPARE(claims.value(QStringLiteral("exp")).toInteger() -
                 claims.value(QStringLiteral("iat")).toInteger(),
             60);
    QNetworkRequest dags(http.url(QStringLiteral("/api/v1/dags")));
    dags.setRawHeader("Authorization", "Bearer " + jwt.toLatin1());
    QCOMPARE(http.exchange(dags, "GET").status, 200);
    QCOMPARE(http.get(QStringLiteral("dags")).status, 401); // Basic is not accepted in this mode
    process.terminate();
    QVERIFY(process.waitForFinished(5000));
}

void TestSandboxExecutable::httpsFromFlags()
{
    Windsock::Tests::TestCertificates certificates;
    QVERIFY2(certificates.generate(), qPrintable(certificates.errorString()));
    QProcess process;
    const QUrl base = startSandbox(process, {QStringLiteral("--tls-cert"), certificates.serverChain(),
                                             QStringLiteral("--tls-key"), certificates.serverKey()});
    QVERIFY(base.isValid());
    QCOMPARE(base.scheme(), QStringLiteral("https"));
    SandboxHttp http(base);
    QNetworkRequest request(http.url(QStringLiteral("/api/v1/version")));
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.addCaCertificates(certificates.caCertificate());
    request.setSslConfiguration(configuration);
    QCOMPARE(http.exchange(request, "GET").status, 200);
    process.terminate();
    QVERIFY(process.waitForFinished(5000));
}

void TestSandboxExecutable::experimentalFromFlags()
{
    QProcess process;
    const QUrl base = startSandbox(process, {QStringLiteral("--api"), QStringLiteral("experimental"),
                                             QStringLiteral("--experimental-auth"), QStringLiteral("default"),
                                             QStringLiteral("--dags"), QStringLiteral("3")});
    QVERIFY(base.isValid());
    SandboxHttp http(base);
    const HttpAnswer test =
        http.exchange(QNetworkRequest(http.url(QStringLiteral("/api/experimental/test"))), "GET");
    QCOMPARE(test.status, 200); // no authentication with the default backend
    QCOMPARE(test.json().value(QStringLiteral("status")).toString(), QStringLiteral("OK"));
    const HttpAnswer latest =
        http.exchange(QNetworkRequest(http.url(QStringLiteral("/api/experimental/latest_runs"))), "GET");
    QCOMPARE(latest.json().value(QStringLiteral("items")).toArray().size(), 3);
    QCOMPARE(http.get(QStringLiteral("version")).status, 404); // there is no /api/v1
    process.terminate();
    QVERIFY(process.waitForFinished(5000));

    QProcess denying;
    const QUrl denyingBase =
        startSandbox(denying, {QStringLiteral("--api"), QStringLiteral("experimental"),
                               QStringLiteral("--experimental-auth"), QStringLiteral("deny_all")});
    QVERIFY(denyingBase.isValid());
    SandboxHttp denied(denyingBase);
    const HttpAnswer forbidden =
        denied.exchange(QNetworkRequest(denied.url(QStringLiteral("/api/experimental/test"))), "GET");
    QCOMPARE(forbidden.status, 403);
    QCOMPARE(forbidden.body, QByteArrayLiteral("Forbidden"));
    denying.terminate();
    QVERIFY(denying.waitForFinished(5000));
}

void TestSandboxExecutable::badAuthFlagsFail_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("unknown mode") << QStringList{QStringLiteral("--auth"), QStringLiteral("kerberos")};
    QTest::newRow("cert without key")
        << QStringList{QStringLiteral("--tls-cert"), QStringLiteral("cert.pem")};
    QTest::newRow("client without secret")
        << QStringList{QStringLiteral("--oauth-client"), QStringLiteral("id")};
    QTest::newRow("zero lifetime") << QStringList{QStringLiteral("--jwt-lifetime"), QStringLiteral("0")};
    QTest::newRow("unknown api") << QStringList{QStringLiteral("--api"), QStringLiteral("v3")};
    QTest::newRow("unknown experimental backend")
        << QStringList{QStringLiteral("--api"), QStringLiteral("experimental"),
                       QStringLiteral("--experimental-auth"), QStringLiteral("kerberos")};
}

void TestSandboxExecutable::badAuthFlagsFail()
{
    QFETCH(QStringList, arguments);
    QProcess process;
    process.start(program(), arguments);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(!process.readAllStandardError().isEmpty());
}

QTEST_GUILESS_MAIN(TestSandboxExecutable)
#include "tst_sandbox_executable.moc"
