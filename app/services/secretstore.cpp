#include "secretstore.h"

#include "settingsnames.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSettings>
#include <QTimer>

#include <qt6keychain/keychain.h>

Q_LOGGING_CATEGORY(lcSecrets, "tributary.secrets", QtInfoMsg)

namespace Tributary {

namespace {

struct KindName
{
    SecretKind kind;
    const char *name;
};

constexpr KindName kKindNames[] = {
    {SecretKind::Password, "password"},
    {SecretKind::OAuthRefreshToken, "oauth-refresh-token"},
    {SecretKind::OAuthAccessToken, "oauth-access-token"},
    {SecretKind::AppPassword, "app-password"},
};

QString operationName(SecretJob::Operation op)
{
    switch (op) {
    case SecretJob::Operation::Read:
        return QStringLiteral("read");
    case SecretJob::Operation::Write:
        return QStringLiteral("write");
    case SecretJob::Operation::Remove:
        return QStringLiteral("remove");
    case SecretJob::Operation::RemoveAll:
        return QStringLiteral("remove all");
    }
    return QString();
}

// The keychain library's error, in our vocabulary. Its "other" errors carry the D-Bus
// failure text when no Secret Service can be reached.
SecretJob::Error mapKeychainError(QKeychain::Error code, const QString &text)
{
    switch (code) {
    case QKeychain::NoError:
        return SecretJob::Error::NoError;
    case QKeychain::EntryNotFound:
        return SecretJob::Error::NotFound;
    case QKeychain::AccessDeniedByUser:
        return SecretJob::Error::AccessDenied;
    case QKeychain::AccessDenied:
        // libsecret: "Cannot create an item in a locked collection"; KWallet: the wallet
        // could not be opened. Both mean nobody unlocked the keyring.
        return SecretJob::Error::Locked;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return SecretJob::Error::NoKeychain;
    case QKeychain::CouldNotDeleteEntry:
        return SecretJob::Error::Other;
    case QKeychain::OtherError:
        break;
    }
    static const char *const noServiceHints[] = {
        "org.freedesktop.secrets",
        "not provided by any .service files",
        "ServiceUnknown",
        "autolaunch D-Bus",
        "D-Bus",
        "DBus",
        "dbus",
    };
    for (const char *hint : noServiceHints) {
        if (text.contains(QLatin1String(hint), Qt::CaseInsensitive))
            return SecretJob::Error::NoKeychain;
    }
    // libsecret when the default ("login") collection does not exist and cannot be created
    // without a prompt: for the user, the same as a locked keyring.
    if (text.contains(QLatin1String("locked"), Qt::CaseInsensitive)
        || text.contains(QLatin1String("/org/freedesktop/secrets/collection/")))
        return SecretJob::Error::Locked;
    return SecretJob::Error::Other;
}

} // namespace

QString secretKindName(SecretKind kind)
{
    for (const KindName &k : kKindNames) {
        if (k.kind == kind)
            return QString::fromLatin1(k.name);
    }
    return QString();
}

std::optional<SecretKind> secretKindFromName(const QString &name)
{
    for (const KindName &k : kKindNames) {
        if (name == QLatin1String(k.name))
            return k.kind;
    }
    return std::nullopt;
}

// --- SecretJob ---------------------------------------------------------------------------

SecretJob::SecretJob(SecretStore *store, Operation operation, SecretKind kind,
                     const QString &accountUuid)
    : QObject(store)
    , m_store(store)
    , m_operation(operation)
    , m_kind(kind)
    , m_accountUuid(accountUuid)
    , m_service(store->serviceName())
{
    if (operation == Operation::RemoveAll) {
        for (const KindName &k : kKindNames)
            m_steps.append(k.kind);
    } else {
        m_steps.append(kind);
    }
    m_stepsTotal = int(m_steps.size());
}

SecretJob::~SecretJob()
{
    // Wipe the copy of the secret we may still hold.
    m_secret.fill('\0');
}

void SecretJob::setTimeout(int milliseconds)
{
    m_timeoutMs = milliseconds;
}

void SecretJob::start()
{
    if (m_started || m_finished)
        return;
    m_started = true;
    if (m_timeoutMs > 0) {
        m_timer = new QTimer(this);
        m_timer->setSingleShot(true);
        connect(m_timer, &QTimer::timeout, this, [this] {
            finish(Error::Timeout,
                   QStringLiteral("no answer from the keychain within %1 ms").arg(m_timeoutMs));
        });
        m_timer->start(m_timeoutMs);
    }
    // Validation and the first request happen on the next turn of the event loop, so
    // finished() is never emitted from inside start().
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_finished)
                return;
            if (m_accountUuid.isEmpty() || m_accountUuid.contains(QLatin1Char(':'))) {
                finish(Error::Other,
                       QStringLiteral("invalid account id \"%1\"").arg(m_accountUuid));
                return;
            }
            runNextStep();
        },
        Qt::QueuedConnection);
}

