import Foundation
import Testing
@testable import Archive

/// Issue 15: timelines and facets, each count agreeing with `count` (what `search --count` says)
/// for the same query, filters and period.
@Suite struct TimelineTests {
    @Test func everyPointAgreesWithCountAndZerosAreThere() throws {
        let test = try TestArchive(withCorpus: true)
        let queries = try ["repatriation", "border OR deportation"].map { try SearchQuery($0) }
        for by in Timeline.Granularity.allCases {
            let timeline = try test.archive.timeline(queries, by: by)
            #expect(timeline.granularity == by)
            for (series, query) in zip(timeline.series, queries) {
                #expect(series.query == query.text)
                for point in series.points {
                    let period = try DatePeriod(String(point.period.prefix(by == .week ? 4 : 10)))
                    guard by != .week else { continue }
                    let filter = ArticleFilter(from: period, to: period)
                    #expect(point.count == (try test.archive.count(query, filter: filter)), "\(by) \(point.period) \(query.text)")
                    #expect(point.total == (try test.archive.count(nil, filter: filter)))
                }
                let dated = try test.archive.count(query, filter: ArticleFilter(from: DatePeriod("1900"), to: DatePeriod("2100")))
                #expect(series.points.map(\.count).reduce(0, +) == dated, "every dated match in some period")
            }
            // Consecutive periods, first to last.
            let periods = timeline.series[0].points.map(\.period)
            #expect(periods == Array(Set(periods)).sorted())
            #expect(periods.first == timeline.from && periods.last == timeline.to)
        }
    }

    @Test func weeksAreISOWeeksAndTheDefaultShowsAtMostSixtyPoints() throws {
        #expect(ISOWeek(CivilDate(year: 2021, month: 1, day: 3)).label == "2020-W53")
        #expect(ISOWeek(CivilDate(year: 2024, month: 12, day: 30)).label == "2025-W01")
        #expect(ISOWeek(CivilDate(year: 2024, month: 5, day: 13)).label == "2024-W20")
        #expect(ISOWeek(CivilDate(year: 2024, month: 5, day: 19)).label == "2024-W20")
        let test = try TestArchive(withCorpus: true)
        let timeline = try test.archive.timeline([])
        #expect((10...60).contains(timeline.series[0].points.count) || timeline.granularity == .day)
        let bounded = try test.archive.timeline([], filter: ArticleFilter(from: DatePeriod("2023-01"), to: DatePeriod("2024-12")), by: .month)
        #expect(bounded.series[0].points.count == 24, "every month of the bounds, zeros included")
        #expect(bounded.from == "2023-01" && bounded.to == "2024-12")
    }

    @Test func facetsAgreeWithCount() throws {
        let test = try TestArchive(withCorpus: true)
        let query = try SearchQuery("repatriation OR border")
        let outlets = try test.archive.facet(.outlet, query: query)
        #expect(!outlets.values.isEmpty)
        #expect(outlets.values.map(\.count) == outlets.values.map(\.count).sorted(by: >), "most first")
        for value in outlets.values {
            #expect(value.count == (try test.archive.count(query, filter: ArticleFilter(outlets: [value.value]))))
        }
        for value in try test.archive.facet(.tag, query: query).values {
            #expect(value.count == (try test.archive.count(query, filter: ArticleFilter(tags: [value.value]))))
        }
        #expect(try test.archive.facet(.outlet, limit: 1).values.count == 1)
    }

    @Test func aConcordanceShowsEachOccurrenceInItsContext() throws {
        let test = try TestArchive(withCorpus: true)
        let lines = try test.archive.concordance(SearchQuery("repatriation"), width: 30, limit: 100, allCopies: true)
        #expect(!lines.isEmpty)
        for line in lines {
            #expect(line.match.lowercased().hasPrefix("repatriat"), "the index's stem: \(line.match)")
            #expect(line.left.count <= 30 && line.right.count <= 30)
            #expect(!line.left.contains("\u{2}") && !line.right.contains("\u{3}"))
        }
        #expect(Set(lines.map(\.id)).count <= (try test.archive.count(SearchQuery("repatriation"), allCopies: true)))
        #expect(try test.archive.concordance(SearchQuery("repatriation"), limit: 2).count == 2)
        #expect(throws: ArchiveError.self) { try test.archive.concordance(SearchQuery("tag:china")) }
        let occurrences = Archive.occurrences(in: "one two \u{2}three\u{3} four five \u{2}six\u{3}", width: 8)
        #expect(occurrences.map(\.1) == ["three", "six"])
        #expect(occurrences[0].0 == "one two" && occurrences[0].2 == "four")
        #expect(occurrences[1].0 == "five", "at most 8 characters, cut at a word")
    }

    @Test func characteristicTermsByLogOddsWithAPrior() throws {
        // A word only among the matches beats a word as common everywhere, however frequent.
        let matched = (0..<20).map { _ in ["flights", "the", "said"] }
        let background = (0..<200).map { index in index < 4 ? ["flights", "the", "said"] : ["the", "said", "market"] }
        let terms = Archive.logOdds(matched, against: background, limit: 10)
        #expect(terms.first?.term == "flights")
        #expect(terms.first.map { $0.score > 2 } == true)
        #expect(terms.first { $0.term == "the" }.map { abs($0.score) < 1 } == true, "common words score near 0")
        #expect(Archive.words("The U.S. and the E.U.; re-entry, it's 2024").sorted() == ["and", "entry", "the"])
        let test = try TestArchive(withCorpus: true)
        let found = try test.archive.characteristicTerms(SearchQuery("repatriation"), limit: 5)
        #expect(found.contains { $0.term.hasPrefix("repatriat") }, "\(found)")
    }

    @Test func theChartIsOneSelfContainedSVGWithEscapedText() throws {
        let points = [Timeline.Point(period: "2024-05", count: 3, total: 10, share: 0.3),
                      Timeline.Point(period: "2024-06", count: 0, total: 4, share: 0)]
        let timeline = Timeline(granularity: .month, from: "2024-05", to: "2024-06", undated: 2,
                                series: [Timeline.Series(query: "<script>alert(1)</script> & co", points: points, undated: 0)])
        let svg = TimelineChart.svg(timeline, title: "a <b> title")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(!svg.contains("<script>") && svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"))
        #expect(svg.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co, 2024-05: 3 of 10 (30.0%)</title>"), "counts in tooltips")
        #expect(svg.contains("2 undated, not shown"))
        #expect(!svg.contains("http://") || !svg.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"),
                "nothing from elsewhere")
    }
}
