import Foundation
import NamHocApp

/// `namhoc`: every command lives in NamHocApp; this only hands over the arguments and the exit code.
@main
enum Entrypoint {
    static func main() async {
        exit(await NamHocMain.run(arguments: CommandLine.arguments, environment: ProcessInfo.processInfo.environment))
    }
}
