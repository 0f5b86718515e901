#include "mailgenerator.h"

#include <QDateTime>

#include <array>
#include <cmath>

namespace MailGen {

namespace {

// ---------------------------------------------------------------------------------------------
// Randomness: splitmix64 to derive per-message seeds, xoshiro256** for the stream.

quint64 splitmix64(quint64 &state)
{
    quint64 z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

quint64 mix(quint64 seed, quint64 index, quint64 stream)
{
    quint64 s = seed * 0xd1342543de82ef95ULL + index;
    quint64 a = splitmix64(s);
    s ^= stream * 0x2545f4914f6cdd1dULL;
    return a ^ splitmix64(s);
}

class Rng
{
public:
    explicit Rng(quint64 seed)
    {
        for (auto &w : m_s)
            w = splitmix64(seed);
    }

    quint64 next()
    {
        const quint64 result = rotl(m_s[1] * 5, 7) * 9;
        const quint64 t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }

    // Uniform in [0, n).
    int below(int n) { return n <= 1 ? 0 : int(next() % quint64(n)); }
    // Uniform in [lo, hi].
    int range(int lo, int hi) { return lo + below(hi - lo + 1); }
    // Uniform in [0, 1).
    double unit() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    bool chance(double p) { return unit() < p; }

    template<typename T, size_t N> const T &pick(const std::array<T, N> &items)
    {
        return items[size_t(below(int(N)))];
    }

    void fill(char *out, qsizetype n)
    {
        qsizetype i = 0;
        while (i + 8 <= n) {
            const quint64 v = next();
            memcpy(out + i, &v, 8);
            i += 8;
        }
        if (i < n) {
            const quint64 v = next();
            memcpy(out + i, &v, size_t(n - i));
        }
    }

private:
    static quint64 rotl(quint64 x, int k) { return (x << k) | (x >> (64 - k)); }
    std::array<quint64, 4> m_s {};
};

// Independent streams of one message, so that e.g. a reply can compute the subject of the
// message it answers without generating that message.
enum Stream : quint64 { StreamBody = 1, StreamSubject = 2, StreamFolder = 3 };

// ---------------------------------------------------------------------------------------------
// Size distribution: piecewise log-linear between measured quantiles of the reference mailbox.

struct Quantile
{
    double p;
    double bytes;
};

constexpr std::array<Quantile, 10> kSizeQuantiles {{
    {0.00, 1500},
    {0.10, 5500},
    {0.50, 14200},
    {0.78, 20000},
    {0.90, 65000},
    {0.948, 100000},
    {0.96, 300000},
    {0.98, 700000},
    {0.99, 860000},
    {1.00, 1050000},
}};

int targetSize(double u)
{
    for (size_t k = 1; k < kSizeQuantiles.size(); ++k) {
        const Quantile &lo = kSizeQuantiles[k - 1];
        const Quantile &hi = kSizeQuantiles[k];
        if (u <= hi.p) {
            const double f = (u - lo.p) / (hi.p - lo.p);
            return int(
                std::exp(std::log(lo.bytes) + f * (std::log(hi.bytes) - std::log(lo.bytes))));
        }
    }
    return int(kSizeQuantiles.back().bytes);
}

// ---------------------------------------------------------------------------------------------
// Vocabulary.

enum class Lang { English, German, French, Greek, Japanese };

const std::array<const char *, 48> kEnglish {
    {"the",     "release",  "meeting", "schedule", "build",   "server",   "invoice",  "please",
     "review",  "attached", "update",  "quarter",  "report",  "customer", "delivery", "thanks",
     "we",      "should",   "move",    "forward",  "with",    "this",     "proposal", "before",
     "Friday",  "team",     "budget",  "numbers",  "look",    "good",     "but",      "the",
     "tests",   "still",    "fail",    "on",       "Windows", "and",      "macOS",    "after",
     "merging", "branch",   "let",     "me",       "know",    "if",       "anything", "changes"}};
const std::array<const char *, 32> kGerman {
    {"Rechnung", "für",       "März",      "bitte",       "überweisen", "Sie",    "den",
     "Betrag",   "bis",       "zum",       "Monatsende",  "Grüße",      "aus",    "München",
     "die",      "Lieferung", "ist",       "unterwegs",   "wir",        "prüfen", "Ihre",
     "Anfrage",  "Größe",     "Übersicht", "Außenstände", "Straße",     "schön",  "Zahlung",
     "erhalten", "Frühjahr",  "Änderung",  "Vertrag"}};
const std::array<const char *, 24> kFrench {
    {"bonjour", "réunion", "à",      "propos", "du",           "projet",   "merci", "d'avance",
     "équipe",  "déjà",    "prévu",  "été",    "très",         "bientôt",  "reçu",  "facture",
     "où",      "en",      "sommes", "nous",   "cordialement", "première", "étape", "leçon"}};
const std::array<const char *, 24> kGreek {
    {"καλημέρα", "η",         "συνάντηση",     "είναι", "αύριο",       "στις",
     "δέκα",     "ευχαριστώ", "πολύ",          "για",   "την",         "προσφορά",
     "το",       "τιμολόγιο", "επισυνάπτεται", "με",    "εκτίμηση",    "ομάδα",
     "έργο",     "νέα",       "έκδοση",        "Αθήνα", "Θεσσαλονίκη", "χαιρετισμούς"}};
const std::array<const char *, 24> kJapanese {
    {"こんにちは", "会議",   "の",     "件",       "です",   "よろしく",
     "お願い",     "します", "資料",   "を",       "添付",   "しました",
     "来週",       "の",     "予定",   "について", "確認",   "ありがとう",
     "ございます", "東京",   "見積書", "メール",   "新しい", "リリース"}};

QString word(Rng &rng, Lang lang)
{
    switch (lang) {
    case Lang::English:
        return QString::fromUtf8(rng.pick(kEnglish));
    case Lang::German:
        return QString::fromUtf8(rng.chance(0.7) ? rng.pick(kGerman) : rng.pick(kEnglish));
    case Lang::French:
        return QString::fromUtf8(rng.chance(0.7) ? rng.pick(kFrench) : rng.pick(kEnglish));
    case Lang::Greek:
        return QString::fromUtf8(rng.chance(0.8) ? rng.pick(kGreek) : rng.pick(kEnglish));
    case Lang::Japanese:
        return QString::fromUtf8(rng.pick(kJapanese));
    }
    return QString();
}

QString separator(Lang lang)
{
    return lang == Lang::Japanese ? QString() : QStringLiteral(" ");
}

struct Person
{
    const char *name;
    const char *address;
};

const std::array<Person, 16> kPeople {{
    {"Alice Example", "alice@tributary.test"},
    {"Bob Builder", "bob@builder.example"},
    {"Jürgen Müller", "juergen.mueller@beispiel.de"},
    {"Ελένη Παπαδοπούλου", "eleni@paradeigma.gr"},
    {"山田 太郎", "taro.yamada@rei.jp"},
    {"François Dupont", "f.dupont@exemple.fr"},
    {"Ana Núñez", "ana.nunez@ejemplo.es"},
    {"Release Team", "release@qt-project.example"},
    {"Carol O'Neil", "carol@example.com"},
    {"Dave \"DJ\" Jones", "dj@example.org"},
    {"Søren Kierkegård", "soren@eksempel.dk"},
    {"Zoë Ångström", "zoe@exempel.se"},
    {"Billing", "billing@shop.example"},
    {"Łukasz Żółć", "lukasz@przyklad.pl"},
    {"Marie-Claire Lévêque", "mcl@exemple.fr"},
    {"Support", "support@vendor.example"},
}};

struct Attachment
{
    const char *name;
    const char *type;
};

const std::array<Attachment, 12> kAttachments {{
    {"report-2023-Q4.pdf", "application/pdf"},
    {"Rechnung März 2024.pdf", "application/pdf"},
    {"Übersicht Außenstände.xlsx",
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"photo_0042.jpg", "image/jpeg"},
    {"προσφορά.pdf", "application/pdf"},
    {"見積書.pdf", "application/pdf"},
    {"screenshot.png", "image/png"},
    {"build-logs.zip", "application/zip"},
    {"Präsentation Frühjahr – endgültige Fassung.pptx",
     "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    {"contract_signed.pdf", "application/pdf"},
    {"café menu été.docx",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"data.bin", "application/octet-stream"},
}};

constexpr std::array<int, 10> kZoneMinutes {{0, 60, 120, -300, -480, 540, 330, -180, 600, -420}};

// ---------------------------------------------------------------------------------------------
// Encodings.

bool isAscii(const QByteArray &utf8)
{
    for (char c : utf8)
        if (uchar(c) >= 0x80)
            return false;
    return true;
}

const char kHex[] = "0123456789ABCDEF";

// RFC 2047 encoded words for `text`, each at most 75 characters, never splitting a character;
// joined by folding white space.
QByteArray encodedWords(const QString &text, bool bEncoding)
{
    QByteArray out;
    QByteArray chunk;
    auto flush = [&]() {
        if (chunk.isEmpty())
            return;
        if (!out.isEmpty())
            out += "\r\n ";
        if (bEncoding) {
            out += "=?UTF-8?B?" + chunk.toBase64() + "?=";
        } else {
            out += "=?UTF-8?Q?";
            for (char c : chunk) {
                const uchar u = uchar(c);
                if (u == ' ')
                    out += '_';
                else if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9'))
                    out += c;
                else {
                    out += '=';
                    out += kHex[u >> 4];
                    out += kHex[u & 15];
                }
            }
            out += "?=";
        }
        chunk.clear();
    };
    const auto encodedLength = [bEncoding](const QByteArray &bytes) {
        if (bEncoding)
            return (bytes.size() + 2) / 3 * 4;
        qsizetype n = 0;
        for (char c : bytes) {
            const uchar u = uchar(c);
            n += ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9')
                  || u == ' ')
                ? 1
                : 3;
        }
        return n;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        qsizetype len = text.at(i).isHighSurrogate() && i + 1 < text.size() ? 2 : 1;
        const QByteArray ch = text.mid(i, len).toUtf8();
        i += len - 1;
        if (encodedLength(chunk + ch) > 75 - 12)
            flush();
        chunk += ch;
    }
    flush();
    return out;
}

// A header value holding free text: as is when ASCII, otherwise encoded words.
QByteArray headerText(const QString &text, bool bEncoding)
{
    const QByteArray utf8 = text.toUtf8();
    if (isAscii(utf8))
        return utf8;
    return encodedWords(text, bEncoding);
}

QByteArray mailbox(const Person &p, bool bEncoding)
{
    const QString name = QString::fromUtf8(p.name);
    const QByteArray utf8 = name.toUtf8();
    QByteArray out;
    if (isAscii(utf8)) {
        bool special = false;
        for (char c : utf8)
            if (QByteArrayView("()<>[]:;@\\,.\"'").contains(c))
                special = true;
        if (special) {
            out += '"';
            for (char c : utf8) {
                if (c == '"' || c == '\\')
                    out += '\\';
                out += c;
            }
            out += '"';
        } else {
            out += utf8;
        }
    } else {
        out += encodedWords(name, bEncoding);
    }
    out += " <";
    out += p.address;
    out += '>';
    return out;
}

QByteArray base64Lines(const QByteArray &data)
{
    const QByteArray b64 = data.toBase64();
    QByteArray out;
    out.reserve(b64.size() + b64.size() / 76 * 2 + 2);
    for (qsizetype i = 0; i < b64.size(); i += 76) {
        out += QByteArrayView(b64).sliced(i, std::min<qsizetype>(76, b64.size() - i));
        out += "\r\n";
    }
    return out;
}

// RFC 2045 section 6.7 quoted-printable of UTF-8 text whose lines end in CRLF.
QByteArray quotedPrintable(const QByteArray &text)
{
    QByteArray out;
    out.reserve(text.size() * 3 / 2);
    int column = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const uchar c = uchar(text.at(i));
        if (c == '\r' && i + 1 < text.size() && text.at(i + 1) == '\n') {
            out += "\r\n";
            ++i;
            column = 0;
            continue;
        }
        const bool lineEnd = i + 1 >= text.size() || text.at(i + 1) == '\r';
        const bool literal
            = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !lineEnd);
        const int width = literal ? 1 : 3;
        if (column + width > 75) {
            out += "=\r\n";
            column = 0;
        }
        if (literal) {
            out += char(c);
        } else {
            out += '=';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
        column += width;
    }
    return out;
}

// RFC 2231 parameter `name*` with UTF-8 percent encoding, split into continuations when long.
QByteArray rfc2231Parameter(const char *param, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    QByteArray encoded;
    for (char c : utf8) {
        const uchar u = uchar(c);
        if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '.'
            || u == '-' || u == '_') {
            encoded += c;
        } else {
            encoded += '%';
            encoded += kHex[u >> 4];
            encoded += kHex[u & 15];
        }
    }
    QByteArray out;
    if (encoded.size() <= 50) {
        out += ";\r\n\t";
        out += param;
        out += "*=utf-8''";
        out += encoded;
        return out;
    }
    int part = 0;
    for (qsizetype i = 0; i < encoded.size(); ++part) {
        qsizetype n = std::min<qsizetype>(45, encoded.size() - i);
        // never split a %XX escape
        if (i + n < encoded.size()) {
            if (encoded.at(i + n - 1) == '%')
                n -= 1;
            else if (n >= 2 && encoded.at(i + n - 2) == '%')
                n -= 2;
        }
        out += ";\r\n\t";
        out += param;
        out += '*';
        out += QByteArray::number(part);
        out += '*';
        out += '=';
        if (part == 0)
            out += "utf-8''";
        out += QByteArrayView(encoded).sliced(i, n);
        i += n;
    }
    return out;
}

QByteArray rfc5322Date(qint64 secs, int zoneMinutes)
{
    static const char *const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char *const months[]
        = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDateTime local = QDateTime::fromSecsSinceEpoch(secs + qint64(zoneMinutes) * 60, Qt::UTC);
    const QDate d = local.date();
    const QTime t = local.time();
    const int absZone = std::abs(zoneMinutes);
    return QByteArray(days[d.dayOfWeek() - 1]) + ", "
        + QByteArray::number(d.day()).rightJustified(2, '0') + ' ' + months[d.month() - 1] + ' '
        + QByteArray::number(d.year()) + ' ' + QByteArray::number(t.hour()).rightJustified(2, '0')
        + ':' + QByteArray::number(t.minute()).rightJustified(2, '0') + ':'
        + QByteArray::number(t.second()).rightJustified(2, '0') + ' '
        + (zoneMinutes < 0 ? '-' : '+') + QByteArray::number(absZone / 60).rightJustified(2, '0')
        + QByteArray::number(absZone % 60).rightJustified(2, '0');
}

QByteArray messageId(quint64 seed, int index)
{
    return '<' + QByteArray::number(mix(seed, quint64(index), 99), 16) + '.'
        + QByteArray::number(index) + "@mailgen.tributary.test>";
}

Lang languageFor(Rng &rng, const QString &folder)
{
    if (folder.startsWith(QStringLiteral("Rechnungen")))
        return Lang::German;
    if (folder == QStringLiteral("Ελληνικά"))
        return Lang::Greek;
    if (folder.startsWith(QStringLiteral("日本語")))
        return Lang::Japanese;
    const int r = rng.below(100);
    if (r < 60)
        return Lang::English;
    if (r < 75)
        return Lang::German;
    if (r < 85)
        return Lang::French;
    if (r < 93)
        return Lang::Greek;
    return Lang::Japanese;
}

QString subjectFor(quint64 seed, int index, Lang lang)
{
    Rng rng(mix(seed, quint64(index), StreamSubject));
    const int words = rng.range(3, 9);
    QString s;
    for (int w = 0; w < words; ++w) {
        if (w > 0)
            s += separator(lang);
        s += word(rng, lang);
    }
    s[0] = s.at(0).toUpper();
    if (rng.chance(0.15))
        s += QStringLiteral(" [#") + QString::number(rng.range(1000, 99999)) + QLatin1Char(']');
    return s;
}

// Plain text of about `bytes` UTF-8 bytes as lines ending in CRLF, wrapped near 72
// characters, paragraphs separated by empty lines.
QByteArray plainText(Rng &rng, Lang lang, qsizetype bytes)
{
    QByteArray out;
    out.reserve(bytes + 128);
    const QString sep = separator(lang);
    QString line;
    int sentence = 0;
    bool startOfSentence = true;
    while (out.size() < bytes) {
        QString w = word(rng, lang);
        if (startOfSentence && !w.isEmpty())
            w[0] = w.at(0).toUpper();
        startOfSentence = false;
        if (++sentence > rng.range(6, 14)) {
            w += lang == Lang::Japanese ? QStringLiteral("。") : QStringLiteral(".");
            sentence = 0;
            startOfSentence = true;
        }
        if (!line.isEmpty() && line.size() + sep.size() + w.size() > 72) {
            out += line.toUtf8();
            out += "\r\n";
            line.clear();
            if (startOfSentence && rng.chance(0.2))
                out += "\r\n";
        }
        if (!line.isEmpty())
            line += sep;
        line += w;
    }
    if (!line.isEmpty()) {
        out += line.toUtf8();
        out += "\r\n";
    }
    return out;
}

QByteArray htmlFromText(const QByteArray &text)
{
    QByteArray html = "<!DOCTYPE html>\r\n<html><head><meta charset=\"utf-8\"></head>\r\n"
                      "<body style=\"font-family: sans-serif\">\r\n<p>";
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (c == '\r' && i + 3 < text.size() && text.at(i + 1) == '\n' && text.at(i + 2) == '\r') {
            html += "</p>\r\n<p>";
            i += 3;
        } else if (c == '<') {
            html += "&lt;";
        } else if (c == '>') {
            html += "&gt;";
        } else if (c == '&') {
            html += "&amp;";
        } else {
            html += c;
        }
    }
    html += "</p>\r\n</body></html>\r\n";
    return html;
}

