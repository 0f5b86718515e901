#include "certificatetrustpanel.h"

#include "connectors/common/endpoint.h"
#include "connectors/common/error.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Tributary::Ui {

CertificateTrustPanel::CertificateTrustPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("certificateTrustPanel"));
    setAccessibleName(tr("Certificate trust"));
    m_fingerprint = new QLabel(this);
    m_fingerprint->setObjectName(QStringLiteral("fingerprintLabel"));
    m_fingerprint->setAccessibleName(tr("Certificate fingerprint"));
    m_fingerprint->setWordWrap(true);
    m_fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_trust = new QPushButton(tr("&Trust this certificate"), this);
    m_trust->setObjectName(QStringLiteral("trustCertificateButton"));
    m_trust->setAccessibleName(tr("Trust this certificate"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_fingerprint);
    layout->addWidget(m_trust, 0, Qt::AlignLeft);
    hide();

    connect(m_trust, &QPushButton::clicked, this, [this] {
        if (!m_offered.isEmpty())
            Q_EMIT trustRequested(m_offered);
    });
}

bool CertificateTrustPanel::offer(const Net::Error &error, const QByteArray &pinned)
{
    const QByteArray pin = Net::normalizeFingerprint(pinned);
    if (error.kind != Net::Error::Kind::Tls || error.peerFingerprint.size() != 32
        || error.peerFingerprint == pin) {
        withdraw();
        return false;
    }
    m_offered = error.peerFingerprint;
    const QString shown = Net::formatFingerprint(m_offered);
    if (pin.isEmpty())
        m_fingerprint->setText(tr("The server's certificate is not trusted by this system. "
                                  "Its SHA-256 fingerprint is:\n%1\nTrust it only if this is the "
                                  "fingerprint your provider gives.")
                                   .arg(shown));
    else
        m_fingerprint->setText(tr("The server presented a different certificate from the one you "
                                  "trusted before. Its SHA-256 fingerprint is:\n%1\nTrust it only "
                                  "if your provider says its certificate changed.")
                                   .arg(shown));
    show();
    return true;
}

void CertificateTrustPanel::withdraw()
{
    m_offered.clear();
    hide();
}

} // namespace Tributary::Ui
