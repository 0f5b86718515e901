#include "spamclassifier.h"

#include "connectors/spamd/spamdcheckjob.h"

#include <QMetaObject>

namespace Tributary {

SpamClassifier::SpamClassifier(QObject *parent)
    : QObject(parent)
{
}

SpamClassifier::~SpamClassifier()
{
    delete m_job;
}

SpamVerdict SpamClassifier::fromHeaders(const FilterInput &message)
{
    SpamVerdict v;
    auto saysYes = [](const QString &value) {
        const QString word
            = value.trimmed().section(QLatin1Char(','), 0, 0).section(QLatin1Char(' '), 0, 0);
        return word.compare(QLatin1String("yes"), Qt::CaseInsensitive) == 0
            || word.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
    };
    const std::pair<const char *, const char *> yesHeaders[] = {
        {"x-spam-flag", "X-Spam-Flag"},
        {"x-spam-status", "X-Spam-Status"},
        {"x-spam", "X-Spam"},
    };
    for (const auto &h : yesHeaders) {
        for (const QString &value : message.values(h.first)) {
            if (saysYes(value)) {
                v.spam = true;
                v.source = QString::fromLatin1(h.second);
                return v;
            }
        }
    }
    for (const QString &value : message.values("x-ms-exchange-organization-scl")) {
        bool ok = false;
        const int scl = value.trimmed().toInt(&ok);
        if (ok && scl >= 5) {
            v.spam = true;
            v.source = QStringLiteral("X-MS-Exchange-Organization-SCL");
            v.score = scl;
            return v;
        }
    }
    return v;
}

void SpamClassifier::check(const QByteArray &content)
{
    cancel();
    const quint64 generation = ++m_generation;
    m_verdict = fromHeaders(FilterInput::fromMessage(content));
    m_spamdAsked = false;
    m_spamdError.clear();
    m_spamdDetails.clear();
    if (m_verdict.spam || !m_settings.enabled
        || (m_settings.maxSize > 0 && content.size() > m_settings.maxSize)) {
        QMetaObject::invokeMethod(
            this,
            [this, generation] {
                if (generation == m_generation)
                    finish();
            },
            Qt::QueuedConnection);
        return;
    }
    m_spamdAsked = true;
    auto *job = new Spamd::CheckJob(this);
    Net::Endpoint endpoint;
    endpoint.host = m_settings.host;
    endpoint.port = m_settings.port;
    endpoint.security = Net::Security::None;
    endpoint.timeoutMs = m_settings.timeoutMs > 0 ? m_settings.timeoutMs : 30000;
    job->setEndpoint(endpoint);
    job->setMessage(content);
    connect(job, &Net::Job::finished, this, &SpamClassifier::onSpamd);
    m_job = job;
    job->start();
}

void SpamClassifier::cancel()
{
    ++m_generation;
    if (m_job) {
        disconnect(m_job, nullptr, this, nullptr);
        m_job->cancel();
        m_job->deleteLater();
    }
}

void SpamClassifier::onSpamd(Net::Job *job)
{
    job->deleteLater();
    if (job != m_job)
        return;
    auto *check = static_cast<Spamd::CheckJob *>(job);
    if (job->error() == Net::Error::Kind::None) {
        m_spamdDetails = job->details();
        if (check->isSpam()) {
            m_verdict.spam = true;
            m_verdict.source = QStringLiteral("spamd");
            m_verdict.score = check->score();
        } else {
            m_verdict.score = check->score();
        }
    } else {
        m_spamdError = job->errorString();
        m_spamdDetails = job->details();
    }
    finish();
}

void SpamClassifier::finish()
{
    m_job = nullptr;
    Q_EMIT finished(this);
}

} // namespace Tributary
