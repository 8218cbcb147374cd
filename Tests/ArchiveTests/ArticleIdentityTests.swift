import Testing
@testable import Archive

/// Issue 10: only the same article is refused; copies, versions and repeats are stored and grouped.
@Suite struct ArticleIdentityTests {
    let test: TestArchive

    init() throws {
        test = try TestArchive()
    }

    static let wire = """
        Officials from five countries agreed on Tuesday to share records of lost and stolen travel documents, \
        in a move they said would make it harder for smugglers to move people across borders.
        The agreement takes effect in March and covers passports and identity cards issued since 2015.
        """

    /// Adds the JSON objects, one per line; returns each one's outcome.
    func add(_ lines: [String], file: String = "in.jsonl") throws -> [IngestOutcome] {
        var outcomes: [IngestOutcome] = []
        try test.archive.add(paths: [test.folder.write(file, lines.joined(separator: "\n"))], onEvent: { outcomes.append($0.outcome) })
        return outcomes
    }

    static func article(_ fields: [(String, String)], body: String = wire) -> String {
        JSONValue.object(fields.map { ($0.0, JSONValue.string($0.1)) } + [("body", .string(body))]).serialized
    }

    static let original = article([("title", "Five countries to share passport records"), ("outlet", "Wire"),
                                   ("date", "2024-05-14"), ("url", "https://wire.example/a/1")])

