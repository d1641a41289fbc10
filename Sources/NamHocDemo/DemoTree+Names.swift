import Foundation

/// Word lists for demo names. Schools in Vietnam are named after historical figures, flowers and
/// cheerful words (preschools) or their commune; people's names are family + middle + given name.
enum DemoNames {
    /// Historical and cultural figures schools are commonly named after.
    static let figures: [String] = [
        "Nguyễn Trãi", "Chu Văn An", "Lê Quý Đôn", "Trần Hưng Đạo", "Lý Thường Kiệt", "Nguyễn Du",
        "Nguyễn Bỉnh Khiêm", "Lê Lợi", "Quang Trung", "Hai Bà Trưng", "Bà Triệu", "Ngô Quyền",
        "Đinh Tiên Hoàng", "Lê Hồng Phong", "Trần Phú", "Võ Thị Sáu", "Nguyễn Văn Trỗi", "Kim Đồng",
        "Lê Văn Tám", "Phan Bội Châu", "Phan Chu Trinh", "Nguyễn Thái Học", "Nguyễn Khuyến",
        "Nguyễn Đình Chiểu", "Hồ Xuân Hương", "Đoàn Thị Điểm", "Lương Thế Vinh", "Tô Hiến Thành",
        "Trần Quốc Toản", "Mạc Đĩnh Chi", "Nguyễn Hiền", "Lê Văn Hưu", "Ngô Sĩ Liên", "Phan Huy Chú",
        "Nguyễn Công Trứ", "Cao Bá Quát", "Trương Định", "Nguyễn Trung Trực", "Hoàng Hoa Thám",
        "Phan Đình Phùng", "Lý Tự Trọng", "Võ Văn Tần", "Nguyễn Thị Minh Khai", "Lý Công Uẩn",
        "Lê Thánh Tông", "Trần Nhân Tông", "Nguyễn Huệ", "Yết Kiêu", "Phạm Ngũ Lão", "Trần Khánh Dư",
        "Trần Bình Trọng", "Huỳnh Thúc Kháng", "Ngô Gia Tự", "Nguyễn Đức Cảnh", "Hoàng Văn Thụ",
        "Trần Đại Nghĩa", "Tô Vĩnh Diện", "Phan Đình Giót", "Bế Văn Đàn", "Cù Chính Lan", "La Văn Cầu",
        "Nguyễn Viết Xuân", "Nguyễn Siêu", "Hải Thượng Lãn Ông", "Tuệ Tĩnh", "Ngô Thì Nhậm",
        "Nguyễn Thiện Thuật", "Lê Lai", "Đinh Lễ", "Nguyễn Xí", "Mai Hắc Đế", "Phùng Hưng",
        "Triệu Quang Phục", "Lý Nam Đế", "Lê Đại Hành", "Nguyễn Phi Khanh", "Thái Phiên", "Trần Cao Vân",
        "Phan Văn Trị", "Thủ Khoa Huân", "Nguyễn Hữu Cảnh", "Trịnh Hoài Đức", "Võ Trường Toản",
        "Bùi Thị Xuân", "Nguyễn Thị Định", "Trần Quang Khải", "Đào Duy Từ", "Nguyễn Tri Phương",
        "Hoàng Diệu", "Phan Thanh Giản", "Trương Vĩnh Ký", "Nguyễn Văn Cừ", "Hà Huy Tập", "Lê Hữu Trác",
        "Trần Văn Ơn", "Lê Ngọc Hân", "Nguyễn Quán Nho", "Đặng Thai Mai", "Nguyễn Gia Thiều",
        "Nguyễn Trường Tộ", "Phạm Hồng Thái", "Nguyễn Biểu", "Đặng Dung", "Lương Văn Can",
    ]

