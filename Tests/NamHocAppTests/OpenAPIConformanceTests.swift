import Fluent
import Foundation
@testable import NamHocApp
import NamHocDomain
import Testing
import Vapor
import VaporTesting

extension AppTests {
    /// The OpenAPI document tells the truth about failures. Every documented operation is sent bad input
    /// (no token, a bogus token, a malformed `date`/`year`, an unknown unit, a malformed or oversized body)
    /// and then good input; every answer must carry a status the operation documents, and every error the
    /// shared `Error` body. Read from the document itself, so a route added to it is probed too.
    @Suite struct OpenAPIConformanceTests {
        /// One operation as the document describes it.
        struct Operation: CustomStringConvertible {
            var method: HTTPMethod
            var template: String
            /// Documented statuses, and for each whether its body is the shared `Error` schema.
            var responses: [Int: Bool]
            var secured: Bool
            var query: [QueryParameter]
            var hasBody: Bool
            var description: String { "\(method.rawValue) \(template)" }
        }

        struct QueryParameter {
            var name: String
            var required: Bool
            var type: String?
            var pattern: String?
            var example: String?
        }

        struct Answer {
            var status: HTTPStatus
            var headers: HTTPHeaders
            var body: String
        }

        /// A unit every fixture admin at BGD may read, and one that does not exist.
        static let visibleCode = "S01", unknownCode = "KHONG-CO-DON-VI"
        /// Values for `?date=`: ones the document's pattern accepts (31/02 matches it yet is no day; 29/02/1000
        /// is a day of the Julian calendar, not of the proleptic Gregorian one `Day` counts in) and ones it
        /// refuses, which the server must refuse too (surrounding spaces, the words of a document date).
        static let dateSamples = ["2024-09-30", "30/09/2024", "1/9/2024", "2024.9.30", "31/02/2024", "2024-13-45",
                                  "1000-02-29", "29/02/1000", "0001-01-01", "9999-12-31",
                                  "hom-qua", "20240930", "2024-09-30T00:00:00Z", "30-09", " 2024-09-30", "ngày 30 tháng 9 năm 2024"]
        static let yearSamples = ["2024-2025", "2024-2026", "2025-2024", "2024", "2024-25", "abcd-efgh", "2024/2025", "năm học 2024-2025"]
        /// Values for an integer query parameter (`?limit=`).
        static let integerSamples = ["7", "abc", "1.5", "null"]
        /// Bodies no decoder can take, for every operation that documents a JSON body.
        static let malformedBodies = ["{\"username\":", "[]", "{}", "{\"username\": 1, \"password\": true}", "null", "không phải JSON"]
        /// Good bodies of the operations that take one, to check their success answer too.
        static let goodBodies: [String: String] = [
            "POST /api/v1/session": #"{"username": "t1.xem", "password": "\#(Fixture.password)"}"#,
            "POST /api/v1/units/{code}/plan/draft": #"{"text": "1. Nâng cao chất lượng giáo dục."}"#,
            "POST /api/v1/units/{code}/plan/tasks": #"{"task": {"title": "Đẩy mạnh chuyển đổi số"}}"#,
            "PUT /api/v1/units/{code}/plan/tasks/{task}": #"{"title": "Nâng cao chất lượng giáo dục toàn diện"}"#,
            "POST /api/v1/units/{code}/plan/tasks/{task}/assign": #"{"units": ["X001"]}"#,
            "PUT /api/v1/units/{code}/plan/tasks/{task}/report": #"{"period": "2026-Q4", "status": "in_progress", "percent": 40}"#,
            "POST /api/v1/emulation/eligibility": #"{"award": "LDTT", "year": "2024-2025", "person": {"ratings": {"2024-2025": "HTTNV"}}}"#,
            "POST /api/v1/emulation/clusters/{cluster}/registration": #"{"award": "TTLDXS", "targets": [{"indicator": "2106b", "value": 35}]}"#,
            "POST /api/v1/emulation/clusters/{cluster}/scores": #"{"stage": "self", "target": "S01", "points": {"D1": 9}}"#,
        ]

        /// The ministry's cluster of S01 and S79 that `{cluster}` names (S01's officer registers and self-scores in it).
        nonisolated(unsafe) static var clusterID = UUID()

