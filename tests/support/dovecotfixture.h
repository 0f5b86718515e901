#pragma once

// The Dovecot set-up that the retrieval and filtering tests share: reset a user's mailbox,
// deliver messages into its folders, make a retrieval task for the user and write the
// task's password (or token) to the keychain of the test session.
//
//   DovecotFixture dovecot(QStringLiteral("dovecot"), QStringLiteral("imapretrieval"));
//   QVERIFY2(dovecot.isValid(), qPrintable(dovecot.error()));   // in initTestCase
//   QVERIFY(dovecot.reset(user) && dovecot.deliver(user, "INBOX", {message}));
//   RetrievalTask task = dovecot.task(RetrievalTask::Kind::Imap, user);
//   QVERIFY(dovecot.addTask(store, task));      // stored, password "pw-<user>" written
//   ... dovecot.secrets(), dovecot.ca() ...
//   // the destructor removes the keychain entries it wrote (removeSecrets())
//
// `server` names the fixture whose env file has the Dovecot keys: "dovecot", or
// "dovecot-oauth" (its Dovecot checks OAuth tokens). A missing key is a test failure (the
// test QFAILs on isValid()), never a skip. Header only: the tests that include it link
// tributary_app. Main thread; the tool calls and keychain writes wait (test code only).

#include "app/services/secretstore.h"
#include "models/retrievaltask.h"
#include "models/store.h"
#include "support/testenv.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDebug>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QList>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSettings>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QStringList>
#include <QUuid>

#include <memory>

#include <pwd.h>
#include <unistd.h>

namespace Tributary {
class ActivityLogger;
}

class DovecotFixture
{
public:
    // `name` keeps this test's files (settings, delivered messages) and keychain service
    // apart from other tests'.
    DovecotFixture(const QString &server, const QString &name)
        : m_server(server)
        , m_name(name)
    {
        m_env = TestEnv::values(server);
        for (const char *key : {"IMAP_PORT", "IMAPS_PORT", "POP3_PORT", "POP3S_PORT", "CA",
                                "DELIVER", "RESET", "DOVEADM"}) {
            if (!m_env.contains(QLatin1String(key)))
                m_error += QStringLiteral("test server '%1' is not running (no %2 in %3); ")
                               .arg(server, QLatin1String(key), TestEnv::rootDir());
        }
        m_ca = QSslCertificate::fromPath(m_env.value(QStringLiteral("CA")));
        if (m_error.isEmpty() && m_ca.size() != 1)
            m_error = QStringLiteral("the CA certificate of '%1' could not be read").arg(server);
        const QString dir = TestEnv::scratchDir(name + QStringLiteral("-settings"));
        m_settings = std::make_unique<QSettings>(dir + QStringLiteral("/settings.ini"),
                                                 QSettings::IniFormat);
        m_secrets = std::make_unique<Tributary::SecretStore>(*m_settings);
        m_secrets->setServiceName(QStringLiteral("Tributary-test-") + name);
    }

    // Removes the keychain entries it wrote (removeSecrets()).
    ~DovecotFixture() { removeSecrets(); }
    DovecotFixture(const DovecotFixture &) = delete;
    DovecotFixture &operator=(const DovecotFixture &) = delete;

    bool isValid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    QString value(const QString &key) const { return m_env.value(key); }
    quint16 port(const QString &key) const { return quint16(m_env.value(key).toUInt()); }
    // The fixture's CA certificate (trust it with setExtraCaCertificates()).
    QList<QSslCertificate> ca() const { return m_ca; }
    Tributary::SecretStore &secrets() { return *m_secrets; }
    QSettings &settings() { return *m_settings; }

