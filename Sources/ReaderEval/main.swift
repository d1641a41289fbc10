import Foundation
import NamHocDirective
import NamHocText

// namhoc-reader-eval: precision/recall of the directive reader per field over the annotated
// fixtures (dev, held-out and held-out 2 separately), exact task/reference counts, and a throughput benchmark.
//
//   namhoc-reader-eval [--fixtures DIR]     evaluation (DIR holds NAME.txt + NAME.expected.json, heldout/ and heldout2/ inside)
//   namhoc-reader-eval --bench [--fixtures DIR]
//   namhoc-reader-eval --dump FILE [--json]  print the reading of one file

let args = CommandLine.arguments
func option(_ name: String) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

let fixturesDir: URL = {
    if let d = option("--fixtures") { return URL(fileURLWithPath: d) }
    var dir = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    for _ in 0..<6 {
        let candidate = dir.appendingPathComponent("Tests/NamHocDirectiveTests/Fixtures/directives")
        if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        dir.deleteLastPathComponent()
    }
    return URL(fileURLWithPath: "Tests/NamHocDirectiveTests/Fixtures/directives")
}()

func readText(_ url: URL) -> String {
    let data = (try? Data(contentsOf: url)) ?? Data()
    return VietnameseDecoder.decode(data).text
}

/// Folded words: the comparison key for names and titles.
func key(_ s: String?) -> String {
    guard let s else { return "" }
    return VietnameseText.searchKey(s).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
}

func num(_ x: Double?) -> String {
    guard let x else { return "-" }
    if x == x.rounded() { return String(Int(x)) }
    return String(format: "%.2f", x)
}

func taskKey(_ title: String) -> String { key(title).split(separator: " ").prefix(6).joined(separator: " ") }

/// Tasks match when one title's first six folded words start with the other's (annotated titles
/// may be shorter than the reader's heading sentence). Returns keys rewritten to the expected ones.
func alignTasks(_ got: [String], _ want: [String]) -> [String] {
    var used = Set<Int>()
    return got.map { g in
        if let i = want.indices.first(where: { !used.contains($0) && (g.hasPrefix(want[$0]) || want[$0].hasPrefix(g)) }) {
            used.insert(i)
            return want[i]
        }
        return g
    }
}

let fields = ["document", "schoolYear", "theme", "issuer", "announcedTaskCount", "tasks", "subtasks", "references",
              "figures", "dates", "periods", "places", "units", "movements"]

/// Keys of a reading, per field.
func keys(of r: DirectiveReading) -> [String: Set<String>] {
    var k: [String: Set<String>] = [:]
    var doc: Set<String> = []
    if let d = r.document {
        let pairs: [(String, String?)] = [("type", d.type?.value), ("number", d.number?.value), ("symbol", d.symbol?.value),
                                          ("date", d.date?.value), ("place", d.place?.value), ("issuingBody", d.issuingBody?.value),
                                          ("signer", d.signer?.value), ("signingTitle", d.signingTitle?.value)]
        for (f, v) in pairs where v != nil { doc.insert("\(f)=\(f == "date" ? v! : key(v))") }
    }
    k["document"] = doc
    k["schoolYear"] = r.schoolYear.map { [$0.value] } ?? []
    k["theme"] = r.theme.map { [key($0.value)] } ?? []
    var iss: Set<String> = []
    if let o = r.issuer?.office { iss.insert("office=" + key(o)) }
    if let p = r.issuer?.person { iss.insert("person=" + key(p)) }
    k["issuer"] = iss
    k["announcedTaskCount"] = r.announcedTaskCount.map { [String($0.value)] } ?? []
    k["tasks"] = Set(r.tasks.map { taskKey($0.title) })
    k["subtasks"] = Set(r.tasks.flatMap { t in t.subtasks.indices.map { "\(taskKey(t.title))#\($0 + 1)" } })
    k["references"] = Set(r.references.map { key($0.symbol) })
    k["figures"] = Set(r.figures.map { "\(num($0.value))|\(num($0.change))|\($0.indicator ?? "-")" })
    k["dates"] = Set(r.dates.map(\.date))
    k["periods"] = Set(r.periods.map { key($0.label) })
    k["places"] = Set(r.places.map { key($0.name) })
    k["units"] = Set(r.units.map { key($0.name) })
    k["movements"] = Set(r.movements.map { key($0.value) })
    return k
}

