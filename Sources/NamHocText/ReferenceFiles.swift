import Foundation

/// The reference data shipped with NamHoc (Resources/README.md says where each file comes from):
/// provinces-2025.csv and communes-2025.csv. The demo builder and the directive reader's gazetteer read them.
public enum ReferenceFiles {
    /// The file's UTF-8 text, or nil when the resource bundle is missing.
    public static func text(_ name: String) -> String? {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources")
            ?? Bundle.module.url(forResource: name, withExtension: nil) else { return nil }
        return try? String(contentsOf: url, encoding: .utf8)
    }
}
