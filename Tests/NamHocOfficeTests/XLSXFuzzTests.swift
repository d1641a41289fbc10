import Foundation
import NamHocDemo
import Testing
@testable import NamHocOffice

/// Seeded mutations of valid files: the reader may throw, never crash or hang.
@Suite struct XLSXFuzzTests {
    /// FUZZ_ITERATIONS and FUZZ_SEED let a longer run explore further than the default suite.
    static func iterations(_ standard: Int) -> Int {
        ProcessInfo.processInfo.environment["FUZZ_ITERATIONS"].flatMap { Int($0) } ?? standard
    }

    static var seed: UInt64? { ProcessInfo.processInfo.environment["FUZZ_SEED"].flatMap { UInt64($0) } }

    static func sample() throws -> Data {
        try XLSXWriter.write([
            SheetSpec(name: "Một", titleRows: ["Tiêu đề"], header: ["Tên", "Số", "Tỷ lệ", "Ngày"],
                      rows: (1...60).map { [.text("Trường số \($0) & <b>"), .integer($0 * 1000), .percent(Double($0)), .date(Fixture.date(2024, 9, $0 % 28 + 1))] }),
            SheetSpec(name: "Hai", header: ["x"], rows: [[.bool(true)], [.number(1.5)]]),
        ])
    }

    /// Reads everything the reader offers, swallowing the errors it is allowed to throw.
    static func exercise(_ data: Data) {
        do {
            let reader = try XLSXReader(data: data)
            for name in reader.sheetNames {
                try reader.forEachRow(sheet: name) { _, _ in }
                _ = try reader.mergedRanges(sheet: name)
            }
        } catch is OfficeError {
        } catch {
            Issue.record("unexpected error type \(type(of: error)): \(error)")
        }
    }

    @Test func mutated_zip_bytes_never_crash() throws {
        // setup
        let original = try Self.sample()
        var rng = SeededRandom(seed: Self.seed ?? 20_240_905)
        // MUT / validate
        for _ in 0..<Self.iterations(400) {
            var data = original
            for _ in 0...rng.below(8) {
                let i = rng.below(data.count)
                switch rng.below(3) {
                case 0: data[i] = UInt8(truncatingIfNeeded: rng.next())
                case 1: data[i] ^= 1 << UInt8(rng.below(8))
                default: data.removeSubrange(i ..< min(data.count, i + rng.below(16) + 1))
                }
            }
            Self.exercise(data)
        }
    }

    @Test func mutated_xml_inside_a_valid_zip_never_crashes() throws {
        // setup: mutate the sheet XML itself so the damage reaches the scanner, not just the CRC.
        let original = try Self.sample()
        let zip = try ZipReader(source: DataByteSource(data: original), limits: .default)
        let paths = ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml",
                     "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "[Content_Types].xml", "_rels/.rels"]
        let parts = try paths.map { ($0, Array(try zip.readAll($0, maxBytes: 1 << 24))) }
        let alphabet = Array("<>/=\"'&;#x:rstv0123456789ABC \n".utf8) + [0x00, 0xC3, 0xFF, 0x80]
        var rng = SeededRandom(seed: Self.seed ?? 7)
        // MUT / validate
        for _ in 0..<Self.iterations(300) {
            var mutated = parts
            let target = rng.below(mutated.count)
            var bytes = mutated[target].1
            for _ in 0...rng.below(6) where !bytes.isEmpty {
                let i = rng.below(bytes.count)
                switch rng.below(4) {
                case 0: bytes[i] = alphabet[rng.below(alphabet.count)]
                case 1: bytes.remove(at: i)
                case 2: bytes.insert(alphabet[rng.below(alphabet.count)], at: i)
                default: bytes.removeSubrange(i ..< bytes.count)
                }
            }
            mutated[target].1 = bytes
            if let dump = ProcessInfo.processInfo.environment["FUZZ_DUMP"] {
                // Leaves the last input on disk so a crash can be reproduced.
                try Data(bytes).write(to: URL(fileURLWithPath: dump + "-" + mutated[target].0.replacingOccurrences(of: "/", with: "_")))
            }
            Self.exercise(try OfficeZip.archive(mutated))
        }
    }
}

private extension SeededRandom {
    /// 0..<n by remainder, as the mutations were first written (keeps the seeded cases the same).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
}
