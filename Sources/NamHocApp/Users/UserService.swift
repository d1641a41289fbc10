import Fluent
import Foundation
import NamHocDomain
import Vapor

/// Creating users and setting passwords, for pages, API and CLI alike, each write audited.
enum UserService {
    static let minimumPasswordLength = 8

    static func validatePassword(_ password: String) throws {
        guard password.count >= minimumPasswordLength else {
            throw AppError.invalidField(field: "password", message: "Mật khẩu cần ít nhất \(minimumPasswordLength) ký tự.")
        }
    }

    static func validateUsername(_ username: String) throws {
        let ok = (3...40).contains(username.count) && username.unicodeScalars.allSatisfy {
            ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || $0 == "." || $0 == "_" || $0 == "-"
        }
        guard ok else {
            throw AppError.invalidField(field: "username",
                message: "Tên đăng nhập \"\(username)\" không hợp lệ: 3–40 ký tự chữ không dấu, số, dấu . _ -")
        }
    }

    static func create(username rawUsername: String, displayName: String, password: String, unit: Unit, role: Role,
                       by actor: AuditActor, hasher: AsyncPasswordHasher, today: Day = .today(), on db: any Database) async throws -> User {
        let username = rawUsername.trimmingCharacters(in: .whitespaces).lowercased()
        // An account at a closed unit could never act: refuse it instead of creating it stopped.
        guard unit.validity.contains(today) else {
            throw AppError.invalidField(field: "unit", message: "Đơn vị \(unit.name) không hoạt động vào ngày \(today.vietnamese): không thể tạo người dùng tại đó.")
        }
        try validateUsername(username)
        try validatePassword(password)
        let name = TextKeys.clean(displayName)
        guard !name.isEmpty else { throw AppError.invalidField(field: "displayName", message: "Thiếu họ và tên.") }
        if try await User.query(on: db).filter(\.$username == username).first() != nil {
            throw AppError.conflict(field: "username", message: "Tên đăng nhập \"\(username)\" đã có người dùng.")
        }
        let hash = try await hasher.hash(password)
        let user = User(username: username, displayName: name, passwordHash: hash, unitID: try unit.requireID(), role: role)
        try await db.transaction { tx in
            try await user.create(on: tx)
            try await AuditLog.record(.entry(.create, .user, record: username, unitID: unit.id, before: nil,
                                             after: snapshot(user, unitCode: unit.code)), by: actor, on: tx)
        }
        return user
    }

    static func setPassword(of user: User, to password: String, by actor: AuditActor, on req: Request) async throws {
        try await setPassword(of: user, to: password, by: actor, hasher: req.password.async, on: req.db)
    }

    static func setPassword(of user: User, to password: String, by actor: AuditActor,
                            hasher: AsyncPasswordHasher, on db: any Database) async throws {
        try validatePassword(password)
        user.passwordHash = try await hasher.hash(password)
        // Every browser session and API token dies with the old password.
        user.sessionGeneration += 1
        let unit = try await user.$unit.get(on: db)
        try await db.transaction { tx in
            try await user.save(on: tx)
            try await APIToken.query(on: tx).filter(\.$user.$id == user.requireID()).delete()
            var after = snapshot(user, unitCode: unit.code)
            after.passwordChanged = true
            try await AuditLog.record(.entry(.resetPassword, .user, record: user.username, unitID: unit.id,
                                             before: snapshot(user, unitCode: unit.code), after: after), by: actor, on: tx)
        }
    }

    /// What an administrator changes of an account: its role, its unit (a person moves, or their unit
    /// closed), whether it is active and why not. A change of unit, role or standing ends the person's
    /// sessions, so nothing they opened under the old rights goes on.
    struct Change: Sendable {
        var role: Role
        var unit: Unit
        var active: Bool
        var reason: String?
    }

    static func update(_ user: User, to change: Change, by actor: AuditActor, on db: any Database) async throws {
        if actor.id == user.id, change.role != user.userRole || !change.active || change.unit.id != user.$unit.id {
            throw AppError.conflict(field: "username", message: "Không thể tự đổi vai trò, đơn vị hoặc ngừng kích hoạt tài khoản của chính mình.")
        }
        let reason = change.reason.map(TextKeys.clean).flatMap { $0.isEmpty ? nil : $0 }
        if !change.active && reason == nil {
            throw AppError.invalidField(field: "reason", message: "Cần ghi lý do ngừng kích hoạt tài khoản.")
        }
        let oldUnit = try await user.$unit.get(on: db)
        let before = snapshot(user, unitCode: oldUnit.code)
        let rightsChanged = change.role != user.userRole || change.unit.id != user.$unit.id || change.active != user.active
        user.role = change.role.rawValue
        user.$unit.id = try change.unit.requireID()
        user.$unit.value = change.unit
        user.active = change.active
        user.deactivatedReason = change.active ? nil : reason
        if rightsChanged { user.sessionGeneration += 1 }
        try await db.transaction { tx in
            try await user.save(on: tx)
            if rightsChanged { try await APIToken.query(on: tx).filter(\.$user.$id == user.requireID()).delete() }
            try await AuditLog.record(.entry(.update, .user, record: user.username, unitID: change.unit.id, before: before,
                                             after: snapshot(user, unitCode: change.unit.code)), by: actor, on: tx)
        }
    }

    /// "Sign out everywhere": a new session generation ends every browser session; API tokens are deleted.
    static func endAllSessions(of user: User, by actor: AuditActor, on db: any Database) async throws {
        let unit = try await user.$unit.get(on: db)
        user.sessionGeneration += 1
        try await db.transaction { tx in
            try await user.save(on: tx)
            try await APIToken.query(on: tx).filter(\.$user.$id == user.requireID()).delete()
            try await AuditLog.record(.entry(.endSessions, .user, record: user.username, unitID: unit.id,
                                             before: nil, after: nil), by: actor, on: tx)
        }
    }

    static func snapshot(_ user: User, unitCode: String) -> UserSnapshot {
        UserSnapshot(username: user.username, displayName: user.displayName, unitCode: unitCode, role: user.role, active: user.active,
                     deactivatedReason: user.deactivatedReason)
    }
}
