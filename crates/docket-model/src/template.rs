//! The templates of `docket new`, as the model compares documents with them: text
//! left as a template wrote it says nothing, so it is no option, no outcome and no
//! section content (the issue "Everything docket shows is true").
//!
//! [`Templates`] holds the built-in templates (the workspace's `templates/new/*.md`,
//! embedded here, the same files the command line writes from) and a team's own
//! (`templates/new/KIND.md` in the repository, which the driver reads and adds: the
//! model does no IO). Each template is read once into its sections: for every
//! heading, the paragraphs and top-level list items directly under it, with
//! whitespace normalised; `{{name}}` placeholders match any text. Front-matter
//! `outcome` and `options` of a team's template are kept too.
//!
//! A leaf of the model: it imports only `kind` (and `docket-syntax`). Comparing a
//! document with the templates is `read`'s (`read::template`), which fills
//! [`crate::TemplateText`].

use std::ops::Range;
use std::sync::LazyLock;

use docket_syntax::{Outline, Yaml, outline, parse_yaml, split_front_matter, strip_bom};

use crate::kind::Kind;

/// The built-in templates of `docket new`, by kind.
const BUILT_IN: &[(Kind, &str)] = &[
    (
        Kind::Decision,
        include_str!("../../../templates/new/decision.md"),
    ),
    (Kind::Brief, include_str!("../../../templates/new/brief.md")),
    (
        Kind::Update,
        include_str!("../../../templates/new/update.md"),
    ),
];

/// The built-in templates, read once.
static BUILT_IN_READ: LazyLock<Vec<Template>> = LazyLock::new(|| {
    BUILT_IN
        .iter()
        .map(|(kind, text)| Template::read(*kind, "built-in", text))
        .collect()
});

/// The templates a handbook's documents are compared with: the built-in ones, and
/// the team's own that the driver adds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Templates {
    team: Vec<Template>,
}

impl Templates {
    /// The kinds `docket new` writes from a template, whose `templates/new/KIND.md`
    /// a team may write.
    pub const KINDS: [Kind; 3] = [Kind::Decision, Kind::Brief, Kind::Update];

    /// Adds a team's template of `kind`, read from `source` (its path, for
    /// messages), with text `text`.
    pub fn add(&mut self, kind: Kind, source: impl Into<String>, text: &str) {
        self.team.push(Template::read(kind, source, text));
    }

    /// The templates of `kind`: the built-in one, then the team's. Both count: a
    /// record may have been written before the team had its own template.
    pub fn of(&self, kind: Kind) -> impl Iterator<Item = &Template> {
        BUILT_IN_READ
            .iter()
            .chain(self.team.iter())
            .filter(move |t| t.kind == kind)
    }
}

/// One template, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// The kind it writes.
    pub kind: Kind,
    /// Where it comes from: `built-in`, or its path (`templates/new/decision.md`).
    pub source: String,
    sections: Vec<Section>,
    outcome: Option<Pattern>,
    options: Vec<Pattern>,
}

/// A heading of a template and the paragraphs and items directly under it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Section {
    heading: Pattern,
    units: Vec<Pattern>,
}

impl Template {
    /// Reads a template's text. What cannot be read (front matter that is not
    /// YAML, say) is left out: a template only ever makes less text "template text".
    fn read(kind: Kind, source: impl Into<String>, text: &str) -> Template {
        let text = strip_bom(text);
        let (front, body) = match split_front_matter(text) {
            Ok(split) => (split.front_matter, split.body),
            Err(_) => (None, 0..text.len()),
        };
        let outline = outline(text, body.clone());
        let sections = (0..outline.headings.len())
            .filter_map(|i| {
                let name = heading_name(&outline.headings[i].text).to_lowercase();
                let heading = Pattern::new(&name)?;
                let units = units(text, &outline, i, body.end)
                    .into_iter()
                    .filter_map(|u| Pattern::new(&u.text))
                    .collect();
                Some(Section { heading, units })
            })
            .collect();
        let (outcome, options) = front
            .and_then(|range| text.get(range))
            .map(front_values)
            .unwrap_or_default();
        Template {
            kind,
            source: source.into(),
            sections,
            outcome,
            options,
        }
    }

    /// Whether `text`, a paragraph or list item (whitespace normalised, without its
    /// list marker) under a heading `heading`, is this template's text under a
    /// heading of that name.
    pub fn has_unit(&self, heading: &str, text: &str) -> bool {
        self.sections
            .iter()
            .filter(|s| s.heading.matches_heading(heading))
            .any(|s| s.units.iter().any(|u| u.matches(text)))
    }

    /// Whether the template writes anything under a heading `heading`.
    pub fn has_section(&self, heading: &str) -> bool {
        self.sections
            .iter()
            .any(|s| s.heading.matches_heading(heading) && !s.units.is_empty())
    }

    /// Whether `outcome` is the outcome this template writes in its front matter.
    pub fn has_outcome(&self, outcome: &str) -> bool {
        self.outcome
            .as_ref()
            .is_some_and(|p| p.matches(&normalize(outcome)))
    }

