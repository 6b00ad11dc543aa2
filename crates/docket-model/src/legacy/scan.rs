//! What the body of a decision says in the shapes of existing formats ([`Facts`]),
//! and which format a record is written in ([`detect`]).

use std::ops::Range;

use crate::document::{Document, Fields, Legacy, Spanned};
use crate::kind::is_placeholder;

use super::lines::{
    Line, Relation, fence, label_line, line_around, lines_of, relation_of, same_heading,
    strip_number, title_range,
};
use super::refs::references;

/// Whether a file stem is log4brains-style: eight digits that form a valid date
/// (`20201016-use-the-adr-slug`), alone or followed by `-` or `_`.
pub fn is_dated_stem(stem: &str) -> bool {
    let b = stem.as_bytes();
    if b.len() < 8 || !b[..8].iter().all(u8::is_ascii_digit) {
        return false;
    }
    if !(b.len() == 8 || matches!(b[8], b'-' | b'_')) {
        return false;
    }
    let n = |r: Range<usize>| stem.get(r).and_then(|s| s.parse::<i16>().ok());
    let (Some(y), Some(m), Some(d)) = (n(0..4), n(4..6), n(6..8)) else {
        return false;
    };
    (1900..=2999).contains(&y)
        && i8::try_from(m)
            .is_ok_and(|m| i8::try_from(d).is_ok_and(|d| jiff::civil::Date::new(y, m, d).is_ok()))
}

/// A `Supersedes`/`Superseded by` line and the references it names.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RelationLine {
    /// Which way the line points.
    pub relation: Relation,
    /// File names or numbers, each with the range of its link or word.
    pub targets: Vec<Spanned<String>>,
    /// The whole line, newline included.
    pub line: Range<usize>,
    /// Whether `docket import` moves the line into front matter (it is in the
    /// `## Status` section or under the title, not under `## Links`).
    pub moves: bool,
}

/// A `Label: value` line under the title.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LabelLine {
    /// The value and its range.
    pub value: Spanned<String>,
    /// The whole line, newline included.
    pub line: Range<usize>,
}

/// What the body of a decision says in the shapes of existing formats. Computed for
/// every decision (status statements count for docket records too); the values are
/// used for records read as [`Legacy`].
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Facts {
    /// The first heading when it is a level-1 heading: its text without an `N. `
    /// prefix, and the range of that text.
    pub title: Option<Spanned<String>>,
    /// Whether the title had an `N. ` prefix (adr-tools).
    pub numbered_title: bool,
    /// `Date:` under the title.
    pub date: Option<LabelLine>,
    /// Whether a label line was written as a list item (`- Status:`, MADR 2).
    pub bulleted: bool,
    /// `Status:` lines under the title.
    pub status_lines: Vec<LabelLine>,
    /// `Deciders:` / `Decision-makers:` under the title.
    pub deciders: Option<LabelLine>,
    /// `Consulted:` under the title.
    pub consulted: Option<LabelLine>,
    /// `Informed:` under the title.
    pub informed: Option<LabelLine>,
    /// `Tags:` under the title.
    pub tags: Option<LabelLine>,
    /// The `Status` section at the level directly below the title (`## Status`
    /// under a `# Title`): its heading line and the status it states. A deeper
    /// `### Status` heading is a part of some other section, never the status.
    pub status_section: Option<StatusSection>,
    /// `Supersedes` / `Superseded by` lines.
    pub relations: Vec<RelationLine>,
    /// Whether the body has MADR's sections (`Considered Options`, `Decision Outcome`).
    pub madr_sections: bool,
}

/// A `## Status` section.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StatusSection {
    /// The heading as written, with its level in `#`s (`## Status`), for messages.
    pub heading: String,
    /// The heading line, newline included.
    pub heading_line: Range<usize>,
    /// The status line (first line of the first paragraph that is not a relation),
    /// with its value.
    pub status: Option<LabelLine>,
}

