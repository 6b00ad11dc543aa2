#![allow(clippy::unwrap_used)] // Test helpers: a panic is a failing test.
//! The modules of the crate depend on each other one way (the module map in
//! `lib.rs`): each module names only modules listed before it in [`ORDER`], so no
//! two modules import each other, directly or round a circle. A module names another
//! by a path `crate::m…` or `super::m…` (grouped `use crate::{a, b::c}` included),
//! and its own children by a relative path `child::…`. Comment lines and `#[cfg(test)]`
//! code are not read.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// Every module, bottom first: a module may use only those before it.
const ORDER: &[&str] = &[
    "error",
    "escape",
    "fingerprint",
    "related",
    "views",
    "markdown",
    "urls",
    "svg",
    "options",
    "output",
    "templates",
    "links",
    "nav",
    "norms",
    "strip",
    "team",
    "prepared",
    "docview",
    "writer",
    "stem",
    "search",
    "pages::paging",
    "pages::fixed",
    "pages::home",
    "pages::free",
    "pages::decisions",
    "pages::decision",
    "pages::briefs",
    "pages::people",
    "pages::updates",
    "pages::meetings",
    "pages::metrics",
    "pages::assets",
    "pages::feeds",
    "pages::org",
    "pages",
    "live",
    "crate",
];

/// Module name → its code (the crate root is `crate`).
fn modules() -> Vec<(String, String)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
                continue;
            }
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let Some(rel) = rel.strip_suffix(".rs") else {
                continue;
            };
            let name = match rel {
                "lib" => "crate".to_string(),
                _ => rel.strip_suffix("/mod").unwrap_or(rel).replace('/', "::"),
            };
            out.push((name, code(&fs::read_to_string(&path).unwrap())));
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    walk(&root, &root, &mut out);
    out
}

/// The code of a file: no comment lines, no `mod x;` lines, nothing from the first
/// `#[cfg(test)]` on.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .filter(|l| {
            let t = l.trim_start();
            let comment = t.starts_with("//");
            let declaration = t.contains("mod ") && t.ends_with(';');
            !comment && !declaration
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The paths after `prefix::` in `code`, with grouped imports expanded.
fn paths_after(code: &str, prefix: &str) -> Vec<String> {
    let needle = format!("{prefix}::");
    let mut out = Vec::new();
    for (at, _) in code.match_indices(&needle) {
        if code[..at].ends_with(|c: char| is_ident(c) || c == ':') {
            continue;
        }
        expand(&code[at + needle.len()..], "", &mut out);
    }
    out
}

/// Reads one path (or a `{…}` group of them) from the start of `rest`.
fn expand(rest: &str, base: &str, out: &mut Vec<String>) {
    if let Some(group) = rest.strip_prefix('{') {
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    expand(group[start..i].trim_start(), base, out);
                    return;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand(group[start..i].trim_start(), base, out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        return;
    }
    let end = rest.find(|c: char| !is_ident(c)).unwrap_or(rest.len());
    let segment = &rest[..end];
    if segment.is_empty() {
        return;
    }
    let path = if base.is_empty() {
        segment.to_string()
    } else {
        format!("{base}::{segment}")
    };
    match rest[end..].strip_prefix("::") {
        Some(more) => expand(more, &path, out),
        None => out.push(path),
    }
}

/// The module a path names: its longest prefix that is a module.
fn resolve<'a>(path: &str, names: &'a BTreeSet<String>) -> &'a str {
    let segments: Vec<&str> = path.split("::").collect();
    (1..=segments.len())
        .rev()
        .find_map(|n| names.get(&segments[..n].join("::")))
        .map_or("crate", String::as_str)
}

#[test]
fn modules_depend_on_each_other_one_way() {
    let modules = modules();
    let names: BTreeSet<String> = modules.iter().map(|(n, _)| n.clone()).collect();
    let ordered: BTreeSet<String> = ORDER.iter().map(|n| (*n).to_string()).collect();
    assert_eq!(names, ordered, "every module has a place in ORDER");
    let rank = |n: &str| ORDER.iter().position(|m| *m == n).unwrap();
    let mut wrong = Vec::new();
    for (name, code) in &modules {
        let parent = match name.rsplit_once("::") {
            Some((p, _)) => p.to_string(),
            None if name == "crate" => String::new(),
            None => "crate".to_string(),
        };
        let mut used: Vec<String> = paths_after(code, "crate");
        for p in paths_after(code, "super") {
            used.push(if parent == "crate" {
                p
            } else {
                format!("{parent}::{p}")
            });
        }
        let own = if name == "crate" {
            String::new()
        } else {
            format!("{name}::")
        };
        for child in names.iter().filter_map(|n| n.strip_prefix(&own)) {
            if !child.contains("::") && !paths_after(code, child).is_empty() {
                used.push(format!("{own}{child}"));
            }
        }
        for target in used.iter().map(|p| resolve(p, &names)) {
            if target != name && rank(target) > rank(name) {
                wrong.push(format!("{name} uses {target}, which comes after it"));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn grouped_and_nested_imports_are_read() {
    let code = "use crate::{a, b::{c, d::E}};\nlet x = crate::f::g(); super::h::I;\nmy_crate::z();";
    assert_eq!(paths_after(code, "crate"), ["a", "b::c", "b::d::E", "f::g"]);
    assert_eq!(paths_after(code, "super"), ["h::I"]);
}
