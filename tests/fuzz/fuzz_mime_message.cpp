// Fuzz target: whole-message parsing (headers, MIME tree, charsets, transfer encodings,
// attachments) and mbox splitting. Every accessor is exercised and every attachment saved.
#include "connectors/mime/mimemessage.h"

#include <QBuffer>

#include <cstdint>
#include <cstdlib>

using namespace Tributary::Mime;

namespace {

void exercise(const Message &m)
{
    const MessageHeaders h = m.headers();
    (void)h.subject.size();
    (void)m.textBody().size();
    (void)m.htmlBody().size();
    (void)m.warnings().size();
    (void)m.rawHeader("Content-Type");
    const QList<AttachmentInfo> attachments = m.attachments();
    for (int i = 0; i < attachments.size(); ++i) {
        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        if (!m.saveAttachment(i, &sink))
            abort(); // a listed attachment can always be written to memory
        if (sink.data().size() != attachments.at(i).size)
            abort(); // the announced decoded size matches what is saved
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1024 * 1024)
        return 0;
    const QByteArray raw(reinterpret_cast<const char *>(data), qsizetype(size));
    exercise(Message::fromData(raw));

    // The same bytes as an mbox: at most a few messages, each exercised.
    QByteArray mbox = QByteArrayLiteral("From fuzz@example.com Thu Jan  1 00:00:00 2026\n") + raw;
    QBuffer device(&mbox);
    device.open(QIODevice::ReadOnly);
    MboxReader reader(&device);
    Message m;
    for (int i = 0; i < 16 && reader.readNext(&m); ++i)
        exercise(m);
    return 0;
}
