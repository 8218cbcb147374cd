import Testing
@testable import Archive

@Suite struct SearchQueryTests {
    @Test(arguments: [
        ("repatriation", #""repatriation""#),
        ("repatriation Taiwan", #"("repatriation" AND "Taiwan")"#),
        ("repatriation AND Taiwan", #"("repatriation" AND "Taiwan")"#),
        ("deportation OR repatriation", #"("deportation" OR "repatriation")"#),
        ("migration NOT Mexico", #"("migration" NOT "Mexico")"#),
        ("migration -Mexico", #"("migration" NOT "Mexico")"#),
        ("migration -Mexico -Guatemala", #"(("migration" NOT "Mexico") NOT "Guatemala")"#),
        ("a b OR c", #"(("a" AND "b") OR "c")"#),
        ("(a OR b) c", #"(("a" OR "b") AND "c")"#),
        (#""border crossings""#, #""border crossings""#),
        ("migra*", #""migra"*"#),
        (#""border cross"*"#, #""border cross"*"#),
        ("U.S.-Mexico", #""U S Mexico""#),
        ("Mao Ning's", #"("Mao" AND "Ning s")"#),
        ("covid-19", #""covid 19""#),
        ("title:Taiwan", #"title : ("Taiwan")"#),
        ("title: (Taiwan OR Mexico)", #"title : ("Taiwan" OR "Mexico")"#),
        ("body:\"deportation flights\"", #"body : ("deportation flights")"#),
        ("NEAR(border crossing, 5)", #"NEAR("border" "crossing", 5)"#),
        ("NEAR(border crossing)", #"NEAR("border" "crossing")"#),
        ("china and taiwan", #"("china" AND "and" AND "taiwan")"#),
        ("not or", #"("not" AND "or")"#),
        ("near", #""near""#),
        ("résumé", #""résumé""#),
        ("x & y", #"("x" AND "y")"#),
    ])
    func translates(input: String, expected: String) throws {
        #expect(try SearchQuery(input).expression == expected)
    }

    @Test(arguments: [
        ("\"unbalanced", "unbalanced quote"),
        ("(trade AND", "AND at position 8 needs a term after it"),
        ("(trade OR taiwan", "the '(' at position 1 is never closed"),
        ("trade)", "has no '('"),
        ("AND AND", "AND at position 1 needs a term before it"),
        ("trade AND", "needs a term after it"),
        ("OR trade", "needs a term before it"),
        ("trade OR", "needs a term after it"),
        ("NOT trade", "NOT at position 1 needs a term before it"),
        ("-Mexico", "'-' only excludes"),
        ("()", "empty parentheses"),
        ("", "nothing to search for"),
        ("  & ", "nothing to search for"),
        ("title:", "needs a term after it"),
        ("NEAR(a b, x)", "distance as a whole number"),
        ("NEAR(a b", "never closed"),
        ("NEAR(a (b))", "takes only words and phrases"),
    ])
    func rejects(input: String, message: String) {
        #expect {
            try SearchQuery(input)
        } throws: { error in
            guard case ArchiveError.invalidQuery(let text) = error else { return false }
            return text.contains(message)
        }
    }
}
