internal import CLibXML2

/// A parsed HTML page as a small tree of Swift values, built from libxml2's HTML parser
/// (which recovers from the broken markup real pages have).
final class HTMLElement {
    let tag: String
    let attributes: [String: String]
    var children: [HTMLNode] = []
    weak var parent: HTMLElement?

    init(tag: String, attributes: [String: String]) {
        self.tag = tag
        self.attributes = attributes
    }

    subscript(attribute: String) -> String? { attributes[attribute] }

    /// Every element below this one, depth first, in document order.
    func descendants() -> [HTMLElement] {
        var result: [HTMLElement] = []
        func visit(_ element: HTMLElement) {
            for case .element(let child) in element.children {
                result.append(child)
                visit(child)
            }
        }
        visit(self)
        return result
    }

    /// All text below this element, white space as it is.
    var rawText: String {
        var text = ""
        func visit(_ element: HTMLElement) {
            for child in element.children {
                switch child {
                case .text(let string): text += string
                case .element(let element): visit(element)
                }
            }
        }
        visit(self)
        return text
    }

    /// All text below, white space folded: what a reader sees.
    var text: String { rawText.foldingWhitespace() }

    func remove() {
        guard let parent else { return }
        parent.children.removeAll { if case .element(let e) = $0 { return e === self } else { return false } }
        self.parent = nil
    }
}

enum HTMLNode {
    case element(HTMLElement)
    case text(String)
}

enum HTMLDocument {
    /// Parses `bytes` as HTML. Pages that are valid UTF-8 are read as UTF-8 whatever they
    /// declare; others are decoded by their `<meta charset>` (libxml2's detection).
    static func parse(_ bytes: [UInt8]) -> HTMLElement {
        let isUTF8 = String(validating: bytes, as: UTF8.self) != nil
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOBLANKS.rawValue)
        let root = HTMLElement(tag: "#document", attributes: [:])
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                htmlReadMemory(pointer, Int32(buffer.count), nil, isUTF8 ? "UTF-8" : nil, options)
            }
        }
        guard let document else { return root }
        defer { xmlFreeDoc(document) }
        var node = document.pointee.children
        while let current = node {
            append(current, to: root)
            node = current.pointee.next
        }
        return root
    }

    private static func append(_ node: xmlNodePtr, to parent: HTMLElement) {
        switch node.pointee.type {
        case XML_ELEMENT_NODE:
            let tag = String(cString: node.pointee.name).lowercased()
            var attributes: [String: String] = [:]
            var attribute = node.pointee.properties
            while let current = attribute {
                let name = String(cString: current.pointee.name).lowercased()
                if let value = xmlNodeGetContent(UnsafeMutablePointer(OpaquePointer(current))) {
                    attributes[name] = String(cString: value)
                    archive_xml_free(value)
                }
                attribute = current.pointee.next
            }
            let element = HTMLElement(tag: tag, attributes: attributes)
            element.parent = parent
            parent.children.append(.element(element))
            var child = node.pointee.children
            while let current = child {
                append(current, to: element)
                child = current.pointee.next
            }
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let content = node.pointee.content {
                parent.children.append(.text(String(cString: content)))
            }
        default:
            break
        }
    }
}

extension String {
    /// Runs of white space (no-break spaces too) as one space, trimmed.
    func foldingWhitespace() -> String {
        var result = ""
        result.reserveCapacity(utf8.count)
        var pendingSpace = false
        for scalar in unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "\u{200B}" {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.unicodeScalars.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
