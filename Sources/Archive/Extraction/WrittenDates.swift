import Foundation

/// Dates as pages print them, found inside running text in several languages: `2024-05-11`,
/// `11.05.2024`, `11/05/2024`, `11. Mai 2024`, `May 11, 2024`, `le 4 mai 2024`,
/// `4 de mayo de 2024`, `2024年5月11日`. Only whole dates count: a date without a year, a
/// two-digit year or a relative time (`2 hours ago`) is not a date. All-number dates with
/// slashes or dashes are read day first unless the page is in English, the first number is
/// above 12 (then it is the day) or the second is (then it is the month).
enum WrittenDates {
    struct Found: Equatable {
        var date: CivilDate
        /// The label before it says it is when the page was changed (`Updated:`, `Aktualisiert`).
        var isUpdate: Bool
        /// The time printed right after it (`, 23:39`, `um 9:05 Uhr`, `at 2:15 PM`), hours and minutes.
        var time: (hour: Int, minute: Int)?
        /// One end of a span (`9-23 Feb 2017`, `vom 9. bis 23. Februar`, `3 May 2024 – 5 May 2024`):
        /// an event's dates, not a publication date.
        var inSpan = false

        static func == (a: Found, b: Found) -> Bool {
            a.date == b.date && a.isUpdate == b.isUpdate && a.time?.hour == b.time?.hour && a.time?.minute == b.time?.minute
                && a.inSpan == b.inSpan
        }
    }

    /// Every date in `text`, in order.
    static func all(in text: String, monthFirst: Bool) -> [Found] {
        let tokens = tokenize(text)
        var found: [Found] = []
        var index = 0
        while index < tokens.count {
            if let (date, length) = match(tokens, at: index, monthFirst: monthFirst) ?? matchMonthFirst(tokens, at: index) {
                let time = timeAfter(index + length, in: tokens)
                let end = index + length + (time?.length ?? 0)
                let inSpan = spanBefore(index, in: tokens) || spanAfter(end, in: tokens, monthFirst: monthFirst)
                found.append(Found(date: date, isUpdate: isUpdateLabel(before: index, in: tokens), time: time?.time,
                                   inSpan: inSpan))
                index = end
            } else {
                index += 1
            }
        }
        return found
    }

    /// The first date that is not labelled as an update, else the first date; never one end of a span.
    static func publication(in text: String, monthFirst: Bool) -> Found? {
        let dates = all(in: text, monthFirst: monthFirst).filter { !$0.inSpan }
        return dates.first { !$0.isUpdate } ?? dates.first
    }

    private static let spanWords: Set<String> = ["bis", "to", "until", "till", "through", "au", "al", "hasta", "tot", "–"]
    private static let spanMarks: Set<Character> = ["-", "–", "—"]

    /// "9-23 Feb 2017", "9. bis 23. Februar 2017": the date ends a span that starts just before it.
    private static func spanBefore(_ index: Int, in tokens: [Token]) -> Bool {
        guard index >= 1 else { return false }
        if case .word(let word) = tokens[index - 1], spanWords.contains(word) { return true }
        guard index >= 2, case .mark(let mark) = tokens[index - 1], spanMarks.contains(mark) else { return false }
        var before = index - 2
        if tokens[before] == .mark("."), before >= 1 { before -= 1 }
        // A number before the mark, unless it ends a time ("14:30 – 5 May 2024").
        if case .number = tokens[before] { return before == 0 || tokens[before - 1] != .mark(":") }
        if case .word(let word) = tokens[before], monthNumbers[word] != nil { return true }
        return false
    }

    /// "3 May 2024 – 5 May 2024", "11.05.2024 bis 14.05.2024", "2020/7/11-12": another date or
    /// day follows after a span mark.
    private static func spanAfter(_ end: Int, in tokens: [Token], monthFirst: Bool) -> Bool {
        guard end + 1 < tokens.count else { return false }
        switch tokens[end] {
        case .mark(let mark) where spanMarks.contains(mark): break
        case .word(let word) where spanWords.contains(word): break
        default: return false
        }
        if case .mark = tokens[end], case .number(_, let digits) = tokens[end + 1], digits <= 2,
           end + 2 >= tokens.count || (tokens[end + 2] != .mark(":") && tokens[end + 2] != .mark(".")) {
            return true // "2020/7/11-12": the next day closes the span
        }
        return match(tokens, at: end + 1, monthFirst: monthFirst) != nil || matchMonthFirst(tokens, at: end + 1) != nil
    }

    private static let timeFillers: Set<String> = ["um", "at", "à", "a", "alle", "las", "às", "om", "kl", "uhr", "h", "de"]

