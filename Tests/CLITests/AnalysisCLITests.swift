import Foundation
import Testing

/// Issue 15 end to end: the contracts of timeline, facets, terms and kwic on the hand-built corpus.
@Suite(.serialized) struct AnalysisCLITests {
    let cli = ArchiveRunner()

    init() throws {
        let result = try cli.run(["add", ArchiveRunner.fixture("corpus.jsonl")])
        precondition(result.status == 0, "loading the corpus failed: \(result.stderr)")
    }

    @Test func timelineFormats() throws {
        let csv = try cli.run(["timeline", "repatriation", "--by", "month", "--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.lines.first == "period,query,count,total,share")
        #expect(csv.lines.dropFirst().allSatisfy { $0.split(separator: ",").count == 5 })
        let json = try cli.run(["timeline", "repatriation", "border", "--by", "year", "--format", "json"])
        #expect(json.stdout.hasPrefix(#"{"by":"year","from":"#))
        #expect(json.stdout.contains(#""series":[{"query":"repatriation","undated":"#))
        let svg = try cli.run(["timeline", "--format", "svg", "--output", "chart.svg"])
        #expect(svg.status == 0 && svg.stdout.isEmpty)
        let chart = try String(contentsOfFile: cli.folder + "/chart.svg", encoding: .utf8)
        #expect(chart.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        let table = try cli.run(["timeline", "repatriation", "--by", "month"])
        #expect(table.lines.count > 1)
        let bad = try cli.run(["timeline", "--by", "fortnight"])
        #expect(bad.status == 2)
    }

    @Test func facetsTermsAndKwic() throws {
        let facets = try cli.run(["facets", "--by", "outlet", "--format", "json"])
        #expect(facets.stdout.hasPrefix(#"[{"value":"#) && facets.stdout.contains(#","count":"#))
        let count = try cli.run(["list", "--count", "--outlet", "Harbor Ledger"])
        #expect(facets.stdout.contains(#"{"value":"Harbor Ledger","count":\#(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines))}"#))
        let terms = try cli.run(["terms", "repatriation", "--format", "json", "--limit", "3"])
        #expect(terms.stdout.hasPrefix(#"[{"term":"#) && terms.stdout.contains(#","score":"#))
        let kwic = try cli.run(["kwic", "repatriation", "--format", "json", "--limit", "2"])
        #expect(kwic.stdout.contains(#""left":"#) && kwic.stdout.contains(#""match":"#) && kwic.stdout.contains(#""right":"#))
        let lines = try cli.run(["kwic", "repatriation", "--width", "20"])
        #expect(lines.lines.allSatisfy { $0.contains(" | ") })
        let fieldsOnly = try cli.run(["kwic", "tag:china"])
        #expect(fieldsOnly.status == 2)
        #expect(fieldsOnly.stderr == "archive: a concordance needs words to find, not only fields\n")
    }
}
