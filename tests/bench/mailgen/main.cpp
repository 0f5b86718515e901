// tributary-mailgen: writes the seeded benchmark mailbox into a Dovecot maildir.
//
//   tributary-mailgen --maildir DIR [--messages 10000] [--seed 42] [--layout fs|maildir++]
//                     [--owner mail] [--manifest FILE]
//
// Message i depends only on (seed, i), so a smaller --messages gives a prefix of a larger
// one. The manifest lists "folder<TAB>messages<TAB>bytes" for each folder (UTF-8 IMAP names),
// then "total<TAB>messages<TAB>bytes"; it lets a benchmark check what each tool stored.
#include "maildirwriter.h"
#include "mailgenerator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <algorithm>
#include <pwd.h>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tributary-mailgen"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Writes a seeded benchmark mailbox into a maildir."));
    parser.addHelpOption();
    const QCommandLineOption maildirOpt(QStringLiteral("maildir"),
                                        QStringLiteral("Maildir root (created)."),
                                        QStringLiteral("dir"));
    const QCommandLineOption messagesOpt(QStringLiteral("messages"),
                                         QStringLiteral("Number of messages."), QStringLiteral("n"),
                                         QStringLiteral("10000"));
    const QCommandLineOption seedOpt(QStringLiteral("seed"), QStringLiteral("Seed."),
                                     QStringLiteral("seed"), QStringLiteral("42"));
    const QCommandLineOption layoutOpt(QStringLiteral("layout"),
                                       QStringLiteral("fs (default) or maildir++."),
                                       QStringLiteral("layout"), QStringLiteral("fs"));
    const QCommandLineOption ownerOpt(QStringLiteral("owner"),
                                      QStringLiteral("Chown everything to this user."),
                                      QStringLiteral("user"));
    const QCommandLineOption manifestOpt(QStringLiteral("manifest"),
                                         QStringLiteral("Write per-folder counts here."),
                                         QStringLiteral("file"));
    const QCommandLineOption quietOpt(QStringLiteral("quiet"),
                                      QStringLiteral("No summary on stdout."));
    parser.addOptions(
        {maildirOpt, messagesOpt, seedOpt, layoutOpt, ownerOpt, manifestOpt, quietOpt});
    parser.process(app);

    QTextStream err(stderr);
    QTextStream out(stdout);
    bool ok = false;
    const int count = parser.value(messagesOpt).toInt(&ok);
    if (!ok || count < 0) {
        err << "bad --messages\n";
        return 2;
    }
    const quint64 seed = parser.value(seedOpt).toULongLong(&ok);
    if (!ok) {
        err << "bad --seed\n";
        return 2;
    }
    if (!parser.isSet(maildirOpt)) {
        err << "--maildir is required\n";
        return 2;
    }
    MailGen::MaildirWriter::Layout layout;
    if (parser.value(layoutOpt) == QStringLiteral("fs")) {
        layout = MailGen::MaildirWriter::Layout::Fs;
    } else if (parser.value(layoutOpt) == QStringLiteral("maildir++")) {
        layout = MailGen::MaildirWriter::Layout::MaildirPlusPlus;
    } else {
        err << "bad --layout (fs or maildir++)\n";
        return 2;
    }

    MailGen::MaildirWriter writer(parser.value(maildirOpt), layout);
    if (parser.isSet(ownerOpt)) {
        const QByteArray user = parser.value(ownerOpt).toLocal8Bit();
        const struct passwd *pw = getpwnam(user.constData());
        if (!pw) {
            err << "unknown user " << parser.value(ownerOpt) << "\n";
            return 2;
        }
        writer.setOwner(pw->pw_uid, pw->pw_gid);
    }
    if (!writer.createFolders()) {
        err << writer.errorString() << "\n";
        return 1;
    }

    const QVector<MailGen::Folder> &folders = MailGen::Generator::folders();
    QVector<qint64> folderCount(folders.size()), folderBytes(folders.size());
    QVector<qint64> sizes;
    sizes.reserve(count);
    const MailGen::Generator generator(seed);
    for (int i = 0; i < count; ++i) {
        const MailGen::Message m = generator.generate(i);
        if (!writer.write(m, seed)) {
            err << writer.errorString() << "\n";
            return 1;
        }
        folderCount[m.folder] += 1;
        folderBytes[m.folder] += m.bytes.size();
        sizes << m.bytes.size();
    }

    qint64 total = 0;
    for (qint64 b : std::as_const(folderBytes))
        total += b;

    if (parser.isSet(manifestOpt)) {
        QFile file(parser.value(manifestOpt));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            err << "cannot write " << file.fileName() << "\n";
            return 1;
        }
        for (int f = 0; f < folders.size(); ++f) {
            file.write(folders.at(f).name.toUtf8() + '\t' + QByteArray::number(folderCount.at(f))
                       + '\t' + QByteArray::number(folderBytes.at(f)) + '\n');
        }
        file.write("total\t" + QByteArray::number(count) + '\t' + QByteArray::number(total) + '\n');
    }

    if (!parser.isSet(quietOpt)) {
        std::sort(sizes.begin(), sizes.end());
        const auto quantile = [&sizes](double p) {
            return sizes.isEmpty() ? 0
                                   : sizes.at(std::min<qsizetype>(
                                       sizes.size() - 1, qsizetype(p * double(sizes.size()))));
        };
        for (int f = 0; f < folders.size(); ++f)
            out << qSetFieldWidth(24) << Qt::left << folders.at(f).name << qSetFieldWidth(0)
                << folderCount.at(f) << " messages, "
                << QString::number(double(folderBytes.at(f)) / 1e6, 'f', 1) << " MB\n";
        out << "total: " << count << " messages, " << QString::number(double(total) / 1e6, 'f', 1)
            << " MB;"
            << " sizes p10 " << quantile(0.10) << " median " << quantile(0.50) << " p90 "
            << quantile(0.90) << " p99 " << quantile(0.99) << " max "
            << (sizes.isEmpty() ? 0 : sizes.last()) << " bytes\n";
    }
    return 0;
}