QByteArray textPart(Rng &rng, Lang lang, qsizetype bytes, bool html)
{
    const QByteArray text = plainText(rng, lang, bytes);
    const QByteArray body = html ? htmlFromText(text) : text;
    QByteArray out = html
        ? "Content-Type: text/html; charset=utf-8\r\n"
        : (rng.chance(0.2) ? "Content-Type: text/plain; charset=utf-8; format=flowed\r\n"
                           : "Content-Type: text/plain; charset=utf-8\r\n");
    if (isAscii(body) && rng.chance(0.5)) {
        out += "Content-Transfer-Encoding: 7bit\r\n\r\n";
        out += body;
    } else if (rng.chance(0.5)) {
        out += "Content-Transfer-Encoding: 8bit\r\n\r\n";
        out += body;
    } else {
        out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
        out += quotedPrintable(body);
    }
    return out;
}

QByteArray boundary(quint64 seed, int index, int level)
{
    return "=_mailgen_" + QByteArray::number(mix(seed, quint64(index), 50 + quint64(level)), 36)
        + '_' + QByteArray::number(level);
}

QByteArray multipart(const QByteArray &subtype, const QByteArray &bound,
                     const QList<QByteArray> &parts, bool withPreamble)
{
    QByteArray out
        = "Content-Type: multipart/" + subtype + ";\r\n\tboundary=\"" + bound + "\"\r\n\r\n";
    if (withPreamble)
        out += "This is a multi-part message in MIME format.\r\n";
    for (const QByteArray &p : parts) {
        out += "\r\n--" + bound + "\r\n";
        out += p;
    }
    out += "\r\n--" + bound + "--\r\n";
    return out;
}

