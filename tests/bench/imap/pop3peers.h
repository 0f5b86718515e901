#pragma once

#include <QString>
#include <QStringList>

// The POP3 peers of the retrieval benchmark (issue 4): fetchmail and getmail6, each set up
// to download the Inbox of one local Dovecot account, keeping the messages on the server,
// into a maildir of its own. Configuration files hold the password, so they are written
// 0600 into the benchmark's scratch folder (never on a command line).
namespace BenchPop3 {

struct Account
{
    QString host; // 127.0.0.1 (fetchmail, getmail) or localhost (TLS: the certificate's name)
    QString port;
    QString user;
    QString password;
    bool tls = false; // implicit TLS (POP3S), verified against `ca`
    QString ca;
};

// A command that runs one tool, and the environment it needs beside the inherited one.
struct Command
{
    QStringList argv;
    QStringList env;
    QString error; // set when the tool could not be set up
};

// fetchmail 6.4 (POP3, keep, fetchall) delivering each message through safecat (fsyncs,
// one fork+exec per message) into maildir/{tmp,new}. FETCHMAILHOME is `scratch`.
Command fetchmail(const QString &scratch, const Account &account, const QString &maildir);

// getmail6 (SimplePOP3Retriever, read_all, delete = false, timeout 30 s) into the Maildir
// destination `maildir`, run as user mail through setpriv (getmail refuses to deliver as
// root): the maildir, its home and its rc file are handed to that user.
Command getmail(const QString &scratch, const Account &account, const QString &maildir);

} // namespace BenchPop3
