/// One value bound to a statement parameter or read from a result column.
enum SQLValue: Equatable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    /// `.text` for a non-empty string, `.null` for nil or empty: how optional metadata is stored.
    static func textOrNull(_ string: String?) -> SQLValue {
        guard let string, !string.isEmpty else { return .null }
        return .text(string)
    }
}
