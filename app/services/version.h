#pragma once

#include <QString>

namespace Tributary {

// The application's name and version as shown to users (About box, --version, User-Agent).
QString applicationName();
QString applicationVersion();

} // namespace Tributary
