/// Chinese, Japanese and Korean text cut into the terms the index can find words by (see
/// `migrations/0005_cjk_words.sql`): each run of CJK characters becomes its overlapping pairs
/// and then its last character alone, so a run of n characters gives n terms, the k-th starting
/// at its k-th character. The other parts of a term that holds CJK are kept as they are.
enum CJKWords {
    /// Han ideographs (with their extensions, compatibility forms and radicals), kana, hangul and
    /// bopomofo: the scripts written without spaces between words (or, for Korean, with
    /// particles joined to them).
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x11FF,     // Hangul Jamo
             0x2E80...0x2FDF,     // CJK and Kangxi radicals
             0x3005...0x3007, 0x3021...0x3029, 0x3031...0x3035, 0x3038...0x303C,   // 々 〆 〇, numerals, kana repeats
             0x3040...0x30FF,     // Hiragana, Katakana
             0x3100...0x312F, 0x31A0...0x31BF,   // Bopomofo
             0x3130...0x318F,     // Hangul compatibility Jamo
             0x31F0...0x31FF,     // Katakana phonetic extensions
             0x3400...0x4DBF,     // CJK extension A
             0x4E00...0x9FFF,     // CJK unified ideographs
             0xA960...0xA97F, 0xAC00...0xD7AF, 0xD7B0...0xD7FF,   // Hangul
             0xF900...0xFAFF,     // CJK compatibility ideographs
             0xFF66...0xFF9F,     // halfwidth Katakana
             0xFFA0...0xFFDC,     // halfwidth Hangul
             0x1B000...0x1B16F,   // kana supplement and extensions
             0x20000...0x323AF:   // CJK extensions B to H, compatibility supplement
            true
        default:
            false
        }
    }

    /// Whether `text` holds any CJK character. Fast on text without: such characters take three
    /// or four bytes of UTF-8, led by 0xE1 or above.
    static func contains(_ text: String) -> Bool {
        var text = text
        // Over the contiguous bytes: several times faster than through String's UTF-8 view.
        guard text.withUTF8({ bytes in bytes.contains { $0 >= 0xE1 } }) else { return false }
        return text.unicodeScalars.contains(where: isCJK)
    }

    /// The text the index's `title_cjk` or `body_cjk` column holds for `text`: the terms of each
    /// of its index terms that holds CJK, separated by spaces; nil when it holds none.
    static func indexText(_ text: String) -> String? {
        guard contains(text) else { return nil }
        var terms: [String] = []
        for word in QueryLexer.terms(of: text) where contains(word) {
            terms += self.terms(of: word)
        }
        return terms.isEmpty ? nil : terms.joined(separator: " ")
    }

    /// The index terms of one word that holds CJK.
    static func terms(of word: String) -> [String] {
        parts(of: word).flatMap { part -> [String] in
            guard part.isCJK else { return [part.text] }
            let characters = Array(part.text.unicodeScalars)
            var terms: [String] = []
            for index in 0..<(characters.count - 1) {
                terms.append(String(String.UnicodeScalarView(characters[index...(index + 1)])))
            }
            terms.append(String(characters.last!))
            return terms
        }
    }

    /// The maximal runs of CJK and of other characters in `word`.
    static func parts(of word: String) -> [(text: String, isCJK: Bool)] {
        var parts: [(text: String, isCJK: Bool)] = []
        for scalar in word.unicodeScalars {
            let cjk = isCJK(scalar)
            if let last = parts.last, last.isCJK == cjk {
                parts[parts.count - 1].text.unicodeScalars.append(scalar)
            } else {
                parts.append((String(scalar), cjk))
            }
        }
        return parts
    }

    /// The terms a query word that holds CJK must match, in order and consecutively, and whether
    /// the last is a prefix. A CJK run gives its pairs; where the word goes on after the run with
    /// other characters, the article's run ends there too and its last character alone follows
    /// the pairs; where the word ends with the run, the article's run may go on, so the lone
    /// character is left out and a run of one character is a prefix (it starts a pair, or stands
    /// alone). Other parts are kept as they are.
    static func queryTerms(of word: String) -> (terms: [String], prefix: Bool) {
        let parts = parts(of: word)
        var terms: [String] = []
        var prefix = false
        for (index, part) in parts.enumerated() {
            guard part.isCJK else {
                terms.append(part.text)
                continue
            }
            let characters = Array(part.text.unicodeScalars)
            for pair in 0..<(characters.count - 1) {
                terms.append(String(String.UnicodeScalarView(characters[pair...(pair + 1)])))
            }
            if index < parts.count - 1 {
                terms.append(String(characters.last!))
            } else if characters.count == 1 {
                terms.append(part.text)
                prefix = true
            }
        }
        return (terms, prefix)
    }
}
