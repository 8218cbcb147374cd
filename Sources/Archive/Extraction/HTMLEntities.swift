/// Character references left in text after parsing: JSON-LD is script text, which the HTML
/// parser does not decode, and some pages escape their meta tags twice (`&amp;#8222;`), so
/// `&#8222;Sturm der Liebe&#8220;` or `Redacci&oacute;n` would reach the archive as written.
enum HTMLEntities {
    /// `text` with numeric (`&#8222;`, `&#x201C;`) and named (`&oacute;`, `&amp;`) references
    /// decoded; anything else, and a reference without its `;`, stays as it is.
    static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var output = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            output += rest[..<ampersand]
            let after = rest[rest.index(after: ampersand)...]
            guard let semicolon = after.prefix(12).firstIndex(of: ";"),
                  let decoded = character(String(after[..<semicolon])) else {
                output.append("&")
                rest = after
                continue
            }
            output.append(decoded)
            rest = after[after.index(after: semicolon)...]
        }
        output += rest
        return output
    }

    private static func character(_ name: String) -> Character? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            guard let value, value > 0, let scalar = Unicode.Scalar(value) else { return nil }
            return Character(scalar)
        }
        if let value = named[name] { return Character(Unicode.Scalar(value)!) }
        if let index = latin1.firstIndex(of: name) { return Character(Unicode.Scalar(UInt32(160 + index))!) }
        return nil
    }

    /// HTML's names for U+00A0…U+00FF, in order.
    private static let latin1 = """
        nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 \
        acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml \
        Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde \
        Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig \
        ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide \
        oslash ugrave uacute ucirc uuml yacute thorn yuml
        """.split(separator: " ").map(String.init)

    /// The other names pages use in headlines and bylines.
    private static let named: [String: UInt32] = [
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "ndash": 0x2013, "mdash": 0x2014,
        "lsquo": 0x2018, "rsquo": 0x2019, "sbquo": 0x201A, "ldquo": 0x201C, "rdquo": 0x201D, "bdquo": 0x201E,
        "lsaquo": 0x2039, "rsaquo": 0x203A, "hellip": 0x2026, "bull": 0x2022, "euro": 0x20AC, "trade": 0x2122,
        "dagger": 0x2020, "prime": 0x2032, "thinsp": 0x2009, "ensp": 0x2002, "emsp": 0x2003, "zwnj": 0x200C,
        "zwj": 0x200D, "OElig": 0x152, "oelig": 0x153, "Scaron": 0x160, "scaron": 0x161, "Yuml": 0x178,
        "Zcaron": 0x17D, "zcaron": 0x17E, "circ": 0x2C6, "tilde": 0x2DC, "minus": 0x2212,
    ]
}