void SecretJob::cancel()
{
    if (!m_finished)
        finish(Error::Cancelled, QStringLiteral("cancelled"));
}

void SecretJob::runNextStep()
{
    if (m_finished)
        return;
    if (m_steps.isEmpty()) {
        finish(Error::NoError, QString());
        return;
    }
    const QString key = SecretStore::keyFor(m_steps.first(), m_accountUuid);
    QKeychain::Job *job = nullptr;
    switch (m_operation) {
    case Operation::Read:
        job = new QKeychain::ReadPasswordJob(m_service);
        break;
    case Operation::Write: {
        auto *write = new QKeychain::WritePasswordJob(m_service);
        write->setBinaryData(m_secret);
        job = write;
        break;
    }
    case Operation::Remove:
    case Operation::RemoveAll:
        job = new QKeychain::DeletePasswordJob(m_service);
        break;
    }
    // The keychain job deletes itself when it ends. It is deliberately not our child: after
    // a timeout it may still be waiting inside the keychain library, which must not see it
    // deleted.
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, &SecretJob::onKeychainFinished);
    job->start();
}

void SecretJob::onKeychainFinished(QKeychain::Job *job)
{
    if (m_finished || m_steps.isEmpty())
        return;
    const SecretKind kind = m_steps.takeFirst();
    const QKeychain::Error code = job->error();
    const QString key = SecretStore::keyFor(kind, m_accountUuid);

    const bool removing = m_operation == Operation::Remove || m_operation == Operation::RemoveAll;
    if (code == QKeychain::NoError || (code == QKeychain::EntryNotFound && removing)) {
        switch (m_operation) {
        case Operation::Read:
            m_secret = static_cast<QKeychain::ReadPasswordJob *>(job)->binaryData();
            break;
        case Operation::Write:
            m_secret.fill('\0');
            m_secret.clear();
            if (m_store)
                m_store->indexAdd(m_accountUuid, kind);
            break;
        case Operation::Remove:
        case Operation::RemoveAll:
            if (m_store)
                m_store->indexRemove(m_accountUuid, kind);
            break;
        }
        Q_EMIT progress(m_stepsTotal - int(m_steps.size()), m_stepsTotal);
        runNextStep();
        return;
    }

    const Error error = mapKeychainError(code, job->errorString());
    finish(error,
           QStringLiteral("%1 %2: keychain error %3: %4")
               .arg(operationName(m_operation), key)
               .arg(int(code))
               .arg(job->errorString()));
}

void SecretJob::finish(Error error, const QString &details)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_timer)
        m_timer->stop();
    m_error = error;
    if (error != Error::NoError) {
        m_secret.fill('\0');
        m_secret.clear();
        m_details = details.isEmpty() ? operationName(m_operation) : details;
        if (error != Error::NotFound)
            qCWarning(lcSecrets).noquote() << m_details;
    }
    Q_EMIT finished(this);
    if (m_autoDelete)
        deleteLater();
}