        static func cluster(_ app: Application) async throws -> UUID {
            let ministry = try #require(try await NamHocApp.Unit.query(on: app.db).filter(\.$code == "BGD").first())
            return try await ClusterService.create(.init(name: "Cụm thử", year: SchoolYear(startYear: 2026), kind: "cluster", members: ["S01", "S79"],
                                                         head: nil, deputy: nil, agreement: "Giao ước", table: try CriteriaTable.example()),
                                                   organiser: ministry, by: .commandLine, on: app.db)
        }

        /// S01's plan of the current year, with the task `{task}` names.
        static func planTask(_ app: Application) async throws -> UUID {
            let unit = try #require(try await NamHocApp.Unit.query(on: app.db).filter(\.$code == visibleCode).first())
            let plan = try await PlanService.create(unit: unit, year: SchoolYear(startYear: 2026), header: .init(theme: "Chủ đề"),
                                                    tasks: [.init(content: TaskContent(title: "Nâng cao chất lượng giáo dục"))],
                                                    catalogue: try await app.statistics().catalogue, by: .commandLine, on: app.db)
            return try #require(try await PlanStore.tasks(of: plan, on: app.db).first?.requireID())
        }

        @Test func the_document_declares_the_shared_errors() async throws {
            try await withApp(seed: false) { app, _ in
                let document = try await Self.document(app)
                let components = try #require(document["components"] as? [String: Any])
                let schemas = try #require(components["schemas"] as? [String: Any])
                let error = try #require(schemas["Error"] as? [String: Any])
                #expect((error["required"] as? [String]) == ["error"])
                let detail = try #require((error["properties"] as? [String: Any])?["error"] as? [String: Any])
                #expect(Set(detail["required"] as? [String] ?? []) == ["code", "message"])
                let responses = try #require(components["responses"] as? [String: Any])
                for name in ["Unauthorized", "Forbidden", "NotFound", "PayloadTooLarge", "Unprocessable", "TooManyRequests"] {
                    let response = try #require(responses[name] as? [String: Any], "components.responses.\(name)")
                    #expect(Self.isErrorResponse(response, in: document), "\(name) is not the shared Error")
                }
                let tooMany = try #require(responses["TooManyRequests"] as? [String: Any])
                #expect((tooMany["headers"] as? [String: Any])?["Retry-After"] != nil)
                let schemes = try #require(components["securitySchemes"] as? [String: Any])
                let bearer = try #require(schemes["bearer"] as? [String: Any])
                #expect(bearer["type"] as? String == "http")
                #expect(bearer["scheme"] as? String == "bearer")
            }
        }

