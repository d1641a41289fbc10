import Foundation
import NamHocDemo
import NamHocOffice
import NamHocText

// namhoc-office-bench: measures the streaming XLSX reader and writes samples for the
// LibreOffice check (scripts/bench-xlsx, scripts/check-office).
//
//   --generate FILE [--rows 54000] [--cols 30]   statistics-like workbook, shared strings
//   --read FILE                                  rows/s and peak RSS of one full read
//   --write-samples DIR                          sample.xlsx and sample.docx
//   --dump FILE [--sheet NAME]                   rows of an .xlsx/.csv as tab-separated text
//   --paragraphs FILE                            paragraphs of a .docx, one per line

let usage = """
    usage: namhoc-office-bench --generate FILE [--rows N] [--cols N] | --read FILE | --write-samples DIR
                             | --dump FILE [--sheet NAME] | --paragraphs FILE
    """

func option(_ name: String) -> String? {
    let args = CommandLine.arguments
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

/// Peak resident set size in MB, from the kernel's high-water mark.
func peakRSSMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return -1 }
    return kb / 1024
}

func generate(to path: String, rows: Int, cols: Int) throws {
    let provinces = ["Hà Nội", "Bắc Ninh", "Thành phố Hồ Chí Minh", "Đà Nẵng", "Thừa Thiên Huế", "Nghệ An",
                     "Quảng Ninh", "Cần Thơ", "Lâm Đồng", "Điện Biên", "Đắk Lắk", "Khánh Hòa"]
    let kinds = ["Mầm non", "Tiểu học", "Trung học cơ sở", "Trung học phổ thông", "Liên cấp"]
    let ratings = ["Hoàn thành xuất sắc", "Hoàn thành tốt", "Hoàn thành", "Không hoàn thành"]
    var header = ["STT", "Mã trường", "Tên trường", "Tỉnh/Thành phố", "Xã/Phường", "Cấp học", "Xếp loại"]
    while header.count < cols { header.append("Chỉ tiêu \(header.count - 6)") }
    var generator = SeededRandom(seed: 42)  // the same file on every run
    var data: [[CellValue]] = []
    data.reserveCapacity(rows)
    for r in 0..<rows {
        var row: [CellValue] = [
            .integer(r + 1), .text(String(format: "TR%06d", r + 1)),
            .text("Trường \(kinds[r % kinds.count]) số \(r % 997 + 1) \(provinces[r % provinces.count])"),
            .text(provinces[r % provinces.count]), .text("Xã \(["An", "Bình", "Đông", "Ánh Dương"][r % 4]) \(r % 211)"),
            .text(kinds[r % kinds.count]), .text(ratings[Int(generator.next() % 4)]),
        ]
        var c = row.count
        while c < cols {
            switch c % 5 {
            case 0: row.append(.percent(Double(generator.next() % 1000) / 10))
            case 1: row.append(.number(Double(generator.next() % 100_000) / 100))
            default: row.append(.integer(Int(generator.next() % 5000)))
            }
            c += 1
        }
        data.append(Array(row.prefix(cols)))
    }
    let sheet = SheetSpec(name: "Thống kê", titleRows: [], header: Array(header.prefix(cols)), rows: data)
    try XLSXWriter.write([sheet]).write(to: URL(fileURLWithPath: path))
}

func read(_ path: String) throws {
    let start = Date()
    let reader = try XLSXReader(url: URL(fileURLWithPath: path))
    var rows = 0
    var cells = 0
    try reader.forEachRow { _, values in
        rows += 1
        cells += values.count
    }
    let seconds = Date().timeIntervalSince(start)
    print(String(format: "rows=%d cells=%d seconds=%.3f rows_per_s=%.0f peak_rss_mb=%.1f",
                 rows, cells, seconds, Double(rows) / seconds, peakRSSMegabytes()))
}

