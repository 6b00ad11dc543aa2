//! Parsing one file: the front-matter split and the YAML of the front matter (or
//! of a whole people.yaml / meetings.yaml) into [`Fields`] with byte ranges, and the
//! Markdown outline of the body. The typed reading of the values is `read`'s.
//! Parsing never fails: what cannot be read becomes a [`ParseProblem`] in
//! [`Document::problems`] and the rest is still filled in.

use std::ops::Range;

use docket_syntax::{
    Entry, Outline, Yaml, outline, parse_yaml, scan_mapping, scan_sequence, split_front_matter,
};

use crate::config::Config;
use crate::document::{Data, Document, Field, Fields, Page};
use crate::kind::Kind;
use crate::problem::{ParseProblem, Problem};
use crate::read::{read_list, read_markdown};

/// Parses one file. `kind` comes from the path (see [`crate::classify`]); an explicit
/// `kind:` key in the front matter overrides it.
pub fn parse_document(
    path: String,
    handbook_path: String,
    kind: Kind,
    index_of: Option<Kind>,
    text: String,
    config: &Config,
) -> Document {
    let mut doc = Document {
        path,
        handbook_path,
        kind,
        text,
        front: None,
        broken: false,
        body: 0..0,
        outline: Outline::default(),
        data: Data::Page(Page::default()),
        problems: Vec::new(),
    };
    match kind {
        Kind::People | Kind::Meetings => {
            let blocks = parse_yaml_list(&mut doc);
            read_list(&mut doc, blocks);
        }
        _ => {
            parse_markdown(&mut doc);
            if let Some(explicit) = doc
                .front
                .as_ref()
                .and_then(|f| f.get("kind"))
                .and_then(|f| f.value.as_str())
                .and_then(|name| {
                    Kind::from_name(name)
                        .or_else(|| config.kinds.keys().copied().find(|k| k.name() == name))
                })
            {
                doc.kind = explicit;
            }
            read_markdown(&mut doc, config, index_of);
        }
    }
    doc
}

/// The `status` written in a document's front matter, as written (trimmed), or
/// `None` without front matter or without a `status` scalar. Made for reading many
/// texts fast (`docket-git` reads the status of every version of every decision):
/// the front matter is split off as everywhere else, its keys are found by the same
/// scan that gives every key its range, and only the `status` entry is parsed as
/// YAML (so quotes, escapes and comments read as they do everywhere else); the
/// body and the other keys are never parsed.
pub fn front_matter_status(text: &str) -> Option<String> {
    let text = docket_syntax::strip_bom(text);
    let front = split_front_matter(text).ok()?.front_matter?;
    let entry = scan_mapping(text, front)
        .into_iter()
        .find(|e| e.key == "status")?;
    let start = text[..entry.key_range.start]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let end = entry.value_range.end.max(entry.key_range.end);
    let value = parse_yaml(text.get(start..end)?, start).ok()?;
    let status = value.get("status")?.as_scalar_string()?;
    let status = status.trim();
    (!status.is_empty()).then(|| status.to_string())
}

/// Splits a Markdown document into front matter (read as a mapping) and body, and
/// outlines the body.
fn parse_markdown(doc: &mut Document) {
    match split_front_matter(&doc.text) {
        Err(e) => {
            doc.problems.push(
                ParseProblem::new(Problem::FrontMatterSyntax, &doc.path, e.range, e.message)
                    .with_help(
                        "close the front matter with a line `---`, or remove the first `---` line",
                    ),
            );
            doc.broken = true;
            doc.body = 0..doc.text.len();
        }
        Ok(split) => {
            doc.body = split.body.clone();
            if let Some(fm) = split.front_matter {
                let (fields, broken) =
                    read_block_mapping(&mut doc.problems, &doc.path, &doc.text, fm);
                doc.front = Some(fields);
                doc.broken = broken;
            }
        }
    }
    doc.outline = outline(&doc.text, doc.body.clone());
}

