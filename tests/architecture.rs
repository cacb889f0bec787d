//! The import graph, read from the sources: layers only use layers below them
//! (domain with the policy and the locale beside it ← store ← service ← {io, report,
//! demo, wire} ← {client, server} ← {cli, tui}); the argument parser only in `cli`, the
//! storage engine's types only in `store`; and no two files use each other, directly or
//! round a longer cycle (a module's `pub use` of its children, a facade, does not count).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module's layer; a module may use modules of lower layers.
fn layer(module: &str) -> Option<u8> {
    Some(match module {
        "domain" | "locale" => 0,
        "store" => 1,
        "service" => 2,
        "io" | "report" | "demo" | "wire" => 3,
        "client" | "server" | "notify" => 4,
        "cli" | "tui" => 5,
        _ => return None,
    })
}

/// Uses within one layer that are part of the design: the locale words the domain's
/// enums and messages; the demo loads through the importers; a client finds the server's
/// socket where the server writes it; the command line starts the full-screen UI.
const SIDEWAYS: &[(&str, &str)] =
    &[("locale", "domain"), ("demo", "io"), ("client", "server"), ("cli", "tui")];

struct Source {
    /// The module path of the file (`["tui", "layers", "boxes"]`; a `mod.rs` is its directory).
    module: Vec<String>,
    text: String,
}

fn sources() -> BTreeMap<PathBuf, Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(&root).unwrap();
                let mut module: Vec<String> =
                    rel.with_extension("").iter().map(|s| s.to_string_lossy().into_owned()).collect();
                if module.last().is_some_and(|m| m == "mod" || m == "lib" || m == "main") {
                    module.pop();
                }
                let text = std::fs::read_to_string(&path).unwrap();
                out.insert(rel.to_path_buf(), Source { module, text });
            }
        }
    }
    out
}

/// The code of a file without comments, string contents and `pub use` / `mod` lines.
fn code_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_test = false;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]") {
            // the unit tests at the end of a file may use anything
            in_test = true;
        }
        if in_test
            || t.starts_with("//")
            || t.starts_with("pub use")
            || t.starts_with("mod ")
            || t.starts_with("pub mod ")
        {
            continue;
        }
        // drop string literals and trailing comments
        let mut kept = String::new();
        let mut in_str = false;
        let mut prev = ' ';
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if !in_str && c == '/' && chars.get(i + 1) == Some(&'/') {
                break;
            }
            if c == '"' && prev != '\\' {
                in_str = !in_str;
            } else if !in_str {
                kept.push(c);
            }
            prev = c;
            i += 1;
        }
        out.push(kept);
    }
    out
}

