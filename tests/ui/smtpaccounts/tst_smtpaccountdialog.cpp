// New SMTP Account from the SMTP Accounts page of the real window (scratch profile), against
// the real SMTP server: a wrong password shows in the dialog and saves nothing; the right one
// closes the dialog and the account appears in the page's table. A certificate the system does
// not trust is offered by fingerprint; trusting it saves the pin with the account, and the
// Outbox sends through it; a different certificate later is refused in words. Screenshots.
#include "app/services/appcontext.h"
#include "app/services/outbox/outboxservice.h"
#include "app/services/profile.h"
#include "app/services/secretstore.h"
#include "connectors/common/endpoint.h"
#include "models/store.h"
#include "support/apptestwindow.h"
#include "support/screenshot.h"
#include "support/testenv.h"
#include "support/widgetlookup.h"
#include "ui/connectivitypage.h"
#include "ui/mainwindow.h"
#include "ui/overviewpage.h"
#include "ui/smtpaccountdialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSslCertificate>
#include <QTableView>
#include <QTest>

#include <memory>

using namespace Tributary;
using namespace Tributary::Ui;
using TestEnv::child;
using TestEnv::typeInto;

class tst_SmtpAccountDialog : public QObject
{
    Q_OBJECT

    QString m_user, m_password, m_port, m_smtpsPort, m_ca, m_spool;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<MainWindow> m_window;

    static void screenshot(QWidget *widget, const QString &name)
    {
        TRIBUTARY_SCREENSHOT(widget, QStringLiteral("smtpaccountdialog-") + name);
    }
    SmtpAccountDialog *openNewDialog()
    {
        m_window->showPage(PageInfo::Id::SmtpAccounts);
        ConnectivityPage *page = m_window->connectivityPage(PageInfo::Id::SmtpAccounts);
        if (!page || !page->primaryButton())
            return nullptr;
        QTest::mouseClick(page->primaryButton(), Qt::LeftButton);
        return m_window->findChild<SmtpAccountDialog *>(QStringLiteral("SmtpAccountDialog"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        TRIBUTARY_REQUIRE_ENV(m_port, "smtp", "SMTP_PORT");
        TRIBUTARY_REQUIRE_ENV(m_user, "smtp", "SMTP_USER");
        TRIBUTARY_REQUIRE_ENV(m_password, "smtp", "SMTP_PASSWORD");
        TRIBUTARY_REQUIRE_ENV(m_smtpsPort, "smtp", "SMTPS_PORT");
        TRIBUTARY_REQUIRE_ENV(m_ca, "smtp", "SMTP_CA");
        TRIBUTARY_REQUIRE_ENV(m_spool, "smtp", "SMTP_SPOOL");
    }
    void init()
    {
        QString error;
        m_context = TestEnv::openScratchContext(QStringLiteral("smtpaccountdialog"),
                                                QStringLiteral("Tributary-test"), &error);
        QVERIFY2(m_context, qPrintable(error));
        m_window = std::make_unique<MainWindow>(*m_context);
        QVERIFY(TestEnv::showTestWindow(*m_window));
    }
    void cleanup()
    {
        m_window.reset();
        m_context.reset();
    }

    void newAccountWrongThenRightPassword()
    {
        QPointer<SmtpAccountDialog> dialog = openNewDialog();
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isVisible(), 30000);
        auto *port = child<QSpinBox>(dialog, "portSpin");
        auto *encryption = child<QComboBox>(dialog, "encryptionCombo");
        auto *auth = child<QCheckBox>(dialog, "authCheck");
        auto *user = child<QLineEdit>(dialog, "usernameEdit");
        auto *password = child<QLineEdit>(dialog, "passwordEdit");
        auto *save = child<QPushButton>(dialog, "saveButton");
        auto *status = child<QLabel>(dialog, "statusLabel");
        auto *errorLabel = child<QLabel>(dialog, "errorLabel");
        QVERIFY(port && encryption && auth && user && password && save && status && errorLabel);
        QCOMPARE(port->value(), 25);
        QCOMPARE(password->echoMode(), QLineEdit::Password);
        QVERIFY(auth->isChecked());
        // Every control is labelled for assistive technology.
        for (QWidget *w : dialog->findChildren<QWidget *>()) {
            if ((qobject_cast<QLineEdit *>(w) && w->parentWidget() == dialog)
                || qobject_cast<QPushButton *>(w))
                QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));
        }
        screenshot(dialog, QStringLiteral("empty"));

        // Port suggestions follow the encryption until the user types a port.
        encryption->setCurrentIndex(encryption->findText(QStringLiteral("SSL/TLS")));
        QCOMPARE(port->value(), 465);
        encryption->setCurrentIndex(encryption->findText(QStringLiteral("STARTTLS")));
        QCOMPARE(port->value(), 587);
        encryption->setCurrentIndex(encryption->findText(QStringLiteral("None")));
        QCOMPARE(port->value(), 25);

        // Authentication off disables user and password.
        auth->setChecked(false);
        QVERIFY(!user->isEnabled() && !password->isEnabled());
        auth->setChecked(true);
        QVERIFY(user->isEnabled() && password->isEnabled());

