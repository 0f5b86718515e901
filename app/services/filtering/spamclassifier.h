#pragma once

#include "contentfilter.h"
#include "models/filterrule.h"

#include <QObject>
#include <QPointer>
#include <QString>

namespace Tributary {

namespace Net {
class Job;
}

// Whether a message is spam, and who said so.
struct SpamVerdict
{
    bool spam = false;
    // What decided: the header name ("X-Spam-Flag", "X-MS-Exchange-Organization-SCL"...),
    // "spamd", or empty when nothing said spam.
    QString source;
    double score = 0; // spamd's score (or the SCL), when known
};

// Spam detection for retrieved mail, in two steps:
//  1. headers the source server already added (fromHeaders, synchronous, no network):
//     X-Spam-Flag: YES, X-Spam-Status: Yes..., X-Spam: yes|true, and Microsoft's
//     X-MS-Exchange-Organization-SCL of 5 or more;
//  2. when the user configured one (SpamdSettings::enabled), a SpamAssassin spamd asked with
//     Spamd::CheckJob (check(), asynchronous job shape).
//
// check() runs step 1 and, if that did not say spam, step 2 for messages up to
// SpamdSettings::maxSize; finished() follows once, never from inside check(). When spamd
// cannot be asked (refused, timeout, a broken answer) the header verdict stands and
// spamdError() says why in words; that is not an error of the classification.
// Threading: lives in the thread that created it; no nested event loop.
class SpamClassifier : public QObject
{
    Q_OBJECT
public:
    explicit SpamClassifier(QObject *parent = nullptr);
    ~SpamClassifier() override;

    static SpamVerdict fromHeaders(const FilterInput &message);

    void setSpamdSettings(const SpamdSettings &settings) { m_settings = settings; }
    const SpamdSettings &spamdSettings() const { return m_settings; }

    // Classifies `content` (the whole message). A check already running is cancelled.
    void check(const QByteArray &content);
    void cancel();

    SpamVerdict verdict() const { return m_verdict; }
    bool spamdAsked() const { return m_spamdAsked; }
    QString spamdError() const { return m_spamdError; }
    QString spamdDetails() const { return m_spamdDetails; }

Q_SIGNALS:
    void finished(Tributary::SpamClassifier *classifier);

private:
    void onSpamd(Net::Job *job);
    void finish();

    SpamdSettings m_settings;
    QPointer<Net::Job> m_job;
    SpamVerdict m_verdict;
    bool m_spamdAsked = false;
    QString m_spamdError;
    QString m_spamdDetails;
    quint64 m_generation = 0;
};

} // namespace Tributary
