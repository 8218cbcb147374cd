import Foundation

/// The archive's one timestamp form: UTC, `YYYY-MM-DDTHH:MM:SSZ`.
enum Timestamp {
    static func now() -> String { format(Date()) }

    static func format(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let civil = CivilDate(daysSinceEpoch: days)
        return CivilDateTime(date: civil, hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60, second: secondOfDay % 60)
            .iso8601
    }
}