QString SecretJob::errorString() const
{
    switch (m_error) {
    case Error::NoError:
        return QString();
    case Error::NotFound:
        return QCoreApplication::translate(
            "Tributary::SecretJob", "No saved password or token was found for this account.");
    case Error::Locked:
        return QCoreApplication::translate(
            "Tributary::SecretJob",
            "Your keyring is locked. Unlock it (for example by signing in to your "
            "desktop again) and try again.");
    case Error::NoKeychain:
        return QCoreApplication::translate(
            "Tributary::SecretJob",
            "No keyring service is running. Install and start gnome-keyring or "
            "KWallet, then try again.");
    case Error::AccessDenied:
        return QCoreApplication::translate(
            "Tributary::SecretJob",
            "Access to your keyring was denied. Allow Tributary to use the keyring "
            "and try again.");
    case Error::Timeout:
        return QCoreApplication::translate(
            "Tributary::SecretJob",
            "Your keyring did not answer in time. If it is asking for a password, "
            "answer it, then try again.");
    case Error::Cancelled:
        return QCoreApplication::translate("Tributary::SecretJob",
                                           "The keyring operation was cancelled.");
    case Error::Other:
        return QCoreApplication::translate(
            "Tributary::SecretJob",
            "Your keyring reported an error. The details are in the activity log.");
    }
    return QString();
}

// --- SecretStore -------------------------------------------------------------------------

SecretStore::SecretStore(QSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{
}

SecretStore::~SecretStore() = default;

QString SecretStore::keyFor(SecretKind kind, const QString &accountUuid)
{
    return QStringLiteral("tributary:") + accountUuid + QLatin1Char(':') + secretKindName(kind);
}

SecretJob *SecretStore::makeJob(SecretJob::Operation op, SecretKind kind,
                                const QString &accountUuid)
{
    auto *job = new SecretJob(this, op, kind, accountUuid);
    job->setTimeout(m_timeoutMs);
    QTimer::singleShot(0, job, &SecretJob::start);
    return job;
}

SecretJob *SecretStore::write(SecretKind kind, const QString &accountUuid, const QByteArray &secret)
{
    SecretJob *job = makeJob(SecretJob::Operation::Write, kind, accountUuid);
    job->m_secret = secret;
    return job;
}

SecretJob *SecretStore::read(SecretKind kind, const QString &accountUuid)
{
    return makeJob(SecretJob::Operation::Read, kind, accountUuid);
}

SecretJob *SecretStore::remove(SecretKind kind, const QString &accountUuid)
{
    return makeJob(SecretJob::Operation::Remove, kind, accountUuid);
}

SecretJob *SecretStore::removeAll(const QString &accountUuid)
{
    return makeJob(SecretJob::Operation::RemoveAll, SecretKind::Password, accountUuid);
}

QStringList SecretStore::indexedAccounts() const
{
    m_settings.beginGroup(SettingsNames::secretIndexGroup);
    QStringList accounts = m_settings.childKeys();
    m_settings.endGroup();
    return accounts;
}

QList<SecretKind> SecretStore::indexedKinds(const QString &accountUuid) const
{
    m_settings.beginGroup(SettingsNames::secretIndexGroup);
    const QStringList names = m_settings.value(accountUuid).toStringList();
    m_settings.endGroup();
    QList<SecretKind> kinds;
    for (const KindName &k : kKindNames) {
        if (names.contains(QLatin1String(k.name)))
            kinds.append(k.kind);
    }
    return kinds;
}

void SecretStore::indexAdd(const QString &accountUuid, SecretKind kind)
{
    m_settings.beginGroup(SettingsNames::secretIndexGroup);
    QStringList names = m_settings.value(accountUuid).toStringList();
    const QString name = secretKindName(kind);
    if (!names.contains(name)) {
        names.append(name);
        names.sort();
        m_settings.setValue(accountUuid, names);
    }
    m_settings.endGroup();
    m_settings.sync();
}

void SecretStore::indexRemove(const QString &accountUuid, SecretKind kind)
{
    m_settings.beginGroup(SettingsNames::secretIndexGroup);
    QStringList names = m_settings.value(accountUuid).toStringList();
    if (names.removeAll(secretKindName(kind)) > 0 || m_settings.contains(accountUuid)) {
        if (names.isEmpty())
            m_settings.remove(accountUuid);
        else
            m_settings.setValue(accountUuid, names);
    }
    m_settings.endGroup();
    m_settings.sync();
}

} // namespace Tributary
