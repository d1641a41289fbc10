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

    @Test func viewer_writes_nothing() {
        let viewer = Actor(role: .viewer, unitID: schoolA)
        for action in [AccessAction.write, .approve, .administer] {
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

    @Test func empty_ancestry_is_hidden() {
        #expect(AccessPolicy.decide(.read, by: Actor(role: .admin, unitID: ministry), on: []) == .hidden)
    }
}