        /// What the shared middlewares can answer is documented on every operation they guard.
        @Test func every_operation_documents_what_its_middlewares_answer() async throws {
            try await withApp(seed: false) { app, _ in
                let operations = try Self.operations(of: try await Self.document(app))
                #expect(operations.count >= 9)
                for operation in operations {
                    let statuses = Set(operation.responses.keys)
                    #expect(statuses.contains(where: { (200..<300).contains($0) }), "\(operation): no success answer")
                    if operation.secured { #expect(statuses.contains(401), "\(operation): secured without 401") }
                    if operation.template.contains("{code}") { #expect(statuses.contains(404), "\(operation): {code} without 404") }
                    if operation.query.contains(where: { ["date", "year"].contains($0.name) }) {
                        #expect(statuses.contains(422), "\(operation): ?date/?year without 422")
                    }
                    if operation.hasBody {
                        #expect(statuses.isSuperset(of: [413, 422]), "\(operation): a body without 413 and 422")
                    }
                    for parameter in operation.query where ["date", "year"].contains(parameter.name) {
                        #expect(parameter.pattern != nil, "\(operation): ?\(parameter.name) without a pattern")
                    }
                }
            }
        }

        @Test func every_operation_answers_bad_input_as_documented() async throws {
            try await withApp { app, _ in
                let operations = try Self.operations(of: try await Self.document(app))
                let task = try await Self.planTask(app)
                Self.clusterID = try await Self.cluster(app)
                for operation in operations {
                    try await Self.probe(operation, app, task: task)
                }
            }
        }

        /// The login throttle answers the documented 429 with `Retry-After`.
        @Test func the_login_throttle_answers_as_documented() async throws {
            try await withApp { app, _ in
                let operations = try Self.operations(of: try await Self.document(app))
                let login = try #require(operations.first { $0.method == .POST && $0.template == SiteURL.api(.session).path })
                let wrong = #"{"username": "so79.chuyenvien", "password": "sai-mat-khau"}"#
                for _ in 0..<app.namhocConfig.maxLoginFailures {
                    let answer = try await Self.send(app, .POST, login.template, token: nil, body: wrong)
                    Self.check(answer, of: login, probe: "wrong password", expecting: .unauthorized)
                }
                let answer = try await Self.send(app, .POST, login.template, token: nil, body: wrong)
                Self.check(answer, of: login, probe: "throttled", expecting: .tooManyRequests)
                let retryAfter = answer.headers.first(name: .retryAfter).flatMap(Int.init)
                #expect((retryAfter ?? 0) > 0, "Retry-After: \(answer.headers.first(name: .retryAfter) ?? "none")")
            }
        }

        // MARK: probes

        static func probe(_ operation: Operation, _ app: Application, task: UUID) async throws {
            let path = try concretePath(operation.template, code: visibleCode, task: task)
            let required = try requiredQuery(operation)
            let goodBody = goodBodies[operation.description]
            // Approving, returning, reopening and deciding awards are for a leader of the unit directly above S01: the ministry's.
            let approves = ["/approve", "/return", "/reopen", "/decision"].contains { operation.template.hasSuffix($0) }
            // A cluster's registration and scores are a member's acts: S01's officer.
            let member = operation.method == .POST && operation.template.contains("{cluster}")
            let token = try await apiToken(app, approves ? "bo.lanhdao" : member ? "so01.chuyenvien" : "admin")

            // (a) No token, a bogus token: 401 where the operation is secured, and only there.
            for (probe, sent) in [("no token", nil), ("bogus token", "nh_khong-phai-token")] as [(String, String?)] {
                let answer = try await send(app, operation.method, path + query(required), token: sent, body: goodBody)
                if operation.secured {
                    check(answer, of: operation, probe: probe, expecting: .unauthorized)
                    #expect(errorCode(of: answer) == "unauthenticated", "\(operation) \(probe): \(answer.body.prefix(200))")
                } else {
                    check(answer, of: operation, probe: probe)
                    #expect(answer.status != .unauthorized, "\(operation) \(probe): 401, yet the operation documents no security")
                }
            }

            // (b) Each value of ?date= / ?year=: refused (422, naming the parameter) when the documented
            // pattern refuses it; when the server takes it, the pattern must take it too.
            for parameter in operation.query {
                let samples: [String]
                switch parameter.name {
                case "date": samples = dateSamples
                case "year": samples = yearSamples
                default: continue
                }
                let pattern = try #require(parameter.pattern, "\(operation): ?\(parameter.name) has no pattern")
                let regex = try NSRegularExpression(pattern: pattern)
                for value in samples {
                    var items = required
                    items.append((parameter.name, value))
                    let answer = try await send(app, operation.method, path + query(items), token: token, body: goodBody)
                    let probe = "?\(parameter.name)=\(value)"
                    check(answer, of: operation, probe: probe)
                    let matches = regex.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
                    if !matches {
                        #expect(answer.status == .unprocessableEntity, "\(operation) \(probe): the pattern refuses it, the server answered \(answer.status.code)")
                        #expect(field(of: answer) == parameter.name, "\(operation) \(probe): \(answer.body.prefix(200))")
                    }
                    if (200..<300).contains(answer.status.code) {
                        #expect(matches, "\(operation) \(probe): the server takes it, the pattern \(pattern) does not")
                    }
                }
            }

            // (b') A malformed `year` is refused even beside a good `date` (which wins when both are good).
            if operation.query.contains(where: { $0.name == "date" }), operation.query.contains(where: { $0.name == "year" }) {
                let answer = try await send(app, operation.method, path + query(required + [("date", "2024-09-30"), ("year", "hai-nghin")]),
                                            token: token, body: goodBody)
                check(answer, of: operation, probe: "?date=2024-09-30&year=hai-nghin", expecting: .unprocessableEntity)
                #expect(field(of: answer) == "year", "\(operation) ?date=…&year=hai-nghin: \(answer.body.prefix(200))")
            }

            // (b'') Integer parameters: a value that is no integer is refused, not silently replaced.
            for parameter in operation.query where parameter.type == "integer" {
                for value in integerSamples {
                    let probe = "?\(parameter.name)=\(value)"
                    let answer = try await send(app, operation.method, path + query(required + [(parameter.name, value)]),
                                                token: token, body: goodBody)
                    check(answer, of: operation, probe: probe)
                    if Int(value) == nil {
                        #expect(answer.status == .unprocessableEntity, "\(operation) \(probe): not an integer, the server answered \(answer.status.code)")
                        #expect(field(of: answer) == parameter.name, "\(operation) \(probe): \(answer.body.prefix(200))")
                    } else {
                        #expect((200..<300).contains(answer.status.code), "\(operation) \(probe): \(answer.status.code) \(answer.body.prefix(200))")
                    }
                }
            }

            // (c) An unknown unit: 404, the same answer as a unit outside the caller's subtree.
            if operation.template.contains("{code}") {
                let unknown = try concretePath(operation.template, code: unknownCode, task: task)
                let answer = try await send(app, operation.method, unknown + query(required), token: token, body: goodBody)
                check(answer, of: operation, probe: "unknown unit", expecting: .notFound)
                #expect(errorCode(of: answer) == "unit_not_found", "\(operation) unknown unit: \(answer.body.prefix(200))")
            }

            // (d) Malformed bodies: 422; a body over Vapor's 16 KB limit: 413, through a real server.
            if operation.hasBody {
                for body in malformedBodies {
                    let answer = try await send(app, operation.method, path + query(required), token: token, body: body)
                    check(answer, of: operation, probe: "body \(body)", expecting: .unprocessableEntity)
                }
                // The bulk values take a province's schools (up to 20 MB), a plan or a directive's text up to 4 MB;
                // every other body up to 16 KB.
                let plan = operation.method == .POST && (operation.template.hasSuffix("/plan") || operation.template.hasSuffix("/plan/draft"))
                let limit = operation.template.hasSuffix("/values/bulk") ? 20 * 1024 * 1024 : plan ? 4 * 1024 * 1024 : 16 * 1024
                let large = #"{"username": "admin", "password": "\#(String(repeating: "x", count: limit + 1024))"}"#
                let answer = try await send(app, operation.method, path + query(required), token: token, body: large, running: true)
                check(answer, of: operation, probe: "body over \(limit / 1024) KB", expecting: .payloadTooLarge)
            }

            // Good input last: DELETE /api/v1/session(s) revokes the token.
            if !operation.hasBody || goodBody != nil {
                let answer = try await send(app, operation.method, path + query(required), token: token, body: goodBody)
                check(answer, of: operation, probe: "good input")
                #expect((200..<300).contains(answer.status.code), "\(operation) good input: \(answer.status.code) \(answer.body.prefix(300))")
            }
        }

        /// The answer's status is documented for the operation; an error carries the shared body.
        static func check(_ answer: Answer, of operation: Operation, probe: String, expecting expected: HTTPStatus? = nil) {
            let label = "\(operation) — \(probe): \(answer.status.code) \(answer.body.prefix(300))"
            if let expected { #expect(answer.status == expected, "\(label)") }
            let status = Int(answer.status.code)
            #expect(operation.responses[status] != nil, "undocumented status: \(label)")
            guard status >= 400 else { return }
            #expect(operation.responses[status] == true, "the documented \(status) is not the shared Error: \(label)")
            #expect(answer.headers.contentType?.subType == "json", "content type: \(label)")
            let json = try? JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any]
            let error = json?["error"] as? [String: Any]
            #expect(error?["code"] is String, "no error.code: \(label)")
            #expect(error?["message"] is String, "no error.message: \(label)")
        }

        static func errorCode(of answer: Answer) -> String? {
            let json = try? JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any]
            return (json?["error"] as? [String: Any])?["code"] as? String
        }

        static func field(of answer: Answer) -> String? {
            let json = try? JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any]
            return (json?["error"] as? [String: Any])?["field"] as? String
        }

