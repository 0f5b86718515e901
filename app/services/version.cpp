#include "version.h"

namespace Tributary {

QString applicationName()
{
    return QStringLiteral("Tributary");
}

QString applicationVersion()
{
    return QStringLiteral(TRIBUTARY_VERSION);
}

} // namespace Tributary