    /// A time printed after a date: up to two filler words or marks, then `H:MM` and `am`/`pm`.
    private static func timeAfter(_ start: Int, in tokens: [Token]) -> (time: (hour: Int, minute: Int), length: Int)? {
        var index = start
        var skipped = 0
        while index < tokens.count, skipped < 3 {
            switch tokens[index] {
            case .mark(let mark) where ",-–|·/@".contains(mark): index += 1; skipped += 1; continue
            case .word(let word) where timeFillers.contains(word): index += 1; skipped += 1; continue
            default: break
            }
            break
        }
        guard index + 2 < tokens.count, case .number(var hour, let hourDigits) = tokens[index], hourDigits <= 2,
              tokens[index + 1] == .mark(":") || tokens[index + 1] == .mark("."),
              case .number(let minute, 2) = tokens[index + 2], minute < 60 else { return nil }
        var length = index + 3 - start
        if index + 3 < tokens.count, case .word(let meridiem) = tokens[index + 3], meridiem == "am" || meridiem == "pm" {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (meridiem == "pm" ? 12 : 0)
            length += 1
        }
        guard hour < 24 else { return nil }
        return ((hour, minute), length)
    }

    // MARK: Tokens

    enum Token: Equatable {
        case number(Int, digits: Int)
        case word(String)
        case mark(Character)
    }

