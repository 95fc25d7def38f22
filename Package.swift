// swift-tools-version: 6.2
import PackageDescription

// One module per concept; dependencies point one way (see README.md, "Modules"):
// simulate ─► HPASim ─► Scenario ─► ClusterModel ─► HPAController, EventEngine, Randomness ─► SimTime
//                    └► Store ──────────────┴──────────────┴─► RunRecords ─► SimTime
// (RunRecords: the records a run emits; the store knows them, not the model.)
let strict: [SwiftSetting] = [
    .treatAllWarnings(as: .error),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "hpa-sim",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "HPASim", targets: ["HPASim"]),
        .executable(name: "simulate", targets: ["simulate"]),
        .executable(name: "phold", targets: ["phold"]),
        // The engine and its random streams alone (used by Benchmarks/, without the rest).
        .library(name: "EventEngine", targets: ["EventEngine", "Randomness"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // Leaves.
        .target(name: "SimTime", swiftSettings: strict),
        .target(name: "Quantities", swiftSettings: strict),
        // The discrete-event engine: knows nothing of Kubernetes.
        .target(name: "EventEngine", swiftSettings: strict),
        .target(name: "Randomness", swiftSettings: strict),
        // The HPA controller: pure value types.
        // The records a run emits, the store keeps and every reader shares.
        .target(name: "RunRecords", dependencies: ["SimTime"], swiftSettings: strict),
        .target(name: "HPAController", dependencies: ["SimTime", "Quantities", "RunRecords"], swiftSettings: strict),
        .target(name: "HPAConformance", dependencies: ["HPAController", "SimTime", "Quantities"], swiftSettings: strict),
        // The simulated cluster, metrics pipeline and workload.
        .target(
            name: "ClusterModel",
            dependencies: [
                "SimTime", "EventEngine", "Randomness", "HPAController", "Quantities", "RunRecords",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            swiftSettings: strict),
        // Scenario files over Kubernetes manifests.
        .target(
            name: "Scenario",
            dependencies: ["ClusterModel", "HPAController", "Quantities", "SimTime", "Randomness", "RunRecords", "Yams"],
            swiftSettings: strict),
        // Runs stored in SQLite.
        .target(
            name: "Store",
            dependencies: ["SimTime", "RunRecords", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift")],
            swiftSettings: strict),
        // The umbrella library users import.
        .target(
            name: "HPASim",
            dependencies: ["SimTime", "EventEngine", "Randomness", "Quantities", "RunRecords", "HPAController",
                           "HPAConformance", "ClusterModel", "Scenario", "Store"],
            swiftSettings: strict),
        .executableTarget(
            name: "simulate",
            dependencies: ["HPASim", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict),
        // A child process for the store's multi-process tests (StoreTests runs it).
        .executableTarget(name: "store-fixture-writer", dependencies: ["Store", "SimTime", "RunRecords"], swiftSettings: strict),
        .executableTarget(name: "phold", dependencies: ["EventEngine", "Randomness"], swiftSettings: strict),
        // Writes the generated scale scenario (scenarios/scale/; docs/performance.md).
        .executableTarget(
            name: "scale-scenario",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict),

        .testTarget(name: "SimTimeTests", dependencies: ["SimTime"], swiftSettings: strict),
        .testTarget(name: "EventEngineTests", dependencies: ["EventEngine", "Randomness", "SimTime"], swiftSettings: strict),
        .testTarget(name: "RandomnessTests", dependencies: ["Randomness"], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "QuantitiesTests", dependencies: ["Quantities"], swiftSettings: strict),
        .testTarget(
            name: "HPAControllerTests",
            dependencies: ["HPAController", "HPAConformance", "SimTime", "Quantities", "RunRecords",
                           .product(name: "PropertyBased", package: "swift-property-based")],
            resources: [.copy("Conformance")],
            swiftSettings: strict),
        .testTarget(name: "ClusterModelTests", dependencies: ["ClusterModel", "RunRecords", "HPAController", "EventEngine", "Randomness", "SimTime", "Quantities"], swiftSettings: strict),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario", "ClusterModel", "HPAController", "Quantities", "SimTime"], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(
            name: "StoreTests",
            dependencies: ["Store", "SimTime", "RunRecords", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
        .testTarget(name: "SimulateTests", dependencies: ["HPASim"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
