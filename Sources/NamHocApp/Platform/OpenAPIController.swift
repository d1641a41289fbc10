import Vapor

/// Serves the OpenAPI document shipped as a resource; a test keeps it and the route table in step.
enum OpenAPIController {
    @Sendable static func document(req: Request) async throws -> Response {
        let path = req.application.directory.resourcesDirectory + "openapi.json"
        guard let data = FileManager.default.contents(atPath: path) else { throw AppError.pageNotFound }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: "application/json; charset=utf-8")
        return response
    }
}
