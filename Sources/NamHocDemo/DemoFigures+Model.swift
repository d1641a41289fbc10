import Foundation
import NamHocDomain

/// One block of a unit's figures: one per level taught, two for preschool (nhà trẻ and mẫu giáo), as the
/// start-of-year forms have them.
enum FigureBlock: Int, CaseIterable, Sendable {
    case nursery, kindergarten, primary, lower, upper, continuing

    /// Grade or age-band cells of its pupils ("k1"…"k5", "3_12th"…).
    var cellCount: Int {
        switch self {
        case .nursery, .lower: 4
        case .kindergarten, .primary: 5
        case .upper, .continuing: 3
        }
    }

    /// Grades move up a year each year; preschool age bands keep their shares instead.
    var cohort: Bool { self != .nursery && self != .kindergarten }

    static func blocks(for levels: Set<SchoolLevel>) -> [FigureBlock] {
        var blocks: [FigureBlock] = []
        if levels.contains(.preschool) { blocks += [.nursery, .kindergarten] }
        if levels.contains(.primary) { blocks.append(.primary) }
        if levels.contains(.lowerSecondary) { blocks.append(.lower) }
        if levels.contains(.upperSecondary) { blocks.append(.upper) }
        if levels.contains(.continuing) { blocks.append(.continuing) }
        return blocks
    }

    /// The ratio indicators the validation rules bound: pupils per class (cap), teachers per class (norm).
    var pupilsPerClassCode: String? {
        switch self {
        case .primary: "2106b"
        case .lower: "3107"
        case .upper: "4107"
        default: nil
        }
    }

    var teachersPerClassCode: String? {
        switch self {
        case .nursery: "8108"
        case .kindergarten: "8109"
        case .primary: "2106c"
        case .lower: "3108"
        case .upper: "4108"
        case .continuing: nil
        }
    }

    /// Mean classes (groups) per grade cell (per school for preschool blocks) of an average school [verify]:
    /// ≈20 primary classes, ≈12 THCS, ≈20 THPT, ≈9 kindergarten classes and 2 nursery groups, so that the
    /// national totals land near MOET's (DOMAIN.md §4).
    var classesPerCell: Double {
        switch self {
        case .nursery: 2
        case .kindergarten: 9
        case .primary: 4
        case .lower: 3.2
        case .upper: 6.85
        case .continuing: 3
        }
    }

    /// Target pupils per class: (low, high) in cities, (low, high) elsewhere.
    func classSize(city: Bool) -> ClosedRange<Double> {
        switch self {
        case .nursery: city ? 20...25 : 14...23
        case .kindergarten: city ? 27...33 : 20...30
        case .primary: city ? 30...34.5 : 26...34
        case .lower: city ? 37...43 : 34...43
        case .upper: city ? 38...44 : 36...44
        case .continuing: 25...38
        }
    }

    var defaultTeacherNorm: Double {
        switch self {
        case .nursery: 2.5
        case .kindergarten: 2.2
        case .primary: 1.5
        case .lower: 1.9
        case .upper: 2.25
        case .continuing: 2.0
        }
    }

    var femaleTeacherShare: Double {
        switch self {
        case .nursery, .kindergarten: 0.985
        case .primary: 0.86
        case .lower: 0.74
        case .upper: 0.66
        case .continuing: 0.6
        }
    }

    /// Share of preschool children in each age band (the rest of the blocks use grades).
    var bandShares: [Double] {
        switch self {
        case .nursery: [0.04, 0.32, 0.62, 0.02]
        case .kindergarten: [0.01, 0.31, 0.33, 0.345, 0.005]
        default: Array(repeating: 1.0 / Double(cellCount), count: cellCount)
        }
    }

    /// Of the pupils, the share on age (đúng tuổi) — TH, THCS, THPT only.
    var onAgeShare: ClosedRange<Double> {
        switch self {
        case .primary: 0.965...0.995
        case .lower: 0.93...0.98
        default: 0.9...0.97
        }
    }
}

/// What a block's figures are on one census day, before they are laid out as indicator cells.
struct BlockFigures {
    var block: FigureBlock
    var pupils: [Int]
    var classes: [Int]
    var pupilsTotal: Int
    var classesTotal: Int
    var female: Int
    var minority: Int
    var onAge: Int
    /// 6-year-olds in grade 1 (primary only).
    var firstGradeOnAge: Int
    var teachers: Int
    var teachersFemale: Int
    var teachersMinority: Int
    var staff: Int
    var staffFemale: Int
    var staffMinority: Int
    /// kiên cố, bán kiên cố, tạm.
    var rooms: [Int]
    var roomsTotal: Int

