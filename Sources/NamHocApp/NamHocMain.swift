import Foundation
import Logging
import Vapor

/// The process: resolve configuration, build the app, run the command, shut down, return an exit code.
/// Errors reach the user as one Vietnamese line on standard error, never as a stack trace.
public enum NamHocMain {
    public static func run(arguments: [String], environment: [String: String]) async -> Int32 {
        if arguments.count > 1, ["--help", "-h", "help"].contains(arguments[1]) {
            print(CommandSupport.helpVI)
            return 0
        }
        do {
            let (config, rest) = try AppConfig.resolve(arguments: arguments, environment: environment)
            // A server's operator wants warnings, not every migration step: notice unless asked otherwise. A
            // one-shot command speaks to a person through its own Vietnamese lines, so the drivers' English
            // log lines (a refused connection, a retry) stay out of it.
            let serving = rest.dropFirst().first.map { $0 == "serve" || $0.hasPrefix("-") } ?? true || rest.contains("--serve")
            let quiet = environment["LOG_LEVEL"] == nil && !rest.contains("--log") ? ["--log", serving ? "notice" : "critical"] : []
            var env = try Environment.detect(arguments: rest + quiet)
            try LoggingSystem.bootstrap(from: &env)
            let app = try await Application.make(env)
            do {
                try await configure(app, config: config)
                // Not `execute()`: it logs the error in English before rethrowing it, so it was printed twice.
                try await app.startup()
                try await app.running?.onStop.get()
                try await app.asyncShutdown()
                return 0
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
        } catch {
            FileHandle.standardError.write(Data("Lỗi: \(CommandSupport.message(for: error))\n".utf8))
            return 1
        }
    }
}