/// Reads the YAML mapping in `text[range]`; returns the fields and whether the block
/// was unreadable.
fn read_block_mapping(
    problems: &mut Vec<ParseProblem>,
    path: &str,
    text: &str,
    range: Range<usize>,
) -> (Fields, bool) {
    let src = &text[range.clone()];
    let entries = scan_mapping(text, range.clone());
    let empty = Fields {
        range: range.clone(),
        fields: Vec::new(),
    };
    let mut broken = false;
    // Duplicate keys, found by the scan so the finding points at the second one.
    for (i, e) in entries.iter().enumerate() {
        if entries[..i].iter().any(|p| p.key == e.key) {
            problems.push(
                ParseProblem::new(
                    Problem::FrontMatterSyntax,
                    path,
                    e.key_range.clone(),
                    format!("duplicate key `{}`", e.key),
                )
                .with_help("each key may appear once; remove or merge the repeated one"),
            );
            broken = true;
        }
    }
    let value = match parse_yaml(src, range.start) {
        Ok(v) => v,
        Err(e) => {
            if !broken {
                let p = ParseProblem::new(
                    Problem::FrontMatterSyntax,
                    path,
                    e.range,
                    format!("front matter is not valid YAML: {}", e.message),
                );
                problems.push(match e.help {
                    Some(help) => p.with_help(help),
                    None => p,
                });
            }
            return (empty, true);
        }
    };
    match value {
        Yaml::Map(map) => (
            Fields {
                fields: attach(map, &entries, range.start),
                range,
            },
            broken,
        ),
        Yaml::Null => (empty, broken),
        other => {
            problems.push(
                ParseProblem::new(
                    Problem::FrontMatterSyntax,
                    path,
                    range.start..range.start,
                    format!(
                        "front matter must be a mapping of keys to values, found {}",
                        other.type_name()
                    ),
                )
                .with_help("write one `key: value` per line"),
            );
            (empty, true)
        }
    }
}

/// Pairs parsed values with the positions the scan found.
fn attach(map: Vec<(String, Yaml)>, entries: &[Entry], start: usize) -> Vec<Field> {
    let mut used = vec![false; entries.len()];
    map.into_iter()
        .map(|(key, value)| {
            let found = entries
                .iter()
                .enumerate()
                .find(|(i, e)| !used[*i] && e.key == key);
            let (key_range, value_range) = match found {
                Some((i, e)) => {
                    used[i] = true;
                    (e.key_range.clone(), e.value_range.clone())
                }
                None => (start..start, start..start),
            };
            Field {
                key,
                key_range,
                value_range,
                value,
            }
        })
        .collect()
}

/// Parses people.yaml or meetings.yaml: a YAML list whose items are blocks of
/// fields. An item that is not a mapping is an `invalid-value` problem and left out.
fn parse_yaml_list(doc: &mut Document) -> Vec<Fields> {
    let range = 0..doc.text.len();
    doc.body = range.end..range.end;
    let value = match parse_yaml(&doc.text, 0) {
        Ok(v) => v,
        Err(e) => {
            let p = ParseProblem::new(
                Problem::FrontMatterSyntax,
                &doc.path,
                e.range,
                format!("not valid YAML: {}", e.message),
            );
            doc.problems.push(match e.help {
                Some(help) => p.with_help(help),
                None => p,
            });
            doc.broken = true;
            return Vec::new();
        }
    };
    let items = match value {
        Yaml::Seq(items) => items,
        Yaml::Null => Vec::new(),
        other => {
            doc.problems.push(
                ParseProblem::new(
                    Problem::FrontMatterSyntax,
                    &doc.path,
                    0..0,
                    format!(
                        "{} must be a list, found {}",
                        doc.file_name(),
                        other.type_name()
                    ),
                )
                .with_help("write one `- id: …` item per entry"),
            );
            doc.broken = true;
            Vec::new()
        }
    };
    let scanned = scan_sequence(&doc.text, range);
    let mut blocks = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let pos = scanned.get(i);
        let item_range = pos.map_or(0..0, |p| p.range.clone());
        match item {
            Yaml::Map(map) => blocks.push(Fields {
                fields: attach(
                    map,
                    pos.map_or(&[][..], |p| p.entries.as_slice()),
                    item_range.start,
                ),
                range: item_range,
            }),
            other => doc.problems.push(ParseProblem::new(
                Problem::InvalidValue,
                &doc.path,
                item_range,
                format!(
                    "each entry must be a mapping of keys to values, found {}",
                    other.type_name()
                ),
            )),
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_status_reads_yaml_not_text() {
        let s = |t: &str| front_matter_status(t);
        assert_eq!(
            s("---\nstatus: accepted\n---\n").as_deref(),
            Some("accepted")
        );
        assert_eq!(
            s("\u{feff}---\r\ntitle: x\r\nstatus: \"proposed\" # for now\r\n---\r\n").as_deref(),
            Some("proposed")
        );
        assert_eq!(
            s("---\nstatus: 'superseded'\n---\n").as_deref(),
            Some("superseded")
        );
        assert_eq!(
            s("---\nstatus: Accepted \n---\n").as_deref(),
            Some("Accepted")
        );
        assert_eq!(s("---\nstatus: \n---\n"), None);
        assert_eq!(s("---\nstatus: [a, b]\n---\n"), None);
        assert_eq!(s("---\ntitle: x\n---\nstatus: accepted\n"), None);
        assert_eq!(s("# 1. Title\n\n## Status\n\nAccepted\n"), None);
        assert_eq!(s("---\nstatus: accepted\n"), None, "unclosed front matter");
    }
}
