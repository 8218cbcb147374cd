/// Reads a publication date in the forms people and feeds write them and gives it in the
/// archive's stored form: `YYYY-MM-DD` when only the day is known, `YYYY-MM-DDTHH:MM:SSZ`
/// when the time is known in UTC (or with no zone), and `YYYY-MM-DDTHH:MM:SS+HH:MM` when it is
/// stated with another offset: the local time as stated, never shifted to another day.
///
/// Read: ISO 8601 (`2024-05-11`, `2024-05-11T14:03`, `2024-05-11 14:03:00+02:00`,
/// `2024-05-11T14:03:00.123Z`), RFC 2822 (`Sat, 11 May 2024 14:03:00 +0000`, zone names such
/// as `GMT` or `EST`), and written dates (`May 11, 2024`, `11 May 2024`, `Sept. 3 2024 2:15 PM`,
/// `11th May 2024`), also `2024/05/11`. Ambiguous all-number forms such as `05/11/2024` are refused.
public enum PublicationDate {
    /// The stored form of `text`, or an error naming what could not be read.
    public static func normalize(_ text: String) throws(DateError) -> String {
        let trimmed = text.trimmed
        guard !trimmed.isEmpty else { throw DateError(text: text, reason: "empty") }
        let tokens = DateTokens(trimmed).all
        if let iso = try readISO(tokens, original: text) { return iso }
        return try readWritten(tokens, original: text)
    }

    /// Why a date could not be read.
    public struct DateError: Error, Equatable, CustomStringConvertible {
        public let text: String
        public let reason: String
        public var description: String { "unreadable date '\(text)': \(reason)" }
    }

    // MARK: ISO 8601

    /// Nil when `text` does not start like an ISO date (four digits, then `-`, or nothing).
    private static func readISO(_ all: [DateToken], original: String) throws(DateError) -> String? {
        guard case .number(let yearText)? = all.first, yearText.count == 4,
              all.count == 1 || all[1] == .symbol("-") else { return nil }
        func fail(_ reason: String) -> DateError { DateError(text: original, reason: reason) }
        // Expected: N - N - N [T|space] N : N [: N [. N]] [Z | +/-N[:N] | UTC | GMT]
        var index = 0
        func number(digits: ClosedRange<Int>) -> Int? {
            guard index < all.count, case .number(let text) = all[index], digits.contains(text.count) else { return nil }
            index += 1
            return Int(text)
        }
        func symbol(_ s: String) -> Bool {
            guard index < all.count, all[index] == .symbol(s) else { return false }
            index += 1
            return true
        }
        guard let year = number(digits: 4...4), symbol("-"), let month = number(digits: 1...2) else {
            throw fail("a date needs a year, a month and a day")
        }
        guard symbol("-"), let day = number(digits: 1...2) else { throw fail("a date needs a day") }
        guard let date = CivilDate(validYear: year, month: month, day: day) else { throw fail("no such day") }
        if index == all.count { return date.iso8601 }
        if all[index] == .word("t") { index += 1 }
        guard let hour = number(digits: 1...2), symbol(":"), let minute = number(digits: 2...2) else {
            throw fail("unexpected text after the day")
        }
        var second = 0
        if symbol(":") {
            guard let value = number(digits: 2...2) else { throw fail("unreadable seconds") }
            second = value
            if symbol(".") || symbol(",") { guard number(digits: 1...9) != nil else { throw fail("unreadable fraction of a second") } }
        }
        var offset = 0
        if index < all.count {
            offset = try readZone(all[index...], original: original)
        }
        return try dateTime(date, hour, minute, second, offsetMinutes: offset, original: original)
    }

    // MARK: Written dates and RFC 2822

