#include "tokenhealthview.h"

#include "app/services/oauth/oauthproviders.h"
#include "app/services/oauth/tokenservice.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

namespace Tributary::Ui {

namespace {

constexpr int kRecheckMs = 60 * 1000;

QString shortDate(const QDateTime &time)
{
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

// Counts in words without plural catalogues: English and German both tell one from many.
QString inWords(qint64 seconds)
{
    const int minutes = qMax(1, int(seconds / 60));
    if (minutes < 120)
        return minutes == 1 ? TokenHealthView::tr("in 1 minute")
                            : TokenHealthView::tr("in %1 minutes").arg(minutes);
    if (minutes < 48 * 60)
        return TokenHealthView::tr("in %1 hours").arg(minutes / 60);
    return TokenHealthView::tr("in %1 days").arg(minutes / (24 * 60));
}

QString agoWords(qint64 seconds)
{
    const int minutes = int(seconds / 60);
    if (minutes < 1)
        return TokenHealthView::tr("just now");
    if (minutes < 120)
        return minutes == 1 ? TokenHealthView::tr("1 minute ago")
                            : TokenHealthView::tr("%1 minutes ago").arg(minutes);
    if (minutes < 48 * 60)
        return TokenHealthView::tr("%1 hours ago").arg(minutes / 60);
    return TokenHealthView::tr("%1 days ago").arg(minutes / (24 * 60));
}

QString providerName(const QString &providerId)
{
    if (providerId.isEmpty())
        return TokenHealthView::tr("Unknown");
    const Oauth::ProviderConfig config = Oauth::providerFromCatalogue(providerId, nullptr);
    return config.displayName.isEmpty() ? providerId : config.displayName;
}

} // namespace

TokenHealthView::TokenHealthView(TokenService &service, const QString &accountUuid, QWidget *parent)
    : QWidget(parent)
    , m_service(&service)
    , m_accountUuid(accountUuid)
{
    setObjectName(QStringLiteral("tokenHealthView"));
    setAccessibleName(tr("Sign-in health"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *statusRow = new QHBoxLayout;
    m_statusIcon = new QLabel(this);
    m_statusIcon->setObjectName(QStringLiteral("tokenHealthStatusIcon"));
    m_statusIcon->setAlignment(Qt::AlignTop);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("tokenHealthStatus"));
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Status"));
    // Reachable with Tab so screen reader users hear the status first.
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_status->setMinimumWidth(360);
    QFont bold = m_status->font();
    bold.setBold(true);
    m_status->setFont(bold);
    statusRow->addWidget(m_statusIcon);
    statusRow->addWidget(m_status, 1);
    layout->addLayout(statusRow);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    m_provider = addValue(QStringLiteral("tokenHealthProvider"), tr("Provider"));
    form->addRow(tr("Provider:"), m_provider);
    m_scopes = addValue(QStringLiteral("tokenHealthScopes"), tr("Granted permissions"));
    form->addRow(tr("Granted permissions:"), m_scopes);
    m_accessExpires = addValue(QStringLiteral("tokenHealthAccessExpires"), tr("Access token"));
    form->addRow(tr("Access token:"), m_accessExpires);
    m_lastRefresh = addValue(QStringLiteral("tokenHealthLastRefresh"), tr("Last refresh"));
    form->addRow(tr("Last refresh:"), m_lastRefresh);
    m_signInAge = addValue(QStringLiteral("tokenHealthSignInAge"), tr("Signed in"));
    form->addRow(tr("Signed in:"), m_signInAge);
    layout->addLayout(form);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    m_signInAgain = new QPushButton(this);
    m_signInAgain->setObjectName(QStringLiteral("signInAgainButton"));
    buttons->addWidget(m_signInAgain);
    layout->addLayout(buttons);
    layout->addStretch(1);
    setTabOrder(m_status, m_signInAgain);

    connect(m_signInAgain, &QPushButton::clicked, this,
            [this] { Q_EMIT signInAgainRequested(m_accountUuid); });
    connect(&service, &TokenService::tokensRefreshed, this, [this](const QString &uuid) {
        if (uuid == m_accountUuid)
            refresh();
    });
    connect(&service, &TokenService::signInRequired, this, [this](const QString &uuid) {
        if (uuid == m_accountUuid)
            refresh();
    });
    m_timer = new QTimer(this);
    m_timer->setInterval(kRecheckMs);
    connect(m_timer, &QTimer::timeout, this, &TokenHealthView::refresh);
    refresh();
}

QLabel *TokenHealthView::addValue(const QString &objectName, const QString &field)
{
    auto *label = new QLabel(this);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setAccessibleName(field);
    return label;
}

void TokenHealthView::setValue(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setAccessibleDescription(text);
}

void TokenHealthView::setNow(const QDateTime &now)
{
    m_now = now;
    refresh();
}

QDateTime TokenHealthView::now() const
{
    return m_now.isValid() ? m_now.toUTC() : QDateTime::currentDateTimeUtc();
}

QString TokenHealthView::statusText() const
{
    return m_status->text();
}

void TokenHealthView::refresh()
{
    if (!m_service)
        return;
    const TokenHealth h = m_service->health(m_accountUuid);
    const QDateTime current = now();

    if (!h.known) {
        m_state = State::NotSignedIn;
    } else if (h.signInRequired) {
        m_state = State::SignInRequired;
    } else if (h.refreshTokenNearsEnd(current)) {
        m_state = State::NearsEnd;
    } else {
        m_state = State::Healthy;
    }

    const QString none = QStringLiteral("\u2014");
    setValue(m_provider, h.known ? providerName(h.providerId) : none);
    setValue(m_scopes,
             !h.known                        ? none
                 : h.grantedScopes.isEmpty() ? tr("None reported by the provider")
                                             : h.grantedScopes.join(QStringLiteral(", ")));

    QString access = none;
    if (h.known && h.signInRequired) {
        access = tr("None (removed when the provider refused the sign-in)");
    } else if (h.known && h.accessTokenExpiresAt.isValid()) {
        const qint64 left = current.secsTo(h.accessTokenExpiresAt);
        access = left > 0
            ? tr("Valid until %1 (%2)").arg(shortDate(h.accessTokenExpiresAt), inWords(left))
            : tr("Expired at %1; a new one is fetched when it is needed")
                  .arg(shortDate(h.accessTokenExpiresAt));
    } else if (h.known) {
        access = tr("The provider did not say when it expires");
    }
    setValue(m_accessExpires, access);

    QString refreshed = none;
    if (h.known) {
        refreshed = h.lastRefresh.isValid()
            ? tr("%1 (%2)").arg(shortDate(h.lastRefresh), agoWords(h.lastRefresh.secsTo(current)))
            : tr("Not yet since signing in");
    }
    setValue(m_lastRefresh, refreshed);

    QString age = none;
    if (h.known && h.refreshTokenIssuedAt.isValid()) {
        age = tr("%1 (%2)").arg(shortDate(h.refreshTokenIssuedAt),
                                agoWords(h.refreshTokenIssuedAt.secsTo(current)));
        if (h.refreshTokenLifetimeDays > 0)
            age += QLatin1Char('\n')
                + (h.refreshTokenLifetimeDays == 1
                       ? tr("The provider ends a sign-in after 1 day.")
                       : tr("The provider ends a sign-in after %1 days.")
                             .arg(h.refreshTokenLifetimeDays));
    }
    setValue(m_signInAge, age);

    QString status;
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    switch (m_state) {
    case State::NotSignedIn:
        status = tr("This account has not signed in yet.");
        break;
    case State::SignInRequired:
        status = h.signInReason.isEmpty()
            ? tr("Sign in again: the provider no longer accepts this sign-in.")
            : tr("Sign in again: %1").arg(h.signInReason);
        icon = QStyle::SP_MessageBoxCritical;
        break;
    case State::NearsEnd: {
        const int left = qMax(0, h.refreshTokenLifetimeDays - h.refreshTokenAgeDays(current));
        status = left == 1 ? tr("This sign-in ends in about 1 day. Sign in again now so that "
                                "mail keeps moving.")
                           : tr("This sign-in ends in about %1 days. Sign in again now so that "
                                "mail keeps moving.")
                                 .arg(left);
        icon = QStyle::SP_MessageBoxWarning;
        break;
    }
    case State::Healthy:
        status = tr("Working. Access is renewed automatically.");
        icon = QStyle::SP_DialogApplyButton;
        break;
    }
    m_status->setText(status);
    m_status->setAccessibleDescription(status);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_statusIcon->setPixmap(style()->standardIcon(icon).pixmap(iconSize, iconSize));
    m_statusIcon->setAccessibleName(status);

    m_signInAgain->setText(m_state == State::NotSignedIn ? tr("&Sign In…") : tr("&Sign In Again…"));
    m_signInAgain->setAccessibleName(m_signInAgain->text().remove(QLatin1Char('&')));
    m_signInAgain->setDefault(m_state == State::SignInRequired || m_state == State::NearsEnd);
    Q_EMIT contentsChanged();
}

void TokenHealthView::showEvent(QShowEvent *event)
{
    refresh();
    m_timer->start();
    QWidget::showEvent(event);
}

void TokenHealthView::hideEvent(QHideEvent *event)
{
    m_timer->stop();
    QWidget::hideEvent(event);
}

} // namespace Tributary::Ui