        static func send(_ app: Application, _ method: HTTPMethod, _ path: String, token: String?, body: String? = nil,
                         running: Bool = false) async throws -> Answer {
            var answer = Answer(status: .ok, headers: [:], body: "")
            let tester: any TestingApplicationTester = try running
                ? app.testing(method: .running(hostname: "127.0.0.1", port: 0)) : app.testing()
            try await tester.test(method, path, beforeRequest: { req in
                if let token { req.headers.bearerAuthorization = .init(token: token) }
                if let body {
                    req.headers.contentType = .json
                    req.body = ByteBuffer(string: body)
                }
            }, afterResponse: { res in
                answer = Answer(status: res.status, headers: res.headers, body: res.body.string)
            })
            return answer
        }

        // MARK: reading the document

        static func document(_ app: Application) async throws -> [String: Any] {
            var data = Data()
            try await app.testing().test(.GET, SiteURL.api(.openAPI).path) { res in
                #expect(res.status == .ok)
                data = Data(buffer: res.body)
            }
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }

        static let methods: [String: HTTPMethod] = ["get": .GET, "post": .POST, "put": .PUT, "patch": .PATCH, "delete": .DELETE]

        static func operations(of document: [String: Any]) throws -> [Operation] {
            let globalSecurity = document["security"] as? [[String: Any]] ?? []
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var result: [Operation] = []
            for (template, item) in paths.sorted(by: { $0.key < $1.key }) {
                let shared = item["parameters"] as? [[String: Any]] ?? []
                for (name, value) in item.sorted(by: { $0.key < $1.key }) {
                    guard let method = methods[name], let operation = value as? [String: Any] else { continue }
                    let security = operation["security"] as? [[String: Any]] ?? globalSecurity
                    // Secured unless one alternative is the empty requirement `{}`.
                    let secured = !security.isEmpty && !security.contains { $0.isEmpty }
                    let parameters = (shared + (operation["parameters"] as? [[String: Any]] ?? [])).map { resolve($0, in: document) }
                    let query = parameters.filter { $0["in"] as? String == "query" }.map { parameter in
                        let schema = resolve(parameter["schema"] as? [String: Any] ?? [:], in: document)
                        return QueryParameter(name: parameter["name"] as? String ?? "", required: parameter["required"] as? Bool ?? false,
                                              type: schema["type"] as? String, pattern: schema["pattern"] as? String,
                                              example: (parameter["example"] ?? schema["example"]).map { "\($0)" })
                    }
                    let answers = try #require(operation["responses"] as? [String: Any], "\(name) \(template): no responses")
                    var responses: [Int: Bool] = [:]
                    for (key, response) in answers {
                        let status = try #require(Int(key), "\(name) \(template): response \(key) is not one status")
                        responses[status] = isErrorResponse(response as? [String: Any] ?? [:], in: document)
                    }
                    result.append(Operation(method: method, template: template, responses: responses, secured: secured,
                                            query: query, hasBody: operation["requestBody"] != nil))
                }
            }
            return result
        }