func writeSamples(to dir: String) throws {
    let folder = URL(fileURLWithPath: dir)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let vietnam = TimeZone(secondsFromGMT: 7 * 3600)!
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = vietnam
    let day = calendar.date(from: DateComponents(year: 2024, month: 9, day: 5))!
    let sheet = SheetSpec(
        name: "Thống kê", titleRows: ["BÁO CÁO SỐ LIỆU TRƯỜNG HỌC", "Năm học 2024-2025"],
        header: ["Đơn vị", "Số học sinh", "Tỷ lệ", "Điểm TB", "Ngày báo cáo", "Ghi chú"],
        rows: [
            [.text("Trường THCS Nguyễn Trãi"), .integer(2_222_246), .percent(72.6), .number(8.25), .date(day), .text("=1+1")],
            [.text("Trường TH Đặng Thùy Trâm"), .integer(1919), .percent(100), .number(7.5), .date(day), .empty],
        ])
    let second = SheetSpec(name: "Sheet 2", header: ["Họ và tên", "Đạt"], rows: [[.text("Nguyễn Văn Ánh"), .bool(true)]])
    try XLSXWriter.write([sheet, second]).write(to: folder.appendingPathComponent("sample.xlsx"))

    let docDate = calendar.date(from: DateComponents(year: 2024, month: 1, day: 5))!
    let document = OfficialDocument(
        issuingBodyParent: "UBND TỈNH BẮC NINH", issuingBody: "SỞ GIÁO DỤC VÀ ĐÀO TẠO", number: "15/BC-SGDĐT",
        place: "Bắc Ninh", date: docDate, type: "BÁO CÁO",
        title: "Tình hình thực hiện nhiệm vụ năm học 2024-2025",
        preamble: ["Thực hiện Kế hoạch số 139/KH-UBND của Ủy ban nhân dân tỉnh, Sở Giáo dục và Đào tạo báo cáo như sau:"],
        sections: [
            .init(heading: "KẾT QUẢ THỰC HIỆN", paragraphs: [
                "Toàn tỉnh có 2.222.246 học sinh; tỷ lệ trường đạt chuẩn quốc gia 72,6%. Công tác quản lý được triển khai đồng bộ, đúng tiến độ theo kế hoạch đã đề ra.",
            ], table: .init(header: ["Cấp học", "Số trường", "Số học sinh", "Tỷ lệ đạt chuẩn"],
                            rows: [["Tiểu học", "412", "1.202.246", "80,1%"], ["Trung học cơ sở", "305", "1.020.000", "65,0%"]]),
                  subsections: [
                    .init(heading: "Quy mô trường lớp", paragraphs: ["Mạng lưới trường lớp tiếp tục được sắp xếp."],
                          subsections: [.init(heading: "Giáo dục mầm non", paragraphs: ["Huy động trẻ đến trường đạt kế hoạch."])]),
                  ]),
            .init(heading: "PHƯƠNG HƯỚNG, NHIỆM VỤ", paragraphs: ["Tiếp tục thực hiện Chương trình giáo dục phổ thông 2018."]),
            // Long enough for a second page: its number at the top, the table header repeated.
            .init(heading: "SỐ LIỆU THEO ĐƠN VỊ", paragraphs: ["Chi tiết theo từng xã, phường:"],
                  table: .init(header: ["STT", "Đơn vị", "Số trường", "Số học sinh"],
                               rows: (1...40).map { ["\($0)", "Phường số \($0)", "\(10 + $0 % 7)", VietnameseFormat.integer(4_000 + 137 * $0)] })),
        ],
        signer: .init(authority: "KT. GIÁM ĐỐC", title: "PHÓ GIÁM ĐỐC", name: "Nguyễn Văn An"),
        recipients: ["- Bộ GDĐT (để b/c);", "- UBND tỉnh (để b/c);", "- Lưu: VT, KHTC."])
    try DOCXWriter.write(document).write(to: folder.appendingPathComponent("sample.docx"))
    print("wrote \(folder.path)/sample.xlsx and sample.docx")
}

do {
    if let path = option("--generate") {
        try generate(to: path, rows: Int(option("--rows") ?? "") ?? 54_000, cols: Int(option("--cols") ?? "") ?? 30)
    } else if let path = option("--read") {
        try read(path)
    } else if let dir = option("--write-samples") {
        try writeSamples(to: dir)
    } else if let path = option("--dump") {
        let url = URL(fileURLWithPath: path)
        if let sheet = option("--sheet") {
            try XLSXReader(url: url).forEachRow(sheet: sheet) { _, cells in
                print(cells.map(TableFile.string).joined(separator: "\t"))
            }
        } else {
            for row in try TableFile.readRows(Data(contentsOf: url), filename: path) { print(row.joined(separator: "\t")) }
        }
    } else if let path = option("--paragraphs") {
        for paragraph in try DOCXReader.paragraphs(Data(contentsOf: URL(fileURLWithPath: path))) { print(paragraph) }
    } else {
        print(usage)
        exit(2)
    }
} catch let error as OfficeError {
    FileHandle.standardError.write(Data("error: \(error.code): \(error.messageVI)\n".utf8))
    exit(1)
}
