// swift-tools-version: 6.2
import PackageDescription

// A policy regression suite written as a team would write its own: XCTest, over the
// scenarios of this repository, depending on hpa-sim by path (in your repository: by URL).
let package = Package(
    name: "PolicyRegression",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "hpa-sim", path: "../..")],
    targets: [
        .testTarget(
            name: "PolicyRegressionTests",
            dependencies: [.product(name: "HPASimTesting", package: "hpa-sim"),
                           .product(name: "HPASimXCTest", package: "hpa-sim")]),
    ],
    swiftLanguageModes: [.v6]
)
