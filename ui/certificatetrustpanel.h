#pragma once

#include <QByteArray>
#include <QWidget>

class QLabel;
class QPushButton;

namespace Tributary::Net {
struct Error;
}

namespace Tributary::Ui {

// The "trust this certificate" offer of a connection dialog. After a connection test failed
// because the system does not trust the server's certificate, offer() shows the
// certificate's SHA-256 fingerprint and a "Trust this certificate" button; a click emits
// trustRequested() with that fingerprint (32 raw bytes), which the dialog pins
// (Net::Endpoint::pinnedSha256) and saves with the account when its test passes.
// A certificate other than an earlier pin is offered again, saying that it changed.
//
// Child widgets: "fingerprintLabel" (selectable text) and "trustCertificateButton".
// Hidden until offer() shows it; withdraw() hides it again.
class CertificateTrustPanel : public QWidget
{
    Q_OBJECT
public:
    explicit CertificateTrustPanel(QWidget *parent = nullptr);

    // Shows the offer when `error` is a TLS failure naming a certificate other than
    // `pinned`; returns whether it did (otherwise the panel is hidden).
    bool offer(const Net::Error &error, const QByteArray &pinned);
    void withdraw();
    QByteArray offeredFingerprint() const { return m_offered; }
    QPushButton *trustButton() const { return m_trust; }

Q_SIGNALS:
    void trustRequested(const QByteArray &fingerprint);

private:
    QByteArray m_offered;
    QLabel *m_fingerprint = nullptr;
    QPushButton *m_trust = nullptr;
};

} // namespace Tributary::Ui
