#pragma once

#include <QColor>
#include <QWidget>
#include <memory>

class QFrame;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace Windsock::Ui {

class DeploymentView;
class Session;

// One tab of the main window's deployments: while the deployment opens, "Connecting to …" with a progress
// bar and Cancel; then its DeploymentView under a thin strip of the profile's colour (so that prod never
// looks like staging, whichever tab is in front). The tab owns its session and destroys the view (and every
// call it holds on the session's client) before the session.
class DeploymentTab final : public QWidget
{
    Q_OBJECT

public:
    // profileId is empty for the demo.
    DeploymentTab(const QString &profileId, const QString &name, const QColor &colour,
                  QWidget *parent = nullptr);
    ~DeploymentTab() override;

    QString profileId() const { return m_profileId; }
    QString name() const { return m_name; }
    QColor colour() const { return m_colour; }
    bool isDemo() const;
    Session *session() const { return m_session.get(); }
    DeploymentView *view() const { return m_view; }
    // Opening (the first time, or again after the profile was edited).
    bool isConnecting() const { return m_connecting; }
    QFrame *colourStrip() const { return m_strip; }

    // Shows "Connecting to …" (over the view, when one is there: it stays if the opening fails).
    void showConnecting();
    // The opening ended without a new session: back to the view, if any.
    void stopConnecting();
    // Shows this session (built into a new view), replacing the one shown before (view first, then session).
    void setSession(std::unique_ptr<Session> session);
    void setName(const QString &name);
    void setColour(const QColor &colour);

Q_SIGNALS:
    void cancelRequested();
    // The view was replaced: the window wires the new one.
    void viewChanged(Windsock::Ui::DeploymentView *view);

private:
    void updateStrip();

    QString m_profileId;
    QString m_name;
    QColor m_colour;
    // Declared first, destroyed last: the session outlives the view (the destructor deletes the view first).
    std::unique_ptr<Session> m_session;
    DeploymentView *m_view = nullptr;
    bool m_connecting = false;
    QFrame *m_strip = nullptr;
    QStackedWidget *m_pages = nullptr;
    QWidget *m_connectingPage = nullptr;
    QLabel *m_connectingText = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace Windsock::Ui