QByteArray alternative(Rng &rng, Lang lang, qsizetype bytes, const QByteArray &bound)
{
    const qsizetype textBytes = std::max<qsizetype>(200, bytes * 2 / 5);
    QList<QByteArray> parts;
    parts << textPart(rng, lang, textBytes, false);
    parts << textPart(rng, lang, std::max<qsizetype>(200, bytes - textBytes - 200), true);
    return multipart("alternative", bound, parts, false);
}

QByteArray attachmentPart(Rng &rng, qsizetype rawBytes)
{
    const Attachment &a = rng.pick(kAttachments);
    const QString name = QString::fromUtf8(a.name);
    const bool ascii = isAscii(name.toUtf8());
    QByteArray out = QByteArray("Content-Type: ") + a.type;
    if (ascii) {
        out += ";\r\n\tname=\"" + name.toUtf8() + "\"\r\n";
        out += "Content-Disposition: attachment;\r\n\tfilename=\"" + name.toUtf8() + '"';
    } else {
        // What common clients send: an RFC 2047 name for old readers, RFC 2231 for the rest.
        out += ";\r\n\tname=\"" + encodedWords(name, true) + "\"\r\n";
        out += "Content-Disposition: attachment" + rfc2231Parameter("filename", name);
    }
    if (rng.chance(0.3))
        out += ";\r\n\tsize=" + QByteArray::number(rawBytes);
    out += "\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    QByteArray raw(rawBytes, Qt::Uninitialized);
    rng.fill(raw.data(), raw.size());
    out += base64Lines(raw);
    return out;
}

} // namespace

