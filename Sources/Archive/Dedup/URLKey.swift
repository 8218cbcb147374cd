/// The form of a URL that two addresses of one page share: no scheme, no `www.`, `m.` or `amp.`
/// host prefix, no AMP path part or parameter, no tracking parameters (`trackingParameters`,
/// and every `utm_*`), no fragment, no trailing slash, remaining parameters sorted, host
/// lower-cased. `https://www.example.com/a/amp/?utm_source=x#top` and `http://example.com/a`
/// have the same key, `example.com/a`; `example.com/story?cid=101` and `?cid=202` do not:
/// every parameter that is not on the list may name the page, so it stays in the key.
enum URLKey {
    static func of(_ url: String) -> String? {
        var text = Substring(url.trimmed)
        guard let schemeEnd = text.range(of: "://") else { return nil }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        text = text[schemeEnd.upperBound...]
        if let hash = text.firstIndex(of: "#") { text = text[..<hash] }
        var query: Substring = ""
        if let question = text.firstIndex(of: "?") {
            query = text[text.index(after: question)...]
            text = text[..<question]
        }
        let slash = text.firstIndex(of: "/") ?? text.endIndex
        var host = text[..<slash].lowercased()
        if let at = host.lastIndex(of: "@") { host = String(host[host.index(after: at)...]) }
        if host.hasSuffix(":80") || host.hasSuffix(":443") { host = String(host[..<host.lastIndex(of: ":")!]) }
        for prefix in ["www.", "amp.", "m."] where host.hasPrefix(prefix) { host.removeFirst(prefix.count) }
        var segments = text[slash...].split(separator: "/").map(String.init)
        segments.removeAll { $0.lowercased() == "amp" }
        if let last = segments.last, last.lowercased().hasSuffix(".amp") { segments[segments.count - 1].removeLast(4) }
        if let last = segments.last, ["index.html", "index.htm", "index.php"].contains(last.lowercased()) { segments.removeLast() }
        let parameters = query.split(separator: "&").filter { parameter in
            let pair = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = pair.first.map { $0.lowercased() } ?? ""
            let value = pair.count > 1 ? pair[1].lowercased() : ""
            return !name.isEmpty && !trackingParameters.contains(name) && !name.hasPrefix("utm_") && !isAMP(name, value)
        }.sorted()
        var key = host + (segments.isEmpty ? "" : "/" + segments.joined(separator: "/"))
        if !parameters.isEmpty { key += "?" + parameters.joined(separator: "&") }
        return key
    }

    /// Parameters that say how a reader arrived, never which page: ad and social click ids,
    /// mailing-list and analytics campaign tags. The README lists them; anything else is kept.
    static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "gbraid", "wbraid", "dclid", "msclkid", "yclid", "twclid", "ttclid", "igshid", "li_fat_id",
        "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "at_medium", "at_campaign", "xtor",
        "wt.mc_id", "cmpid", "cmp", "ocid", "ncid", "smid", "smtyp", "sr_share", "guccounter", "guce_referrer",
        "guce_referrer_sig",
    ]

    /// `?amp`, `?amp=1`, `?outputType=amp`: the AMP rendering of the same page.
    private static func isAMP(_ name: String, _ value: String) -> Bool {
        (name == "amp" && ["", "1", "true", "yes"].contains(value)) || (name == "outputtype" && value == "amp")
    }
}