/// Paths written in `code` that start with `crate::`, `super::` or `self::`, with
/// `use x::{a, b::c}` groups expanded one level.
fn paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let rest: String = bytes[i..].iter().take(8).collect();
        let start_ok =
            i == 0 || !(bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_' || bytes[i - 1] == ':');
        if start_ok
            && (rest.starts_with("crate::") || rest.starts_with("super::") || rest.starts_with("self::"))
        {
            let mut j = i;
            let mut segs = Vec::new();
            let mut cur = String::new();
            while j < bytes.len() {
                let c = bytes[j];
                if c.is_alphanumeric() || c == '_' {
                    cur.push(c);
                    j += 1;
                } else if c == ':' && bytes.get(j + 1) == Some(&':') {
                    segs.push(std::mem::take(&mut cur));
                    j += 2;
                    if bytes.get(j) == Some(&'{') {
                        let close = bytes[j..].iter().position(|c| *c == '}').map_or(bytes.len(), |p| j + p);
                        let group: String = bytes[j + 1..close].iter().collect();
                        for item in group.split(',') {
                            let mut p = segs.clone();
                            p.extend(
                                item.trim()
                                    .split("::")
                                    .map(|s| s.trim().to_string())
                                    .filter(|s| !s.is_empty()),
                            );
                            out.push(p);
                        }
                        segs.clear();
                        j = close;
                        break;
                    }
                } else {
                    break;
                }
            }
            if !segs.is_empty() {
                if !cur.is_empty() {
                    segs.push(cur);
                }
                out.push(segs);
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// The file a path written in `from` names (the longest module prefix that is a file).
fn target(path: &[String], from: &[String], files: &BTreeMap<Vec<String>, PathBuf>) -> Option<PathBuf> {
    let mut module: Vec<String> = Vec::new();
    let mut segs = path.iter().peekable();
    match segs.peek().map(|s| s.as_str()) {
        Some("crate") => {
            segs.next();
        }
        Some("self") => {
            segs.next();
            module = from.to_vec();
        }
        Some("super") => {
            module = from.to_vec();
            while segs.peek().map(|s| s.as_str()) == Some("super") {
                segs.next();
                module.pop();
            }
        }
        _ => return None,
    }
    let mut best = files.get(&module).cloned();
    for s in segs {
        module.push(s.clone());
        match files.get(&module) {
            Some(f) => best = Some(f.clone()),
            None => break,
        }
    }
    best
}

#[test]
fn layers_use_only_the_layers_below_them() {
    let sources = sources();
    let mut wrong = Vec::new();
    for (file, src) in &sources {
        let Some(own) = src.module.first() else { continue };
        let Some(own_layer) = layer(own) else { continue };
        for line in code_lines(&src.text) {
            for p in paths(&line) {
                if p.first().map(String::as_str) != Some("crate") {
                    continue;
                }
                let Some(other) = p.get(1) else { continue };
                let Some(other_layer) = layer(other) else { continue };
                let fine = other == own
                    || other_layer < own_layer
                    || SIDEWAYS.contains(&(own.as_str(), other.as_str()));
                if !fine {
                    wrong.push(format!("{} uses crate::{}", file.display(), p[1..].join("::")));
                }
            }
            if own != "cli" && line.contains("clap::") {
                wrong.push(format!("{} uses clap outside the command line", file.display()));
            }
            if own != "store" && line.contains("sled::") {
                wrong.push(format!("{} uses a sled type outside the store", file.display()));
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(wrong.is_empty(), "imports against the layers:\n{}", wrong.join("\n"));
}

#[test]
fn no_two_files_use_each_other() {
    let sources = sources();
    let files: BTreeMap<Vec<String>, PathBuf> =
        sources.iter().map(|(f, s)| (s.module.clone(), f.clone())).collect();
    let mut edges: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    for (file, src) in &sources {
        let from = &src.module;
        for line in code_lines(&src.text) {
            for p in paths(&line) {
                if let Some(to) = target(&p, from, &files) {
                    if &to != file {
                        edges.entry(file.clone()).or_default().insert(to);
                    }
                }
            }
        }
    }
    // strongly connected components (Tarjan), any with more than one file is a cycle
    struct State<'a> {
        edges: &'a BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        index: BTreeMap<&'a PathBuf, usize>,
        low: BTreeMap<&'a PathBuf, usize>,
        stack: Vec<&'a PathBuf>,
        on: BTreeSet<&'a PathBuf>,
        next: usize,
        cycles: Vec<Vec<String>>,
    }
    fn visit<'a>(v: &'a PathBuf, s: &mut State<'a>) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on.insert(v);
        if let Some(out) = s.edges.get(v) {
            for w in out {
                if !s.index.contains_key(w) {
                    visit(w, s);
                    let lw = s.low[w];
                    let lv = s.low.get_mut(v).unwrap();
                    *lv = (*lv).min(lw);
                } else if s.on.contains(w) {
                    let iw = s.index[w];
                    let lv = s.low.get_mut(v).unwrap();
                    *lv = (*lv).min(iw);
                }
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on.remove(w);
                component.push(w.display().to_string());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.cycles.push(component);
            }
        }
    }
    let mut state = State {
        edges: &edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        next: 0,
        cycles: Vec::new(),
    };
    for f in sources.keys() {
        if !state.index.contains_key(f) {
            visit(f, &mut state);
        }
    }
    let report: Vec<String> = state.cycles.iter().map(|c| c.join(" ⇄ ")).collect();
    assert!(report.is_empty(), "{} import cycles between files:\n{}", report.len(), report.join("\n"));
}

#[test]
fn the_path_reader_finds_what_a_use_names() {
    let p = paths("use crate::tui::{action::Action, keymap::Key}; let x = super::super::Foo;");
    assert_eq!(p[0], ["crate", "tui", "action", "Action"]);
    assert_eq!(p[1], ["crate", "tui", "keymap", "Key"]);
    assert_eq!(p[2], ["super", "super", "Foo"]);
    assert_eq!(code_lines("let a = \"crate::x\"; // crate::y\n"), vec!["let a = ; ".to_string()]);
}
