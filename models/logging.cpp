#include "logging.h"

Q_LOGGING_CATEGORY(lcStore, "tributary.store", QtInfoMsg)