/// Keys of an annotation (NAME.expected.json).
func keys(ofExpected j: [String: Any]) -> [String: Set<String>] {
    var k: [String: Set<String>] = [:]
    var doc: Set<String> = []
    if let d = j["document"] as? [String: Any] {
        for f in ["type", "number", "symbol", "date", "place", "issuingBody", "signer", "signingTitle"] {
            if let v = d[f] as? String { doc.insert("\(f)=\(f == "date" ? v : key(v))") }
        }
    }
    k["document"] = doc
    k["schoolYear"] = (j["schoolYear"] as? String).map { [$0] } ?? []
    k["theme"] = (j["theme"] as? String).map { [key($0)] } ?? []
    var iss: Set<String> = []
    if let i = j["issuer"] as? [String: Any] {
        if let o = i["office"] as? String { iss.insert("office=" + key(o)) }
        if let p = i["person"] as? String { iss.insert("person=" + key(p)) }
    }
    k["issuer"] = iss
    k["announcedTaskCount"] = (j["announcedTaskCount"] as? Int).map { [String($0)] } ?? []
    let tasks = (j["tasks"] as? [[String: Any]]) ?? []
    k["tasks"] = Set(tasks.compactMap { ($0["title"] as? String).map(taskKey) })
    k["subtasks"] = Set(tasks.flatMap { t -> [String] in
        let n = t["subtasks"] as? Int ?? 0
        let tk = taskKey(t["title"] as? String ?? "")
        return n > 0 ? (1...n).map { "\(tk)#\($0)" } : []
    })
    k["references"] = Set(((j["references"] as? [String]) ?? []).map { key($0) })
    k["figures"] = Set(((j["figures"] as? [[String: Any]]) ?? []).map {
        let base = "\(num(($0["value"] as? NSNumber)?.doubleValue))|\(num(($0["change"] as? NSNumber)?.doubleValue))|\($0["indicator"] as? String ?? "-")"
        // An annotated object is compared too ("trường mầm non, phổ thông" is not a preschool count).
        return ($0["object"] as? String).map { base + "|" + key($0) } ?? base
    })
    k["dates"] = Set((j["dates"] as? [String]) ?? [])
    k["periods"] = Set(((j["periods"] as? [String]) ?? []).map { key($0) })
    k["places"] = Set(((j["places"] as? [String]) ?? []).map { key($0) })
    k["units"] = Set(((j["units"] as? [String]) ?? []).map { key($0) })
    k["movements"] = Set(((j["movements"] as? [String]) ?? []).map { key($0) })
    return k
}

struct Counts { var tp = 0, fp = 0, fn = 0 }

/// Per set: texts whose number of tasks / references is exactly the annotated one.
struct Exact { var tasks = 0, refs = 0, texts = 0, taskTexts: [String] = [], refTexts: [String] = [] }

/// Names keep their diacritics (lower-cased NFC): "Thuỵ" written in the text must come back as "Thuỵ".
func spellingKey(_ s: String) -> String {
    s.precomposedStringWithCanonicalMapping.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
}

func evaluate(_ dir: URL, verbose: Bool) -> (counts: [String: Counts], files: [String], exact: Exact) {
    var counts: [String: Counts] = [:]
    var exact = Exact()
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
    let reader = DirectiveReader()
    for name in names {
        let base = String(name.dropLast(4))
        let expURL = dir.appendingPathComponent(base + ".expected.json")
        guard let data = try? Data(contentsOf: expURL),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { continue }
        let reading = reader.read(readText(dir.appendingPathComponent(name)))
        var got = keys(of: reading)
        var want = keys(ofExpected: json)
        // Align task keys on the annotation's (possibly shorter) titles.
        let wantTitles = ((json["tasks"] as? [[String: Any]]) ?? []).map { taskKey($0["title"] as? String ?? "") }
        let aligned = alignTasks(reading.tasks.map { taskKey($0.title) }, wantTitles)
        got["tasks"] = Set(aligned)
        got["subtasks"] = Set(zip(reading.tasks, aligned).flatMap { t, k in t.subtasks.indices.map { "\(k)#\($0 + 1)" } })
        // Figures: the object joins the key where the annotation gives one for that value.
        let withObject = Set(want["figures", default: []].compactMap { k -> String? in
            let parts = k.split(separator: "|", omittingEmptySubsequences: false)
            return parts.count > 3 ? parts.prefix(3).joined(separator: "|") : nil
        })
        got["figures"] = Set(reading.figures.map { f in
            let base = "\(num(f.value))|\(num(f.change))|\(f.indicator ?? "-")"
            return withObject.contains(base) ? base + "|" + key(f.object) : base
        })
        // Places and units: spelling as written (tone placement included) — both sides.
        got["places"] = Set(reading.places.map { spellingKey($0.name) })
        got["units"] = Set(reading.units.map { spellingKey($0.name) })
        want["places"] = Set(((json["places"] as? [String]) ?? []).map(spellingKey))
        want["units"] = Set(((json["units"] as? [String]) ?? []).map(spellingKey))
        exact.texts += 1
        let wantTaskCount = ((json["tasks"] as? [[String: Any]]) ?? []).count
        let wantRefCount = ((json["references"] as? [String]) ?? []).count
        if reading.tasks.count == wantTaskCount { exact.tasks += 1 } else { exact.taskTexts.append("\(base) \(reading.tasks.count)≠\(wantTaskCount)") }
        if reading.references.count == wantRefCount { exact.refs += 1 } else { exact.refTexts.append("\(base) \(reading.references.count)≠\(wantRefCount)") }
        for f in fields {
            let g = got[f] ?? [], w = want[f] ?? []
            counts[f, default: Counts()].tp += g.intersection(w).count
            counts[f, default: Counts()].fp += g.subtracting(w).count
            counts[f, default: Counts()].fn += w.subtracting(g).count
            if verbose && g != w {
                print("  \(base) \(f): missing \(w.subtracting(g).sorted()) extra \(g.subtracting(w).sorted())")
            }
        }
    }
    return (counts, names, exact)
}