    /// Whether `name` is an option this template writes in its front matter.
    pub fn has_option(&self, name: &str) -> bool {
        let name = normalize(name);
        self.options.iter().any(|p| p.matches(&name))
    }
}

/// A template's front-matter `outcome` and option names. Its other values hold
/// `{{name}}` placeholders (`title: {{title}}`), which are not YAML: each is read as
/// a word that marks where a placeholder was.
fn front_values(front: &str) -> (Option<Pattern>, Vec<Pattern>) {
    const MARK: &str = "docketplaceholder";
    let marked = replace_placeholders(front, MARK);
    let Ok(Yaml::Map(entries)) = parse_yaml(&marked, 0) else {
        return (None, Vec::new());
    };
    let pattern = |v: &Yaml| {
        v.as_scalar_string()
            .and_then(|s| Pattern::new(&s.replace(MARK, "{{}}")))
    };
    let get = |key: &str| entries.iter().find(|(k, _)| k == key).map(|(_, v)| v);
    let outcome = get("outcome").and_then(pattern);
    let options = match get("options") {
        Some(Yaml::Seq(items)) => items
            .iter()
            .filter_map(|i| match i.get("name") {
                Some(name) => pattern(name),
                None => pattern(i),
            })
            .collect(),
        _ => Vec::new(),
    };
    (outcome, options)
}

/// `text` with each `{{…}}` replaced by `with`.
fn replace_placeholders(text: &str, with: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str(with);
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

/// A template's text with its `{{name}}` placeholders: the literal pieces between
/// them, normalised. A placeholder matches any text; a pattern that is only
/// placeholders is no pattern (it would match everything).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pattern {
    pieces: Vec<String>,
}

impl Pattern {
    fn new(text: &str) -> Option<Pattern> {
        let text = normalize(text);
        let mut pieces = Vec::new();
        let mut rest = text.as_str();
        while let Some(start) = rest.find("{{") {
            let Some(len) = rest[start..].find("}}") else {
                break;
            };
            pieces.push(rest[..start].to_string());
            rest = &rest[start + len + 2..];
        }
        pieces.push(rest.to_string());
        pieces
            .iter()
            .any(|p| p.chars().any(char::is_alphanumeric))
            .then_some(Pattern { pieces })
    }

    /// Whether normalised `text` is this pattern with its placeholders filled in.
    fn matches(&self, text: &str) -> bool {
        let [first, middle @ .., last] = self.pieces.as_slice() else {
            return self.pieces.first().is_some_and(|p| p == text);
        };
        let Some(mut rest) = text.strip_prefix(first.as_str()) else {
            return false;
        };
        for piece in middle {
            match rest.find(piece.as_str()) {
                Some(at) => rest = &rest[at + piece.len()..],
                None => return false,
            }
        }
        rest.ends_with(last.as_str())
    }

    /// Whether heading text `text` names this heading: as written, ignoring case and
    /// a trailing `:`, as docket matches section names everywhere.
    /// (The pattern of a heading is built from its name in lowercase.)
    fn matches_heading(&self, text: &str) -> bool {
        self.matches(&heading_name(&normalize(text)).to_lowercase())
    }
}

/// A heading's name: without a trailing `:`.
fn heading_name(text: &str) -> &str {
    text.trim().trim_end_matches(':').trim_end()
}

/// `text` with every run of whitespace one space, trimmed: paragraphs compare equal
/// however they are wrapped.
pub(crate) fn normalize(text: &str) -> String {
    // One allocation, no list of words (every paragraph of every record passes
    // through here when a kind has templates).
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A paragraph or top-level list item directly under a heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unit {
    /// Its text, normalised, without a list item's marker (`-`, `*`, `+`, `1.`).
    pub text: String,
    /// Where it is written (a list item's whole range, nested items included).
    pub range: Range<usize>,
}

/// The paragraphs and top-level list items directly under heading `index` of
/// `outline` (up to the next heading of any level, or `body_end`). HTML comments
/// are no text: a template's comment left in place says nothing either way.
pub(crate) fn units(text: &str, outline: &Outline, index: usize, body_end: usize) -> Vec<Unit> {
    let Some(heading) = outline.headings.get(index) else {
        return Vec::new();
    };
    let end = outline
        .headings
        .get(index + 1)
        .map_or(body_end, |h| h.range.start)
        .max(heading.range.end);
    let section = heading.range.end..end;
    // Items are in document order, so those under this heading are one run.
    let all = &outline.list_items;
    let first = all.partition_point(|i| i.section < Some(index));
    let last = all.partition_point(|i| i.section <= Some(index));
    let items: Vec<Range<usize>> = all[first..last.max(first)]
        .iter()
        .filter(|i| i.depth == 0)
        .map(|i| i.range.start..i.range.end.min(end))
        .collect();
    let mut out: Vec<Unit> = items
        .iter()
        .filter_map(|r| {
            let raw = text.get(r.clone())?;
            Some(Unit {
                text: normalize(strip_marker(raw)),
                range: trimmed(text, r.clone()),
            })
        })
        .collect();
    // Paragraphs: runs of non-blank lines outside the list items.
    let mut paragraph: Option<Range<usize>> = None;
    let mut offset = section.start;
    let mut next_item = 0;
    let lines = text
        .get(section.clone())
        .unwrap_or("")
        .split_inclusive('\n');
    for line in lines.chain(std::iter::once("")) {
        let start = offset;
        offset += line.len();
        while items.get(next_item).is_some_and(|r| r.end <= start) {
            next_item += 1;
        }
        let in_item = items.get(next_item).is_some_and(|r| r.contains(&start));
        if line.trim().is_empty() || in_item {
            if let Some(p) = paragraph.take() {
                out.push(Unit {
                    text: normalize(text.get(p.clone()).unwrap_or("")),
                    range: trimmed(text, p),
                });
            }
            continue;
        }
        paragraph = Some(paragraph.map_or(start..offset, |p| p.start..offset));
    }
    out.retain(|u| !u.text.is_empty() && !is_comment(&u.text));
    out.sort_by_key(|u| u.range.start);
    out
}

/// `range` without the whitespace at its end (a line's newline).
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let t = text.get(range.clone()).unwrap_or("");
    range.start..range.start + t.trim_end().len()
}

