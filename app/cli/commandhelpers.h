#pragma once

#include "command.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QTextStream>

// Pieces the account commands (`retrieval`, `smtp`) share: their `list` output, the result of
// one service job, and the --ca option.
namespace Tributary::Cli {

// Prints `items`: with --json one array of toJson(item), otherwise printLine(out, item) for each
// (the line's end included). Returns Ok.
template<typename Item, typename ToJson, typename PrintLine>
int printList(CommandContext &context, const QList<Item> &items, ToJson toJson, PrintLine printLine)
{
    if (context.json()) {
        QJsonArray array;
        for (const Item &item : items)
            array.append(toJson(item));
        context.printJson(QJsonDocument(array));
        return Ok;
    }
    for (const Item &item : items)
        printLine(context.out(), item);
    context.out().flush();
    return Ok;
}

// The end of one service job (add, test, delete) as a command prints it.
struct JobResult
{
    bool ok = false;
    QString error; // the job's error enum key ("NoError", "Connection", ...)
    QString message; // the job's errorString() (failure only)
    QString itemKey; // "task", "account": the JSON key of `item`
    QJsonObject item; // the account or task, left out when empty
    bool usage = false; // the failure is the user's input (exit code UsageError)
};

// With --json prints {ok, error, message (failure only), itemKey: item (when not empty)};
// otherwise `success` on stdout when ok. A failure's message goes to stderr; returns Ok,
// UsageError or RuntimeError.
int printJobResult(CommandContext &context, const JobResult &result, const QString &success);

// --`option` FILE, when set: *cas becomes the PEM certificates in FILE (left alone when the
// option is not set). Returns Ok, or UsageError after saying that FILE holds no certificate.
int readCaOption(CommandContext &context, const QString &option, QList<QSslCertificate> *cas);

} // namespace Tributary::Cli
