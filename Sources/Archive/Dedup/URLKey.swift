/// The form of a URL that two addresses of one page share: no scheme, no `www.`, no `amp`
/// host or path part, no tracking parameters, no fragment, no trailing slash, remaining
/// parameters sorted, host lower-cased. `https://www.example.com/a/amp/?utm_source=x#top`
/// and `http://example.com/a` have the same key, `example.com/a`.
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
            let name = parameter.split(separator: "=", maxSplits: 1).first.map { $0.lowercased() } ?? ""
            return !name.isEmpty && !trackingParameters.contains(name) && !name.hasPrefix("utm_")
        }.sorted()
        var key = host + (segments.isEmpty ? "" : "/" + segments.joined(separator: "/"))
        if !parameters.isEmpty { key += "?" + parameters.joined(separator: "&") }
        return key
    }

    private static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "ocid", "cmpid", "smid", "smtyp", "ref", "ref_src",
        "ref_url", "source", "src", "cid", "icid", "ito", "amp", "outputtype", "output", "sr_share", "share", "s",
        "taid", "ncid", "rss", "feed", "_ga", "guccounter", "guce_referrer", "guce_referrer_sig", "at_medium",
        "at_campaign", "xtor", "igshid", "spm", "mbid", "wt.mc_id", "cmp", "partner", "via",
    ]
}