    /// Flowers and cheerful words, the usual names of preschools.
    static let preschool: [String] = [
        "Hoa Sen", "Hoa Mai", "Hoa Hồng", "Hoa Đào", "Hoa Lan", "Hoa Cúc", "Hoa Sữa", "Hoa Phượng",
        "Hoa Ban", "Hướng Dương", "Sao Mai", "Sơn Ca", "Họa Mi", "Vàng Anh", "Ánh Dương", "Bình Minh",
        "Tuổi Thơ", "Măng Non", "Búp Sen Hồng", "Chim Non", "Thủy Tiên", "Ngọc Lan", "Trạng Nguyên",
        "Tuổi Hoa", "Cầu Vồng", "Mặt Trời Bé Con", "Ong Vàng", "Thỏ Ngọc", "Bằng Lăng", "Hoa Huệ",
        "Anh Đào", "Mộc Lan", "Hoa Quỳnh", "Sóc Nâu", "Trăng Non", "Ngôi Sao", "Ban Mai", "Hạnh Phúc",
        "Hoa Thủy Tiên", "Hoa Pơ Lang", "Hoa Ban Trắng", "Ngọc Trai", "Sao Sáng", "Tuổi Ngọc",
        "Hoa Mười Giờ", "Hoa Sim", "Hoa Gạo", "Bông Sen", "Mầm Xanh", "Chồi Non", "Lá Non", "Sao Biển",
        "Thiên Thần Nhỏ", "Búp Bê", "Hoa Cẩm Tú", "Hoa Loa Kèn", "Hoa Dâm Bụt", "Ánh Sao", "Bé Ngoan",
        "Cánh Diều", "Hoa Lựu", "Hoa Bưởi", "Hoa Cau", "Hoa Súng", "Hồng Nhung", "Tân Mai", "Hoa Ngọc Lan",
    ]

    static let familyNames: [String] = [
        "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ",
        "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đào", "Trịnh", "Mai", "Tạ", "Lương",
    ]
    static let maleMiddle: [String] = ["Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Thành", "Xuân", "Mạnh", "Ngọc"]
    static let femaleMiddle: [String] = ["Thị", "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Thùy", "Mai", "Hồng", "Kim"]
    static let maleGiven: [String] = [
        "An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Khánh", "Long", "Nam", "Phong",
        "Quân", "Sơn", "Tâm", "Thắng", "Tuấn", "Việt", "Vinh", "Hoàng", "Trung", "Huy", "Kiên", "Lâm",
    ]
    static let femaleGiven: [String] = [
        "Anh", "Ánh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Loan", "Mai",
        "Nga", "Ngân", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo", "Trang", "Vân", "Yến", "Hằng",
    ]

    /// A realistic full name: family + middle + given, gender chosen at random.
    static func person(_ random: inout SeededRandom) -> String {
        let family = random.pick(familyNames)
        if random.chance(0.5) {
            return "\(family) \(random.pick(maleMiddle)) \(random.pick(maleGiven))"
        }
        return "\(family) \(random.pick(femaleMiddle)) \(random.pick(femaleGiven))"
    }

    /// "Sở Giáo dục và Đào tạo Hà Nội". The CSV writes provinces by short name; Hồ Chí Minh alone reads
    /// as a person without "Thành phố", as the department itself writes it.
    static func department(_ provinceName: String) -> String {
        let name = provinceName == "Hồ Chí Minh" ? "Thành phố Hồ Chí Minh" : provinceName
        return "Sở Giáo dục và Đào tạo \(name)"
    }
}

/// Hands out unique institution names within one scope (a commune, or a province for the Sở's schools).
/// Sets of used names keep every check O(1); after a few random draws it falls back to "… số 2",
/// "… số 3", so the cost stays linear however many schools a ward has.
struct DemoNamer {
    private var usedNames = Set<String>()
    /// Proper names drawn from a pool so far: one scope rarely has a "Trường THCS Trần Phú" beside a
    /// "Trường THPT Trần Phú", so draws avoid them while the pool lasts.
    private var usedPropers = Set<String>()
    private var random: SeededRandom

    init(random: SeededRandom) {
        self.random = random
    }

    /// A unique name "`prefix` `proper`", trying `preferred` first (the commune's own name, which schools of
    /// every level share), then up to eight draws from `pool`, then numbered variants of the last draw.
    mutating func name(prefix: String, preferred: String? = nil, pool: [String]) -> String {
        if let preferred, usedNames.insert("\(prefix) \(preferred)").inserted { return "\(prefix) \(preferred)" }
        var proper = pool[0]
        for _ in 0..<8 {
            proper = random.pick(pool)
            if !usedPropers.contains(proper), usedNames.insert("\(prefix) \(proper)").inserted {
                usedPropers.insert(proper)
                return "\(prefix) \(proper)"
            }
        }
        if usedNames.insert("\(prefix) \(proper)").inserted { return "\(prefix) \(proper)" }
        var number = 2
        while !usedNames.insert("\(prefix) \(proper) số \(number)").inserted { number += 1 }
        return "\(prefix) \(proper) số \(number)"
    }
}
