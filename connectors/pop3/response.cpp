#include "response.h"

namespace Tributary::Pop3 {

Response Response::parse(const QByteArray &line)
{
    Response r;
    auto rest = [&line](qsizetype prefix) {
        if (line.size() == prefix)
            return QByteArray("", 0);
        return line.mid(prefix + 1);
    };
    if (line.startsWith("+OK") && (line.size() == 3 || line.at(3) == ' ')) {
        r.kind = Kind::Ok;
        r.text = rest(3);
    } else if (line.startsWith("-ERR") && (line.size() == 4 || line.at(4) == ' ')) {
        r.kind = Kind::Err;
        r.text = rest(4);
    } else if (line == "+" || line.startsWith("+ ")) {
        r.kind = Kind::Continuation;
        r.text = rest(1);
        return r;
    } else {
        return r;
    }
    if (r.text.startsWith('[')) {
        const qsizetype close = r.text.indexOf(']');
        if (close > 1)
            r.code = r.text.mid(1, close - 1);
    }
    return r;
}

QString Response::displayText() const
{
    const char *prefix = kind == Kind::Ok ? "+OK " : kind == Kind::Err ? "-ERR " : "";
    return QString::fromLatin1(prefix) + QString::fromUtf8(text);
}

} // namespace Tributary::Pop3
