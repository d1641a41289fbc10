import Foundation

#if canImport(CZlib)
import CZlib
#elseif canImport(zlib)
import zlib
#endif

/// Reads entries of a ZIP archive chunk by chunk with hard bounds.
///
/// Why not ZIPFoundation's `Archive.extract(_:bufferSize:consumer:)`: in 0.9.20 its inflate loop
/// keeps asking for input past the end of the file when a deflate stream is truncated or damaged,
/// and never returns (an endless loop on a hostile upload). Here the input is bounded by the
/// entry's compressed size, output is counted against the declared size and our limits, and the
/// CRC is checked. ZIPFoundation still writes our files.
final class ZipReader {
    struct Entry {
        let path: String
        let method: UInt16
        let compressedSize: Int
        let uncompressedSize: Int
        let crc32: UInt32
        let localHeaderOffset: Int
    }

    private let source: ByteSource
    let entries: [String: Entry]
    let limits: XLSXReadLimits
    init(source: ByteSource, limits: XLSXReadLimits) throws {
        self.source = source
        self.limits = limits
        self.entries = try Self.readCentralDirectory(source)
        // An honest bomb says how big it is: refuse before inflating anything.
        var declared = 0
        for (key, entry) in entries where key == entry.path {
            declared += entry.uncompressedSize
            if declared > limits.maxUncompressedBytes { throw OfficeError.tooLarge(limit: limits.maxUncompressedBytes) }
        }
    }

    func entry(_ path: String) -> Entry? { entries[path] ?? entries[path.lowercased()] }

    /// Reads a small part whole (workbook, rels, styles, document.xml), bounded by `maxBytes`.
    func readAll(_ path: String, maxBytes: Int) throws -> Data {
        guard let entry = entry(path) else { throw OfficeError.missingPart(path) }
        guard entry.uncompressedSize <= maxBytes else { throw OfficeError.tooLarge(limit: maxBytes) }
        var out = Data()
        out.reserveCapacity(entry.uncompressedSize)
        try stream(path) { chunk in out.append(contentsOf: chunk) }
        return out
    }