    private static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var digits = ""
        var letters = ""
        func flush() {
            if !digits.isEmpty { tokens.append(.number(Int(digits.prefix(9)) ?? 0, digits: digits.count)); digits = "" }
            if !letters.isEmpty { tokens.append(.word(letters.lowercased())); letters = "" }
        }
        for character in text {
            if character.isASCII && character.isNumber {
                if !letters.isEmpty { flush() }
                digits.append(character)
            } else if character.isLetter && !cjkDateMarks.contains(character) {
                if !digits.isEmpty { flush() }
                letters.append(character)
            } else {
                flush()
                if !character.isWhitespace { tokens.append(.mark(character)) }
            }
        }
        flush()
        return tokens
    }

    private static let cjkDateMarks: Set<Character> = ["年", "月", "日", "년", "월", "일"]

    // MARK: Patterns

    private static func match(_ tokens: [Token], at start: Int, monthFirst: Bool) -> (CivilDate, Int)? {
        guard case .number(let first, let firstDigits) = tokens[start] else { return nil }
        // The number must start a run of numbers joined by marks: "1.2.11.05.2024" is not a date.
        // (Two number tokens in a row had white space between them: "20:34 17.04.2020" is one.)
        if start > 1, case .mark(let joint) = tokens[start - 1], ".-/".contains(joint), case .number = tokens[start - 2] { return nil }
        func token(_ offset: Int) -> Token? { start + offset < tokens.count ? tokens[start + offset] : nil }
        func number(_ offset: Int) -> (value: Int, digits: Int)? {
            if case .number(let value, let digits)? = token(offset) { return (value, digits) }
            return nil
        }
        func mark(_ offset: Int) -> Character? {
            if case .mark(let character)? = token(offset) { return character }
            return nil
        }
        func month(_ offset: Int) -> Int? {
            if case .word(let word)? = token(offset) { return monthNumbers[word] }
            return nil
        }
        /// The number at `offset` ends the date: no more digits joined to it by a mark ("11.05.2024.3").
        func endsAfter(_ offset: Int, _ separator: Character) -> Bool {
            guard let next = mark(offset + 1), next == separator else { return true }
            return number(offset + 2) == nil
        }
        // 2024-05-11, 2024/05/11, 2024.05.11
        if firstDigits == 4, let separator = mark(1), "-/.".contains(separator), let m = number(2), m.digits <= 2,
           mark(3) == separator, let d = number(4), d.digits <= 2 {
            return CivilDate(validYear: first, month: m.value, day: d.value).map { ($0, 5) }
        }
        // 2024年5月11日, 2024년 5월 11일
        if firstDigits == 4, let y = mark(1), y == "年" || y == "년", let m = number(2), let mm = mark(3), mm == "月" || mm == "월",
           let d = number(4), let dd = mark(5), dd == "日" || dd == "일" {
            return CivilDate(validYear: first, month: m.value, day: d.value).map { ($0, 6) }
        }
        guard firstDigits <= 2 else { return nil }
        // 11.05.2024 (always day first), 11/05/2024 and 11-05-2024 (see above)
        if let separator = mark(1), "./-".contains(separator), let second = number(2), second.digits <= 2,
           mark(3) == separator, let y = number(4), y.digits == 4, endsAfter(4, separator) {
            var (day, monthNumber) = (first, second.value)
            if separator != "." {
                if first > 12 { (day, monthNumber) = (first, second.value) }
                else if second.value > 12 { (day, monthNumber) = (second.value, first) }
                else if monthFirst { (day, monthNumber) = (second.value, first) }
            }
            return CivilDate(validYear: y.value, month: monthNumber, day: day).map { ($0, 5) }
        }
        // 31.10.23: day, month and a two-digit year, with dots only (the German short form).
        if mark(1) == ".", let second = number(2), second.digits <= 2, mark(3) == ".", let y = number(4), y.digits == 2,
           endsAfter(4, "."), (1...12).contains(second.value) {
            let thisYear = CivilDate(daysSinceEpoch: Int64(Date().timeIntervalSince1970) / 86_400).year % 100
            let year = y.value <= thisYear ? 2000 + y.value : 1900 + y.value
            return CivilDate(validYear: year, month: second.value, day: first).map { ($0, 5) }
        }
        // 11 May 2024, 11. Mai 2024, 4 de mayo de 2024, 11th May, 2024
        var offset = 1
        if mark(offset) == "." { offset += 1 }
        if case .word(let word)? = token(offset), ordinalSuffixes.contains(word) { offset += 1 }
        if case .word("de")? = token(offset) { offset += 1 }
        if let m = month(offset) {
            offset += 1
            if mark(offset) == "." { offset += 1 }
            if mark(offset) == "," { offset += 1 }
            if case .word(let word)? = token(offset), word == "de" || word == "del" { offset += 1 }
            if let y = number(offset), y.digits == 4 {
                return CivilDate(validYear: y.value, month: m, day: first).map { ($0, offset + 1) }
            }
        }
        return nil
    }

    /// "May 11, 2024", "Sept. 3 2024", "March 5th, 2020": the month first.
    private static func matchMonthFirst(_ tokens: [Token], at start: Int) -> (CivilDate, Int)? {
        guard case .word(let word) = tokens[start], let month = monthNumbers[word] else { return nil }
        var offset = start + 1
        if offset < tokens.count, tokens[offset] == .mark(".") { offset += 1 }
        guard offset < tokens.count, case .number(let day, let dayDigits) = tokens[offset], dayDigits <= 2 else { return nil }
        offset += 1
        if offset < tokens.count, case .word(let suffix) = tokens[offset], ordinalSuffixes.contains(suffix) { offset += 1 }
        if offset < tokens.count, tokens[offset] == .mark(",") { offset += 1 }
        guard offset < tokens.count, case .number(let year, 4) = tokens[offset] else { return nil }
        return CivilDate(validYear: year, month: month, day: day).map { ($0, offset + 1 - start) }
    }

    private static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th", "er", "e", "º", "o"]

    private static let updateWords: Set<String> = [
        "updated", "update", "modified", "edited", "revised", "aktualisiert", "aktualisierung", "geändert",
        "bearbeitet", "mis", "actualizado", "actualización", "aggiornato", "aggiornamento", "atualizado", "bijgewerkt",
        "gewijzigd", "änderung", "stand",
    ]

    private static func isUpdateLabel(before index: Int, in tokens: [Token]) -> Bool {
        var words = 0
        var position = index - 1
        while position >= 0, words < 4 {
            if case .word(let word) = tokens[position] {
                if updateWords.contains(word) { return true }
                if monthNumbers[word] == nil { words += 1 }
            }
            if case .number = tokens[position] { return false }
            position -= 1
        }
        return false
    }

    // MARK: Month names

    static let monthNumbers: [String: Int] = {
        let names: [[String]] = [
            ["january", "jan", "januar", "jänner", "jän", "janvier", "janv", "enero", "ene", "gennaio", "gen", "janeiro", "januari"],
            ["february", "feb", "febr", "februar", "février", "fevrier", "févr", "fevr", "febrero", "febbraio", "fevereiro", "fev", "februari"],
            ["march", "mar", "märz", "maerz", "mär", "mrz", "mars", "marzo", "março", "marco", "maart", "mrt"],
            ["april", "apr", "avril", "avr", "abril", "abr", "aprile"],
            ["may", "mai", "mayo", "maggio", "mag", "maio", "mei"],
            ["june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho"],
            ["july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho"],
            ["august", "aug", "août", "aout", "agosto", "ago", "augustus"],
            ["september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre", "set", "setembro"],
            ["october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out"],
            ["november", "nov", "novembre", "noviembre", "novembro"],
            ["december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic", "dicembre", "dezembro"],
        ]
        // Arabic month names as Egyptian and Gulf outlets print them.
        let arabic = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
        var table: [String: Int] = [:]
        for (index, words) in names.enumerated() { for word in words + [arabic[index]] { table[word] = index + 1 } }
        return table
    }()
}
