#pragma once

#include <QLoggingCategory>

// One logging category per protocol module. Lines logged here must never carry a
// password or token: connectors pass protocol lines through Tributary::Net::redact()
// (connectors/common/redact.h) before logging them.
Q_DECLARE_LOGGING_CATEGORY(lcNet)
Q_DECLARE_LOGGING_CATEGORY(lcImap)
Q_DECLARE_LOGGING_CATEGORY(lcPop3)
Q_DECLARE_LOGGING_CATEGORY(lcSmtp)
Q_DECLARE_LOGGING_CATEGORY(lcMime)
