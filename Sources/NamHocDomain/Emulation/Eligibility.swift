import Foundation

/// Judges a candidate for an award in a year under one rule set and explains every rule.
public struct Eligibility: Sendable {
    public let ruleSet: RuleSet

    public init(ruleSet: RuleSet) { self.ruleSet = ruleSet }

    public enum Candidate: Sendable {
        case person(PersonRecord)
        case collective(CollectiveRecord)
    }

    public func judge(_ award: Award, year: SchoolYear, candidate: Candidate, cap: CapContext? = nil) -> Verdict {
        let checks = checks(for: award, year: year, candidate: candidate, cap: cap, depth: 0)
        return Verdict(award: award, year: year, ruleSet: ruleSet.id, ruleSetName: ruleSet.name,
                       eligible: checks.allSatisfy(\.passed), checks: checks)
    }

    private func checks(for award: Award, year: SchoolYear, candidate: Candidate, cap: CapContext?, depth: Int) -> [Check] {
        guard let rules = ruleSet.rules(for: award) else {
            return [Check(rule: "rule-set", text: "Bộ quy tắc có quy định về \(award.vietnamese)", article: ruleSet.basis,
                          confirmed: true, passed: false, facts: ["\(ruleSet.name) không quy định \(award.vietnamese)."])]
        }
        switch (candidate, award.isCollective) {
        case (.person, true), (.collective, false):
            return [Check(rule: "candidate", text: award.isCollective ? "Đối tượng là tập thể" : "Đối tượng là cá nhân",
                          article: rules.article, confirmed: true, passed: false,
                          facts: ["\(award.vietnamese) không xét cho đối tượng này."])]
        default:
            let context = Context(award: award, year: year, candidate: candidate, cap: cap, depth: depth, engine: self)
            return rules.rules.map { rule in
                let outcome = context.evaluate(rule.condition)
                return Check(rule: rule.id, text: rule.text, article: rule.article, confirmed: rule.confirmed,
                             passed: outcome.passed, facts: outcome.facts, parts: outcome.parts)
            }
        }
    }

    /// Whether the candidate holds `award` this year, by decision or by qualifying now (proposed together).
    fileprivate func holdsOrQualifies(_ award: Award, year: SchoolYear, person: PersonRecord, depth: Int) -> Outcome {
        if let record = person.titles.first(where: { $0.year == year && $0.title == award }) {
            return Outcome(passed: true, facts: ["Đã có \(record.citation)."])
        }
        guard depth < 3 else {
            return Outcome(passed: false, facts: ["Không xét lồng quá sâu \(award.vietnamese) năm \(year.name)."])
        }
        let parts = checks(for: award, year: year, candidate: .person(person), cap: nil, depth: depth + 1)
        let passed = parts.allSatisfy(\.passed)
        return Outcome(passed: passed,
                       facts: [passed ? "Đủ điều kiện \(award.vietnamese) năm \(year.name) (xét cùng đợt)."
                                      : "Chưa có và chưa đủ điều kiện \(award.vietnamese) năm \(year.name)."],
                       parts: parts, restsOn: passed ? restsOn(award, year: year, person: person, depth: depth) : [])
    }

    /// The works an award of the year rests on (recorded with its decision so they are not counted again).
    public func worksUsed(by award: Award, year: SchoolYear, person: PersonRecord) -> [String] {
        restsOn(award, year: year, person: person, depth: 0)
    }

    /// The work a qualification proposed together rests on: if it fails without the year's works, the first
    /// work that carries it alone is used by it and cannot count again (Luật Đ74 k1 d).
    private func restsOn(_ award: Award, year: SchoolYear, person: PersonRecord, depth: Int) -> [String] {
        func qualifies(keeping kept: [Work]) -> Bool {
            var trial = person
            trial.initiatives = person.initiatives.filter { $0.year != year } + kept
            return checks(for: award, year: year, candidate: .person(trial), cap: nil, depth: depth + 1).allSatisfy(\.passed)
        }
        let ofYear = person.initiatives.filter { $0.year == year }
        guard !ofYear.isEmpty, !qualifies(keeping: []) else { return [] }
        return ofYear.first { qualifies(keeping: [$0]) }.map { [$0.id] } ?? []
    }
}

struct Outcome {
    var passed: Bool
    var facts: [String]
    var parts: [Check] = []
    /// Works a title qualified for this year rests on.
    var restsOn: [String] = []
}

