#pragma once

#include "AppContext.h"
#include "cloudapi/ApiSettings.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>

namespace herald::ui {

class DataService;

// The wizard's calls to the Graph API, each on a thread of its own (the GUI thread never
// waits on the network), with the connection the sender would use: the stored settings and
// the token from Credentials, or the context's override (demo, tests).
class ApiCall
{
public:
    // `done(api, problem)` on `context`'s thread; problem is empty when `api` can be used.
    static void settings(const AppContext &app, DataService &data, QObject *context,
                         std::function<void(const ApiSettings &, const QString &)> done);

    // Creates a `Call` (PhoneNumberCheck, TestSend) on a new thread, lets `begin` start it
    // there, and hands its finished(Result) to `done` on `context`'s thread; the thread ends
    // with it.
    template <typename Call, typename Result>
    static void run(const ApiSettings &api, QObject *context, std::function<void(Call &)> begin,
                    std::function<void(const Result &)> done)
    {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("api call"));
        auto *holder = new QObject;
        holder->moveToThread(thread);
        QPointer<QObject> guard(context);
        QObject::connect(thread, &QThread::started, holder, [=] {
            auto *call = new Call(api, holder);
            QObject::connect(call, &Call::finished, holder, [=](const Result &result) {
                QMetaObject::invokeMethod(
                    QCoreApplication::instance(),
                    [guard, done, result] {
                        if (guard) {
                            done(result);
                        }
                    },
                    Qt::QueuedConnection);
                thread->quit();
            });
            begin(*call);
        });
        QObject::connect(thread, &QThread::finished, holder, &QObject::deleteLater);
        QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
        thread->start();
    }
};

} // namespace herald::ui
