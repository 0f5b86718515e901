#include "logging.h"

Q_LOGGING_CATEGORY(lcNet, "tributary.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcImap, "tributary.imap", QtInfoMsg)
Q_LOGGING_CATEGORY(lcPop3, "tributary.pop3", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSmtp, "tributary.smtp", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMime, "tributary.mime", QtInfoMsg)