/// One judgement in progress: the award considered, its year and the candidate.
private struct Context {
    let award: Award
    let year: SchoolYear
    let candidate: Eligibility.Candidate
    let cap: CapContext?
    let depth: Int
    let engine: Eligibility

    /// The day the year is considered: the end of the school year (TT 29/2023 Đ6).
    var considered: Day { year.yearEndDate }

    func evaluate(_ condition: Condition) -> Outcome {
        switch (condition, candidate) {
        case (.anyOf(let options), _):
            let parts = options.map { sub(evaluate($0), $0) }
            return Outcome(passed: parts.contains(where: \.passed), facts: [], parts: parts)
        case (.allOf(let all), _):
            let parts = all.map { sub(evaluate($0), $0) }
            return Outcome(passed: parts.allSatisfy(\.passed), facts: [], parts: parts)
        case (.rating(let atLeast), .person(let person)):
            return rating(person.ratings[year], atLeast: atLeast, whose: "Xếp loại")
        case (.rating(let atLeast), .collective(let unit)):
            return rating(unit.rating, atLeast: atLeast, whose: "Xếp loại của tập thể")
        case (.recruited(let months), .person(let person)):
            return recruited(person, months: months)
        case (.joinedEmulation, .person(let person)):
            return Outcome(passed: person.joinedEmulation,
                           facts: [person.joinedEmulation ? "Có đăng ký thi đua năm \(year.name)." : "Không đăng ký thi đua năm \(year.name)."])
        case (.holds(let title), .person(let person)):
            return engine.holdsOrQualifies(title, year: year, person: person, depth: depth)
        case (.works(let requirement), .person(let person)):
            return works(person, requirement, in: [year])
        case (.consecutiveTitles(let title, let count, let requirement), .person(let person)):
            return titleChain(person, title: title, count: count, works: requirement)
        case (.consecutiveRatings(let atLeast, let count, let requirement), .person(let person)):
            return ratingChain(person, atLeast: atLeast, count: count, works: requirement)
        case (.after(let prior, let years, let atLeast, let title, let titleCount), .person(let person)):
            return after(person, prior: prior, years: years, atLeast: atLeast, title: title, titleCount: titleCount)
        case (.noDiscipline, .person(let person)):
            return noDiscipline(person)
        case (.noPendingReview, .person(let person)):
            return Outcome(passed: !person.pendingReview,
                           facts: [person.pendingReview ? "Đang bị xem xét kỷ luật, điều tra hoặc có khiếu nại chưa giải quyết."
                                                        : "Không đang bị xem xét kỷ luật, điều tra, khiếu nại."])
        case (.share(let member, let percent, let rounding), .collective(let unit)):
            let needed = rounding.apply(percent: percent, of: unit.members)
            let value = unit.count(member)
            return Outcome(passed: unit.members > 0 && value >= needed,
                           facts: ["\(value)/\(unit.members) thành viên \(member.vietnamese); cần ít nhất \(percent) % × \(unit.members) = \(needed) (\(rounding.vietnamese))."])
        case (.count(let member, let atLeast, let atMost), .collective(let unit)):
            let value = unit.count(member)
            let passed = atLeast.map { value >= $0 } ?? true && atMost.map { value <= $0 } ?? true
            let bound = [atLeast.map { "ít nhất \($0)" }, atMost.map { "nhiều nhất \($0)" }].compactMap { $0 }.joined(separator: ", ")
            return Outcome(passed: passed, facts: ["\(value) thành viên \(member.vietnamese) (yêu cầu: \(bound))."])
        case (.flag(let flag), .collective(let unit)):
            let value = unit.flag(flag)
            return Outcome(passed: value, facts: [value ? "Có: \(flag.vietnamese)." : "Không: \(flag.vietnamese)."])
        case (.cap(let percent, let rounding, let base), _):
            guard let cap else {
                return Outcome(passed: false, facts: ["Chưa có số liệu để tính tỷ lệ tối đa (\(percent) % \(base))."])
            }
            let allowed = rounding.apply(percent: percent, of: cap.base)
            let passed = cap.alreadyProposed + 1 <= allowed
            return Outcome(passed: passed, facts: [
                "Tối đa \(percent) % × \(cap.base) \(base) = \(allowed) (\(rounding.vietnamese)); đã đề nghị \(cap.alreadyProposed), "
                    + (passed ? "còn \(allowed - cap.alreadyProposed) suất." : "đã hết suất.")])
        case (.service(let years, let reduced, let disadvantaged), .person(let person)):
            guard let served = person.sectorYears else {
                return Outcome(passed: false, facts: ["Chưa có số năm công tác trong ngành."])
            }
            let hard = person.disadvantagedYears ?? 0
            // Time under discipline is not counted: a year with a discipline is taken off.
            let disciplined = Set(person.disciplines.map(\.year)).count
            let counted = served - disciplined
            let passed = counted >= years || (counted >= reduced && hard >= disadvantaged)
            return Outcome(passed: passed, facts: [
                "\(served) năm công tác trong ngành\(disciplined > 0 ? ", trừ \(disciplined) năm bị kỷ luật: \(counted) năm" : ""); "
                    + "\(hard) năm ở vùng đặc biệt khó khăn; cần \(years) năm, hoặc \(reduced) năm với ít nhất \(disadvantaged) năm ở vùng đặc biệt khó khăn."])
        case (.once, .person(let person)):
            let earlier = person.titles.filter { $0.title == award && $0.year < year }
            return Outcome(passed: earlier.isEmpty,
                           facts: earlier.isEmpty ? ["Chưa được tặng \(award.vietnamese)."] : earlier.map { "Đã được tặng: \($0.citation)." })
        default:
            return Outcome(passed: false, facts: ["Điều kiện này không áp dụng cho đối tượng được xét."])
        }
    }

