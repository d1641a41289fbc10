import Foundation
import NamHocDomain
import Testing

@Suite struct AccessPolicyTests {
    // A small tree: ministry → department → commune → school A, school B.
    let ministry = UUID(), department = UUID(), commune = UUID(), schoolA = UUID(), schoolB = UUID()
    var pathA: [UUID] { [schoolA, commune, department, ministry] }
    var pathB: [UUID] { [schoolB, commune, department, ministry] }
    var pathCommune: [UUID] { [commune, department, ministry] }

    @Test func read_outside_subtree_is_hidden() {
        let officerA = Actor(role: .officer, unitID: schoolA)
        #expect(AccessPolicy.decide(.read, by: officerA, on: pathB) == .hidden)
        #expect(AccessPolicy.decide(.read, by: officerA, on: pathCommune) == .hidden)
        #expect(AccessPolicy.decide(.write, by: officerA, on: pathB) == .hidden)
    }

    @Test func read_inside_subtree_is_allowed_for_every_role() {
        for role in Role.allCases {
            #expect(AccessPolicy.decide(.read, by: Actor(role: role, unitID: commune), on: pathA) == .allowed)
        }
    }

    @Test func write_only_own_unit_unless_admin() {
        #expect(AccessPolicy.decide(.write, by: Actor(role: .officer, unitID: schoolA), on: pathA) == .allowed)
        #expect(AccessPolicy.decide(.write, by: Actor(role: .leader, unitID: schoolA), on: pathA) == .allowed)
        #expect(AccessPolicy.decide(.write, by: Actor(role: .officer, unitID: commune), on: pathA) == .forbidden)
        #expect(AccessPolicy.decide(.write, by: Actor(role: .admin, unitID: department), on: pathA) == .allowed)
    }

    @Test func staff_above_enter_figures_on_behalf_of_units_below_viewers_do_not() {
        for role in [Role.officer, .leader, .admin] {
            #expect(AccessPolicy.decide(.enterFigures, by: Actor(role: role, unitID: commune), on: pathA) == .allowed, "\(role)")
            #expect(AccessPolicy.decide(.enterFigures, by: Actor(role: role, unitID: department), on: pathA) == .allowed, "\(role)")
        }
        #expect(AccessPolicy.decide(.enterFigures, by: Actor(role: .viewer, unitID: commune), on: pathA) == .forbidden)
        #expect(AccessPolicy.decide(.enterFigures, by: Actor(role: .officer, unitID: schoolB), on: pathA) == .hidden)
    }

    @Test func viewer_writes_nothing() {
        let viewer = Actor(role: .viewer, unitID: schoolA)
        for action in [AccessAction.write, .approve, .administer, .enterFigures] {
            #expect(AccessPolicy.decide(action, by: viewer, on: pathA) == .forbidden)
        }
    }

    @Test func leader_approves_direct_children_only() {
        let leader = Actor(role: .leader, unitID: commune)
        #expect(AccessPolicy.decide(.approve, by: leader, on: pathA) == .allowed)
        #expect(AccessPolicy.decide(.approve, by: leader, on: pathCommune) == .forbidden)
        let deptLeader = Actor(role: .leader, unitID: department)
        #expect(AccessPolicy.decide(.approve, by: deptLeader, on: pathA) == .forbidden)
        #expect(AccessPolicy.decide(.approve, by: Actor(role: .officer, unitID: commune), on: pathA) == .forbidden)
    }

    @Test func administer_is_for_admins_of_the_subtree() {
        #expect(AccessPolicy.decide(.administer, by: Actor(role: .admin, unitID: ministry), on: pathA) == .allowed)
        #expect(AccessPolicy.decide(.administer, by: Actor(role: .leader, unitID: ministry), on: pathA) == .forbidden)
        #expect(AccessPolicy.decide(.administer, by: Actor(role: .admin, unitID: schoolB), on: pathA) == .hidden)
    }

    @Test func for_ones_own_unit_the_path_above_does_not_change_the_answer() {
        // The app skips the tree queries for one's own unit and passes `[unit]`: the same answers.
        for role in Role.allCases {
            for action in AccessAction.allCases {
                let actor = Actor(role: role, unitID: schoolA)
                let full = AccessContext(today: pathA, readDay: pathA, period: pathA), own = AccessContext(today: [schoolA], readDay: [schoolA], period: [schoolA])
                #expect(AccessPolicy.decide(action, by: actor, in: full) == AccessPolicy.decide(action, by: actor, in: own), "\(role) \(action)")
            }
        }
    }

    @Test func empty_ancestry_is_hidden() {
        #expect(AccessPolicy.decide(.read, by: Actor(role: .admin, unitID: ministry), on: []) == .hidden)
    }
}

