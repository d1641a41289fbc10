import Foundation
import LeafKit
import NIOCore

/// Reads templates from the module's resource folder. Leaf's own file source refuses any path with a
/// hidden folder in it, and a debug build's resources live under `.build/`.
struct ViewFiles: LeafSource {
    let directory: String

    func file(template: String, escape: Bool, on eventLoop: any EventLoop) throws -> EventLoopFuture<ByteBuffer> {
        // Template names are ours (string literals in controllers), never user input; still refuse paths.
        guard !template.contains("/"), !template.contains("..") else {
            throw LeafError(.illegalAccess("Template name \(template) is not a plain name"))
        }
        let path = directory + (directory.hasSuffix("/") ? "" : "/") + template + ".leaf"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LeafError(.noTemplateExists(template))
        }
        return eventLoop.makeSucceededFuture(ByteBuffer(bytes: data))
    }
}
