internal import CLibXML2

/// A parsed XML document (a feed) as a small tree of Swift values, read with libxml2's parser
/// in recovery mode, since feeds in the wild are often not well-formed: what can be read is
/// kept. The network is never used and external entities are never loaded.
///
/// Element names carry a short prefix for the namespaces feeds use, whatever prefix the
/// document chose: `atom:` (Atom 1.0 and 0.3), `dc:`, `content:`, `rdf:`, `media:`; RSS 1.0
/// and RSS 0.90 elements have none, like RSS 2.0's. Other namespaces keep `{uri}name`.
struct XMLElement: Sendable {
    var name: String
    var attributes: [String: String]
    var children: [XMLChild]

    enum XMLChild: Sendable {
        case element(XMLElement)
        case text(String)
    }

    /// The child elements named `name`.
    func all(_ name: String) -> [XMLElement] {
        children.compactMap { if case .element(let element) = $0, element.name == name { element } else { nil } }
    }

    func first(_ name: String) -> XMLElement? {
        for case .element(let element) in children where element.name == name { return element }
        return nil
    }

    var elements: [XMLElement] {
        children.compactMap { if case .element(let element) = $0 { element } else { nil } }
    }

    /// All text inside, as it is.
    var text: String {
        var result = ""
        func visit(_ element: XMLElement) {
            for child in element.children {
                switch child {
                case .text(let text): result += text
                case .element(let inner): visit(inner)
                }
            }
        }
        visit(self)
        return result
    }

    /// The markup inside, serialised again (Atom's `type="xhtml"` content is XHTML in the feed).
    var innerMarkup: String {
        var result = ""
        func visit(_ element: XMLElement) {
            for child in element.children {
                switch child {
                case .text(let text): result += XMLTree.escape(text)
                case .element(let inner):
                    let local = inner.name.split(separator: ":").last.map(String.init) ?? inner.name
                    result += "<\(local)"
                    for (key, value) in inner.attributes.sorted(by: { $0.key < $1.key }) where !key.contains(":") {
                        result += " \(key)=\"\(XMLTree.escape(value))\""
                    }
                    result += ">"
                    visit(inner)
                    result += "</\(local)>"
                }
            }
        }
        visit(self)
        return result
    }
}

enum XMLTree {
    private static let prefixes: [String: String] = [
        "http://www.w3.org/2005/Atom": "atom:", "http://purl.org/atom/ns#": "atom:",
        "http://purl.org/rss/1.0/": "", "http://my.netscape.com/rdf/simple/0.9/": "",
        "http://purl.org/dc/elements/1.1/": "dc:", "http://purl.org/dc/terms/": "dc:",
        "http://purl.org/rss/1.0/modules/content/": "content:",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:", "http://search.yahoo.com/mrss/": "media:",
        "http://www.w3.org/XML/1998/namespace": "xml:", "http://www.w3.org/1999/xhtml": "xhtml:",
    ]

    /// The root element, or nil when nothing of the document could be read.
    static func parse(_ raw: [UInt8]) -> XMLElement? {
        guard !raw.isEmpty else { return nil }
        let bytes = repairedReferences(raw)
        let options = Int32(XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
                            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                xmlReadMemory(pointer, Int32(buffer.count), nil, nil, options)
            }
        }
        guard let document else { return nil }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return nil }
        return element(root)
    }

    private static func name(_ node: xmlNodePtr) -> String {
        let local = String(cString: node.pointee.name)
        guard let namespace = node.pointee.ns, let href = namespace.pointee.href else { return local }
        let uri = String(cString: href)
        if let prefix = prefixes[uri] { return prefix + local }
        return "{\(uri)}\(local)"
    }

    private static func element(_ node: xmlNodePtr) -> XMLElement {
        var attributes: [String: String] = [:]
        var attribute = node.pointee.properties
        while let current = attribute {
            var key = String(cString: current.pointee.name)
            if let namespace = current.pointee.ns, let href = namespace.pointee.href {
                key = (prefixes[String(cString: href)] ?? "{\(String(cString: href))}") + key
            }
            if let value = xmlNodeGetContent(UnsafeMutablePointer(OpaquePointer(current))) {
                attributes[key] = String(cString: value)
                archive_xml_free(value)
            }
            attribute = current.pointee.next
        }
        var children: [XMLElement.XMLChild] = []
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE: children.append(.element(element(current)))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { children.append(.text(String(cString: content))) }
            case XML_ENTITY_REF_NODE:
                // An entity the feed never declared (`&nbsp;` from HTML): read as HTML would.
                let reference = "&\(String(cString: current.pointee.name));"
                children.append(.text(HTMLEntities.decode(reference)))
            default: break
            }
            child = current.pointee.next
        }
        return XMLElement(name: name(node), attributes: attributes, children: children)
    }

    /// Character references as XML reads them: an HTML entity the feed never declared
    /// (`&nbsp;`, `&eacute;`) as its number, and a bare `&` (`AT&T`) escaped, so that one such
    /// mistake does not end the parse. Inside CDATA nothing is changed.
    static func repairedReferences(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(UInt8(ascii: "&")) else { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 64)
        var index = 0
        let cdataOpen = Array("<![CDATA[".utf8), cdataClose = Array("]]>".utf8)
        let predefined: Set<String> = ["amp", "lt", "gt", "quot", "apos"]
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<"), bytes[index...].starts(with: cdataOpen) {
                var end = index + cdataOpen.count
                while end < bytes.count, !bytes[end...].starts(with: cdataClose) { end += 1 }
                end = min(bytes.count, end + cdataClose.count)
                output += bytes[index..<end]
                index = end
                continue
            }
            guard byte == UInt8(ascii: "&") else { output.append(byte); index += 1; continue }
            // &name; or &#123; or &#x1F;
            var end = index + 1
            while end < bytes.count, end - index <= 32, bytes[end] != UInt8(ascii: ";"),
                  (bytes[end] >= 0x30 && bytes[end] <= 0x39) || (bytes[end] | 0x20 >= 0x61 && bytes[end] | 0x20 <= 0x7A)
                    || bytes[end] == UInt8(ascii: "#") { end += 1 }
            let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
            if end < bytes.count, bytes[end] == UInt8(ascii: ";"), !name.isEmpty {
                if name.hasPrefix("#") || predefined.contains(name) {
                    output += bytes[index...end]
                } else if let decoded = HTMLEntities.decode("&\(name);").unicodeScalars.first, "&\(name);" != String(decoded) {
                    output += Array("&#\(decoded.value);".utf8)
                } else {
                    output += Array("&amp;".utf8) + bytes[(index + 1)...end]
                }
                index = end + 1
            } else {
                output += Array("&amp;".utf8)
                index += 1
            }
        }
        return output
    }

    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
