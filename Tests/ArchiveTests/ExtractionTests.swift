import Foundation
import Testing
@testable import Archive

@Suite struct ExtractionTests {
    func extract(_ name: String) throws -> ArticleInput {
        let path = Fixtures.path("pages/\(name)")
        return try #require(try readItems(path).first?.input)
    }

    @Test func scrapedTextLosesMenusShareBarsAdsPromptsAndRelatedLists() throws {
        let article = try extract("scraped-with-chrome.txt")
        #expect(article.title == "Harbour city tightens checks on transit passengers")
        #expect(article.author == "Mei Lin")
        #expect(article.date == "2024-05-11T10:30:00Z")
        #expect(article.tags == ["transit", "visas", "harbour"])
        let body = try #require(article.body)
        #expect(body.hasPrefix("Port officials said on Friday"))
        #expect(body.hasSuffix("waiting times would be published each week."))
        for chrome in ["Home", "Share", "Facebook", "Advertisement", "newsletter", "Related Posts", "Ferry operators", "Updated:"] {
            #expect(!body.contains(chrome), "body keeps \(chrome)")
        }
        #expect(body.components(separatedBy: "\n\n").count == 3)
    }

    @Test func syndicationFooterCopyrightDatelineCaptionsAndContactsAreRead() throws {
        let article = try extract("syndicated-with-dateline.txt")
        #expect(article.title == "Ministers agree to share travel document records")
        #expect(article.outlet == "Northbridge Daily")
        #expect(article.date == "2025-11-11")
        let body = try #require(article.body)
        #expect(body.hasPrefix("Interior ministers from five countries"))
        for chrome in ["WASHINGTON", ".jpg", "(Photo:", "press@", "©", "appeared first on"] {
            #expect(!body.contains(chrome), "body keeps \(chrome)")
        }
    }

    @Test func agencyDatelineAndSignOffGiveTheOutletAndSeeMoreEndsTheArticle() throws {
        let article = try extract("agency-sign-off.txt")
        #expect(article.outlet == "VNA")
        #expect(article.date == nil)
        let body = try #require(article.body)
        #expect(body.contains("The training, held at the northern border gate"))
        #expect(!body.contains("Hanoi (VNA)"))
        #expect(!body.contains("bridge"))
        #expect(!body.hasSuffix("./."))
    }

    @Test func jsonLDMetadataWinsAndNothingIsInvented() throws {
        let article = try extract("newsarticle-jsonld.html")
        #expect(article.title == "Courts pause deportation flights pending review")
        #expect(article.date == "2024-03-05T09:00:00+01:00")   // not the meta tag's date in the future
        #expect(article.author == "Tomas Berg")           // not "Senior Reporter"
        #expect(article.outlet == "The Meridian Post")
        #expect(article.url == "https://meridian.example/2024/03/05/courts-pause-flights")
        #expect(article.tags == ["deportation", "courts"])
        #expect(article.language == "en")
        let body = try #require(article.body)
        #expect(body.hasPrefix("A regional court ordered a pause"))
        #expect(body.hasSuffix("how notices are served."))
        #expect(body.components(separatedBy: "\n\n").count == 4)
        for chrome in ["Home", "Share on", "Advertisement", "Germany", "charter plane at the regional airport", "Contact us"] {
            #expect(!body.contains(chrome), "body keeps \(chrome)")
        }
    }

    @Test func openGraphTimeCanonicalAndLangAreRead() throws {
        let article = try extract("opengraph.html")
        #expect(article.title == "Les arrivées par la mer reculent en mai")
        #expect(article.outlet == "Le Courrier du Port")
        #expect(article.date == "2024-06-02T07:30:00Z")
        #expect(article.author == "Claire Dubois")
        #expect(article.url == "https://courrier.example/2024/06/arrivees-mai")
        #expect(article.tags == ["migration", "Méditerranée"])
        #expect(article.language == "fr")
        let body = try #require(article.body)
        #expect(body.hasPrefix("Le nombre de personnes"))
        for chrome in ["Monde", "Inscrivez-vous", "Les plus lus", "Mentions légales"] {
            #expect(!body.contains(chrome), "body keeps \(chrome)")
        }
    }

    @Test(arguments: [
        ("Senior Reporter", nil), ("By Ana Ruiz", "Ana Ruiz"), ("5 Minute Read", nil), ("Staff", nil),
        ("https://example.com/people/ana", nil), ("Ana Ruiz and Tom Berg", "Ana Ruiz and Tom Berg"),
    ] as [(String, String?)])
    func bylines(raw: String, expected: String?) {
        #expect(Bylines.clean(raw) == expected)
    }

    @Test(arguments: [("2024-05-11", "2024-05-11"), ("1850-01-01", nil), ("2999-01-01", nil), ("soon", nil)] as [(String, String?)])
    func plausibleDates(raw: String, expected: String?) {
        #expect(ArticleDates.plausible(raw) == expected)
    }
}

/// The three real pasted articles in ../shared/data/samples must come out as a careful reader
/// takes them (expected.json). Skipped when ../shared is absent.
@Suite struct SharedSampleTests {
    static let folder = URL(fileURLWithPath: Fixtures.folder).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/samples").path
    // Read once and never written: JSON objects are not Sendable, but nothing mutates them.
    nonisolated(unsafe) static let expected: [String: [String: Any]] = {
        guard let data = FileManager.default.contents(atPath: folder + "/expected.json"),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object.compactMapValues { $0 as? [String: Any] }
    }()

    @Test(.enabled(if: !expected.isEmpty, "../shared/data/samples is absent"), arguments: expected.keys.sorted())
    func sampleComesOutAsExpected(name: String) throws {
        let spec = try #require(Self.expected[name])
        var result: ExtractedArticle?
        try Archive.extract(paths: [Self.folder + "/" + name]) { if case .success(let article) = $0 { result = article } }
        let article = try #require(result)
        func check(_ key: String, _ value: String?) {
            guard let wanted = spec[key] else { return }
            let allowed: [String?] = (wanted as? [Any])?.map { $0 as? String } ?? [wanted as? String]
            #expect(allowed.contains(value), "\(name): \(key) is \(value ?? "null"), expected one of \(allowed)")
        }
        check("title", article.title)
        check("date", article.date)
        check("outlet", article.outlet)
        for phrase in spec["body_must_contain"] as? [String] ?? [] {
            #expect(article.body.contains(phrase), "\(name): body lacks '\(phrase)'")
        }
        for phrase in spec["body_must_not_contain"] as? [String] ?? [] {
            #expect(!article.body.contains(phrase), "\(name): body keeps '\(phrase)'")
        }
    }
}