// ---------------------------------------------------------------------------------------------

Generator::Generator(quint64 seed)
    : m_seed(seed)
{
}

const QVector<Folder> &Generator::folders()
{
    static const QVector<Folder> list {
        {QStringLiteral("INBOX"), 3364},
        {QStringLiteral("Archive"), 162},
        {QStringLiteral("Archive/2022"), 700},
        {QStringLiteral("Archive/2023"), 700},
        {QStringLiteral("Archive/2024"), 700},
        {QStringLiteral("Sent"), 900},
        {QStringLiteral("Drafts"), 120},
        {QStringLiteral("Trash"), 400},
        {QStringLiteral("Junk"), 300},
        {QStringLiteral("Projects/Qt6/Release"), 500},
        {QStringLiteral("Projects/Qt6/Bugs"), 600},
        {QString::fromUtf8("Rechnungen/März 2024"), 250},
        {QString::fromUtf8("Ελληνικά"), 300},
        {QString::fromUtf8("日本語/メール"), 300},
        {QStringLiteral("Newsletters"), 704},
        {QStringLiteral("Empty folder"), 0},
    };
    return list;
}

QStringList Generator::noselectParents()
{
    QStringList selectable;
    for (const Folder &f : folders())
        selectable << f.name;
    QStringList parents;
    for (const Folder &f : folders()) {
        const QStringList parts = f.name.split(QLatin1Char('/'));
        QString path;
        for (int k = 0; k + 1 < parts.size(); ++k) {
            path += (k ? QStringLiteral("/") : QString()) + parts.at(k);
            if (!selectable.contains(path) && !parents.contains(path))
                parents << path;
        }
    }
    return parents;
}