    @Test(arguments: [
        // Same text, headline, outlet, day: the same article, whatever its url.
        ([("title", "Five countries to share passport records"), ("outlet", "wire"), ("date", "2024-05-14T09:00:00Z")], nil as String?),
        // A headline unknown on either side counts as the same.
        ([("outlet", "Wire"), ("date", "2024-05-14")], nil),
        // Outlet and date both unknown on one side count as the same.
        ([("title", "Five countries to share passport records")], nil),
        ([], nil),
        // Anything else differing: a copy, stored and grouped.
        ([("title", "Five countries to share passport records"), ("outlet", "Daily Courier"), ("date", "2024-05-14")], "same text, other outlet"),
        ([("title", "Passport records to be pooled"), ("outlet", "Wire"), ("date", "2024-05-14")], "same text, other headline"),
        ([("title", "Five countries to share passport records"), ("outlet", "Wire"), ("date", "2024-05-16")], "same text, other day"),
        ([("title", "Passport deal (RPT)"), ("outlet", "Daily Courier"), ("date", "2024-05-15"), ("url", "https://courier.example/x")],
         "same text, other outlet, other url, other headline, other day"),
    ] as [([(String, String)], String?)])
    func theSameTextIsTheSameArticleOnlyUnderTheSameHeadlineOutletAndDay(fields: [(String, String)], copy: String?) throws {
        let outcomes = try add([Self.original, Self.article(fields)])
        if let copy {
            #expect(outcomes[1] == .addedToStory(id: 2, title: fields.first { $0.0 == "title" }?.1 ?? "", relatedID: 1,
                                                 relation: StoryRelation(kind: .copy, detail: copy)))
            #expect(try test.archive.count() == 1)
            #expect(try test.archive.count(allCopies: true) == 2)
        } else {
            guard case .alreadyStored(1, _, "text, headline, outlet and day") = outcomes[1] else {
                Issue.record("expected the same article, got \(outcomes[1])")
                return
            }
        }
    }

    @Test func theSameWordingAWeekLaterIsANewStory() throws {
        let outcomes = try add([Self.original, Self.article([("title", "Five countries to share passport records"),
                                                              ("outlet", "Wire"), ("date", "2024-05-21")])])
        #expect(outcomes[1] == .added(id: 2, title: "Five countries to share passport records"))
        #expect(try test.archive.count() == 2)
    }

    @Test func aChangedPageIsANewVersionAndAnEditIsTheSamePage() throws {
        let update = Self.wire + "\nOn Thursday 12 more countries said they would join the scheme."
        let typo = Self.wire.replacingOccurrences(of: "smugglers", with: "smuglers")
        let outcomes = try add([
            Self.original,
            Self.article([("url", "http://www.wire.example/a/1/?utm_source=rss#top")], body: typo),
            Self.article([("url", "https://wire.example/a/1"), ("date", "2024-05-16")], body: update),
        ])
        #expect(outcomes[1] == .alreadyStored(existingID: 1, title: "", match: "url"))
        #expect(outcomes[2] == .addedToStory(id: 2, title: "", relatedID: 1, relation: StoryRelation(kind: .version, detail: "")))
        #expect(try test.archive.storyMembers(of: "2").map(\.kind) == [.version])
        // The url names the newest version.
        #expect(try test.archive.article("https://wire.example/a/1").id == 2)
    }

    @Test func theSameGuidWithNewTextIsANewVersion() throws {
        let outcomes = try add([
            Self.article([("guid", "entry-7")]),
            Self.article([("guid", "entry-7"), ("title", "Retitled")]),
            Self.article([("guid", "entry-7")], body: "A rolling page that now says something else entirely, with 3 new figures and 40 words."),
        ])
        #expect(outcomes[1] == .alreadyStored(existingID: 1, title: "Retitled", match: "guid"))
        #expect(outcomes[2] == .addedToStory(id: 2, title: "", relatedID: 1, relation: StoryRelation(kind: .version, detail: "")))
    }

    @Test func parametersThatNameThePageKeepPagesApart() throws {
        let outcomes = try add([
            Self.article([("url", "https://site.example/story?cid=101")], body: "The first story behind one script, about ferries."),
            Self.article([("url", "https://site.example/story?cid=202")], body: "A second story behind the same script, about trains."),
            Self.article([("url", "https://site.example/story?utm_medium=email&cid=101&fbclid=x")], body: "The first story behind one script, about ferries."),
        ])
        #expect(outcomes[0] == .added(id: 1, title: ""))
        #expect(outcomes[1] == .added(id: 2, title: ""))
        #expect(outcomes[2] == .alreadyStored(existingID: 1, title: "", match: "url"))
    }

    @Test func reAddingAFileAddsNothing() throws {
        let lines = [
            Self.original,
            Self.article([("title", "Passport deal"), ("outlet", "Daily Courier"), ("date", "2024-05-15")]),
            Self.article([("url", "https://wire.example/a/1")], body: Self.wire + "\nUpdated with 12 new members."),
            Self.article([("title", "Five countries to share passport records"), ("outlet", "Wire"), ("date", "2024-06-30")]),
        ]
        let first = try add(lines)
        #expect(first.allSatisfy { if case .alreadyStored = $0 { false } else { true } })
        let again = try add(lines)
        #expect(again.allSatisfy { if case .alreadyStored = $0 { true } else { false } })
        #expect(try test.archive.count(allCopies: true) == 4)
    }

    @Test func theCleanestCopyRepresentsTheStory() throws {
        let chrome = ["Home", "World", "Asia", "Share on Facebook", "Share on Twitter", "Subscribe", "Sign in"].joined(separator: "\n")
        let scraped = chrome + "\n" + Self.wire + "\n" + ["Most read", "Newsletter", "Privacy", "Terms of use", "Contact us"].joined(separator: "\n")
        _ = try add([
            Self.article([("title", "Menus and all"), ("outlet", "Portal"), ("date", "2024-05-14")], body: scraped),
            Self.article([("title", "Clean copy"), ("outlet", "Wire"), ("date", "2024-05-14")]),
        ])
        let story = try #require(try test.archive.stories().first)
        #expect(story.representative.title == "Clean copy")
        #expect(try test.archive.list().map(\.title) == ["Clean copy"])
        #expect(Cleanliness.cleanLength(of: scraped) < Cleanliness.cleanLength(of: Self.wire))
    }

    @Test(arguments: [
        (#"{"title": "Numbers", "body": 42}"#, #""body" must be text, not a number"#),
        (#"{"title": 12345, "body": "Text."}"#, #""title" must be text, not a number"#),
        (#"{"title": "T", "body": "Text.", "tags": ["a", 7]}"#, #""tags" must hold text, not a number"#),
        (#"{"title": "T", "body": "Text.", "date": true}"#, #""date" must be text, not true or false"#),
    ])
    func jsonValuesOfTheWrongTypeAreErrors(line: String, reason: String) throws {
        var events: [IngestEvent] = []
        try test.archive.add(paths: [test.folder.write("feed.jsonl", "{\"body\": \"fine\"}\n" + line)], onEvent: { events.append($0) })
        #expect(events.count == 2)
        #expect(events.last?.outcome == .failed(reason: reason))
        #expect(events.last?.location.description.hasSuffix("feed.jsonl:2") == true)
    }

    @Test func aNumericGuidIsItsDigits() throws {
        _ = try add([#"{"id": 1234, "body": "A record from a data set that numbers its rows."}"#])
        #expect(try test.archive.article("1234").guid == "1234")
    }

    /// Review of issue 10: numbered feeds reuse guids across outlets.
    @Test func theSameGuidFromAnotherOutletIsAnotherPage() throws {
        let outcomes = try add([
            Self.article([("guid", "1"), ("outlet", "Wire"), ("date", "2024-05-14"), ("title", "Passports")]),
            Self.article([("guid", "1"), ("outlet", "Sports Feed"), ("date", "2023-01-01"), ("title", "Cup final")],
                         body: "The home side won the cup final on Sunday with a goal in the last minute of extra time."),
            Self.article([("guid", "1"), ("date", "2024-05-20"), ("title", "Passports, updated")],
                         body: Self.wire + "\nThe ministers will meet again in June to review the first figures."),
        ])
        #expect(outcomes[1] == .added(id: 2, title: "Cup final"))
        // No outlet on one side: the guid still names the page.
        guard case .addedToStory(3, _, 1, let relation) = outcomes[2] else { Issue.record("\(outcomes[2])"); return }
        #expect(relation.kind == .version)
    }

    /// Review of issue 10: a report repeated daily groups into stories of at most 3 days.
    @Test func dailyRepeatsDoNotChainIntoOneStory() throws {
        let days = (1...14).map { String(format: "1987-03-%02d", $0) }
        let outcomes = try add(days.map { Self.article([("title", "FED ADDS RESERVES"), ("outlet", "Wire"), ("date", $0)]) })
        #expect(outcomes.count == 14)
        #expect(try test.archive.count(allCopies: true) == 14)
        let stories = try test.archive.stories(limit: 100)
        #expect(stories.count > 1)
        for story in stories {
            let dates = ([story.representative] + story.others).compactMap(\.date).sorted()
            let first = try #require(dates.first), last = try #require(dates.last)
            #expect(try DatePeriod(last).startTime - DatePeriod(first).startTime <= 3 * 86_400)
        }
    }
}
