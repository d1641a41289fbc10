import Foundation

/// Random access to the bytes of an archive: in memory, or a file read piece by piece so that
/// reading a 100 MB upload does not cost 100 MB of memory.
protocol ByteSource {
    var size: Int { get }
    func read(at offset: Int, count: Int) throws -> Data
}

struct DataByteSource: ByteSource {
    let data: Data
    var size: Int { data.count }

    func read(at offset: Int, count: Int) throws -> Data {
        guard offset >= 0, count >= 0, offset <= data.count else { return Data() }
        let start = data.startIndex + offset
        return data.subdata(in: start ..< min(start + count, data.endIndex))
    }
}

final class FileByteSource: ByteSource {
    private let handle: FileHandle
    let size: Int

    /// A missing or unreadable file is an I/O problem of the caller, not a defect of the
    /// document, so Foundation's error is passed on as it is.
    init(url: URL) throws {
        handle = try FileHandle(forReadingFrom: url)
        size = Int(try handle.seekToEnd())
    }

    deinit { try? handle.close() }

    func read(at offset: Int, count: Int) throws -> Data {
        guard offset >= 0, count > 0, offset < size else { return Data() }
        try handle.seek(toOffset: UInt64(offset))
        return try handle.read(upToCount: count) ?? Data()
    }
}
