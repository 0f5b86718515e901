#include "ewsxml.h"

#include <QXmlStreamReader>

namespace Tributary::Ews {

const XmlNode *XmlNode::child(QStringView ns, QStringView localName) const
{
    for (const XmlNode &c : children) {
        if (c.is(ns, localName))
            return &c;
    }
    return nullptr;
}

const XmlNode *XmlNode::path(QStringView ns, std::initializer_list<QStringView> names) const
{
    const XmlNode *node = this;
    for (QStringView n : names) {
        node = node->child(ns, n);
        if (!node)
            return nullptr;
    }
    return node;
}

QString XmlNode::childText(QStringView ns, QStringView localName) const
{
    const XmlNode *c = child(ns, localName);
    return c ? c->text : QString();
}

QString XmlNode::attribute(QStringView attributeName) const
{
    for (const QXmlStreamAttribute &a : attributes) {
        if (a.namespaceUri().isEmpty() && a.name() == attributeName)
            return a.value().toString();
    }
    return QString();
}

bool parseXml(const QByteArray &data, XmlNode *root, QString *error)
{
    QXmlStreamReader reader(data);
    std::vector<XmlNode *> stack;
    bool haveRoot = false;
    while (!reader.atEnd()) {
        switch (reader.readNext()) {
        case QXmlStreamReader::StartElement: {
            XmlNode *node = nullptr;
            if (stack.empty()) {
                if (haveRoot) {
                    reader.raiseError(QStringLiteral("more than one document element"));
                    break;
                }
                haveRoot = true;
                node = root;
            } else {
                stack.back()->children.emplace_back();
                node = &stack.back()->children.back();
            }
            node->namespaceUri = reader.namespaceUri().toString();
            node->name = reader.name().toString();
            node->attributes = reader.attributes();
            stack.push_back(node);
            break;
        }
        case QXmlStreamReader::EndElement:
            if (!stack.empty())
                stack.pop_back();
            break;
        case QXmlStreamReader::Characters:
            if (!stack.empty())
                stack.back()->text += reader.text();
            break;
        case QXmlStreamReader::DTD:
            reader.raiseError(QStringLiteral("a DTD is not allowed"));
            break;
        default:
            break;
        }
    }
    if (reader.hasError() || !haveRoot) {
        if (error) {
            *error = reader.hasError() ? QStringLiteral("%1 (line %2, column %3)")
                                             .arg(reader.errorString())
                                             .arg(reader.lineNumber())
                                             .arg(reader.columnNumber())
                                       : QStringLiteral("empty document");
        }
        return false;
    }
    return true;
}

} // namespace Tributary::Ews
