#include "signindialog.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QVBoxLayout>
#include <QWebEngineCertificateError>
#include <QWebEnginePage>
#include <QWebEngineProfile>
#include <QWebEngineSettings>
#include <QWebEngineUrlRequestJob>
#include <QWebEngineUrlScheme>
#include <QWebEngineUrlSchemeHandler>
#include <QWebEngineView>

#include <functional>

namespace Tributary::Ui {

namespace {

// Same scheme, host, port and path: the redirect URI, whatever its query.
bool isRedirect(const QUrl &url, const QUrl &redirectUri)
{
    return !redirectUri.isEmpty()
        && url.scheme().compare(redirectUri.scheme(), Qt::CaseInsensitive) == 0
        && url.host().compare(redirectUri.host(), Qt::CaseInsensitive) == 0
        && url.port() == redirectUri.port() && url.path() == redirectUri.path();
}

// A padlock, closed (secure) or open, drawn so no icon file is needed.
QPixmap lockPixmap(bool secure, qreal dpr)
{
    const int size = 16;
    QPixmap pixmap(QSize(size, size) * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor color = secure ? QColor(0x1e, 0x7b, 0x34) : QColor(0xb0, 0x2a, 0x2a);
    QPen pen(color, 1.8);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    QPainterPath shackle;
    shackle.moveTo(4.5, 8);
    shackle.lineTo(4.5, 5);
    shackle.arcTo(QRectF(4.5, 1.5, 7, 7), 180, -180);
    if (secure)
        shackle.lineTo(11.5, 8);
    else
        shackle.lineTo(11.5, 4.5);
    p.drawPath(shackle);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawRoundedRect(QRectF(2.5, 7.5, 11, 7.5), 1.5, 1.5);
    return pixmap;
}

} // namespace

// Catches navigations to the redirect URI (typed, redirected or submitted) before they load.
class SignInPage : public QWebEnginePage
{
public:
    SignInPage(QWebEngineProfile *profile, const QUrl &redirectUri,
               std::function<void(const QUrl &)> onRedirect, QObject *parent)
        : QWebEnginePage(profile, parent)
        , m_redirectUri(redirectUri)
        , m_onRedirect(std::move(onRedirect))
    {
    }

protected:
    bool acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame) override
    {
        if (isRedirect(url, m_redirectUri)) {
            if (isMainFrame)
                m_onRedirect(url);
            return false;
        }
        return QWebEnginePage::acceptNavigationRequest(url, type, isMainFrame);
    }
    // Sign-in pages do not get to open other windows.
    QWebEnginePage *createWindow(WebWindowType) override { return nullptr; }

private:
    QUrl m_redirectUri;
    std::function<void(const QUrl &)> m_onRedirect;
};

// For redirect URIs with a registered custom scheme: the request ends here.
class RedirectSchemeHandler : public QWebEngineUrlSchemeHandler
{
public:
    RedirectSchemeHandler(std::function<void(const QUrl &)> onRedirect, QObject *parent)
        : QWebEngineUrlSchemeHandler(parent)
        , m_onRedirect(std::move(onRedirect))
    {
    }
    void requestStarted(QWebEngineUrlRequestJob *job) override
    {
        const QUrl url = job->requestUrl();
        job->fail(QWebEngineUrlRequestJob::RequestAborted);
        m_onRedirect(url);
    }

private:
    std::function<void(const QUrl &)> m_onRedirect;
};

SignInDialog::SignInDialog(const QUrl &redirectUri, const QString &providerName, QWidget *parent)
    : QDialog(parent)
    , m_redirectUri(redirectUri)
{
    setObjectName(QStringLiteral("signInWindow"));
    setWindowTitle(providerName.isEmpty() ? tr("Sign in") : tr("Sign in to %1").arg(providerName));
    setAccessibleName(windowTitle());
    setModal(true);
    resize(560, 680);

    // A fresh off-the-record profile: cookies, cache and storage live in memory and die
    // with this window.
    m_profile = new QWebEngineProfile(this);
    m_profile->setHttpCacheType(QWebEngineProfile::MemoryHttpCache);
    m_profile->setPersistentCookiesPolicy(QWebEngineProfile::NoPersistentCookies);
    QWebEngineSettings *settings = m_profile->settings();
    settings->setAttribute(QWebEngineSettings::JavascriptCanOpenWindows, false);
    settings->setAttribute(QWebEngineSettings::JavascriptCanAccessClipboard, false);
    settings->setAttribute(QWebEngineSettings::LocalContentCanAccessRemoteUrls, false);
    settings->setAttribute(QWebEngineSettings::PluginsEnabled, false);

    auto caught = [this](const QUrl &url) {
        onRedirect(url);
    };
    const QByteArray scheme = redirectUri.scheme().toLatin1();
    if (!scheme.isEmpty() && scheme != "http" && scheme != "https"
        && !QWebEngineUrlScheme::schemeByName(scheme).name().isEmpty()) {
        m_schemeHandler = new RedirectSchemeHandler(caught, this);
        m_profile->installUrlSchemeHandler(scheme, m_schemeHandler);
    }
    m_page = new SignInPage(m_profile, redirectUri, caught, nullptr);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    auto *bar = new QWidget(this);
    bar->setObjectName(QStringLiteral("addressBar"));
    bar->setAutoFillBackground(true);
    auto *barLayout = new QHBoxLayout(bar);
    barLayout->setContentsMargins(10, 6, 10, 6);
    m_lock = new QLabel(bar);
    m_lock->setObjectName(QStringLiteral("tlsIcon"));
    m_address = new QLabel(bar);
    m_address->setObjectName(QStringLiteral("addressLabel"));
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_address->setAccessibleName(tr("Address"));
    QFont bold = m_address->font();
    bold.setBold(true);
    m_address->setFont(bold);
    m_tls = new QLabel(bar);
    m_tls->setObjectName(QStringLiteral("tlsLabel"));
    m_tls->setAccessibleName(tr("Connection security"));
    barLayout->addWidget(m_lock);
    barLayout->addWidget(m_address, 1);
    barLayout->addWidget(m_tls);
    layout->addWidget(bar);

    m_view = new QWebEngineView(this);
    m_view->setObjectName(QStringLiteral("signInView"));
    m_view->setAccessibleName(tr("Sign-in page"));
    m_view->setPage(m_page);
    layout->addWidget(m_view, 1);

    auto *bottom = new QHBoxLayout;
    bottom->setContentsMargins(10, 6, 10, 8);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Status"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setAutoDefault(false);
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_cancel);
    layout->addLayout(bottom);

