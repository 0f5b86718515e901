#pragma once

#include <QString>
#include <QStringView>
#include <QXmlStreamAttributes>

#include <vector>

namespace Tributary::Ews {

// The XML namespaces of Exchange Web Services (SOAP 1.1 envelope, messages, types, errors).
inline constexpr char16_t soapNamespace[] = u"http://schemas.xmlsoap.org/soap/envelope/";
inline constexpr char16_t messagesNamespace[]
    = u"http://schemas.microsoft.com/exchange/services/2006/messages";
inline constexpr char16_t typesNamespace[]
    = u"http://schemas.microsoft.com/exchange/services/2006/types";
inline constexpr char16_t errorsNamespace[]
    = u"http://schemas.microsoft.com/exchange/services/2006/errors";

// A small read-only element tree built from a whole XML document with QXmlStreamReader,
// namespace-aware (elements are matched by namespace URI and local name, never by prefix).
// Text of an element is the concatenation of its character data (whitespace kept).
// A plain value; no DTD processing and no external entities (QXmlStreamReader resolves none).
struct XmlNode
{
    QString namespaceUri;
    QString name; // local name
    QXmlStreamAttributes attributes;
    QString text;
    std::vector<XmlNode> children;

    bool is(QStringView ns, QStringView localName) const
    {
        return name == localName && namespaceUri == ns;
    }
    // First child with that namespace and local name, or nullptr.
    const XmlNode *child(QStringView ns, QStringView localName) const;
    // Follows a path of child names in one namespace; nullptr when a step is missing.
    const XmlNode *path(QStringView ns, std::initializer_list<QStringView> names) const;
    // Text of the named child, or an empty string.
    QString childText(QStringView ns, QStringView localName) const;
    // Value of an unqualified attribute, or an empty string.
    QString attribute(QStringView name) const;
};

// Parses `data` into `root` (the document element). Returns false and fills `error` with
// the reader's complaint (line and column) when the document is not well-formed XML.
bool parseXml(const QByteArray &data, XmlNode *root, QString *error);

} // namespace Tributary::Ews