        typeInto(child<QLineEdit>(dialog, "displayNameEdit"), QStringLiteral("Work"));
        typeInto(child<QLineEdit>(dialog, "serverEdit"), QStringLiteral("127.0.0.1"));
        port->setValue(m_port.toInt());
        encryption->setCurrentIndex(encryption->findText(QStringLiteral("SSL/TLS")));
        QCOMPARE(port->value(), m_port.toInt()); // typed port kept
        encryption->setCurrentIndex(encryption->findText(QStringLiteral("None")));

        // An invalid address is refused before anything is contacted.
        typeInto(child<QLineEdit>(dialog, "emailEdit"), QStringLiteral("me.example.test"));
        typeInto(user, m_user);
        typeInto(password, QStringLiteral("wrong-password"));
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY(errorLabel->isVisible());
        QVERIFY(errorLabel->text().contains(QLatin1String("email")));
        QVERIFY(save->isEnabled());

        typeInto(child<QLineEdit>(dialog, "emailEdit"), QStringLiteral("me@example.test"));
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY(!save->isEnabled());
        QVERIFY(status->isVisible());
        QCOMPARE(status->text(), QStringLiteral("Testing the connection…"));
        QTRY_VERIFY_WITH_TIMEOUT(save->isEnabled(), 60000);
        QVERIFY(dialog && dialog->isVisible());
        QVERIFY(errorLabel->isVisible());
        QVERIFY2(errorLabel->text().contains(QLatin1String("uthenticat"))
                     || errorLabel->text().contains(QLatin1String("password")),
                 qPrintable(errorLabel->text()));
        QVERIFY(m_context->store().smtpAccounts().isEmpty());
        screenshot(dialog, QStringLiteral("error"));