/// The day rule: writes are judged on today's tree, whatever day the request names.
@Suite struct AccessPolicyDayTests {
    let ministry = UUID(), province = UUID(), formerOffice = UUID(), commune = UUID(), school = UUID()
    /// In 2024 the school was the former district office's; today it is the commune's.
    var school2024: [UUID] { [school, formerOffice, province, ministry] }
    var schoolToday: [UUID] { [school, commune, province, ministry] }

    @Test func a_past_tree_never_authorises_a_write() {
        // setup: an administrator of the former office, which holds the school only in 2024
        let officeAdmin = Actor(role: .admin, unitID: formerOffice)
        let context = AccessContext(today: schoolToday, readDay: school2024)
        // MUT + validate
        #expect(AccessPolicy.decide(.read, by: officeAdmin, in: context) == .allowed)
        for action in [AccessAction.write, .approve, .administer, .enterFigures] {
            #expect(AccessPolicy.decide(action, by: officeAdmin, in: context) == .forbidden, "\(action)")
            #expect(AccessPolicy.decide(action, by: officeAdmin, in: AccessContext(today: schoolToday)) == .hidden, "\(action)")
        }
    }

    @Test func a_closed_unit_is_written_by_nobody_through_a_past_date() {
        // setup: the office closed; today it has no parent
        let provinceAdmin = Actor(role: .admin, unitID: province)
        let context = AccessContext(today: [formerOffice], readDay: [formerOffice, province, ministry])
        // MUT + validate: the province reads its history but cannot write to it
        #expect(AccessPolicy.decide(.read, by: provinceAdmin, in: context) == .allowed)
        #expect(AccessPolicy.decide(.administer, by: provinceAdmin, in: context) == .forbidden)
        #expect(AccessPolicy.decide(.write, by: provinceAdmin, in: context) == .forbidden)
    }

    @Test func history_of_a_unit_seen_today_is_readable() {
        // setup: the commune's leader reads the school's 2024 page, when the commune did not hold it
        let communeLeader = Actor(role: .leader, unitID: commune)
        // MUT + validate
        #expect(AccessPolicy.decide(.read, by: communeLeader, in: AccessContext(today: schoolToday, readDay: school2024)) == .allowed)
        #expect(AccessPolicy.decide(.approve, by: communeLeader, in: AccessContext(today: schoolToday, readDay: school2024)) == .allowed)
    }

    @Test func a_write_about_a_period_must_hold_on_the_period_tree() {
        // setup: the commune leader approves the school's 2024 figures, held then by the former office
        let communeLeader = Actor(role: .leader, unitID: commune)
        let officeLeader = Actor(role: .leader, unitID: formerOffice)
        // MUT + validate
        #expect(AccessPolicy.decide(.approve, by: communeLeader, in: AccessContext(today: schoolToday, period: school2024)) == .forbidden)
        #expect(AccessPolicy.decide(.approve, by: officeLeader, in: AccessContext(today: schoolToday, period: school2024)) == .hidden)
        #expect(AccessPolicy.decide(.approve, by: communeLeader, in: AccessContext(today: schoolToday, period: schoolToday)) == .allowed)
    }

    @Test func account_standing_follows_the_unit_validity() {
        let closed = Validity(from: nil, to: Day(year: 2025, month: 6, day: 30))
        let today = Day(year: 2026, month: 12, day: 1)!
        // MUT
        let standing = AccountStanding.of(active: true, reason: nil, unitName: "Phòng GD&ĐT Vị Xuyên", unitValidity: closed, today: today)
        // validate
        #expect(standing == .unitClosed(unitName: "Phòng GD&ĐT Vị Xuyên", lastDay: Day(year: 2025, month: 6, day: 30)))
        #expect(standing.messageVI.contains("từ ngày 01/07/2025"))
        #expect(AccountStanding.of(active: true, reason: nil, unitName: "A", unitValidity: .always, today: today) == .active)
        #expect(AccountStanding.of(active: false, reason: "Nghỉ hưu", unitName: "A", unitValidity: .always, today: today)
                == .deactivated(reason: "Nghỉ hưu"))
    }
}

@Suite struct DayOfInstantTests {
    @Test func an_instant_outside_the_calendar_has_no_day() {
        // setup: an instant in the year 99999, as "01/01/99999" parses
        let far = Date(timeIntervalSince1970: 3_000_000_000_000)
        // MUT + validate
        #expect(Day.in(far) == nil)
        #expect(Day.in(Date(timeIntervalSince1970: 1_796_094_000)) == Day(year: 2026, month: 12, day: 1))
    }
}
