#include "pop3peers.h"

#include <QDir>
#include <QFile>

#include <pwd.h>
#include <unistd.h>

namespace BenchPop3 {

namespace {

bool writePrivate(const QString &path, const QByteArray &content)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return f.write(content) == content.size();
}

// Creates maildir/{tmp,new,cur}.
bool makeMaildir(const QString &maildir)
{
    for (const char *sub : {"/tmp", "/new", "/cur"}) {
        if (!QDir().mkpath(maildir + QLatin1String(sub)))
            return false;
    }
    return true;
}

// fetchmail's rc syntax: a double-quoted string with backslash escapes.
QByteArray quoted(const QString &text)
{
    QByteArray q = text.toUtf8();
    q.replace('\\', "\\\\");
    q.replace('"', "\\\"");
    return '"' + q + '"';
}

} // namespace

Command fetchmail(const QString &scratch, const Account &account, const QString &maildir)
{
    Command c;
    const QString home = scratch + QStringLiteral("/fetchmail-home");
    QDir(home).removeRecursively();
    if (!QDir().mkpath(home) || !makeMaildir(maildir)) {
        c.error = QStringLiteral("cannot create the fetchmail folders");
        return c;
    }
    QByteArray rc = "set no syslog\nset no bouncemail\n";
    rc += "poll bench via " + account.host.toUtf8() + " protocol pop3 port " + account.port.toUtf8()
        + " auth password\n";
    rc += "  user " + quoted(account.user) + " there with password " + quoted(account.password)
        + " is root here\n";
    // keep: leave the mail on the server; fetchall: every message, not only unseen ones.
    rc += "  keep fetchall no rewrite\n";
    if (account.tls)
        rc += "  ssl sslcertck sslcertfile " + quoted(account.ca) + "\n";
    else
        rc += "  sslproto ''\n"; // no opportunistic STLS against the fixture's own CA
    rc += "  mda " + quoted(QStringLiteral("/usr/bin/safecat %1/tmp %1/new").arg(maildir)) + "\n";
    const QString path = home + QStringLiteral("/fetchmailrc");
    if (!writePrivate(path, rc)) {
        c.error = QStringLiteral("cannot write %1").arg(path);
        return c;
    }
    c.argv = {QStringLiteral("fetchmail"), QStringLiteral("--fetchmailrc"), path,
              QStringLiteral("--nosyslog"), QStringLiteral("--silent")};
    c.env = {QStringLiteral("FETCHMAILHOME=") + home};
    return c;
}

Command getmail(const QString &scratch, const Account &account, const QString &maildir)
{
    Command c;
    const QString home = scratch + QStringLiteral("/getmail-home");
    QDir(home).removeRecursively();
    if (!QDir().mkpath(home) || !makeMaildir(maildir)) {
        c.error = QStringLiteral("cannot create the getmail folders");
        return c;
    }
    const struct passwd *mail = ::getpwnam("mail");
    if (!mail) {
        c.error = QStringLiteral("no user 'mail' to deliver as");
        return c;
    }
    const QStringList owned {maildir, maildir + QStringLiteral("/tmp"),
                             maildir + QStringLiteral("/new"), maildir + QStringLiteral("/cur"),
                             home};
    for (const QString &dir : owned) {
        if (::chown(QFile::encodeName(dir).constData(), mail->pw_uid, mail->pw_gid) != 0) {
            c.error = QStringLiteral("cannot hand %1 to user mail").arg(dir);
            return c;
        }
    }
    QByteArray rc = "[retriever]\n";
    rc += account.tls ? "type = SimplePOP3SSLRetriever\n" : "type = SimplePOP3Retriever\n";
    rc += "server = " + account.host.toUtf8() + "\nport = " + account.port.toUtf8() + '\n';
    rc += "username = " + account.user.toUtf8() + "\npassword = " + account.password.toUtf8()
        + '\n';
    if (account.tls)
        rc += "ca_certs = " + account.ca.toUtf8() + '\n';
    // getmail waits for each delivery child with a SIGCHLD handler and a condition variable
    // whose timeout is this one (default 180 s); a wake-up it misses then costs the whole
    // timeout and ends the run with "waiting child pid ... timed out". 30 s bounds that.
    rc += "timeout = 30\n";
    // getmail runs as user mail itself (setpriv below), so no `user =`: the delivery child
    // does not change its uid.
    rc += "\n[destination]\ntype = Maildir\npath = " + maildir.toUtf8() + "/\n";
    rc += "\n[options]\nread_all = true\ndelete = false\nverbose = 0\n"
          "message_log_syslog = false\n";
    const QString path = home + QStringLiteral("/getmailrc");
    if (!writePrivate(path, rc)
        || ::chown(QFile::encodeName(path).constData(), mail->pw_uid, mail->pw_gid) != 0) {
        c.error = QStringLiteral("cannot write %1").arg(path);
        return c;
    }
    c.argv = {QStringLiteral("setpriv"),
              QStringLiteral("--reuid=mail"),
              QStringLiteral("--regid=mail"),
              QStringLiteral("--init-groups"),
              QStringLiteral("getmail"),
              QStringLiteral("--rcfile"),
              path,
              QStringLiteral("--getmaildir"),
              home,
              QStringLiteral("--quiet")};
    return c;
}

} // namespace BenchPop3