/// Reads the shapes of existing formats from a document's body.
pub(crate) fn scan(doc: &Document) -> Facts {
    let mut facts = Facts::default();
    let text = doc.text.as_str();
    let headings = &doc.outline.headings;
    // The title: the first heading, when it is a level-1 heading.
    let title_heading = headings.first().filter(|h| h.level == 1);
    if let Some(h) = title_heading {
        let (value, numbered) = strip_number(&h.text);
        let range = title_range(text, h.range.clone(), &value);
        facts.numbered_title = numbered;
        if !value.is_empty() {
            facts.title = Some(Spanned::new(value, range));
        }
    }
    // The zone under the title: from the title (or the start of the body) to the next
    // heading.
    let (zone_start, next_heading) = match title_heading {
        Some(h) => (
            line_around(text, h.range.start).end.max(h.range.end),
            headings.get(1),
        ),
        None => (doc.body.start, headings.first()),
    };
    let zone_end = next_heading.map_or(doc.body.end, |h| line_around(text, h.range.start).start);
    scan_zone(&mut facts, text, zone_start..zone_end.max(zone_start));
    // The `## Status` section (adr-tools, Nygard): at the level of the sections
    // directly below the title (SPEC §9). kuma's records have `### Status` and
    // `#### Status` headings about status fields deep in their design sections.
    let level = section_level(headings, title_heading.is_some());
    if let Some(i) = headings
        .iter()
        .position(|h| h.level == level && same_heading(&h.text, "Status"))
    {
        facts.status_section = Some(scan_status_section(&mut facts, doc, i));
    }
    // `Supersedes` items under `## Links` (log4brains): read, not moved.
    if let Some(i) = headings
        .iter()
        .position(|h| h.level > 1 && same_heading(&h.text, "Links"))
    {
        for item in doc.outline.items_in_section(i) {
            let line = line_around(text, item.range.start);
            let content = text[line.clone()].trim_end_matches(['\n', '\r']);
            facts
                .relations
                .extend(relation_line(content, line.start, line.clone(), false));
        }
    }
    facts.madr_sections = ["Considered Options", "Decision Outcome"]
        .iter()
        .any(|s| doc.outline.section(s).is_some());
    facts
}

/// The level of a record's sections: 2 under a level-1 title; without one, the
/// shallowest level its headings use.
fn section_level(headings: &[docket_syntax::Heading], titled: bool) -> u8 {
    if titled {
        return 2;
    }
    headings.iter().map(|h| h.level).min().unwrap_or(2)
}

/// The label lines and relation lines under the title (outside code fences).
fn scan_zone(facts: &mut Facts, text: &str, zone: Range<usize>) {
    let mut in_fence: Option<char> = None;
    for line in lines_of(text, zone) {
        if let Some(c) = fence(line.text) {
            in_fence = match in_fence {
                Some(open) if open == c => None,
                None => Some(c),
                other => other,
            };
            continue;
        }
        if in_fence.is_some() {
            continue;
        }
        let whole = line.start..line.full_end;
        if let Some(r) = relation_line(line.text, line.start, whole.clone(), true) {
            facts.relations.push(r);
            continue;
        }
        read_label(facts, text, &line);
    }
}

/// A label line (`Status: x`, `Date: x`, `- Deciders: x`, …) into its slot of
/// `facts`; the first of each label counts, every `Status:` line is a statement.
fn read_label(facts: &mut Facts, text: &str, line: &Line<'_>) {
    let Some((label, value_range, bulleted)) = label_line(line.text) else {
        return;
    };
    if value_range.is_empty() {
        return;
    }
    let value_range = line.start + value_range.start..line.start + value_range.end;
    let value = text[value_range.clone()].to_string();
    let entry = LabelLine {
        value: Spanned::new(value, value_range),
        line: line.start..line.full_end,
    };
    let slot = match label.as_str() {
        "status" => {
            facts.bulleted |= bulleted;
            facts.status_lines.push(entry);
            return;
        }
        "date" => &mut facts.date,
        "deciders" | "decider" | "decider(s)" | "decision-makers" | "decision makers"
        | "decision-maker" | "decision maker" | "decision maker(s)" | "decision-maker(s)" => {
            &mut facts.deciders
        }
        "consulted" => &mut facts.consulted,
        "informed" => &mut facts.informed,
        "tags" => &mut facts.tags,
        _ => return,
    };
    // A value left as a template wrote it (`Tags: {tags}`) states nothing, so a
    // later line of the same label is the one read: otherwise `docket import` read
    // that later line only on a second run (found by the legacy property test).
    if slot.is_none() && !is_placeholder(&entry.value.value, true) {
        facts.bulleted |= bulleted;
        *slot = Some(entry);
    }
}