    /// Merges `count` classes (a one-off), taking them from the cells with the most classes.
    mutating func removeClasses(_ count: Int) {
        for _ in 0..<max(0, count) {
            guard let i = classes.indices.max(by: { classes[$0] < classes[$1] }), classes[i] > 1 else { return }
            classes[i] -= 1
            classesTotal -= 1
        }
    }

    /// Adds pupils (a one-off, e.g. a neighbouring school's pupils taken in), spread over the cells, with
    /// their female, minority and on-age parts in proportion.
    mutating func addPupils(_ extra: Int) {
        guard extra > 0, pupilsTotal > 0 else { return }
        let before = Double(pupilsTotal)
        var left = extra
        for i in pupils.indices {
            let add = i == pupils.count - 1 ? left : min(left, Int((Double(extra) * Double(pupils[i]) / before).rounded()))
            pupils[i] += add
            left -= add
        }
        pupilsTotal += extra
        let scale = Double(pupilsTotal) / before
        female = min(pupilsTotal, Int((Double(female) * scale).rounded()))
        minority = min(pupilsTotal, Int((Double(minority) * scale).rounded()))
        onAge = min(pupilsTotal, Int((Double(onAge) * scale).rounded()))
        firstGradeOnAge = min(pupils.first ?? 0, Int((Double(firstGradeOnAge) * scale).rounded()))
    }
}

/// The persistent state of one block of one unit, evolved year by year so that figures grow smoothly.
struct BlockState {
    var block: FigureBlock
    var pupils: [Int]
    var shares: [Double]
    var classSize: Double
    var trend: Double
    var teacherNorm: Double
    var teacherFactor: Double
    var others: Int
    var roomFactor: Double
    var permanent: Double
    var temporary: Double
    var femalePupils: Double
    var minority: Double
    var onAgeShare: Double
    var firstGradeShare: Double
    /// Classes per cell (one cell for preschool), teachers and rooms: they follow the pupils with a lag, as
    /// schools open a class when one is full and close one only when two would fit in one.
    var classes: [Int] = []
    var teachers = 0
    var rooms = 0

    /// A new block; `size` scales the school (1 = average), `cap` bounds pupils per class.
    init(block: FigureBlock, size: Double, minority: Double, city: Bool, norm: Double, cap: Double,
         random: inout SeededRandom) {
        self.block = block
        let range = block.classSize(city: city)
        classSize = min(cap - 0.5, range.lowerBound + (range.upperBound - range.lowerBound) * random.nextDouble())
        trend = -0.015 + 0.045 * random.nextDouble()
        teacherNorm = norm
        teacherFactor = 0.84 + 0.2 * random.nextDouble()
        roomFactor = 0.92 + 0.14 * random.nextDouble()
        permanent = min(0.99, (city ? 0.82 : 0.6) + 0.25 * random.nextDouble())
        temporary = (1 - permanent) * 0.3 * random.nextDouble()
        femalePupils = 0.465 + 0.03 * random.nextDouble()
        self.minority = minority
        onAgeShare = block.onAgeShare.lowerBound + (block.onAgeShare.upperBound - block.onAgeShare.lowerBound) * random.nextDouble()
        firstGradeShare = 0.96 + 0.035 * random.nextDouble()
        shares = block.bandShares.map { $0 * (0.85 + 0.3 * random.nextDouble()) }
        let sum = shares.reduce(0, +)
        shares = shares.map { $0 / sum }
        let perCell = max(1, block.classesPerCell * size) * classSize
        if block.cohort {
            pupils = (0..<block.cellCount).map { _ in max(8, Int((perCell * (0.93 + 0.14 * random.nextDouble())).rounded())) }
        } else {
            pupils = BlockState.split(max(10, Int(perCell.rounded())), shares)
        }
        // Management and support staff (CBQL, nhân viên) of the block.
        others = block == .nursery ? 1 + random.nextInt(below: 2) : 3 + random.nextInt(below: 4) + Int(size * 2)
        settle()
    }

