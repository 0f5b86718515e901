// Fuzz target for the Mail view's HTML sanitizer (app/services/mail/htmlsanitizer.cpp).
//
// The sanitizer depends on Qt Core only; it is compiled into this target directly, so the
// fuzz build (which instruments tributary_connectors, not the app library) covers it too.
// Besides "never crashes", it checks the sanitizer's promise: no element that runs code or
// loads another document survives, in either remote-content mode.
#include "app/services/mail/htmlsanitizer.cpp"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString input = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    for (auto mode : {Tributary::HtmlSanitizer::RemoteContent::Block,
                      Tributary::HtmlSanitizer::RemoteContent::Allow}) {
        const Tributary::HtmlSanitizer::Result result
            = Tributary::HtmlSanitizer::sanitize(input, mode);
        for (const char *forbidden : {"<script", "<iframe", "<object", "<embed", "<style", "<meta",
                                      "<link", "<base", "<form", "<svg", "<applet"}) {
            if (result.html.contains(QLatin1String(forbidden), Qt::CaseInsensitive))
                std::abort();
        }
        if (mode == Tributary::HtmlSanitizer::RemoteContent::Block
            && (result.html.contains(QLatin1String("src=\"http"), Qt::CaseInsensitive)))
            std::abort();
    }
    (void)Tributary::HtmlSanitizer::textToHtml(input);
    return 0;
}