    connect(m_cancel, &QPushButton::clicked, this, &SignInDialog::reject);
    connect(m_page, &QWebEnginePage::urlChanged, this, &SignInDialog::onUrlChanged);
    connect(m_page, &QWebEnginePage::loadStarted, this, [this] {
        if (!m_done)
            m_status->setText(tr("Loading…"));
    });
    connect(m_page, &QWebEnginePage::loadFinished, this, &SignInDialog::onLoadFinished);
    connect(m_page, &QWebEnginePage::certificateError, this,
            [this](const QWebEngineCertificateError &error) {
                QWebEngineCertificateError e = error;
                e.rejectCertificate();
                m_certificateError = true;
                updateAddress();
                m_status->setText(tr("The certificate of %1 is not trusted (%2). The page was "
                                     "not loaded and nothing was sent.")
                                      .arg(error.url().host(), error.description()));
            });
    connect(m_page, &QWebEnginePage::renderProcessTerminated, this,
            [this](QWebEnginePage::RenderProcessTerminationStatus status, int) {
                if (status != QWebEnginePage::NormalTerminationStatus)
                    finishOnce(Failed, QUrl(),
                               tr("The sign-in page stopped working. Please try again."));
            });
    updateAddress();
}

SignInDialog::~SignInDialog()
{
    // The page must go before its profile.
    m_view->setPage(nullptr);
    delete m_page;
    m_page = nullptr;
}

void SignInDialog::load(const QUrl &url)
{
    m_current = url;
    updateAddress();
    m_page->load(url);
}

QString SignInDialog::addressText() const
{
    return m_address->text();
}

QString SignInDialog::tlsText() const
{
    return m_tls->text();
}

QString SignInDialog::statusText() const
{
    return m_status->text();
}

void SignInDialog::reject()
{
    finishOnce(Cancelled, QUrl(), QString());
}

void SignInDialog::onUrlChanged(const QUrl &url)
{
    if (url.isEmpty() || isRedirect(url, m_redirectUri))
        return;
    if (url.host() != m_current.host())
        m_certificateError = false;
    m_current = url;
    updateAddress();
}

void SignInDialog::onLoadFinished(bool ok)
{
    if (m_done)
        return;
    if (ok) {
        m_status->clear();
        return;
    }
    if (m_certificateError)
        return; // already explained
    m_status->setText(
        tr("The page at %1 could not be loaded. Check the network connection "
           "and try again, or cancel.")
            .arg(m_current.host().isEmpty() ? m_current.toDisplayString() : m_current.host()));
}

void SignInDialog::onRedirect(const QUrl &url)
{
    finishOnce(Redirected, url, QString());
}

void SignInDialog::finishOnce(Outcome outcome, const QUrl &url, const QString &error)
{
    if (m_done)
        return;
    m_done = true;
    m_page->triggerAction(QWebEnginePage::Stop);
    Q_EMIT done(outcome, url, error);
    QDialog::done(outcome == Redirected ? QDialog::Accepted : QDialog::Rejected);
}

void SignInDialog::updateAddress()
{
    const bool https = m_current.scheme() == QLatin1String("https");
    m_secure = https && !m_certificateError;
    m_address->setText(m_current.host().isEmpty() ? m_current.toDisplayString(QUrl::RemoveQuery)
                                                  : m_current.host());
    QString tls;
    if (m_current.isEmpty())
        tls = QString();
    else if (m_certificateError)
        tls = tr("Certificate not trusted");
    else if (https)
        tls = tr("Secure connection (TLS)");
    else
        tls = tr("Not encrypted");
    m_tls->setText(tls);
    m_lock->setPixmap(lockPixmap(m_secure, devicePixelRatioF()));
    m_lock->setAccessibleName(tls);
    m_lock->setToolTip(tls);
}

} // namespace Tributary::Ui
