// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "parley",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "parley", targets: ["parley"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        // The domain: value types and pure rules. Foundation only, no I/O.
        .target(name: "ParleyCore"),
        // The X platform: payload types, the API v2 client, auth, webhooks, rate limits, cost, streaming.
        .target(
            name: "ParleyX",
            dependencies: [
                "ParleyCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Test support: a local X that speaks the documented v2 protocol over real HTTP on 127.0.0.1,
        // serves recorded responses and injects faults. Used by the tests and `parley demo --fake-x`.
        .target(
            name: "ParleyFakeX",
            dependencies: [
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Recorded")]
        ),
        // Persistence: Fluent records, migrations, queries, the journal and job leasing.
        .target(
            name: "ParleyStore",
            dependencies: [
                "ParleyCore",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The web: routes, controllers, views, auth, live updates, workers, configuration.
        .target(
            name: "ParleyServer",
            dependencies: [
                "ParleyCore", "ParleyX", "ParleyStore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // Benchmarks the CLI runs (`parley bench …`), over the server's public API.
        .target(
            name: "ParleyBench",
            dependencies: [
                "ParleyCore", "ParleyStore", "ParleyServer",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ]
        ),
        .executableTarget(
            name: "parley",
            dependencies: [
                "ParleyCore", "ParleyStore", "ParleyX", "ParleyServer", "ParleyBench", "ParleyFakeX",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Vapor", package: "vapor"),
            ]
        ),
        .testTarget(
            name: "ParleyCoreTests", dependencies: ["ParleyCore"], resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "ParleyXTests", dependencies: ["ParleyX", "ParleyFakeX"]),
        .testTarget(name: "ParleyFakeXTests", dependencies: ["ParleyFakeX", .product(name: "AsyncHTTPClient", package: "async-http-client")]),
        .testTarget(
            name: "ParleyStoreTests",
            dependencies: [
                "ParleyStore",
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "ParleyServerTests",
            dependencies: ["ParleyServer", "ParleyFakeX", .product(name: "VaporTesting", package: "vapor")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
