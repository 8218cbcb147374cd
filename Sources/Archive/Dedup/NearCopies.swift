/// What near-copy detection knows of a text: its 5-word shingles (hashed), the figures it
/// states, and, on demand, the bucket keys it is filed under: 8 LSH keys (each from 3 of 24
/// MinHash values) and up to 2 paragraph keys. Texts whose shingle sets have Jaccard similarity 0.8 meet in some bucket with
/// probability 0.997, at 0.67 (each with a fifth the other lacks) 0.94, at 0.5 0.66. So copies
/// are found by looking in 8 buckets, not at the whole archive. (16 buckets of 4 found slightly
/// more at 0.67 but wrote twice the index rows: 1.32x ingest time on 200,000 articles.)
///
/// MinHash estimates Jaccard similarity, but a copy cut by a paragraph may share only half its
/// parent's shingles while being wholly contained in it. So a text is also filed under its
/// `paragraphKeyCount` longest paragraphs (words only, case folded): a copy missing one
/// paragraph, or wrapped in lines of site chrome, keeps at least one of its parent's.
struct TextSignature {
    static let shingleSize = 5
    static let hashCount = 24
    static let bandCount = 8
    static var rowsPerBand: Int { hashCount / bandCount }
    static let paragraphKeyCount = 2
    /// Shorter paragraphs (a dateline, "Share on X") say nothing about which story a text is.
    static let paragraphKeyMinimumBytes = 80

    /// Distinct shingle hashes of the text: words are runs of letters and digits, ASCII letters
    /// lower-cased (other letters compared as they are).
    let shingles: Set<UInt64>
    /// The numbers the text states, in order: "215 million" and "340 million" tell two reports apart.
    let numbers: [String]
    /// Hashes of the longest paragraphs (blank-line separated).
    let paragraphs: [UInt64]

    init(text: String) {
        var words: [UInt64] = []
        var numbers: [String] = []
        var utf8 = Array(text.utf8)
        utf8.append(0x20)
        var wordHash: UInt64 = Self.offsetBasis
        var wordStart = -1
        var isNumber = true
        // Paragraphs: (hash of their words, bytes); a new one starts after a blank line.
        var paragraphs: [(hash: UInt64, bytes: Int)] = []
        var paragraph: (hash: UInt64, bytes: Int) = (Self.offsetBasis, 0)
        var newlines = 0
        for index in utf8.indices {
            var byte = utf8[index]
            if byte == 0x0A { newlines += 1 } else if byte != 0x20 && byte != 0x09 && byte != 0x0D {
                if newlines >= 2 && paragraph.bytes > 0 {
                    paragraphs.append(paragraph)
                    paragraph = (Self.offsetBasis, 0)
                }
                newlines = 0
                paragraph.bytes += 1
            }
            let isDigit = byte >= 0x30 && byte <= 0x39
            let isLetter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || byte >= 0x80
            // Inside a number ("1,250.5") a separator followed by a digit belongs to it.
            let isSeparatorInNumber = (byte == 0x2C || byte == 0x2E) && wordStart >= 0 && isNumber
                && index + 1 < utf8.count && utf8[index + 1] >= 0x30 && utf8[index + 1] <= 0x39
            if isDigit || isLetter || isSeparatorInNumber {
                if wordStart < 0 { wordStart = index; wordHash = Self.offsetBasis; isNumber = true }
                if isLetter { isNumber = false }
                if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
                wordHash = (wordHash ^ UInt64(byte)) &* Self.prime
            } else if wordStart >= 0 {
                words.append(wordHash)
                paragraph.hash = Self.mix(paragraph.hash ^ wordHash)
                if isNumber { numbers.append(String(decoding: utf8[wordStart..<index], as: UTF8.self)) }
                wordStart = -1
            }
        }
        if paragraph.bytes > 0 { paragraphs.append(paragraph) }
        self.numbers = numbers
        self.paragraphs = paragraphs.filter { $0.bytes >= Self.paragraphKeyMinimumBytes }
            .sorted { ($0.bytes, $0.hash) > ($1.bytes, $1.hash) }.prefix(Self.paragraphKeyCount).map(\.hash)
        var shingles = Set<UInt64>(minimumCapacity: words.count)
        if words.count < Self.shingleSize {
            if !words.isEmpty { shingles.insert(words.reduce(Self.offsetBasis) { Self.mix($0 ^ $1) }) }
        } else {
            for start in 0...(words.count - Self.shingleSize) {
                var value = Self.offsetBasis
                for offset in 0..<Self.shingleSize { value = (value ^ words[start + offset]) &* Self.prime }
                shingles.insert(Self.mix(value))
            }
        }
        self.shingles = shingles
    }