        typeInto(password, m_password);
        screenshot(dialog, QStringLiteral("filled"));
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog || !dialog->isVisible(), 60000);

        const QList<SmtpAccount> accounts = m_context->store().smtpAccounts();
        QCOMPARE(accounts.size(), 1);
        QCOMPARE(accounts.first().email, QStringLiteral("me@example.test"));
        QTableView *table = m_window->connectivityPage(PageInfo::Id::SmtpAccounts)->table();
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 1, 30000);
        QCOMPARE(table->model()->index(0, 0).data().toString(), QStringLiteral("Work"));
        QTRY_VERIFY_WITH_TIMEOUT(table->isVisible(), 30000);
        screenshot(m_window.get(), QStringLiteral("page"));

        // Delete asks first; No keeps the account, Yes removes it.
        table->setCurrentIndex(table->model()->index(0, 0));
        auto *remove = table->findChild<QAction *>(QStringLiteral("deleteSmtpAccountAction"));
        QVERIFY(remove);
        remove->trigger();
        QMessageBox *box
            = m_window->findChild<QMessageBox *>(QStringLiteral("deleteSmtpAccountQuestion"));
        QVERIFY(box);
        QTest::mouseClick(box->button(QMessageBox::No), Qt::LeftButton);
        QCOMPARE(m_context->store().smtpAccounts().size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(
            !m_window->findChild<QMessageBox *>(QStringLiteral("deleteSmtpAccountQuestion")),
            30000);
        remove->trigger();
        box = m_window->findChild<QMessageBox *>(QStringLiteral("deleteSmtpAccountQuestion"));
        QVERIFY(box);
        QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(m_context->store().smtpAccounts().isEmpty(), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 0, 30000);
    }

    // The fixture's certificate without its CA: the test on save offers it by fingerprint;
    // trusting it saves the account with the pin, and the Outbox sends through the pinned
    // certificate. A different pin later is refused in words, by the Outbox and the dialog.
    void trustUnknownCertificateThenSend()
    {
        const QList<QSslCertificate> certs = QSslCertificate::fromPath(m_ca);
        QVERIFY(!certs.isEmpty());
        const QByteArray fixtureFingerprint = Net::fingerprintSha256(certs.first());
        QCOMPARE(fixtureFingerprint.size(), 32);

        QPointer<SmtpAccountDialog> dialog = openNewDialog();
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isVisible(), 30000);
        auto *encryption = child<QComboBox>(dialog, "encryptionCombo");
        auto *save = child<QPushButton>(dialog, "saveButton");
        auto *errorLabel = child<QLabel>(dialog, "errorLabel");
        auto *fingerprint = child<QLabel>(dialog, "fingerprintLabel");
        auto *trust = child<QPushButton>(dialog, "trustCertificateButton");
        QVERIFY(encryption && save && errorLabel && fingerprint && trust);
        QVERIFY(!trust->isVisible());
        typeInto(child<QLineEdit>(dialog, "displayNameEdit"), QStringLiteral("Pinned"));
        typeInto(child<QLineEdit>(dialog, "serverEdit"), QStringLiteral("127.0.0.1"));
        encryption->setCurrentIndex(encryption->findText(QStringLiteral("SSL/TLS")));
        child<QSpinBox>(dialog, "portSpin")->setValue(m_smtpsPort.toInt());
        typeInto(child<QLineEdit>(dialog, "emailEdit"), QStringLiteral("pinned@example.test"));
        typeInto(child<QLineEdit>(dialog, "usernameEdit"), m_user);
        typeInto(child<QLineEdit>(dialog, "passwordEdit"), m_password);
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(trust->isVisible(), 60000);
        QVERIFY2(errorLabel->text().contains(QLatin1String("TLS")), qPrintable(errorLabel->text()));
        QVERIFY2(fingerprint->text().contains(Net::formatFingerprint(fixtureFingerprint)),
                 qPrintable(fingerprint->text()));
        QVERIFY(m_context->store().smtpAccounts().isEmpty());
        screenshot(dialog, QStringLiteral("untrusted-certificate"));

        QTest::mouseClick(trust, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog || !dialog->isVisible(), 60000);
        QList<SmtpAccount> accounts = m_context->store().smtpAccounts();
        QCOMPARE(accounts.size(), 1);
        SmtpAccount account = accounts.first();
        QCOMPARE(account.pinnedSha256, fixtureFingerprint);

        // The Outbox honours the pin: the message reaches the server byte for byte.
        OutboxService &outbox = m_context->outbox();
        QSignalSpy sent(&outbox, &OutboxService::sent);
        QSignalSpy failed(&outbox, &OutboxService::failed);
        const QByteArray message = "From: pinned@example.test\r\nTo: you@example.test\r\n"
                                   "Subject: Pinned\r\nMessage-ID: <pinned-1@example.test>\r\n"
                                   "\r\nThrough the pinned certificate.\r\n";
        OutboxService::Envelope envelope;
        envelope.recipients = {QStringLiteral("you@example.test")};
        envelope.subject = QStringLiteral("Pinned");
        QString error;
        const qint64 id = outbox.enqueue(account.uuid, message, envelope, &error);
        QVERIFY2(id > 0, qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(!sent.isEmpty() || !failed.isEmpty(), 60000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(1).toString()));
        QCOMPARE(sent.first().at(0).toLongLong(), id);
        bool inSpool = false;
        const QStringList files = QDir(m_spool).entryList({QStringLiteral("*.eml")}, QDir::Files);
        for (const QString &name : files) {
            QFile f(m_spool + QLatin1Char('/') + name);
            inSpool = inSpool || (f.open(QIODevice::ReadOnly) && f.readAll() == message);
        }
        QVERIFY(inSpool);

        // A pin that does not match the server's certificate: refused for good, in words.
        account.pinnedSha256
            = QCryptographicHash::hash("another certificate", QCryptographicHash::Sha256);
        QVERIFY(m_context->store().updateSmtpAccount(account));
        const qint64 second = outbox.enqueue(account.uuid, message, envelope, &error);
        QVERIFY2(second > 0, qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(failed.size() == 1, 60000);
        QCOMPARE(sent.size(), 1);
        QCOMPARE(failed.first().at(0).toLongLong(), second);
        const QString words = failed.first().at(1).toString();
        QVERIFY2(words.contains(QLatin1String("certificate other than the one you trusted")),
                 qPrintable(words));
        QCOMPARE(m_context->store().outboxEntry(second)->state, OutboxEntry::State::Failed);

        // The edit dialog's test says the certificate changed and offers the new one.
        auto *edit
            = new SmtpAccountDialog(m_context->smtpAccountService(), account, m_window.get());
        edit->setAttribute(Qt::WA_DeleteOnClose);
        edit->open();
        QPointer<SmtpAccountDialog> editing(edit);
        auto *editTrust = child<QPushButton>(edit, "trustCertificateButton");
        auto *editFingerprint = child<QLabel>(edit, "fingerprintLabel");
        QTest::mouseClick(child<QPushButton>(edit, "saveButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(editTrust->isVisible(), 60000);
        QVERIFY2(editFingerprint->text().contains(QLatin1String("different certificate")),
                 qPrintable(editFingerprint->text()));
        screenshot(edit, QStringLiteral("changed-certificate"));
        QTest::mouseClick(editTrust, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!editing || !editing->isVisible(), 60000);
        QCOMPARE(m_context->store().smtpAccount(account.uuid)->pinnedSha256, fixtureFingerprint);
    }

    // The SMTP card on the Connectivity overview opens the same dialog as the page's button.
    void overviewCardOpensDialog()
    {
        m_window->showPage(PageInfo::Id::Overview);
        OverviewCard *card = m_window->overviewPage()->card(PageInfo::Id::SmtpAccounts);
        QVERIFY(card);
        QVERIFY(!m_window->findChild<SmtpAccountDialog *>(QStringLiteral("SmtpAccountDialog")));
        QTest::mouseClick(card->actionButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_window->findChild<SmtpAccountDialog *>(QStringLiteral("SmtpAccountDialog")), 30000);
        SmtpAccountDialog *dialog
            = m_window->findChild<SmtpAccountDialog *>(QStringLiteral("SmtpAccountDialog"));
        QVERIFY(dialog->isVisible());
        dialog->reject();
    }
};

QTEST_MAIN(tst_SmtpAccountDialog)
#include "tst_smtpaccountdialog.moc"
