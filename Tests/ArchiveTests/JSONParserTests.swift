import Testing
@testable import Archive

@Suite struct JSONParserTests {
    @Test func parsesNestedValues() throws {
        let value = try JSONParser.parse(Array(#" {"a": [1, -2.5e3, true, false, null], "b": "x\"\u00e9\ud83d\ude00\n"} "#.utf8))
        #expect(value == .object([
            ("a", .array([.number("1"), .number("-2.5e3"), .bool(true), .bool(false), .null])),
            ("b", .string("x\"é😀\n")),
        ]))
    }

    @Test(arguments: [
        (#"{"a": 1"#, "missing '}'"),
        (#"{"a" 1}"#, "expected ':'"),
        (#"{a: 1}"#, "expected a quoted key"),
        (#"[1, 2"#, "missing ']'"),
        (#"{"a": 01}"#, "cannot start with 0"),
        (#"{"a": "x}"#, "unterminated string"),
        (#"{"a": tru}"#, "expected a value, found 'tru'"),
        (#"{"a": @}"#, "expected a value, found '@'"),
        (#"{"a": 1} x"#, "unexpected text after the value"),
        (#"{"a": "\q"}"#, "unknown escape"),
    ])
    func reportsErrors(text: String, message: String) {
        #expect {
            try JSONParser.parse(Array(text.utf8))
        } throws: { error in
            (error as? JSONSyntaxError)?.message.contains(message) == true
        }
    }

    @Test func reportsLineAndColumn() {
        #expect {
            try JSONParser.parse(Array("{\n  \"a\": 1,\n  \"b\" 2\n}".utf8))
        } throws: { error in
            let error = error as? JSONSyntaxError
            return error?.line == 3 && error?.column == 7
        }
    }

    @Test func serialisesWhatItParses() throws {
        let text = #"{"title":"A \"quoted\" word\n","tags":["a","b"],"n":12,"none":null}"#
        #expect(try JSONParser.parse(Array(text.utf8)).serialized == text)
    }
}
