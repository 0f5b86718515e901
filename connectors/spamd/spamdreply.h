#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Tributary::Spamd {

// spamd's answer to one spamc request (the spamc/spamd protocol, SPAMC/1.5, as described in
// SpamAssassin's spamd/PROTOCOL):
//
//   SPAMD/1.1 0 EX_OK\r\n
//   Content-length: 52\r\n          (SYMBOLS, HEADERS: length of the body that follows)
//   Spam: True ; 1003.3 / 5.0\r\n
//   \r\n
//   <body>                          (SYMBOLS: comma-separated rule names; HEADERS: headers)
//
// A non-zero code (EX_USAGE 64, EX_PROTOCOL 76, ...) is spamd refusing the request; the
// text after the code says why.
struct Reply
{
    int code = -1; // 0 = EX_OK
    QString message; // "EX_OK", or spamd's words for an error
    bool hasVerdict = false; // a Spam: header was present
    bool spam = false;
    double score = 0;
    double threshold = 0;
    QByteArray body;
    QStringList symbols; // SYMBOLS: the body split at ','
};

enum class ParseStatus {
    Incomplete, // more bytes are needed
    Complete, // *reply is filled; consumed bytes in *used
    Invalid, // not the spamd protocol; *error says what, in English (for logs)
};

// Parses the reply at the start of `data`. Never reads past data.size(); refuses header
// blocks over 64 KiB and bodies over 16 MiB. Safe on any input (fuzzed).
ParseStatus parseReply(const QByteArray &data, Reply *reply, qsizetype *used, QString *error);

} // namespace Tributary::Spamd
