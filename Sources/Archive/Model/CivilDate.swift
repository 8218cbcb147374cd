/// A proleptic Gregorian calendar day, with the day-count arithmetic needed to move a
/// time with a UTC offset onto the right UTC day.
struct CivilDate: Equatable, Comparable, Sendable {
    var year: Int
    var month: Int
    var day: Int

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Nil unless the day exists in the calendar.
    init?(validYear year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (negative before it), by counting 400-year eras from March 1st.
    var daysSinceEpoch: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    init(daysSinceEpoch days: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(year: Int(year), month: Int(month), day: Int(day))
    }

    /// From `YYYY-MM-DD`; nil for anything else or a day not in the calendar.
    init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        self.init(validYear: year, month: month, day: day)
    }

    /// `YYYY-MM-DD`.
    var iso8601: String { "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }

    static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// A UTC date and time of day.
struct CivilDateTime: Equatable, Sendable {
    var date: CivilDate
    var hour: Int
    var minute: Int
    var second: Int

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    var iso8601: String { "\(date.iso8601)T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))Z" }

    /// The same instant, `minutes` earlier: how a local time with a UTC offset becomes UTC.
    func shifted(byMinutes minutes: Int) -> CivilDateTime {
        var total = Int64(hour * 60 + minute) - Int64(minutes)
        var days = date.daysSinceEpoch
        while total < 0 { total += 1440; days -= 1 }
        while total >= 1440 { total -= 1440; days += 1 }
        return CivilDateTime(date: CivilDate(daysSinceEpoch: days), hour: Int(total / 60), minute: Int(total % 60), second: second)
    }
}

/// Zero-pads a non-negative number to `width` digits.
func pad(_ number: Int, _ width: Int) -> String {
    let digits = String(number)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