/// A list item's text without its marker.
fn strip_marker(item: &str) -> &str {
    let t = item.trim_start();
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = t.strip_prefix(marker) {
            return rest;
        }
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    match t[digits..]
        .strip_prefix(". ")
        .or(t[digits..].strip_prefix(") "))
    {
        Some(rest) if digits > 0 => rest,
        _ => t,
    }
}

/// Whether a paragraph is only an HTML comment.
fn is_comment(text: &str) -> bool {
    text.strip_prefix("<!--")
        .and_then(|rest| rest.strip_suffix("-->"))
        .is_some_and(|inner| !inner.contains("-->"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units_of(text: &str) -> Vec<(String, String)> {
        let o = outline(text, 0..text.len());
        (0..o.headings.len())
            .flat_map(|i| {
                let heading = o.headings[i].text.clone();
                units(text, &o, i, text.len())
                    .into_iter()
                    .map(move |u| (heading.clone(), u.text))
            })
            .collect()
    }

    #[test]
    fn units_are_paragraphs_and_items_with_normalised_whitespace() {
        let text = "# T\n\n## Options\n\nIntro\nover two lines.\n\n- **A.** one\n  more\n  - nested\n* B\n\n1. C\n\n<!-- a comment -->\n\nAfter.\n## Next\nx\n";
        assert_eq!(
            units_of(text),
            [
                ("Options", "Intro over two lines."),
                ("Options", "**A.** one more - nested"),
                ("Options", "B"),
                ("Options", "C"),
                ("Options", "After."),
                ("Next", "x"),
            ]
            .map(|(a, b)| (a.to_string(), b.to_string()))
        );
    }

    #[test]
    fn placeholders_match_any_text() {
        let p = Pattern::new("Describe what {{title}} solves,\n  briefly.").unwrap();
        assert!(p.matches("Describe what Adopt Rust solves, briefly."));
        assert!(!p.matches("Describe what it solves."));
        assert!(Pattern::new("{{title}}").is_none(), "only a placeholder");
        assert!(Pattern::new("{{ title }}:").is_none());
        let h = Pattern::new("decision").unwrap();
        assert!(h.matches_heading("DECISION:"));
        assert!(!h.matches_heading("Decision outcome"));
    }

    #[test]
    fn the_built_in_decision_template_has_its_sections() {
        let templates = Templates::default();
        let t = templates.of(Kind::Decision).next().unwrap();
        assert!(t.has_unit(
            "Options",
            "**First option.** What it is, what speaks for it and what against it."
        ));
        assert!(t.has_section("decision"));
        assert!(!t.has_section("Consequences"));
        assert!(t.has_unit(
            "Decision",
            &normalize(
                "Open until the owner decides, by the deadline at the latest, with what is known\nthen. Replace this paragraph with the chosen option and why, and set\n`status: accepted` (or `rejected`) and `decided` in the front matter."
            )
        ));
        assert_eq!(templates.of(Kind::Brief).count(), 1);
        assert_eq!(templates.of(Kind::Charter).count(), 0);
    }

    #[test]
    fn a_teams_template_gives_front_matter_values() {
        let mut templates = Templates::default();
        templates.add(
            Kind::Decision,
            "templates/new/decision.md",
            "---\ntitle: {{title}}\noutcome: To be decided by {{owner}}.\noptions:\n  - name: Option A\n  - Option B\n---\n",
        );
        let team = templates.of(Kind::Decision).nth(1).unwrap();
        assert_eq!(team.source, "templates/new/decision.md");
        assert!(team.has_outcome("To be decided  by alice."));
        assert!(team.has_option("Option A") && team.has_option("Option B"));
        assert!(!team.has_option("PostgreSQL"));
    }
}