    /// A sub-condition as a check of its own, so "one of" shows which options held.
    private func sub(_ outcome: Outcome, _ condition: Condition) -> Check {
        Check(rule: "", text: condition.summary, article: "", confirmed: true, passed: outcome.passed,
              facts: outcome.facts, parts: outcome.parts)
    }

    private func rating(_ rating: Rating?, atLeast: Rating, whose: String) -> Outcome {
        guard let rating else {
            return Outcome(passed: false, facts: ["Chưa có xếp loại năm \(year.name)."])
        }
        return Outcome(passed: rating >= atLeast, facts: ["\(whose) năm \(year.name): \(rating.vietnamese) (\(rating.rawValue)); cần từ \(atLeast.rawValue) trở lên."])
    }

    private func recruited(_ person: PersonRecord, months: Int) -> Outcome {
        guard let day = person.recruitedOn else {
            return Outcome(passed: true, facts: ["Không ghi ngày tuyển dụng: tuyển dụng trước năm \(year.name)."])
        }
        let enough = day.addingMonths(months).map { $0 <= considered } ?? false
        return Outcome(passed: enough, facts: ["Tuyển dụng ngày \(day.vietnamese); ngày xét \(considered.vietnamese): "
            + (enough ? "đủ \(months) tháng." : "chưa đủ \(months) tháng.")])
    }

    private func ratingAtLeast(_ person: PersonRecord, _ y: SchoolYear, _ atLeast: Rating) -> Outcome {
        guard let rating = person.ratings[y] else {
            return Outcome(passed: false, facts: ["Năm \(y.name) không có xếp loại."])
        }
        return Outcome(passed: rating >= atLeast, facts: ["Năm \(y.name): \(rating.rawValue)."])
    }

    /// Why a year cannot serve in a chain for the award considered: already counted for an earlier award
    /// of the same form (its period of achievement), or before the end of a discipline.
    private func excluded(_ y: SchoolYear, _ person: PersonRecord) -> String? {
        if let used = person.titles.filter({ $0.title == award && $0.year < year && y <= ($0.periodTo ?? $0.year) })
            .max(by: { $0.year < $1.year }) {
            return "Năm \(y.name) đã được tính cho \(used.citation)."
        }
        if let discipline = person.disciplines.first(where: { $0.year == y || ($0.endsOn.map { y.start <= $0 } ?? false) && $0.year <= y }) {
            return "Năm \(y.name) trong thời gian kỷ luật (\(discipline.form.vietnamese) năm \(discipline.year.name)\(discipline.endsOn.map { ", hết ngày \($0.vietnamese)" } ?? ""))."
        }
        return nil
    }