/// The `## Status` section under heading `i`: its status (the first line of its first
/// paragraph) and the relation lines in it.
fn scan_status_section(facts: &mut Facts, doc: &Document, i: usize) -> StatusSection {
    let text = doc.text.as_str();
    let h = &doc.outline.headings[i];
    let heading_line = line_around(text, h.range.start);
    let region = doc.outline.section_range(i, doc.body.end);
    let region = heading_line.end.max(region.start)..region.end.max(heading_line.end);
    let mut status = None;
    let mut paragraph = 0;
    let mut in_paragraph = false;
    for line in lines_of(text, region) {
        if line.text.trim().is_empty() {
            in_paragraph = false;
            continue;
        }
        if !in_paragraph {
            paragraph += 1;
            in_paragraph = true;
        }
        let whole = line.start..line.full_end;
        if let Some(r) = relation_line(line.text, line.start, whole, true) {
            // A first paragraph that says only "Superseded by [..]" is the status too.
            if status.is_none() && paragraph == 1 && r.relation == Relation::SupersededBy {
                status = Some(trimmed(&line));
            }
            facts.relations.push(r);
            continue;
        }
        if status.is_none() && paragraph == 1 {
            status = Some(trimmed(&line));
            continue;
        }
        // A label line in the section (`Status: x`, `Date: x`) states what it
        // states here too: `docket import` removes the section's heading, which
        // puts such a line under the title, where a second import read it and
        // moved it (found by the legacy fuzz target).
        read_label(facts, text, &line);
    }
    let heading = format!(
        "{} {}",
        "#".repeat(usize::from(h.level)),
        h.text.split("<!--").next().unwrap_or(&h.text).trim()
    );
    StatusSection {
        heading,
        heading_line,
        status,
    }
}

/// A `Supersedes` / `Superseded by` line that names at least one record. `content`
/// starts at `start`; `line` is the whole line.
fn relation_line(
    content: &str,
    start: usize,
    line: Range<usize>,
    moves: bool,
) -> Option<RelationLine> {
    let relation = relation_of(content)?;
    let targets = references(content, start);
    (!targets.is_empty()).then_some(RelationLine {
        relation,
        targets,
        line,
        moves,
    })
}

/// A whole line as a label line: its trimmed text is the value.
fn trimmed(line: &Line<'_>) -> LabelLine {
    let t = line.text.trim();
    let at = line.start + (line.text.len() - line.text.trim_start().len());
    LabelLine {
        value: Spanned::new(t.to_string(), at..at + t.len()),
        line: line.start..line.full_end,
    }
}

/// Whether front matter is docket's own rather than MADR's: it has an `owner`, or a
/// `title` without MADR's `decision-makers` (MADR 4) or `deciders` (MADR 3).
fn is_docket_front(fields: &Fields) -> bool {
    fields.get("owner").is_some()
        || (fields.get("title").is_some()
            && fields.get("decision-makers").is_none()
            && fields.get("deciders").is_none())
}

/// Which existing format a decision is written in, or `None` for a docket record.
pub(crate) fn detect(doc: &Document, fields: &Fields, facts: &Facts) -> Option<Legacy> {
    if doc.broken {
        return None;
    }
    let dated = is_dated_stem(doc.stem());
    let madr = |dated: bool| {
        if dated {
            Legacy::Log4brains
        } else {
            Legacy::Madr
        }
    };
    if doc.front.is_some() {
        return (!is_docket_front(fields)).then(|| madr(dated));
    }
    let lines = !facts.status_lines.is_empty()
        || facts.deciders.is_some()
        || facts.date.is_some()
        || facts.tags.is_some();
    if facts.bulleted || (dated && (lines || facts.title.is_some())) {
        return Some(madr(dated));
    }
    if facts.numbered_title || facts.status_section.is_some() || lines {
        return Some(Legacy::AdrTools);
    }
    if facts.madr_sections {
        return Some(madr(dated));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dated_stems() {
        assert!(is_dated_stem("20201016-use-the-adr-slug"));
        assert!(is_dated_stem("20200229-leap"));
        assert!(!is_dated_stem("20210229-not-a-leap-year"));
        assert!(!is_dated_stem("0042-use-postgresql"));
        assert!(!is_dated_stem("12345678-x"));
        assert!(!is_dated_stem("202010160-x"));
    }
}