    /// The LSH bucket keys: band b hashes MinHash values 3b..<3b+3. MinHash i of a shingle x is
    /// a_i·x + b_i (mod 2^64) with fixed odd multipliers: one multiply-add, not a full hash.
    var buckets: [Int64] {
        var minimums = [UInt64](repeating: .max, count: Self.hashCount)
        minimums.withUnsafeMutableBufferPointer { minimums in
            Self.multipliers.withUnsafeBufferPointer { multipliers in
                Self.increments.withUnsafeBufferPointer { increments in
                    for shingle in shingles {
                        for index in 0..<Self.hashCount {
                            let value = shingle &* multipliers[index] &+ increments[index]
                            if value < minimums[index] { minimums[index] = value }
                        }
                    }
                }
            }
        }
        let bands = (0..<Self.bandCount).map { band in
            var value = UInt64(band) &* 0x9E37_79B9_7F4A_7C15
            for row in 0..<Self.rowsPerBand { value = Self.mix(value ^ minimums[band * Self.rowsPerBand + row]) }
            return Int64(bitPattern: value)
        }
        // Salted apart from the bands, so a paragraph key never collides with a band's by design.
        return bands + paragraphs.map { Int64(bitPattern: Self.mix($0 ^ 0x7061_7261_6772_6170)) }
    }

    /// Shared shingles over the smaller text's shingles: 1 when one text contains the other.
    func containment(_ other: TextSignature) -> Double {
        let (small, large) = shingles.count <= other.shingles.count ? (shingles, other.shingles) : (other.shingles, shingles)
        guard !small.isEmpty else { return 0 }
        return Double(small.filter(large.contains).count) / Double(small.count)
    }

    /// Shared shingles over the larger text's shingles: 1 only when the texts are alike both ways.
    func overlap(_ other: TextSignature) -> Double {
        let (small, large) = shingles.count <= other.shingles.count ? (shingles, other.shingles) : (other.shingles, shingles)
        guard !large.isEmpty else { return 1 }
        return Double(small.filter(large.contains).count) / Double(large.count)
    }

    /// Whether the shorter text's numbers all appear in the longer one (as many times).
    func numbersAgree(with other: TextSignature) -> Bool {
        let (small, large) = numbers.count <= other.numbers.count ? (numbers, other.numbers) : (other.numbers, numbers)
        var available: [String: Int] = [:]
        for number in large { available[number, default: 0] += 1 }
        for number in small {
            guard let count = available[number], count > 0 else { return false }
            available[number] = count - 1
        }
        return true
    }

    // MARK: Hashing

    private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// SplitMix64's finaliser: every input bit affects every output bit.
    static func mix(_ input: UInt64) -> UInt64 {
        var z = input &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Fixed parameters, one pair per MinHash function: the same text always gets the same buckets.
    private static let multipliers: [UInt64] = (0..<hashCount).map { mix(UInt64($0) &+ 0x5EED) | 1 }
    private static let increments: [UInt64] = (0..<hashCount).map { mix(UInt64($0) &+ 0xB0B) }
}

/// When two articles are one story: near-identical text (one contains nearly all of the other's
/// shingles), the same figures, and publication within a few days.
enum StoryPolicy {
    /// Share of the shorter text's 5-word shingles that the longer one must also have.
    static let minimumContainment = 0.8
    /// Copies published further apart than this are different stories (a weekly report repeats).
    static let maximumDaysApart = 3

    static func sameStory(_ a: TextSignature, dated dateA: String, _ b: TextSignature, dated dateB: String) -> Bool {
        withinDays(dateA, dateB) && a.numbersAgree(with: b) && a.containment(b) >= minimumContainment
    }

    /// Share of shingles two texts of one page must share, counted against the larger, for the
    /// page to be unchanged: a corrected typo keeps it, an added paragraph makes a new version.
    static let minimumRevisionOverlap = 0.85

    /// Whether a page's text is unchanged but for small edits (already stored) rather than
    /// updated (a new version): nearly all shingles shared both ways, and the same figures.
    static func unchangedPage(_ a: TextSignature, _ b: TextSignature) -> Bool {
        a.numbers.sorted() == b.numbers.sorted() && a.overlap(b) >= minimumRevisionOverlap
    }

    /// True when either date is unknown, or they are at most `maximumDaysApart` days apart.
    static func withinDays(_ a: String, _ b: String) -> Bool {
        guard let dayA = day(a), let dayB = day(b) else { return true }
        return abs(dayA - dayB) <= Int64(maximumDaysApart)
    }

    /// The day (since 1970) of a stored date; nil when undated.
    static func day(_ stored: String) -> Int64? {
        let parts = stored.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return CivilDate(year: parts[0], month: parts[1], day: parts[2]).daysSinceEpoch
    }
}
