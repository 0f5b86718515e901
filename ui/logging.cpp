#include "logging.h"

Q_LOGGING_CATEGORY(lcUi, "tributary.ui", QtInfoMsg)