    // Runs one of the fixture's helper commands (RESET, DELIVER, DOVEADM) with `args`;
    // MAILDIR_FLAGS=flags in its environment when flags is not empty.
    bool tool(const QString &key, const QStringList &args, const QString &flags = QString())
    {
        QStringList command = QProcess::splitCommand(m_env.value(key));
        if (command.isEmpty())
            return false;
        const QString program = command.takeFirst();
        QProcess p;
        if (!flags.isEmpty()) {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("MAILDIR_FLAGS"), flags);
            p.setProcessEnvironment(env);
        }
        p.setProcessChannelMode(QProcess::ForwardedChannels);
        p.start(program, command + args);
        return p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit
            && p.exitCode() == 0;
    }
    // Empties every folder of the user (a fresh mailbox).
    bool reset(const QString &user) { return tool(QStringLiteral("RESET"), {user}); }
    bool doveadm(const QStringList &args) { return tool(QStringLiteral("DOVEADM"), args); }
    // Stores the messages, byte for byte, in `folder` (created when needed; UTF-8 name with
    // '/' as separator), in the order given; `flags` as MAILDIR_FLAGS ("S" = \Seen, ...).
    bool deliver(const QString &user, const QString &folder, const QList<QByteArray> &messages,
                 const QString &flags = QString())
    {
        const QString dir = TestEnv::scratchDir(m_name + QStringLiteral("-deliver"));
        QStringList files;
        for (int i = 0; i < messages.size(); ++i) {
            // Zero-padded: above 100 files the UIDs follow the names' order.
            const QString path = dir + QStringLiteral("/%1.eml").arg(i, 5, 10, QLatin1Char('0'));
            QFile f(path);
            if (!f.open(QIODevice::WriteOnly) || f.write(messages.at(i)) != messages.at(i).size())
                return false;
            files.append(path);
        }
        return tool(QStringLiteral("DELIVER"), QStringList {user, folder} + files, flags);
    }

    // For users only the OAuth passdb knows (dovecot-oauth's ouserN, whom doveadm and so
    // deliver() cannot look up): stores the messages as new mail straight into the user's
    // INBOX Maildir (MAIL_ROOT/<user>/Maildir), files and folders owned by the mail user as
    // Dovecot needs. Dovecot sees them at the next login or sync.
    bool deliverToInbox(const QString &user, const QList<QByteArray> &messages)
    {
        const struct passwd *mail = ::getpwnam("mail");
        if (!mail || !m_env.contains(QStringLiteral("MAIL_ROOT")))
            return false;
        QString path = m_env.value(QStringLiteral("MAIL_ROOT"));
        for (const QString &part : {user, QStringLiteral("Maildir")}) {
            path += QLatin1Char('/') + part;
            if (!QDir().mkpath(path)
                || ::chown(QFile::encodeName(path).constData(), mail->pw_uid, mail->pw_gid) != 0)
                return false;
        }
        for (const char *sub : {"tmp", "new", "cur"}) {
            const QString dir = path + QLatin1Char('/') + QLatin1String(sub);
            if (!QDir().mkpath(dir)
                || ::chown(QFile::encodeName(dir).constData(), mail->pw_uid, mail->pw_gid) != 0)
                return false;
        }
        for (const QByteArray &message : messages) {
            const QString name = QStringLiteral("%1.M%2Q%3.tributary-test,S=%4")
                                     .arg(QDateTime::currentSecsSinceEpoch())
                                     .arg(++m_delivered)
                                     .arg(QCoreApplication::applicationPid())
                                     .arg(message.size());
            const QString tmp = path + QStringLiteral("/tmp/") + name;
            QFile f(tmp);
            if (!f.open(QIODevice::WriteOnly) || f.write(message) != message.size())
                return false;
            f.close();
            if (::chown(QFile::encodeName(tmp).constData(), mail->pw_uid, mail->pw_gid) != 0
                || !QFile::rename(tmp, path + QStringLiteral("/new/") + name))
                return false;
        }
        return true;
    }

    // A task for `user` on this Dovecot (not stored yet): IMAP over implicit TLS, or POP3
    // over implicit TLS; password authentication; manual; no folder mapping.
    Tributary::RetrievalTask task(Tributary::RetrievalTask::Kind kind, const QString &user) const
    {
        using Tributary::RetrievalTask;
        RetrievalTask task;
        task.name = RetrievalTask::kindName(kind) + QLatin1Char(' ') + user;
        task.kind = kind;
        task.server = QStringLiteral("127.0.0.1");
        task.port = port(kind == RetrievalTask::Kind::Pop3 ? QStringLiteral("POP3S_PORT")
                                                           : QStringLiteral("IMAPS_PORT"));
        task.security = RetrievalTask::Security::SslTls;
        task.username = user;
        return task;
    }
    // Stores the task (assigning its uuid) and writes `secret` (default "pw-<user>") to the
    // keychain under `kind` for it; removeSecrets() removes it again.
    bool addTask(Tributary::Store &store, Tributary::RetrievalTask &task,
                 const QString &secret = QString(),
                 Tributary::SecretKind kind = Tributary::SecretKind::Password)
    {
        if (!store.insertRetrievalTask(task))
            return false;
        const QString value = secret.isNull() ? QStringLiteral("pw-") + task.username : secret;
        return writeSecret(task.uuid, value, kind);
    }
    // Writes one keychain entry for `account` (removeSecrets() removes it again).
    bool writeSecret(const QUuid &account, const QString &value,
                     Tributary::SecretKind kind = Tributary::SecretKind::Password)
    {
        if (!m_written.contains(account))
            m_written.append(account);
        Tributary::SecretJob *job
            = m_secrets->write(kind, account.toString(QUuid::WithoutBraces), value.toUtf8());
        job->setAutoDelete(false);
        QSignalSpy spy(job, &Tributary::SecretJob::finished);
        const bool ok = (job->isFinished() || spy.wait(20000))
            && job->error() == Tributary::SecretJob::Error::NoError;
        job->deleteLater();
        return ok;
    }
    // Runs `task` once with a run class (RetrievalRun, ImapRetrievalRun, EwsRetrievalRun)
    // that trusts this fixture's CA, and waits for its end (two minutes at most).
    template<typename Run>
    std::unique_ptr<Run> run(Tributary::Store &store, const Tributary::RetrievalTask &task,
                             Tributary::ActivityLogger *logger = nullptr)
    {
        auto r = std::make_unique<Run>(store, *m_secrets, logger);
        r->setTask(task);
        r->setExtraCaCertificates(m_ca);
        r->setTimeout(30000);
        QSignalSpy spy(r.get(), &Run::finished);
        r->start();
        if (!spy.wait(120000))
            qWarning() << "run did not finish";
        return r;
    }

    // Removes the keychain entries addTask() and writeSecret() wrote.
    void removeSecrets()
    {
        for (const QUuid &uuid : std::as_const(m_written)) {
            Tributary::SecretJob *job = m_secrets->removeAll(uuid.toString(QUuid::WithoutBraces));
            QSignalSpy spy(job, &Tributary::SecretJob::finished);
            spy.wait(20000);
        }
        m_written.clear();
    }

private:
    QString m_server;
    QString m_name;
    QHash<QString, QString> m_env;
    QString m_error;
    QList<QSslCertificate> m_ca;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<Tributary::SecretStore> m_secrets;
    QList<QUuid> m_written;
    int m_delivered = 0;
};
