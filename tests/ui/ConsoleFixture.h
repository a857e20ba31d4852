#pragma once

// The console window most tests in tests/ui drive: a test database on one backend, a Cloud API
// simulator it sends to, the token the keychain would hold, and the window on them. The set-up
// work on the database happens under TestDbAccess, before the window exists, so that the window
// never sees half-prepared data; close() takes everything down in the order that lets the
// database go last.

#include "UiTestUtil.h"
#include "db/AppSettings.h"
#include "settings/SettingKeys.h"

#include <QSize>

#include <functional>
#include <memory>

namespace herald::test {

// What differs between the tests' consoles; the defaults are what most tests want.
struct ConsoleOptions
{
    SimulatorConfig simulator{};
    bool syncTemplates = true;
    QString importRegion;                 // stored before the window opens unless empty
    std::function<void(Database &)> seed; // runs under TestDbAccess before the window opens
    const Clock *clock = nullptr;         // the system clock unless set
    QSize windowSize;                     // applied before showing when valid
};

class ConsoleFixture
{
public:
    ConsoleFixture() = default;
    ConsoleFixture(const ConsoleFixture &) = delete;
    ConsoleFixture &operator=(const ConsoleFixture &) = delete;
    ~ConsoleFixture() { close(); }

    // Database, simulator (its templates synced unless told not to), settings and seed; false
    // with `skip` saying why when the backend or the simulator is not available.
    bool prepare(const QString &backend, QString *skip, ConsoleOptions options = {})
    {
        close();
        m_options = std::move(options);
        TestDbAccess access;
        m_tdb = TestDatabase::create(backend, skip);
        if (!m_tdb) {
            return false;
        }
        m_sim = std::make_unique<CloudApiSimulator>(m_options.simulator);
        if (!m_sim->start() || (m_options.syncTemplates && !syncTemplates(m_tdb->db(), *m_sim))) {
            *skip = QStringLiteral("the simulator did not start");
            return false;
        }
        if (!m_options.importRegion.isEmpty()) {
            AppSettings(m_tdb->db()).set(SettingKeys::ImportRegion, m_options.importRegion);
        }
        if (m_options.seed) {
            m_options.seed(m_tdb->db());
        }
        m_credentials = std::make_unique<FixedCredentials>(m_sim->config().accessToken);
        return true;
    }

    // The context a window of this fixture runs on (after prepare()).
    ui::AppContext context() const
    {
        ui::AppContext c = contextFor(*m_tdb, *m_sim, m_credentials.get());
        if (m_options.clock) {
            c.clock = m_options.clock;
        }
        return c;
    }

    // Opens and shows the window (after prepare()).
    ui::MainWindow *open()
    {
        m_window = std::make_unique<ui::MainWindow>(context());
        if (m_options.windowSize.isValid()) {
            m_window->resize(m_options.windowSize);
        }
        m_window->show();
        return m_window.get();
    }

    // Closes the window without questions, then lets the simulator and the database go.
    void close()
    {
        if (m_window) {
            m_window->closeWithoutAsking();
        }
        m_window.reset();
        TestDbAccess access;
        m_credentials.reset();
        m_sim.reset();
        m_tdb.reset();
    }

    // After a failed prepare(): whether the backend was there (and the simulator failed).
    bool hasDatabase() const { return m_tdb != nullptr; }
    ui::MainWindow *window() const { return m_window.get(); }
    TestDatabase &tdb() const { return *m_tdb; }
    Database &db() const { return m_tdb->db(); }
    CloudApiSimulator &sim() const { return *m_sim; }

private:
    ConsoleOptions m_options;
    std::unique_ptr<TestDatabase> m_tdb;
    std::unique_ptr<CloudApiSimulator> m_sim;
    std::unique_ptr<FixedCredentials> m_credentials;
    std::unique_ptr<ui::MainWindow> m_window;
};

} // namespace herald::test
