/// How much of a text is prose rather than page furniture, to choose which copy of a story
/// represents it: of a clean copy and a scraped one full of menus and share bars, the clean one.
enum Cleanliness {
    /// Lines of at most this many words, shorter than `furnitureBytes`, that do not end a
    /// sentence are furniture: "Home", "Share on Facebook", "Most read". (The length keeps a
    /// paragraph of Chinese or Japanese, written without spaces, from counting as one word.)
    static let furnitureWords = 4
    static let furnitureBytes = 60

    /// What a sentence ends with, as the last byte or the last three of a line's UTF-8:
    /// . ! ? " ' ) : ; and ” ’ 。 ！ ？ 」 』.
    private static let sentenceEnds: Set<UInt32> = [0x2E, 0x21, 0x3F, 0x22, 0x27, 0x29, 0x3A, 0x3B,
                                                    0xE2809D, 0xE28099, 0xE38082, 0xEFBC81, 0xEFBC9F, 0xE3808D, 0xE3808F]

    /// Bytes in prose lines less bytes in furniture lines. A copy cut by a paragraph has less
    /// prose; a copy wrapped in menus carries furniture; the best copy has the highest figure.
    static func cleanLength(of body: String) -> Int {
        var total = 0
        var lineBytes = 0
        var words = 0
        var inWord = false
        var last: UInt32 = 0   // the line's last three bytes, the last lowest
        func endLine() {
            guard lineBytes > 0 else { return }
            let endsSentence = sentenceEnds.contains(last & 0xFF) || sentenceEnds.contains(last)
            total += words <= furnitureWords && lineBytes < furnitureBytes && !endsSentence ? -lineBytes : lineBytes
            lineBytes = 0
            words = 0
            inWord = false
        }
        for byte in body.utf8 {
            if byte == 0x0A { endLine(); continue }
            let isSpace = byte == 0x20 || byte == 0x09
            if !isSpace {
                if !inWord { words += 1 }
                last = (last << 8 | UInt32(byte)) & 0xFF_FFFF
                lineBytes += 1
            }
            inWord = !isSpace
        }
        endLine()
        return total
    }
}
