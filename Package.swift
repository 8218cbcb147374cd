// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "archive",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Archive", targets: ["Archive"]),
        .executable(name: "archive", targets: ["archive-cli"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // Only the tests' local web server (feeds, pages, redirects, slow and huge answers).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // libxml2's HTML parser, and zlib for .gz inputs (libxml2 links it too).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev", "zlib1g-dev"])]
        ),
        // Turns migrations/*.sql into Swift source so the binary carries its schema.
        .executableTarget(name: "embed-migrations"),
        .plugin(
            name: "EmbedMigrations",
            capability: .buildTool(),
            dependencies: ["embed-migrations"]
        ),
        .target(
            name: "Archive",
            dependencies: [
                "CSQLite",
                "CLibXML2",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            plugins: ["EmbedMigrations"]
        ),
        .executableTarget(
            name: "archive-cli",
            dependencies: [
                "Archive",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ArchiveTests", dependencies: ["Archive", .product(name: "Hummingbird", package: "hummingbird")]),
        .testTarget(name: "CLITests", dependencies: ["archive-cli"]),
    ]
)
