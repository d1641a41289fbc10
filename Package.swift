// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "NamHoc",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "namhoc", targets: ["namhoc"])
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/leaf-kit.git", from: "1.14.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/CoreOffice/XMLCoder.git", from: "0.18.2"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing.git", from: "1.19.7"),
    ],
    targets: [
        // Thin entrypoint: everything lives in NamHocApp so tests build the same application.
        .executableTarget(name: "namhoc", dependencies: ["NamHocApp"]),
        // Domain rules: Foundation only, tested without a database.
        .target(name: "NamHocDomain", resources: [.copy("Resources")]),
        // Vietnamese text: NFC, legacy encodings, collation, formats; the reference CSVs (ReferenceFiles).
        .target(name: "NamHocText", resources: [.copy("Resources")]),
        // The directive reader: text → document, tasks, references, figures, spans.
        .target(name: "NamHocDirective", dependencies: ["NamHocText"]),
        // The deterministic demo generator: reference-data parsers, unit tree, users, seeded random.
        .target(name: "NamHocDemo", dependencies: ["NamHocDomain"]),
        // Office files: XLSX, CSV, DOCX. No database, no HTTP.
        .target(
            name: "NamHocOffice",
            dependencies: [
                "NamHocText",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "XMLCoder", package: "XMLCoder"),
            ]
        ),
        // Vapor wiring: configuration, routes, controllers, views, models, migrations, commands.
        .target(
            name: "NamHocApp",
            dependencies: [
                "NamHocDomain", "NamHocDirective", "NamHocDemo", "NamHocText", "NamHocOffice",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "LeafKit", package: "leaf-kit"),
            ],
            resources: [.copy("Resources")]
        ),
        // Benchmarks and evaluations: lean executables that do not link Vapor.
        .executableTarget(name: "namhoc-reader-eval", dependencies: ["NamHocDirective", "NamHocText"], path: "Sources/ReaderEval"),
        .executableTarget(name: "namhoc-office-bench", dependencies: ["NamHocOffice", "NamHocText", "NamHocDemo"], path: "Sources/OfficeBench"),
        .testTarget(name: "NamHocDomainTests", dependencies: ["NamHocDomain"], resources: [.copy("Fixtures")]),
        .testTarget(name: "NamHocDemoTests", dependencies: ["NamHocDemo", "NamHocDomain"]),
        .testTarget(name: "NamHocTextTests", dependencies: ["NamHocText", "NamHocDemo"], resources: [.copy("Fixtures")]),
        .testTarget(name: "NamHocDirectiveTests", dependencies: ["NamHocDirective", "NamHocText"], resources: [.copy("Fixtures")]),
        .testTarget(name: "NamHocOfficeTests", dependencies: ["NamHocOffice", "NamHocDemo"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "NamHocAppTests",
            dependencies: [
                "NamHocApp",
                "NamHocOffice",
                "NamHocDemo",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ]
        ),
    ]
)