Message Generator::generate(int index) const
{
    Message m;
    m.index = index;

    {
        Rng folderRng(mix(m_seed, quint64(index), StreamFolder));
        int r = folderRng.below(10000);
        const QVector<Folder> &all = folders();
        for (int f = 0; f < all.size(); ++f) {
            if (r < all.at(f).weight) {
                m.folder = f;
                break;
            }
            r -= all.at(f).weight;
        }
    }
    const QString folder = folders().at(m.folder).name;

    Rng rng(mix(m_seed, quint64(index), StreamBody));
    const Lang lang = languageFor(rng, folder);
    const bool bEncoding = lang == Lang::Greek || lang == Lang::Japanese || rng.chance(0.3);
    const int target = targetSize(rng.unit());

    // 2015-01-01 .. 2024-12-31 (UTC)
    const qint64 from = 1420070400;
    const qint64 to = 1735689599;
    m.internalDate = from + qint64(rng.next() % quint64(to - from));
    const int zone = rng.pick(kZoneMinutes);

    const bool sent = folder == QStringLiteral("Sent") || folder == QStringLiteral("Drafts");
    const Person &me = kPeople[0];
    const Person &other = kPeople[size_t(1 + rng.below(int(kPeople.size()) - 1))];
    const Person &sender = sent ? me : other;

    QByteArray h;
    if (!sent) {
        h += "Return-Path: <" + QByteArray(sender.address) + ">\r\n";
        h += "Received: from mail.example.net (mail.example.net [192.0.2."
            + QByteArray::number(rng.range(1, 254))
            + "])\r\n\tby mx.tributary.test (Postfix) with ESMTPS id "
            + QByteArray::number(rng.next() % 0xffffffffffULL, 16).toUpper()
            + "\r\n\tfor <alice@tributary.test>; "
            + rfc5322Date(m.internalDate + rng.range(1, 90), 0) + "\r\n";
    }
    h += "Date: " + rfc5322Date(m.internalDate, zone) + "\r\n";
    h += "From: " + mailbox(sender, bEncoding) + "\r\n";
    {
        QByteArray to = "To: ";
        const int n = sent ? rng.range(1, 3) : 1;
        for (int k = 0; k < n; ++k) {
            if (k)
                to += ",\r\n ";
            to += mailbox(sent ? kPeople[size_t(1 + rng.below(int(kPeople.size()) - 1))] : me,
                          bEncoding);
        }
        h += to + "\r\n";
    }
    if (rng.chance(0.3)) {
        QByteArray cc = "Cc: ";
        const int n = rng.range(1, 3);
        for (int k = 0; k < n; ++k) {
            if (k)
                cc += ",\r\n ";
            cc += mailbox(kPeople[size_t(rng.below(int(kPeople.size())))], bEncoding);
        }
        h += cc + "\r\n";
    }
    h += "Message-ID: " + messageId(m_seed, index) + "\r\n";

    QString subject;
    if (index > 0 && rng.chance(0.3)) {
        const int parent = rng.below(index);
        Rng parentLang(mix(m_seed, quint64(parent), StreamBody));
        subject
            = QStringLiteral("Re: ") + subjectFor(m_seed, parent, languageFor(parentLang, folder));
        h += "In-Reply-To: " + messageId(m_seed, parent) + "\r\n";
        h += "References: ";
        if (parent > 0 && rng.chance(0.5))
            h += messageId(m_seed, rng.below(parent)) + "\r\n ";
        h += messageId(m_seed, parent) + "\r\n";
    } else {
        subject = subjectFor(m_seed, index, lang);
    }
    h += "Subject: " + headerText(subject, bEncoding) + "\r\n";
    if (folder == QStringLiteral("Newsletters") || rng.chance(0.1)) {
        const int list = rng.below(4);
        h += "List-Id: "
            + QByteArray(list == 0       ? "Qt development <development.qt-project.example>"
                             : list == 1 ? "\"Neuigkeiten\" <news.beispiel.de>"
                             : list == 2 ? "<announce.lists.example.org>"
                                         : "Releases <releases.vendor.example>")
            + "\r\n";
        h += "List-Unsubscribe: <mailto:unsubscribe-" + QByteArray::number(list)
            + "@lists.example.org>\r\n";
        h += "Precedence: list\r\n";
    }
    if (rng.chance(0.4))
        h += "X-Mailer: "
            + QByteArray(rng.chance(0.5) ? "Tributary mailgen 1.0" : "Mozilla Thunderbird 115")
            + "\r\n";
    h += "MIME-Version: 1.0\r\n";

    const qsizetype room = std::max<qsizetype>(300, target - h.size() - 100);
    QByteArray body;
    if (target > 24000 || rng.chance(0.05)) {
        // multipart/mixed: some text, then 1-3 attachments filling the rest.
        const qsizetype textBytes = std::min<qsizetype>(room / 3, rng.range(600, 6000));
        QList<QByteArray> parts;
        if (rng.chance(0.5))
            parts << alternative(rng, lang, textBytes, boundary(m_seed, index, 1));
        else
            parts << textPart(rng, lang, textBytes, false);
        const int count = rng.range(1, 3);
        // base64 with CRLF every 76 characters: 4/3 * 78/76
        qsizetype raw
            = std::max<qsizetype>(64, qsizetype(double(room - textBytes - 250 * count) * 0.7308));
        for (int k = 0; k < count; ++k) {
            const qsizetype share
                = k + 1 == count ? raw : std::max<qsizetype>(32, raw * rng.range(20, 70) / 100);
            parts << attachmentPart(rng, share);
            raw = std::max<qsizetype>(32, raw - share);
        }
        body = multipart("mixed", boundary(m_seed, index, 0), parts, true);
    } else if (rng.chance(0.45)) {
        body = alternative(rng, lang, room, boundary(m_seed, index, 0));
    } else {
        body = textPart(rng, lang, room, false);
    }

    m.bytes = h + body;

    QByteArray flags;
    if (folder == QStringLiteral("Drafts"))
        flags += 'D';
    if (rng.chance(0.08))
        flags += 'F';
    if (!sent && rng.chance(0.15))
        flags += 'R';
    if (sent || folder == QStringLiteral("Trash") || rng.chance(0.7))
        flags += 'S';
    m.flags = flags;
    return m;
}

QByteArray encodeModifiedUtf7(const QString &name)
{
    QByteArray out;
    QByteArray pending; // UTF-16BE of the current non-ASCII run
    auto flush = [&]() {
        if (pending.isEmpty())
            return;
        QByteArray b64 = pending.toBase64(QByteArray::OmitTrailingEquals);
        b64.replace('/', ',');
        out += '&' + b64 + '-';
        pending.clear();
    };
    for (const QChar c : name) {
        const ushort u = c.unicode();
        if (u >= 0x20 && u <= 0x7e) {
            flush();
            if (u == '&')
                out += "&-";
            else
                out += char(u);
        } else {
            pending += char(u >> 8);
            pending += char(u & 0xff);
        }
    }
    flush();
    return out;
}

} // namespace MailGen
