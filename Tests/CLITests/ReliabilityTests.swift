import Foundation
import Testing

/// Issue 12's reliability suite, small: the scripts of `bench/reliability` (which runs them at
/// full size) against the built binary. Each prints its figures and exits 1 on any problem.
@Suite struct ReliabilityTests {
    let cli = ArchiveRunner()

    func script(_ name: String, _ arguments: String) throws -> ArchiveRunner.Result {
        let path = ArchiveRunner.repositoryRoot + "/bench/reliability/" + name
        return try cli.shell(#"python3 '\#(path)' "$ARCHIVE" --folder "$PWD" \#(arguments)"#)
    }

    @Test func killedImportsLeaveEveryArticleWholeOrAbsent() throws {
        let result = try script("kill.py", "--trials 8 --articles 800")
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains(#""articles_lost": 0"#))
    }

    @Test func fourWritersAndTwoReadersOnANewDatabase() throws {
        let result = try script("writers.py", "--rounds 2 --articles 300")
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func aFullDiskIsReportedAndHarmsNothing() throws {
        let result = try script("fulldisk.py", "")
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func randomCommandLinesGiveOneLineErrors() throws {
        let result = try script("clifuzz.py", "--runs 150")
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }
}
