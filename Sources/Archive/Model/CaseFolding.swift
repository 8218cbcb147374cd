extension String {
    /// Lower-cases ASCII letters only: the same folding as SQLite's `NOCASE`, so names that
    /// SQLite takes for one outlet or tag are one here too.
    var nocaseKey: String {
        guard utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return self }
        return String(decoding: utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