    /// Consecutive years ending this year rated at least `atLeast`, as long as the record goes; works counted in them.
    private func ratingChain(_ person: PersonRecord, atLeast: Rating, count: Int, works requirement: WorkRequirement?) -> Outcome {
        var years: [SchoolYear] = []
        var facts: [String] = []
        var y = year
        while true {
            if let reason = excluded(y, person) { facts.append(reason); break }
            let outcome = ratingAtLeast(person, y, atLeast)
            facts += outcome.facts
            guard outcome.passed else { break }
            years.append(y)
            y = y.previous
        }
        facts.insert("\(years.count) năm liên tục xếp loại từ \(atLeast.rawValue) trở lên\(Self.list(years)); cần \(count).", at: 0)
        return withWorks(Outcome(passed: years.count >= count, facts: facts), person, requirement, years)
    }

    /// Awards of `title` held back to back up to this year, counted by award: a yearly title counts once a
    /// year, a title of a longer cycle (CSTĐ cấp bộ) once per period. This year's may be proposed together.
    private func titleChain(_ person: PersonRecord, title: Award, count: Int, works requirement: WorkRequirement?) -> Outcome {
        let cycle = engine.ruleSet.rules(for: title)?.cycle ?? 1
        var person = person
        var facts: [String] = []
        var parts: [Check] = []
        if !person.titles.contains(where: { $0.title == title && $0.year == year }) {
            let now = engine.holdsOrQualifies(title, year: year, person: person, depth: depth)
            facts += now.facts
            parts += now.parts
            // Proposed together: it counts in the chain, and the works it rests on are used by it.
            if now.passed { person.titles.append(AwardRecord(year: year, title: title, initiatives: now.restsOn)) }
        }
        let holdings = person.titles.filter { $0.title == title && $0.year <= year }.map {
            Holding(from: $0.periodFrom ?? SchoolYear(startYear: $0.year.startYear - cycle + 1), to: $0.periodTo ?? $0.year,
                    citation: $0.decision == nil && $0.year == year ? "\(title.vietnamese) \(year.name) (xét cùng đợt)" : $0.citation)
        }
        var counted: [Holding] = []
        var years: [SchoolYear] = []
        var y = year
        while true {
            if let reason = excluded(y, person) { facts.append(reason); break }
            guard let holding = holdings.first(where: { $0.covers(y) }) else {
                facts.append("Năm \(y.name) không có \(title.vietnamese).")
                break
            }
            if !counted.contains(holding) { counted.append(holding); facts.append(holding.citation) }
            years.append(y)
            y = y.previous
        }
        facts.insert("\(counted.count) lần liên tục \(title.vietnamese)\(Self.list(years)); cần \(count).", at: 0)
        return withWorks(Outcome(passed: counted.count >= count, facts: facts, parts: parts), person, requirement, years)
    }

    private struct Holding: Equatable {
        var from: SchoolYear
        var to: SchoolYear
        var citation: String
        func covers(_ y: SchoolYear) -> Bool { from <= y && y <= to }
    }

    private static func list(_ years: [SchoolYear]) -> String {
        years.isEmpty ? "" : " (\(years.reversed().map(\.name).joined(separator: ", ")))"
    }

    private func withWorks(_ chain: Outcome, _ person: PersonRecord, _ requirement: WorkRequirement?, _ years: [SchoolYear]) -> Outcome {
        guard let requirement else { return chain }
        let counted = works(person, requirement, in: Set(years))
        return Outcome(passed: chain.passed && counted.passed, facts: chain.facts + counted.facts, parts: chain.parts)
    }

    private func works(_ person: PersonRecord, _ requirement: WorkRequirement, in years: Set<SchoolYear>) -> Outcome {
        var facts: [String] = []
        var counted: [Work] = []
        for work in person.initiatives where years.contains(work.year) && requirement.kinds.contains(work.kind) {
            if work.scope < requirement.minScope {
                facts.append("Không tính \(work.citation): phạm vi dưới \(requirement.minScope.vietnamese).")
            } else if let used = person.titles.first(where: { requirement.notUsedFor.contains($0.title) && $0.initiatives.contains(work.id) }) {
                facts.append("Không tính \(work.citation): đã dùng cho \(used.citation).")
            } else {
                counted.append(work)
            }
        }
        let best = requirement.sameKind
            ? requirement.kinds.map { kind in counted.filter { $0.kind == kind }.count }.max() ?? 0
            : counted.count
        let kinds = requirement.kinds.map(\.vietnamese).joined(separator: " hoặc ")
        facts.insert("Tính được \(counted.count)\(counted.isEmpty ? "" : " (\(counted.map(\.citation).joined(separator: "; ")))")"
                     + "; cần \(requirement.count) \(kinds)\(requirement.sameKind ? " cùng loại" : "") từ \(requirement.minScope.vietnamese).",
                     at: 0)
        return Outcome(passed: best >= requirement.count, facts: facts)
    }

