import Foundation
import Testing

/// Issue 12: faults and bad input. Each test names the numbered problem it covers; each failed
/// before the fix. Scripts run in the runner's folder with `$ARCHIVE` the binary.
@Suite struct FaultCLITests {
    let cli = ArchiveRunner()

    static let article = #"{"title": "Good one", "body": "The minister said the trade deal was off, according to two officials.", "date": "2024-05-01", "outlet": "Reuters"}"#

    /// The number of articles in the runner's database, by plain SQL.
    func storedCount() throws -> String {
        try cli.shell(#"sqlite3 "$ARCHIVE_DB" 'SELECT count(*) FROM articles'"#).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Both of SQLite's checks and FTS5's.
    func expectIntact(_ database: String? = nil) throws {
        let path = database ?? cli.database
        let check = try cli.shell("""
            sqlite3 '\(path)' "PRAGMA integrity_check; INSERT INTO articles_fts(articles_fts) VALUES('integrity-check'); SELECT 'fts ok';"
            """)
        #expect(check.stdout == "ok\nfts ok\n", "\(check.stderr)")
    }

    // 1. One bad file costs only itself, and a failed add still reports what it stored.
    @Test func aCorruptFileFailsAloneAndTheOthersAreStored() throws {
        let good = cli.write("good.jsonl", Self.article + "\n")
        let result = try cli.shell(#"""
            printf '\x1f\x8b\x08\x00garbage that is not deflate data at all' > dump.gz
            "$ARCHIVE" add dump.gz good.jsonl
            """#)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("dump.gz: cannot read: "))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.lines.last == "Added 1 article; 0 already stored; 1 failed.")
        _ = good
        #expect(try storedCount() == "1")
    }

    @Test func aFailedAddReportsWhatItStored() throws {
        try #require(try cli.shell("command -v sqlite3").status == 0)
        let result = try cli.shell(#"""
            python3 -c '
            import json
            for i in range(3000):
                print(json.dumps({"title": f"Report {i}", "body": f"Article number {i} says this and that about the port of call {i * 7}. " * 20}))
            ' > many.jsonl
            ulimit -f 2000
            "$ARCHIVE" add -q --batch-size 100 many.jsonl
            """#)
        #expect(result.status == 4)
        #expect(result.stderr.hasPrefix("archive: "))
        #expect(result.stderr.contains("cannot write the file"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        let summary = try #require(result.lines.last)
        #expect(summary.hasPrefix("Stopped early. Added "))
        // What it said it stored is what is stored, whole.
        let added = summary.split(separator: " ")[3]
        #expect(try storedCount() == String(added))
        try expectIntact()
        // Running it again completes the import with nothing twice.
        let again = try cli.run(["add", "-q", cli.folder + "/many.jsonl"])
        #expect(again.status == 0)
        #expect(try storedCount() == "3000")
    }

    // 2. No write lock while the input pauses.
    @Test func aPausedPipeDoesNotHoldTheWriteLock() throws {
        let result = try cli.shell(#"""
            ( printf '%s\n' '\#(Self.article)'; sleep 4; printf '%s\n' '{"title": "Later", "body": "Written after a pause of several seconds."}' ) | "$ARCHIVE" add - > add.out &
            for i in $(seq 50); do
                [ "$("$ARCHIVE" list --count 2>/dev/null)" = 1 ] && break
                sleep 0.1
            done
            start=$(date +%s%N)
            "$ARCHIVE" tag 1 +checked || echo "tag failed"
            echo "tag took $(( ($(date +%s%N) - start) / 1000000 )) ms"
            wait
            "$ARCHIVE" list --count
            """#)
        #expect(result.status == 0)
        #expect(result.lines.first == "#1 tags: checked")
        let took = Int(result.lines.dropFirst().first?.split(separator: " ")[2] ?? "") ?? .max
        #expect(took < 2_000, "tag waited \(took) ms for the paused add")
        #expect(result.lines.last == "2")
    }

    // 3. Two adds on a brand-new database.
    @Test func twoAddsOnANewDatabaseBothStore() throws {
        let result = try cli.shell(#"""
            for i in 1 2 3 4 5 6; do
                printf '{"title": "A %s", "body": "First writer, try %s."}\n' $i $i > a.jsonl
                printf '{"title": "B %s", "body": "Second writer, try %s."}\n' $i $i > b.jsonl
                rm -f new.db new.db-wal new.db-shm
                "$ARCHIVE" add -q --db new.db a.jsonl & one=$!
                "$ARCHIVE" add -q --db new.db b.jsonl & two=$!
                wait $one; s1=$?; wait $two; s2=$?
                echo "$s1 $s2 $("$ARCHIVE" list --count --db new.db)"
            done
            """#)
        #expect(result.lines == Array(repeating: "0 0 2", count: 6), "\(result.stderr)")
    }

    // 5. Output errors are reported.
    @Test func aFullDiskOnOutputIsAnError() throws {
        _ = try cli.run(["add", "-"], stdin: Self.article + "\n")
        let result = try cli.shell(#"""
            "$ARCHIVE" export > /dev/full; echo "export $?"
            "$ARCHIVE" search minister > /dev/full; echo "search $?"
            "$ARCHIVE" stats > /dev/full; echo "stats $?"
            python3 -c 'print("x" * 100)' > /dev/null
            """#)
        #expect(result.lines == ["export 5", "search 5", "stats 5"])
        let errors = result.stderr.split(separator: "\n")
        #expect(errors.count == 3)
        #expect(errors.allSatisfy { $0 == "archive: cannot write the output: no space left on device" })
    }

    @Test func anExportCutShortByAFileLimitIsAnError() throws {
        let lines = (0..<400).map { #"{"title": "Item \#($0)", "body": "\#(String(repeating: "Text of item \($0). ", count: 40))"}"# }
        _ = try cli.run(["add", "-q", "-"], stdin: lines.joined(separator: "\n") + "\n")
        let result = try cli.shell(#"(ulimit -f 100; "$ARCHIVE" export > out.jsonl); echo "status $?""#)
        #expect(result.lines == ["status 5"])
        #expect(result.stderr == "archive: cannot write the output: file too large\n")
        // A closed pipe, SIGPIPE ignored (as some parents leave it): an error too. With SIGPIPE
        // the process ends by the signal, as other tools do.
        let pipe = try cli.shell(#"(trap '' PIPE; "$ARCHIVE" export | head -c 1 > /dev/null; echo "status ${PIPESTATUS[0]}")"#)
        #expect(pipe.lines == ["status 5"])
        #expect(pipe.stderr == "archive: cannot write the output: broken pipe\n")
    }

    // 6, 14. Read-only commands never create a database; a database that is not an archive is never altered.
    @Test func aMistypedDatabaseIsNeitherCreatedNorAltered() throws {
        let result = try cli.shell(#"""
            "$ARCHIVE" list --db "$PWD/nonexistent/dir/x.db"; echo "list $?"
            [ -e nonexistent ] && echo "created"
            sqlite3 other.db "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine'); PRAGMA user_version = 7;"
            before=$(md5sum < other.db)
            "$ARCHIVE" stats --db other.db; echo "stats $?"
            "$ARCHIVE" add --db other.db - <<< '\#(Self.article)'; echo "add $?"
            [ "$before" = "$(md5sum < other.db)" ] && echo "unchanged"
            ls other.db*
            sqlite3 other.db "PRAGMA journal_mode"
            """#)
        #expect(result.lines == ["list 4", "stats 4", "add 4", "unchanged", "other.db", "delete"])
        let errors = result.stderr.split(separator: "\n").map(String.init)
        #expect(errors.first == "archive: no archive at \(cli.folder)/nonexistent/dir/x.db (add articles first, or check --db)")
        #expect(errors.dropFirst().allSatisfy {
            $0 == "archive: other.db: cannot use this database: it is not an archive but another SQLite database (tables notes); it was left as it is"
        })
    }

    // 7. Read-only places and files: reading works, writing says why it cannot.
    @Test func readOnlyPlacesCanBeSearched() throws {
        try #require(getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser"),
                     "needs root to run the binary as another user")
        _ = try cli.run(["add", "-"], stdin: Self.article + "\n")
        // The folder holding the binary must be reachable by the other user.
        let result = try cli.shell(#"""
            mkdir locked && sqlite3 "$ARCHIVE_DB" ".backup locked/news.db" && chmod 755 locked && chmod 644 locked/news.db
            chmod o+rx "$PWD"
            as_nobody() { runuser -u nobody -- "$@"; }
            as_nobody "$ARCHIVE" search minister --db locked/news.db --format csv 2>/dev/null | tail -n +2 | cut -d, -f1; echo "search ${PIPESTATUS[0]}"
            as_nobody "$ARCHIVE" tag 1 +x --db locked/news.db; echo "tag $?"
            ls locked
            """#)
        #expect(result.lines == ["1", "search 0", "tag 4", "news.db"], "\(result.stderr)")
        #expect(result.stderr == "archive: locked/news.db: cannot use this database: the file is read-only\n")
    }

    // 8. A database restored from a dump is an archive.
    @Test func aRestoredDumpIsRecognised() throws {
        _ = try cli.run(["add", "-"], stdin: Self.article + "\n")
        let result = try cli.shell(#"""
            sqlite3 "$ARCHIVE_DB" .dump | sqlite3 restored.db
            "$ARCHIVE" search minister --count --db restored.db
            "$ARCHIVE" add -q --db restored.db - <<< '{"title": "After the restore", "body": "Added to the restored copy."}'; echo "add $?"
            sqlite3 restored.db "PRAGMA user_version"
            """#)
        #expect(result.lines == ["1", "add 0", "7"], "\(result.stderr)")
        try expectIntact(cli.folder + "/restored.db")
    }

    // 9. A byte order mark and files reached through links.
    @Test func byteOrderMarksAndLinkedFilesAreRead() throws {
        let result = try cli.shell(#"""
            printf '\xef\xbb\xbf%s\n' '\#(Self.article)' > bom.jsonl
            mkdir -p real feed && printf '{"title": "Linked", "body": "Reached through a link in the folder."}\n' > real/linked.jsonl
            ln -s ../real/linked.jsonl feed/linked.jsonl && ln -s ../real feed/again && ln -s ../feed real/loop
            "$ARCHIVE" add bom.jsonl; echo "bom $?"
            "$ARCHIVE" add feed; echo "feed $?"
            """#)
        #expect(result.lines == ["added #1: Good one", "Added 1 article; 0 already stored; 0 failed.", "bom 0",
                                 "added #2: Linked", "Added 1 article; 0 already stored; 0 failed.", "feed 0"], "\(result.stderr)")
    }

    // 10. One voice: every error one line starting `archive:`.
    @Test(arguments: [
        (["list", "--limit", "-1"], "archive: --limit must be 0 or more", Int32(2)),
        (["show", "-1"], "archive: no article with id, guid or url '-1'", 3),
        (["add", "--date", "2024-13-01", "x.txt"], "archive: --date: unreadable date '2024-13-01': no such day", 2),
        (["list", "--sort", "relevance"], "archive: the value 'relevance' is invalid for '--sort <order>'. Please provide one of 'newest' and 'oldest'.", 2),
        (["search"], "archive: give a query, for example: archive search \"repatriation AND Taiwan\"", 2),
        (["frobnicate"], "archive: unexpected argument 'frobnicate'", 2),
        (["search", "a\nb:c"], "archive: invalid query: unknown field 'b:' at position 3: the fields are title:, body:, outlet:, tag:, author:, lang:, date: (to search for the word, quote it)", 2),
        (["search", "\"a\nb"], "archive: invalid query: unbalanced quote: the \" at position 1 is never closed", 2),
        (["search", " \n "], "archive: invalid query: nothing to search for in ' \\n '", 2),
    ] as [([String], String, Int32)])
    func errorsAreOneLine(arguments: [String], message: String, status: Int32) throws {
        _ = try cli.run(["add", "-"], stdin: Self.article + "\n")
        let result = try cli.run(arguments)
        #expect(result.status == status)
        #expect(result.stderr == message + "\n")
    }

    @Test func listOffersOnlyTheOrdersItTakes() throws {
        let help = try cli.run(["list", "--help"])
        #expect(help.stdout.contains("values: newest, oldest"))
        #expect(!help.stdout.contains("relevance"))
    }

    // 12. The crash found by fuzzing, and queries past the bounds.
    @Test func oldestFirstFromADateDoesNotCrash() throws {
        _ = try cli.run(["add", ArchiveRunner.fixture("corpus.jsonl")])
        for arguments in [["search", "repatriation", "--sort", "oldest", "--from", "2024-05-15"],
                          ["list", "--sort", "oldest", "--to", "2024-05-15"],
                          ["search", "repatriation", "--sort", "newest", "--from", "2030"],
                          ["list", "--sort", "oldest", "--from", "1900", "--to", "1900"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
    }

    @Test func queriesPastTheBoundsAreRefusedAtOnce() throws {
        _ = try cli.run(["add", ArchiveRunner.fixture("corpus.jsonl")])
        let cases = [
            (String(repeating: "title:", count: 17_000) + "oil", "archive: invalid query: the query is 102003 characters long; a query may have up to 1000"),
            (String(repeating: "a* ", count: 5), "archive: invalid query: the query has 5 prefix words (ending in *); a query may have up to 4"),
            (String(repeating: "\"a\" ", count: 33), "archive: invalid query: the query has 33 words and fields; a query may have up to 32"),
            (String(repeating: "(", count: 20) + "a" + String(repeating: ")", count: 20),
             "archive: invalid query: the query nests too deep at position 17: up to 16 levels of parentheses, NOT and column filters"),
            ("title:title:oil", "archive: invalid query: 'title:' at position 7 follows 'title:': give one column for a term"),
        ]
        for (query, message) in cases {
            let result = try cli.run(["search", query])
            #expect(result.status == 2)
            #expect(result.stderr == message + "\n")
        }
    }

    // 13. JSON Lines on standard input whose first line is longer than the sniffed prefix.
    @Test func longFirstLinesOnStandardInputAreJSONLines() throws {
        let long = #"{"title": "Long", "body": "\#(String(repeating: "word ", count: 3_000))"}"#
        let result = try cli.run(["add", "-"], stdin: long + "\n" + Self.article + "\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines.last == "Added 2 articles; 0 already stored; 0 failed.")
        // A first line longer than any article is refused alone; the line after it is stored.
        let huge = #"{"title": "Huge", "body": "\#(String(repeating: "word ", count: 2_400_000))"}"#
        let past = try cli.run(["add", "-"], stdin: huge + "\n" + #"{"title": "After", "body": "The line after the huge one."}"# + "\n")
        #expect(past.status == 1)
        #expect(past.stderr == "-:1: the text is 12,000,000 bytes; the largest article the archive takes is 10,000,000 bytes (10 MB)\n")
        #expect(past.lines.last == "Added 1 article; 0 already stored; 1 failed.")
    }
}
