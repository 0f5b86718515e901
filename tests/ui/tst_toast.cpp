#include "ui/notifier.h"
#include "ui/toast.h"

#include <QAccessible>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace Tributary::Ui;

class TestToast : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void accessibleText();
    void fadesOutAfterTimeout();
    void escapeDismisses();
    void dismissButtonByKeyboard();
    void notifierStacksBottomRight();
    void notifierLimitsToasts();

private:
    std::unique_ptr<QWidget> m_host;
};

void TestToast::init()
{
    m_host = std::make_unique<QWidget>();
    m_host->setObjectName(QStringLiteral("host"));
    m_host->resize(900, 600);
    m_host->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_host.get(), 30000));
}

void TestToast::cleanup()
{
    m_host.reset();
}

void TestToast::accessibleText()
{
    auto *toast = new Toast(QStringLiteral("Retrieval failed"),
                            QStringLiteral("imap.example.test refused the password."),
                            Severity::Error, m_host.get());
    toast->popUp();
    QVERIFY(toast->isVisible());
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(toast);
    QVERIFY(iface);
    QCOMPARE(iface->text(QAccessible::Name), QStringLiteral("Retrieval failed"));
    QCOMPARE(iface->text(QAccessible::Description),
             QStringLiteral("imap.example.test refused the password."));
    auto *close = toast->findChild<QToolButton *>(QStringLiteral("toastDismissButton"));
    QVERIFY(close);
    QVERIFY(!close->accessibleName().isEmpty());
    QCOMPARE(toast->severity(), Severity::Error);
    // A toast never steals the keyboard from what the user is doing.
    QVERIFY(!toast->hasFocus());
    QVERIFY(!close->hasFocus());
}

void TestToast::fadesOutAfterTimeout()
{
    QPointer<Toast> toast = new Toast(QStringLiteral("Done"), QStringLiteral("3 messages"),
                                      Severity::Success, m_host.get());
    toast->setTimeout(200);
    QSignalSpy dismissed(toast.data(), &Toast::dismissed);
    toast->popUp();
    QVERIFY(toast->isVisible());
    QVERIFY(dismissed.wait(30000));
    QCOMPARE(dismissed.count(), 1);
    // Deleted after the fade.
    QTRY_VERIFY_WITH_TIMEOUT(toast.isNull(), 30000);
}

void TestToast::escapeDismisses()
{
    QPointer<Toast> toast
        = new Toast(QStringLiteral("Sent"), QStringLiteral("to bob"), Severity::Info, m_host.get());
    toast->setTimeout(60000);
    QSignalSpy dismissed(toast.data(), &Toast::dismissed);
    toast->popUp();
    m_host->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_host.get(), 30000));
    toast->setFocus();
    QTest::keyClick(toast.data(), Qt::Key_Escape);
    QCOMPARE(dismissed.count(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(toast.isNull(), 30000);
}

void TestToast::dismissButtonByKeyboard()
{
    QPointer<Toast> toast = new Toast(QStringLiteral("Warning"), QStringLiteral("Disk full"),
                                      Severity::Warning, m_host.get());
    toast->setTimeout(60000);
    QSignalSpy dismissed(toast.data(), &Toast::dismissed);
    toast->popUp();
    auto *close = toast->findChild<QToolButton *>(QStringLiteral("toastDismissButton"));
    QVERIFY(close->focusPolicy() & Qt::TabFocus);
    m_host->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_host.get(), 30000));
    close->setFocus(Qt::TabFocusReason);
    QTest::keyClick(close, Qt::Key_Space);
    QTRY_COMPARE_WITH_TIMEOUT(dismissed.count(), 1, 30000);
    // Escape on the focused button dismisses too (second toast).
    QPointer<Toast> second
        = new Toast(QStringLiteral("Again"), QStringLiteral("x"), Severity::Info, m_host.get());
    second->setTimeout(60000);
    second->popUp();
    auto *close2 = second->findChild<QToolButton *>(QStringLiteral("toastDismissButton"));
    close2->setFocus(Qt::TabFocusReason);
    QTest::keyClick(close2, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(second.isNull(), 30000);
}

void TestToast::notifierStacksBottomRight()
{
    Notifier notifier(m_host.get());
    notifier.setToastTimeout(60000);
    QSignalSpy notified(&notifier, &Notifier::notified);
    notifier.notify(QStringLiteral("First"), QStringLiteral("one"), Severity::Info);
    notifier.notify(QStringLiteral("Second"), QStringLiteral("two"), Severity::Warning);
    QCOMPARE(notified.count(), 2);
    QCOMPARE(notified.at(1).at(0).toString(), QStringLiteral("Second"));
    QCOMPARE(notified.at(1).at(2).value<Severity::Level>(), Severity::Warning);

    const QList<Toast *> toasts = notifier.toasts();
    QCOMPARE(toasts.size(), 2);
    Toast *first = toasts.at(0);
    Toast *second = toasts.at(1);
    QCOMPARE(first->title(), QStringLiteral("First"));
    QVERIFY(first->isVisible() && second->isVisible());
    // Newest at the bottom right, inside the host, the older one above it.
    QVERIFY(m_host->rect().contains(second->geometry()));
    QVERIFY(m_host->rect().contains(first->geometry()));
    QVERIFY(second->geometry().bottom() > m_host->height() - 40);
    QVERIFY(second->geometry().right() > m_host->width() - 40);
    QVERIFY(first->geometry().bottom() < second->geometry().top());
    QCOMPARE(first->geometry().right(), second->geometry().right());

    // Follows the host's size.
    m_host->resize(700, 500);
    QTRY_VERIFY_WITH_TIMEOUT(
        second->geometry().right() > 700 - 40 && second->geometry().right() < 700, 30000);
    QVERIFY(second->geometry().bottom() < 500);

    // Removing the newest moves the older one down to the corner.
    const int bottomBefore = first->geometry().bottom();
    second->dismiss(true);
    QTRY_COMPARE_WITH_TIMEOUT(notifier.toasts().size(), 1, 30000);
    QVERIFY(first->geometry().bottom() > bottomBefore);
}

void TestToast::notifierLimitsToasts()
{
    Notifier notifier(m_host.get());
    notifier.setToastTimeout(60000);
    for (int i = 0; i < Notifier::maxToasts() + 2; ++i)
        notifier.notify(QStringLiteral("Event %1").arg(i), QString(), Severity::Info);
    const QList<Toast *> toasts = notifier.toasts();
    QCOMPARE(toasts.size(), Notifier::maxToasts());
    // The oldest made room.
    QCOMPARE(toasts.first()->title(), QStringLiteral("Event 2"));
    QCOMPARE(toasts.last()->title(), QStringLiteral("Event %1").arg(Notifier::maxToasts() + 1));
}

QTEST_MAIN(TestToast)
#include "tst_toast.moc"
