internal import CLibXML2

/// A parsed HTML page as a small tree of Swift values, built from libxml2's HTML parser
/// (which recovers from the broken markup real pages have).
final class HTMLElement {
    let tag: String
    let attributes: [String: String]
    var children: [HTMLNode] = []
    weak var parent: HTMLElement?
    /// Set by content extraction for elements a pass leaves out; the tree itself is kept, so
    /// the next, looser pass can start again without parsing the page twice.
    var isPruned = false

    init(tag: String, attributes: [String: String]) {
        self.tag = tag
        self.attributes = attributes
    }

    subscript(attribute: String) -> String? { attributes[attribute] }

    /// Every element below this one that is not pruned, depth first, in document order.
    func descendants() -> [HTMLElement] {
        var result: [HTMLElement] = []
        func visit(_ element: HTMLElement) {
            for case .element(let child) in element.children where !child.isPruned {
                result.append(child)
                visit(child)
            }
        }
        visit(self)
        return result
    }

    /// The children that are not pruned.
    var keptChildren: [HTMLNode] {
        children.filter { if case .element(let element) = $0 { return !element.isPruned } else { return true } }
    }

    /// Clears `isPruned` on this element and everything below it.
    func unprune() {
        isPruned = false
        for case .element(let child) in children { child.unprune() }
    }

    /// All text below this element, white space as it is.
    var rawText: String {
        var text = ""
        func visit(_ element: HTMLElement) {
            for child in element.children {
                switch child {
                case .text(let string): text += string
                case .element(let element): if !element.isPruned { visit(element) }
                }
            }
        }
        visit(self)
        return text
    }

    /// All text below, white space folded: what a reader sees.
    var text: String { rawText.foldingWhitespace() }
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
            // Inline scripts and styles can be most of a page's bytes; only JSON-LD is ever read.
            if tag == "style" || (tag == "script" && attributes["type"]?.lowercased().contains("ld+json") != true) { return }
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
    /// Runs of white space (no-break spaces too) as one space, trimmed. Works on UTF-8 bytes,
    /// asking Unicode's tables only about non-ASCII scalars: it runs on every text node of a page.
    func foldingWhitespace() -> String {
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count)
        var pendingSpace = false
        for scalar in unicodeScalars {
            let isSpace = scalar.value < 0x80
                ? (scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value))
                : (scalar.properties.isWhitespace || scalar.value == 0x200B)
            if isSpace {
                pendingSpace = !output.isEmpty
                continue
            }
            if pendingSpace { output.append(0x20) }
            pendingSpace = false
            if scalar.value < 0x80 {
                output.append(UInt8(scalar.value))
            } else {
                output.append(contentsOf: UTF8.encode(scalar)!)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