    private static func readWritten(_ tokens: [DateToken], original: String) throws(DateError) -> String {
        func fail(_ reason: String) -> DateError { DateError(text: original, reason: reason) }
        var month: Int?
        var year: Int?
        var day: Int?
        var time: (hour: Int, minute: Int, second: Int)?
        var meridiem: String?
        var offset: Int?
        var numbers: [String] = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            switch token {
            case .word(let word):
                if let m = monthNumbers[word] {
                    guard month == nil else { throw fail("two month names") }
                    month = m
                } else if weekdays.contains(word) || fillers.contains(word) {
                    continue
                } else if word == "am" || word == "pm" || word == "a" || word == "p" {
                    meridiem = word.hasPrefix("a") ? "am" : "pm"
                    // "a.m." and "p.m." arrive as "a" "." "m" ".".
                    if index + 1 < tokens.count, tokens[index] == .symbol("."), tokens[index + 1] == .word("m") { index += 2 }
                } else if let zone = zoneOffsets[word] {
                    offset = zone
                } else {
                    throw fail("'\(word)' is not part of a date")
                }
            case .number(let digits):
                // A time: N : N [: N]
                if index + 1 < tokens.count, tokens[index] == .symbol(":"), case .number(let minutes) = tokens[index + 1] {
                    guard time == nil else { throw fail("two times") }
                    index += 2
                    var seconds = 0
                    if index + 1 < tokens.count, tokens[index] == .symbol(":"), case .number(let s) = tokens[index + 1] {
                        seconds = Int(s) ?? 99
                        index += 2
                    }
                    time = (Int(digits) ?? 99, Int(minutes) ?? 99, seconds)
                } else {
                    numbers.append(digits)
                }
            case .symbol(let symbol):
                // A UTC offset after the time: +HHMM, +HH or +HH:MM.
                if symbol == "+" || symbol == "-", offset == nil, time != nil, index < tokens.count,
                   case .number(let digits) = tokens[index] {
                    let hasMinutes = digits.count <= 2 && index + 2 < tokens.count && tokens[index + 1] == .symbol(":")
                    let length = hasMinutes ? 4 : 2
                    offset = try readZone(tokens[(index - 1)..<(index - 1 + length)], original: original)
                    index += length - 1
                }
            }
        }
        if month == nil {
            // Only all-number dates that start with the year can be read without guessing.
            guard numbers.count == 3, numbers[0].count == 4 else {
                throw fail(numbers.count == 3 ? "all-number dates other than year/month/day are ambiguous" : "no month")
            }
            year = Int(numbers[0])
            month = Int(numbers[1])
            day = Int(numbers[2])
        } else {
            for digits in numbers {
                if digits.count == 4 {
                    guard year == nil else { throw fail("two years") }
                    year = Int(digits)
                } else if digits.count <= 2 {
                    guard day == nil else { throw fail("two days") }
                    day = Int(digits)
                } else {
                    throw fail("'\(digits)' is neither a day nor a year")
                }
            }
        }
        guard let year else { throw fail("no year") }
        guard let month, let day else { throw fail("no day") }
        guard let date = CivilDate(validYear: year, month: month, day: day) else { throw fail("no such day") }
        guard let time else {
            guard meridiem == nil else { throw fail("am/pm without a time") }
            return date.iso8601
        }
        var hour = time.hour
        if let meridiem {
            guard (1...12).contains(hour) else { throw fail("hour \(hour) with \(meridiem)") }
            hour = hour % 12 + (meridiem == "pm" ? 12 : 0)
        }
        return try dateTime(date, hour, time.minute, time.second, offsetMinutes: offset ?? 0, original: original)
    }

    private static func dateTime(_ date: CivilDate, _ hour: Int, _ minute: Int, _ second: Int, offsetMinutes: Int, original: String) throws(DateError) -> String {
        guard hour < 24, minute < 60, second < 61 else { throw DateError(text: original, reason: "no such time") }
        let local = CivilDateTime(date: date, hour: hour, minute: minute, second: min(second, 59))
        guard offsetMinutes != 0 else { return local.iso8601 }
        // The time as stated, with its offset: the stated day stays the day (a page published
        // at 00:01 in Rome is not filed the evening before); the instant is still exact.
        let sign = offsetMinutes < 0 ? "-" : "+"
        let magnitude = abs(offsetMinutes)
        return String(local.iso8601.dropLast()) + "\(sign)\(pad(magnitude / 60, 2)):\(pad(magnitude % 60, 2))"
    }

    /// Reads `Z`, `UTC`, a zone name, or `+HH[:MM]` / `+HHMM`, which must end the text.
    private static func readZone(_ tokens: ArraySlice<DateToken>, original: String) throws(DateError) -> Int {
        let rest = Array(tokens)
        func fail() -> DateError { DateError(text: original, reason: "unreadable time zone") }
        if rest.count == 1, case .word(let word) = rest[0], let offset = zoneOffsets[word] { return offset }
        guard rest.count >= 2, case .symbol(let sign) = rest[0], sign == "+" || sign == "-",
              case .number(let digits) = rest[1] else { throw fail() }
        var hours: Int
        var minutes = 0
        switch digits.count {
        case 1, 2:
            hours = Int(digits) ?? 99
            if rest.count == 4, rest[2] == .symbol(":"), case .number(let m) = rest[3], m.count == 2 {
                minutes = Int(m) ?? 99
            } else if rest.count != 2 {
                throw fail()
            }
        case 4:
            guard rest.count == 2 else { throw fail() }
            hours = (Int(digits) ?? 9999) / 100
            minutes = (Int(digits) ?? 9999) % 100
        default: throw fail()
        }
        guard hours <= 14, minutes < 60 else { throw fail() }
        let total = hours * 60 + minutes
        return sign == "-" ? -total : total
    }

    private static let monthNumbers: [String: Int] = {
        let names = ["january", "february", "march", "april", "may", "june", "july", "august",
                     "september", "october", "november", "december"]
        var table: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            table[name] = index + 1
            table[String(name.prefix(3))] = index + 1
        }
        table["sept"] = 9
        return table
    }()

    private static let weekdays: Set<String> = {
        let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        return Set(names + names.map { String($0.prefix(3)) } + ["tues", "thur", "thurs"])
    }()

    /// Words people put between the parts of a date.
    private static let fillers: Set<String> = ["at", "of", "the", "on", "st", "nd", "rd", "th", "t"]

    /// Zone names that RFC 2822 and feeds use, as minutes east of UTC.
    private static let zoneOffsets: [String: Int] = [
        "z": 0, "utc": 0, "gmt": 0, "ut": 0,
        "est": -300, "edt": -240, "cst": -360, "cdt": -300,
        "mst": -420, "mdt": -360, "pst": -480, "pdt": -420,
    ]
}

enum DateToken: Equatable {
    case number(String)
    case word(String)
    case symbol(String)
}

/// Splits a date into runs of digits, runs of letters (lower-cased) and single punctuation marks;
/// white space and commas only separate.
struct DateTokens {
    let all: [DateToken]

    init(_ text: String) {
        var tokens: [DateToken] = []
        var current = ""
        var currentIsDigits = false
        func flush() {
            guard !current.isEmpty else { return }
            tokens.append(currentIsDigits ? .number(current) : .word(current.lowercased()))
            current = ""
        }
        for character in text {
            if character.isASCII && character.isNumber {
                if !currentIsDigits { flush() }
                currentIsDigits = true
                current.append(character)
            } else if character.isLetter {
                if currentIsDigits { flush() }
                currentIsDigits = false
                current.append(character)
            } else {
                flush()
                if !character.isWhitespace && character != "," { tokens.append(.symbol(String(character))) }
            }
        }
        flush()
        all = tokens
    }
}