        static func isErrorResponse(_ response: [String: Any], in document: [String: Any]) -> Bool {
            let resolved = resolve(response, in: document)
            let json = (resolved["content"] as? [String: Any])?["application/json"] as? [String: Any]
            return (json?["schema"] as? [String: Any])?["$ref"] as? String == "#/components/schemas/Error"
        }

        /// Follows a local `$ref` ("#/components/…") to what it names.
        static func resolve(_ node: [String: Any], in document: [String: Any]) -> [String: Any] {
            guard let reference = node["$ref"] as? String, reference.hasPrefix("#/") else { return node }
            var current: [String: Any]? = document
            for key in reference.dropFirst(2).split(separator: "/") { current = current?[String(key)] as? [String: Any] }
            return resolve(current ?? [:], in: document)
        }

        static func concretePath(_ template: String, code: String, task: UUID) throws -> String {
            let path = template.replacingOccurrences(of: "{code}", with: code).replacingOccurrences(of: "{task}", with: task.uuidString)
                .replacingOccurrences(of: "{proposal}", with: "00000000-0000-4000-8000-000000000000")
                .replacingOccurrences(of: "{cluster}", with: clusterID.uuidString)
            #expect(!path.contains("{"), "\(template): a path parameter this test does not know")
            return path
        }

        /// The required query parameters, from their examples.
        static func requiredQuery(_ operation: Operation) throws -> [(String, String)] {
            var items: [(String, String)] = []
            for parameter in operation.query where parameter.required {
                let example = try #require(parameter.example, "\(operation): required ?\(parameter.name) without an example")
                items.append((parameter.name, example))
            }
            return items
        }

        static var unreserved: CharacterSet {
            CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/")
        }

        static func query(_ items: [(String, String)]) -> String {
            guard !items.isEmpty else { return "" }
            return "?" + items.map { name, value in
                "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value)"
            }.joined(separator: "&")
        }
    }
}