    private func after(_ person: PersonRecord, prior: Award, years: Int, atLeast: Rating, title: Award, titleCount: Int) -> Outcome {
        guard let last = person.titles.filter({ $0.title == prior && $0.year < year }).max(by: { $0.year < $1.year }) else {
            return Outcome(passed: false, facts: ["Chưa được tặng \(prior.vietnamese)."])
        }
        var facts = ["Đã có \(last.citation)."]
        var run: [SchoolYear] = []
        var y = year
        while y > last.year {
            if let reason = excluded(y, person) { facts.append(reason); break }
            let outcome = ratingAtLeast(person, y, atLeast)
            guard outcome.passed else { facts += outcome.facts; break }
            run.append(y)
            y = y.previous
        }
        let held = run.filter { y in
            y == year ? engine.holdsOrQualifies(title, year: y, person: person, depth: depth).passed
                      : person.titles.contains { $0.year == y && $0.title == title }
        }
        facts.append("Sau đó \(run.count) năm liên tục từ \(atLeast.rawValue) trở lên; cần \(years).")
        facts.append("Trong thời gian đó \(held.count) lần \(title.vietnamese)\(Self.list(held)); cần \(titleCount).")
        return Outcome(passed: run.count >= years && held.count >= titleCount, facts: facts)
    }

    private func noDiscipline(_ person: PersonRecord) -> Outcome {
        let biting = person.disciplines.filter { $0.year == year || ($0.endsOn.map { $0 >= considered } ?? false) && $0.year <= year }
        guard biting.isEmpty else {
            return Outcome(passed: false, facts: biting.map {
                "Bị kỷ luật \($0.form.vietnamese) năm \($0.year.name)\($0.endsOn.map { ", hết ngày \($0.vietnamese)" } ?? "")."
            })
        }
        return Outcome(passed: true, facts: ["Không bị kỷ luật trong năm \(year.name)."])
    }
}

private extension CollectiveRecord {
    func count(_ member: Member) -> Int {
        switch member {
        case .ldtt: ldtt
        case .cstdcs: cstdcs
        case .khtnv: khtnv
        case .warningOrAbove: warningOrAbove
        }
    }

    func flag(_ flag: CollectiveFlag) -> Bool {
        switch flag {
        case .unity: unity
        case .emulationActive: emulationActive
        case .leadsCluster: leadsCluster
        }
    }
}

extension Condition {
    /// A one-line Vietnamese summary, for the parts of "one of" rules.
    var summary: String {
        switch self {
        case .rating(let atLeast): "Xếp loại từ \(atLeast.rawValue) trở lên"
        case .recruited(let months): "Tuyển dụng từ \(months) tháng trở lên"
        case .joinedEmulation: "Đăng ký thi đua"
        case .holds(let award): "Đạt \(award.vietnamese) năm xét"
        case .works(let works): "Có \(works.count) \(works.kinds.map(\.vietnamese).joined(separator: " hoặc ")) từ \(works.minScope.vietnamese)"
        case .consecutiveTitles(let award, let count, _): "\(count) năm liên tục \(award.vietnamese)"
        case .consecutiveRatings(let atLeast, let count, _): "\(count) năm liên tục xếp loại từ \(atLeast.rawValue) trở lên"
        case .after(let award, let years, _, _, _): "Sau \(award.vietnamese), \(years) năm liên tục"
        case .noDiscipline: "Không bị kỷ luật"
        case .noPendingReview: "Không đang bị xem xét kỷ luật"
        case .share(let member, let percent, _): "Ít nhất \(percent) % thành viên \(member.vietnamese)"
        case .count(let member, _, _): "Số thành viên \(member.vietnamese)"
        case .flag(let flag): flag.vietnamese.prefix(1).uppercased() + flag.vietnamese.dropFirst()
        case .cap(let percent, _, let base): "Không quá \(percent) % \(base)"
        case .service(let years, _, _): "\(years) năm công tác trong ngành"
        case .once: "Chỉ tặng một lần"
        case .anyOf: "Một trong các điều kiện"
        case .allOf: "Đủ các điều kiện"
        }
    }
}
