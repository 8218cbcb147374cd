// Build tool: writes a Swift file listing each migration's number, name and SQL text.
import Foundation

let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: embed-migrations OUTPUT FILE.sql...\n".utf8))
    exit(2)
}

var source = "// Generated from migrations/*.sql by the EmbedMigrations plugin. Do not edit.\n"
source += "let embeddedMigrations: [Migration] = [\n"
for path in arguments.dropFirst() {
    let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    guard let number = Int(name.prefix { $0.isNumber }), number > 0 else {
        FileHandle.standardError.write(Data("\(path): a migration's name must start with its number\n".utf8))
        exit(1)
    }
    let sql = try String(contentsOfFile: path, encoding: .utf8)
    // A raw string with enough #s that nothing in the SQL can end it or interpolate.
    var hashes = "#"
    while sql.contains("\"" + hashes) || sql.contains("\\" + hashes) { hashes += "#" }
    source += "    Migration(version: \(number), name: \(String(reflecting: name)), sql: \(hashes)\"\"\"\n"
    source += sql.hasSuffix("\n") ? sql : sql + "\n"
    source += "\"\"\"\(hashes)),\n"
}
source += "]\n"
try source.write(toFile: output, atomically: true, encoding: .utf8)
