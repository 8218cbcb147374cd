/// The signature of an article's text for near-copy detection: its 5-word shingles, 64 MinHash
/// values over them, and the 16 LSH bucket keys (4 MinHash values each) under which it is filed.
/// Two texts that share half their shingles meet in some bucket with probability about 0.65;
/// at 80% the probability is over 0.999, so copies are found by looking in 16 buckets, not at
/// the whole archive.
struct TextSignature {
    static let shingleSize = 5
    static let hashCount = 64
    static let bandCount = 16
    static var rowsPerBand: Int { hashCount / bandCount }

    /// Distinct shingle hashes of the text (lower-cased words of letters and digits).
    let shingles: Set<UInt64>
    /// The numbers the text states, in order: "215 mln" and "300 mln" tell two reports apart.
    let numbers: [String]
    let buckets: [Int64]

    init(text: String) {
        var words: [UInt64] = []
        var numbers: [String] = []
        var current: [UInt8] = []
        var isNumber = true
        func flush() {
            guard !current.isEmpty else { return }
            words.append(Self.hash(current))
            if isNumber { numbers.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
            isNumber = true
        }
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 {
                let byte = UInt8(scalar.value)
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): current.append(byte)
                case UInt8(ascii: "a")...UInt8(ascii: "z"): current.append(byte); isNumber = false
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): current.append(byte | 0x20); isNumber = false
                case UInt8(ascii: "."), UInt8(ascii: ","):
                    // Inside a number ("1,250.5") a separator belongs to it.
                    if !(isNumber && !current.isEmpty) { flush() } else { current.append(byte) }
                default: flush()
                }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                for lower in String(scalar).lowercased().utf8 { current.append(lower) }
                isNumber = false
            } else {
                flush()
            }
        }
        flush()
        // "4.25." at a sentence's end: the trailing separator is punctuation, not part of the number.
        self.numbers = numbers.map { String($0.reversed().drop { $0 == "." || $0 == "," }.reversed()) }.filter { !$0.isEmpty }
        var shingles = Set<UInt64>()
        if words.count < Self.shingleSize {
            if !words.isEmpty { shingles.insert(words.reduce(0xcbf2_9ce4_8422_2325) { Self.mix($0 ^ $1) }) }
        } else {
            for start in 0...(words.count - Self.shingleSize) {
                var value: UInt64 = 0xcbf2_9ce4_8422_2325
                for offset in 0..<Self.shingleSize { value = Self.mix(value ^ words[start + offset]) }
                shingles.insert(value)
            }
        }
        self.shingles = shingles
        var minimums = [UInt64](repeating: .max, count: Self.hashCount)
        for shingle in shingles {
            for index in 0..<Self.hashCount {
                let value = Self.mix(shingle ^ Self.seeds[index])
                if value < minimums[index] { minimums[index] = value }
            }
        }
        buckets = (0..<Self.bandCount).map { band in
            var value = UInt64(band) &* 0x9E37_79B9_7F4A_7C15
            for row in 0..<Self.rowsPerBand { value = Self.mix(value ^ minimums[band * Self.rowsPerBand + row]) }
            return Int64(bitPattern: value)
        }
    }

    /// Shared shingles over the smaller text's shingles: 1 when one text contains the other.
    func containment(_ other: TextSignature) -> Double {
        let (small, large) = shingles.count <= other.shingles.count ? (shingles, other.shingles) : (other.shingles, shingles)
        guard !small.isEmpty else { return 0 }
        return Double(small.filter(large.contains).count) / Double(small.count)
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

    private static func hash(_ bytes: [UInt8]) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return mix(value)
    }

    /// SplitMix64's finaliser: every input bit affects every output bit.
    static func mix(_ input: UInt64) -> UInt64 {
        var z = input &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Fixed seeds, one per MinHash function: the same text always gets the same buckets.
    private static let seeds: [UInt64] = (0..<hashCount).map { mix(UInt64($0) &+ 0x5EED) }
}

/// When two articles are one story: near-identical text (one contains nearly all of the other's
/// shingles), the same figures, and publication within a few days.
enum StoryPolicy {
    /// Share of the shorter text's 5-word shingles that the longer one must also have.
    static let minimumContainment = 0.8
    /// Copies published further apart than this are different stories (a weekly report repeats).
    static let maximumDaysApart = 3

    static func sameStory(_ a: TextSignature, dated dateA: String, _ b: TextSignature, dated dateB: String) -> Bool {
        guard withinDays(dateA, dateB), a.numbersAgree(with: b) else { return false }
        return a.containment(b) >= minimumContainment
    }

    /// True when either date is unknown, or they are at most `maximumDaysApart` days apart.
    static func withinDays(_ a: String, _ b: String) -> Bool {
        guard let dayA = day(a), let dayB = day(b) else { return true }
        return abs(dayA - dayB) <= Int64(maximumDaysApart)
    }

    private static func day(_ stored: String) -> Int64? {
        let parts = stored.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return CivilDate(year: parts[0], month: parts[1], day: parts[2]).daysSinceEpoch
    }
}