    /// Feeds the inflated bytes of `path` to `consumer`, 64 KiB at a time.
    func stream(_ path: String, _ consumer: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let entry = entry(path) else { throw OfficeError.missingPart(path) }
        try checkDeclaredSize(entry)
        let dataStart = try dataOffset(of: entry)
        var produced = 0
        var crc: UInt = 0
        func count(_ chunk: UnsafeRawBufferPointer) throws {
            produced += chunk.count
            // The declared size can lie; the bytes we actually produce cannot.
            if produced > entry.uncompressedSize || produced > limits.maxUncompressedBytes {
                throw OfficeError.tooLarge(limit: limits.maxUncompressedBytes)
            }
            crc = crc32(crc, chunk.baseAddress?.assumingMemoryBound(to: Bytef.self), uInt(chunk.count))
            try consumer(chunk)
        }
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else { throw corrupt(path, "stored size") }
            var offset = 0
            while offset < entry.compressedSize {
                let n = min(1 << 16, entry.compressedSize - offset)
                let data = try source.read(at: dataStart + offset, count: n)
                try data.withUnsafeBytes { try count($0) }
                offset += n
            }
        case 8:
            try inflate(entry, from: dataStart, path: path, into: count)
        default:
            throw OfficeError.unsupportedFormat("ZIP method \(entry.method)")
        }
        guard produced == entry.uncompressedSize else { throw corrupt(path, "size mismatch") }
        guard UInt32(truncatingIfNeeded: crc) == entry.crc32 else { throw corrupt(path, "CRC mismatch") }
    }

    private func checkDeclaredSize(_ entry: Entry) throws {
        let limit = limits.maxUncompressedBytes
        if entry.uncompressedSize > limit {
            throw OfficeError.tooLarge(limit: limit)
        }
        // Small parts compress very well legitimately; only judge the ratio of big ones.
        if entry.uncompressedSize > 1 << 20,
           entry.uncompressedSize / max(entry.compressedSize, 1) > limits.maxCompressionRatio {
            throw OfficeError.tooLarge(limit: limit)
        }
    }

    private func inflate(_ entry: Entry, from start: Int, path: String,
                         into consumer: (UnsafeRawBufferPointer) throws -> Void) throws {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw corrupt(path, "inflateInit")
        }
        defer { inflateEnd(&stream) }
        let outSize = 1 << 16
        let out = UnsafeMutablePointer<UInt8>.allocate(capacity: outSize)
        defer { out.deallocate() }
        var consumed = 0
        var finished = false
        while !finished {
            guard consumed < entry.compressedSize else { throw corrupt(path, "truncated deflate stream") }
            var input = try source.read(at: start + consumed, count: min(1 << 16, entry.compressedSize - consumed))
            guard !input.isEmpty else { throw corrupt(path, "truncated deflate stream") }
            consumed += input.count
            try input.withUnsafeMutableBytes { raw in
                stream.next_in = raw.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_in = uInt(raw.count)
                repeat {
                    stream.next_out = out
                    stream.avail_out = uInt(outSize)
                    let result = CZlibCompat.inflate(&stream)
                    if result == Z_STREAM_END { finished = true } else if result != Z_OK && result != Z_BUF_ERROR {
                        throw corrupt(path, "deflate data")
                    }
                    let produced = outSize - Int(stream.avail_out)
                    if produced > 0 { try consumer(UnsafeRawBufferPointer(start: out, count: produced)) }
                    if result == Z_BUF_ERROR && produced == 0 { break }
                } while !finished && (stream.avail_in > 0 || stream.avail_out == 0)
            }
        }
    }

    private func dataOffset(of entry: Entry) throws -> Int {
        let header = try source.read(at: entry.localHeaderOffset, count: 30)
        guard header.count == 30, header.le32(0) == 0x0403_4b50 else { throw OfficeError.notAZip }
        let start = entry.localHeaderOffset + 30 + Int(header.le16(26)) + Int(header.le16(28))
        guard start + entry.compressedSize <= source.size else { throw corrupt(entry.path, "entry past end of file") }
        return start
    }

    private func corrupt(_ path: String, _ detail: String) -> OfficeError {
        .malformedXML(part: path, detail: detail)
    }

    private static func readCentralDirectory(_ source: ByteSource) throws -> [String: Entry] {
        let size = source.size
        guard size >= 22 else { throw OfficeError.notAZip }
        // The end record sits in the last 22 bytes plus at most a 64 KiB comment.
        let tailLength = min(size, 22 + 0xFFFF)
        let tail = try source.read(at: size - tailLength, count: tailLength)
        guard let eocd = tail.lastIndex(ofSignature: 0x0605_4b50) else { throw OfficeError.notAZip }
        let count = Int(tail.le16(eocd + 10))
        let cdSize = Int(tail.le32(eocd + 12))
        let cdOffset = Int(tail.le32(eocd + 16))
        if count == 0xFFFF || cdOffset == 0xFFFF_FFFF { throw OfficeError.unsupportedFormat("ZIP64") }
        guard count <= 100_000, cdOffset + cdSize <= size else { throw OfficeError.notAZip }
        let cd = try source.read(at: cdOffset, count: cdSize)
        var entries: [String: Entry] = [:]
        var p = 0
        for _ in 0..<count {
            guard p + 46 <= cd.count, cd.le32(p) == 0x0201_4b50 else { throw OfficeError.notAZip }
            let nameLength = Int(cd.le16(p + 28))
            let next = p + 46 + nameLength + Int(cd.le16(p + 30)) + Int(cd.le16(p + 32))
            guard next <= cd.count else { throw OfficeError.notAZip }
            let nameBytes = cd[cd.startIndex + p + 46 ..< cd.startIndex + p + 46 + nameLength]
            var path = String(decoding: nameBytes, as: UTF8.self).replacingOccurrences(of: "\\", with: "/")
            if path.hasPrefix("/") { path.removeFirst() }
            let entry = Entry(
                path: path, method: cd.le16(p + 10),
                compressedSize: Int(cd.le32(p + 20)), uncompressedSize: Int(cd.le32(p + 24)),
                crc32: cd.le32(p + 16), localHeaderOffset: Int(cd.le32(p + 42)))
            guard entry.localHeaderOffset + 30 <= size else { throw OfficeError.notAZip }
            entries[path] = entries[path] ?? entry
            // Part names are case-insensitive in OPC; keep a lowercase alias for lookups.
            entries[path.lowercased()] = entries[path.lowercased()] ?? entry
            p = next
        }
        return entries
    }
}

/// `inflate` is shadowed by our method name inside `ZipReader`; call zlib through this.
enum CZlibCompat {
    static func inflate(_ stream: inout z_stream) -> Int32 {
        #if canImport(CZlib)
        return CZlib.inflate(&stream, Z_NO_FLUSH)
        #else
        return zlib.inflate(&stream, Z_NO_FLUSH)
        #endif
    }
}

extension Data {
    func le16(_ offset: Int) -> UInt16 {
        let i = startIndex + offset
        return UInt16(self[i]) | UInt16(self[i + 1]) << 8
    }

    func le32(_ offset: Int) -> UInt32 {
        let i = startIndex + offset
        return UInt32(self[i]) | UInt32(self[i + 1]) << 8 | UInt32(self[i + 2]) << 16 | UInt32(self[i + 3]) << 24
    }

    /// Offset (from startIndex) of the last little-endian `signature` with room for an end record.
    func lastIndex(ofSignature signature: UInt32) -> Int? {
        var p = count - 22
        while p >= 0 {
            if le32(p) == signature { return p }
            p -= 1
        }
        return nil
    }
}