func pct(_ a: Int, _ b: Int) -> String { b == 0 ? "   – " : String(format: "%5.1f", 100 * Double(a) / Double(b)) }

if let file = option("--dump") {
    let text = readText(URL(fileURLWithPath: file))
    let reading = DirectiveReader().read(text)
    if args.contains("--json") {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try! enc.encode(reading), as: UTF8.self))
    } else {
        print(summaryVI(reading))
    }
} else if args.contains("--bench") {
    var parts: [String] = []
    for sub in ["", "heldout", "heldout2"] {
        let d = sub.isEmpty ? fixturesDir : fixturesDir.appendingPathComponent(sub)
        for n in ((try? FileManager.default.contentsOfDirectory(atPath: d.path)) ?? []).sorted() where n.hasSuffix(".txt") {
            parts.append(readText(d.appendingPathComponent(n)))
        }
    }
    guard !parts.isEmpty else { print("no fixtures in \(fixturesDir.path)"); exit(1) }
    var text = ""
    var i = 0
    while text.unicodeScalars.count < 250_000 {
        text += parts[i % parts.count] + "\n\n"
        i += 1
    }
    let chars = text.unicodeScalars.count
    let reader = DirectiveReader()
    _ = reader.read(parts[0])  // load the gazetteer outside the timing
    var times: [Double] = []
    var reading = DirectiveReading()
    for _ in 0..<11 {
        let t0 = DispatchTime.now().uptimeNanoseconds
        reading = reader.read(text)
        times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
    }
    times.sort()
    let median = times[5]
    print("bench: \(chars) scalars (~\(chars / 2_500) pages), 11 runs")
    print(String(format: "median %.3f s  min %.3f s  max %.3f s  %.0f chars/s", median, times[0], times[10], Double(chars) / median))
    print("items: \(reading.tasks.count) tasks, \(reading.figures.count) figures, \(reading.references.count) references, \(reading.dates.count) dates")
} else {
    let verbose = args.contains("--verbose")
    // --dev-only while developing: the held-out texts are not looked at until the final run.
    // --show-heldout / --show-heldout2 print their differences with --verbose.
    var sets: [(name: String, result: (counts: [String: Counts], files: [String], exact: Exact))] = []
    sets.append(("dev", evaluate(fixturesDir, verbose: verbose)))
    if !args.contains("--dev-only") {
        sets.append(("held", evaluate(fixturesDir.appendingPathComponent("heldout"), verbose: verbose && args.contains("--show-heldout"))))
        sets.append(("held2", evaluate(fixturesDir.appendingPathComponent("heldout2"), verbose: verbose && args.contains("--show-heldout2"))))
    }
    print("Directive reader evaluation — \(fixturesDir.path)")
    for s in sets { print("\(s.name): \(s.result.files.count) texts") }
    print("")
    var header = "field              "
    for s in sets { header += " | " + "\(s.name) P  \(s.name) R  (tp/fp/fn)".padding(toLength: 32, withPad: " ", startingAt: 0) }
    print(header)
    var totals = [Counts](repeating: Counts(), count: sets.count)
    func row(_ name: String, _ cs: [Counts]) -> String {
        var line = name.padding(toLength: 19, withPad: " ", startingAt: 0)
        for c in cs {
            let cell = "\(pct(c.tp, c.tp + c.fp))  \(pct(c.tp, c.tp + c.fn))  (\(c.tp)/\(c.fp)/\(c.fn))"
            line += " | " + cell.padding(toLength: 32, withPad: " ", startingAt: 0)
        }
        return line
    }
    print(String(repeating: "-", count: header.count))
    for f in fields {
        let cs = sets.map { $0.result.counts[f] ?? Counts() }
        for (i, c) in cs.enumerated() { totals[i].tp += c.tp; totals[i].fp += c.fp; totals[i].fn += c.fn }
        print(row(f, cs))
    }
    print(String(repeating: "-", count: header.count))
    print(row("all fields (micro)", totals))
    print("")
    for s in sets {
        let e = s.result.exact
        var line = "\(s.name): exact task counts \(e.tasks)/\(e.texts), exact reference counts \(e.refs)/\(e.texts)"
        if !e.taskTexts.isEmpty && (s.name == "dev" || verbose) { line += "  tasks off: " + e.taskTexts.joined(separator: ", ") }
        if !e.refTexts.isEmpty && (s.name == "dev" || verbose) { line += "  refs off: " + e.refTexts.joined(separator: ", ") }
        print(line)
    }
}
