import Foundation

/// The engine's answer for one candidate and award: every rule checked, passed or failed, with the facts
/// it used. Nothing is dropped or admitted without a check saying why.
public struct Verdict: Codable, Sendable, Equatable {
    public var award: Award
    public var year: SchoolYear
    public var ruleSet: String
    public var ruleSetName: String
    public var eligible: Bool
    public var checks: [Check]

    /// Some rule behind the verdict was not read in the legal text itself.
    public var restsOnUnconfirmed: Bool { checks.contains { !$0.confirmed } }
    public var failed: [Check] { checks.filter { !$0.passed } }
}

public struct Check: Codable, Sendable, Equatable {
    /// The rule's id in its set; sub-conditions carry their parent's.
    public var rule: String
    public var text: String
    public var article: String
    public var confirmed: Bool
    public var passed: Bool
    /// The facts used, in Vietnamese: ratings and titles of earlier years with their decisions, works and
    /// what they were already used for, discipline, the cap with its base and rounding.
    public var facts: [String]
    /// For "one of" / "all of" rules, and for a title held this year judged under its own rules.
    public var parts: [Check]

    public init(rule: String, text: String, article: String, confirmed: Bool, passed: Bool, facts: [String], parts: [Check] = []) {
        self.rule = rule
        self.text = text
        self.article = article
        self.confirmed = confirmed
        self.passed = passed
        self.facts = facts
        self.parts = parts
    }
}