    /// Brings classes, teachers and rooms in line with the pupils: a class opens when the others are full,
    /// closes when the rest would stay clearly below the class size; teachers and rooms move at most ≈10 %
    /// a year towards their norm, teachers never leaving ±20 % of it.
    mutating func settle() {
        let cells = block.cohort ? pupils : [pupils.reduce(0, +)]
        if classes.count != cells.count { classes = cells.map { _ in 0 } }
        for i in cells.indices {
            var c = classes[i]
            if cells[i] == 0 { c = 0 }
            while Double(cells[i]) > Double(c) * classSize { c += 1 }
            while c > 1, Double(cells[i]) <= Double(c - 1) * classSize * 0.92 { c -= 1 }
            classes[i] = c
        }
        let total = Double(classes.reduce(0, +))
        let ideal = total * teacherNorm * teacherFactor
        let low = Int((total * teacherNorm * 0.8).rounded(.up)), high = Int((total * teacherNorm * 1.2).rounded(.down))
        let step = teachers == 0 ? ideal : Double(teachers) + max(-0.08 * Double(teachers), min(0.08 * Double(teachers), ideal - Double(teachers)))
        teachers = low <= high ? min(high, max(low, Int(step.rounded()))) : max(1, Int((total * teacherNorm).rounded()))
        let idealRooms = total * roomFactor
        let roomStep = rooms == 0 ? idealRooms : Double(rooms) + max(-0.1 * Double(rooms) - 1, min(0.1 * Double(rooms) + 1, idealRooms - Double(rooms)))
        rooms = max(1, Int(roomStep.rounded()))
    }

    /// Next year's state: cohorts move up a grade, a new intake arrives, shares drift a little.
    mutating func advance(random: inout SeededRandom) {
        let growth = 1 + trend + 0.04 * (random.nextDouble() - 0.5)
        if block.cohort {
            let intake = max(8, Int((Double(pupils[0]) * growth).rounded()))
            for g in stride(from: pupils.count - 1, to: 0, by: -1) {
                pupils[g] = max(5, Int((Double(pupils[g - 1]) * (0.975 + 0.035 * random.nextDouble())).rounded()))
            }
            pupils[0] = intake
        } else {
            let total = pupils.reduce(0, +)
            pupils = BlockState.split(max(10, Int((Double(total) * growth).rounded())), shares)
        }
        if block.cohort {
            // Classes move up with their cohort; grade 1 (6, 10) starts from last year's count.
            for g in stride(from: classes.count - 1, to: 0, by: -1) { classes[g] = classes[g - 1] }
        }
        teacherFactor = min(1.12, max(0.82, teacherFactor + 0.03 * (random.nextDouble() - 0.5)))
        permanent = min(0.995, permanent + 0.015 * random.nextDouble())
        temporary *= 0.9
        if random.chance(0.1) { others = max(1, others + (random.chance(0.5) ? 1 : -1)) }
        settle()
    }

    /// The figures of the census day.
    func figures() -> BlockFigures {
        let total = pupils.reduce(0, +)
        let classesTotal = classes.reduce(0, +)
        let teachersFemale = Int((Double(teachers) * block.femaleTeacherShare).rounded())
        let teachersMinority = Int((Double(teachers) * minority * 0.6).rounded())
        let staff = teachers + others
        let staffFemale = teachersFemale + Int((Double(others) * 0.6).rounded())
        let staffMinority = teachersMinority + Int((Double(others) * minority * 0.8).rounded())
        let roomsTotal = rooms
        let kien = min(roomsTotal, Int((Double(roomsTotal) * permanent).rounded()))
        let tam = min(roomsTotal - kien, Int((Double(roomsTotal) * temporary).rounded()))
        let onAge = block.cohort ? min(total, Int((Double(total) * onAgeShare).rounded())) : 0
        let firstGrade = block == .primary ? min(pupils[0], Int((Double(pupils[0]) * firstGradeShare).rounded())) : 0
        return BlockFigures(
            block: block, pupils: pupils, classes: classes, pupilsTotal: total, classesTotal: classesTotal,
            female: Int((Double(total) * femalePupils).rounded()), minority: min(total, Int((Double(total) * minority).rounded())),
            onAge: onAge, firstGradeOnAge: firstGrade, teachers: teachers, teachersFemale: min(teachers, teachersFemale),
            teachersMinority: min(teachers, teachersMinority), staff: staff, staffFemale: min(staff, staffFemale),
            staffMinority: min(staff, staffMinority), rooms: [kien, roomsTotal - kien - tam, tam], roomsTotal: roomsTotal)
    }

    /// Splits a total over cells by shares; the largest cell takes the rounding remainder.
    static func split(_ total: Int, _ shares: [Double]) -> [Int] {
        var cells = shares.map { Int((Double(total) * $0).rounded(.down)) }
        let largest = shares.indices.max { shares[$0] < shares[$1] } ?? 0
        cells[largest] += total - cells.reduce(0, +)
        return cells
    }
}
