//! Existing decision records, read as they are (SPEC §9): the compatibility layer
//! between adr-tools, MADR and log4brains records and docket's typed [`Decision`].
//!
//! - **adr-tools**: no front matter; `# 1. Title`, a `Date: 2016-02-12` line, a
//!   `## Status` section whose first paragraph is the status, and `Supersedes [1. …](…)`
//!   / `Superseded by [3. …](…)` lines in that section.
//! - **MADR** (3 and 4): front matter with `status`, `date`, `decision-makers`,
//!   `consulted`, `informed`; the title is the first heading. MADR 2 wrote the same
//!   facts as `* Status: accepted` / `* Deciders: …` / `* Date: …` lines under the
//!   title.
//! - **log4brains**: MADR 2 lines (`- Status:`, `- Date:`, `- Deciders:`,
//!   `- Tags:`), file names `YYYYMMDD-slug.md` (the id is the stem), and
//!   `Supersedes [x](…)` items under `## Links`.
//!
//! The rules never see these formats: [`crate::parse_document`] folds what is found
//! here into the same [`Decision`] a docket record gives, with every value's byte
//! range pointing at the line it was read from. Nothing here reads files or prints.
//!
//! [`Decision`]: crate::Decision

use std::ops::Range;

use crate::document::{Decision, Document, Fields, Spanned};
use crate::kind::DECISION_STATUSES;

/// The format an existing decision record was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Legacy {
    /// adr-tools (Nygard): `# 1. Title`, `Date:`, `## Status`.
    AdrTools,
    /// MADR: front matter with `status`, `date`, `decision-makers`; or MADR 2's
    /// `* Status:` lines.
    Madr,
    /// log4brains: MADR 2 lines in a `YYYYMMDD-slug.md` file.
    Log4brains,
}

impl Legacy {
    /// The format's name as the command line spells it (`--from`).
    pub fn name(self) -> &'static str {
        match self {
            Legacy::AdrTools => "adr-tools",
            Legacy::Madr => "madr",
            Legacy::Log4brains => "log4brains",
        }
    }

    /// The format's name for messages.
    pub fn label(self) -> &'static str {
        match self {
            Legacy::AdrTools => "adr-tools",
            Legacy::Madr => "MADR",
            Legacy::Log4brains => "log4brains",
        }
    }
}

impl std::fmt::Display for Legacy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// Where a record states its status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusSource {
    /// The front-matter `status` key.
    FrontMatter,
    /// The first paragraph of a `## Status` section.
    Section,
    /// A `Status: x` (or `**Status:** x`, `- Status: x`) line under the title.
    Line,
}

impl StatusSource {
    /// How messages name the place.
    pub fn describe(self) -> &'static str {
        match self {
            StatusSource::FrontMatter => "the front matter",
            StatusSource::Section => "the `## Status` section",
            StatusSource::Line => "the `Status:` line",
        }
    }
}

/// One place where a record states its status.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusStatement {
    /// The status as written (`Accepted`, `Superseded by [3. X](0003-x.md)`), with
    /// its range.
    pub written: Spanned<String>,
    /// The status after normalisation: one of docket's statuses when one matches,
    /// otherwise the written words in lowercase (`on hold`).
    pub status: String,
    /// Whether [`StatusStatement::status`] is one of docket's statuses.
    pub known: bool,
    /// Where it is written.
    pub source: StatusSource,
}

/// A status after normalisation (see [`normalize_status`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalizedStatus {
    /// One of docket's statuses, or the written words in lowercase.
    pub status: String,
    /// Whether `status` is one of docket's statuses.
    pub known: bool,
    /// For `superseded by X`: the reference to X as written (a file name or number).
    pub superseded_by: Option<String>,
}

/// Maps a status as written in an existing record to docket's statuses:
/// case-insensitive, emphasis and a final period dropped, `Superseded by [3. X](…)`
/// (or MADR's `superseded by ADR-0003`) read as `superseded` plus its reference, and a
/// known first word kept (`Accepted on 2020-01-02` → `accepted`). Anything else is
/// kept as written, in lowercase, and marked unknown.
pub fn normalize_status(written: &str) -> NormalizedStatus {
    let plain: String = written
        .chars()
        .filter(|c| !matches!(c, '*' | '`'))
        .collect::<String>()
        .trim()
        .trim_matches('_')
        .trim_end_matches('.')
        .trim()
        .to_lowercase();
    let word: String = plain
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '-')
        .collect();
    if word == "superseded" || word == "superceded" {
        return NormalizedStatus {
            status: "superseded".into(),
            known: true,
            superseded_by: reference_in(written),
        };
    }
    if DECISION_STATUSES.contains(&word.as_str()) {
        return NormalizedStatus {
            status: word,
            known: true,
            superseded_by: None,
        };
    }
    let collapsed = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    NormalizedStatus {
        status: collapsed,
        known: false,
        superseded_by: None,
    }
}

/// What an unknown status reads like, for the help of `invalid-value`.
pub fn status_hint(status: &str) -> Option<&'static str> {
    let s = status.trim().to_lowercase();
    let first = s.split_whitespace().next().unwrap_or("");
    Some(match first {
        "draft" | "open" | "new" | "pending" | "review" | "discussing" | "proposal" => "proposed",
        "on" | "hold" | "postponed" | "paused" | "deferred" | "parked" => {
            "proposed` with a later `deadline`, or `deprecated"
        }
        "final" | "approved" | "adopted" | "agreed" | "decided" | "done" | "implemented"
        | "living" | "active" | "amended" => "accepted",
        "withdrawn" | "abandoned" | "declined" | "stagnant" | "cancelled" | "canceled" => {
            "rejected"
        }
        "obsolete" | "retired" | "replaced" => "deprecated",
        _ => return None,
    })
}

/// The whole lines to remove from the body: each label line, status statement and
/// relation line whose content the new front matter holds.
pub(crate) fn moved_lines(d: &Decision, facts: &Facts) -> Vec<Range<usize>> {
    let within = |r: Option<&Range<usize>>, line: &Range<usize>| {
        r.is_some_and(|r| r.start >= line.start && r.end <= line.end)
    };
    let mut out: Vec<Range<usize>> = Vec::new();
    if let Some(l) = &facts.date
        && within(d.found("date"), &l.line)
    {
        out.push(l.line.clone());
    }
    if let Some(l) = &facts.deciders
        && within(d.found("owner"), &l.line)
    {
        out.push(l.line.clone());
    }
    for (name, line) in [
        ("consulted", &facts.consulted),
        ("informed", &facts.informed),
        ("tags", &facts.tags),
    ] {
        if let Some(l) = line
            && within(d.found(name), &l.line)
        {
            out.push(l.line.clone());
        }
    }
    // The status goes into the front matter: every statement of it in the body is
    // metadata (`docket import` skips records whose statements disagree).
    if d.status.is_some() {
        out.extend(facts.status_lines.iter().map(|l| l.line.clone()));
        if let Some(s) = &facts.status_section
            && let Some(l) = &s.status
        {
            out.push(s.heading_line.clone());
            out.push(l.line.clone());
        }
    }
    // A supersession line moves when each record it names is in the front matter.
    let named = |value: &str| {
        d.supersedes
            .iter()
            .chain(d.superseded_by.iter())
            .any(|s| s.value == value)
    };
    for r in facts.relations.iter().filter(|r| r.moves) {
        if r.targets.iter().all(|t| named(&t.value)) {
            out.push(r.line.clone());
        }
    }
    out.sort_by_key(|r| r.start);
    out.dedup();
    out
}

/// Whether heading text names section `name` (case-insensitive, a trailing colon and
/// an HTML comment such as log4brains' `<!-- optional -->` ignored).
fn same_heading(text: &str, name: &str) -> bool {
    let t = text.split("<!--").next().unwrap_or(text);
    t.trim()
        .trim_end_matches(':')
        .trim()
        .eq_ignore_ascii_case(name)
}

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

/// A relation between records written as a line of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Relation {
    /// `Supersedes [1. X](0001-x.md)`.
    Supersedes,
    /// `Superseded by [3. X](0003-x.md)`.
    SupersededBy,
}

/// A `Supersedes`/`Superseded by` line and the references it names.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RelationLine {
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
    /// The `## Status` section: its heading line and the status it states.
    pub status_section: Option<StatusSection>,
    /// `Supersedes` / `Superseded by` lines.
    pub relations: Vec<RelationLine>,
    /// Whether the body has MADR's sections (`Considered Options`, `Decision Outcome`).
    pub madr_sections: bool,
}

/// A `## Status` section.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StatusSection {
    /// The heading line, newline included.
    pub heading_line: Range<usize>,
    /// The status line (first line of the first paragraph that is not a relation),
    /// with its value.
    pub status: Option<LabelLine>,
}

/// One line of the body.
struct Line<'a> {
    /// Start of the line.
    start: usize,
    /// End including the line break.
    full_end: usize,
    text: &'a str,
}

fn lines_of(text: &str, range: Range<usize>) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let Some(src) = text.get(range.clone()) else {
        return out;
    };
    let mut offset = range.start;
    for raw in src.split_inclusive('\n') {
        let content = raw.trim_end_matches(['\n', '\r']);
        out.push(Line {
            start: offset,
            full_end: offset + raw.len(),
            text: content,
        });
        offset += raw.len();
    }
    out
}

/// The line that holds byte `at`, as a whole-line range (newline included).
fn line_around(text: &str, at: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    let at = at.min(bytes.len());
    let start = bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let end = bytes[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| at + i + 1);
    start..end
}

/// Reads a `Label: value` line: an optional list marker, optional bold around the
/// label (`**Status:** x`, `**Status**: x`), a label of letters, and the value after
/// the colon (a trailing HTML comment dropped). Returns the lowercase label and the
/// value's range within the line.
fn label_line(line: &str) -> Option<(String, Range<usize>, bool)> {
    let mut s = line.trim_start();
    let mut at = line.len() - s.len();
    let mut bulleted = false;
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = s.strip_prefix(marker) {
            let rest_trimmed = rest.trim_start();
            at += s.len() - rest_trimmed.len();
            s = rest_trimmed;
            bulleted = true;
            break;
        }
    }
    for em in ["**", "__"] {
        if let Some(rest) = s.strip_prefix(em) {
            at += 2;
            s = rest;
            break;
        }
    }
    let colon = s.find(':')?;
    let label = s[..colon].trim_end_matches(['*', '_']).trim();
    if label.is_empty()
        || label.len() > 24
        || !label
            .chars()
            .all(|c| c.is_ascii_alphabetic() || matches!(c, ' ' | '-' | '(' | ')'))
    {
        return None;
    }
    let mut rest = &s[colon + 1..];
    let mut rest_at = at + colon + 1;
    for em in ["**", "__"] {
        if let Some(r) = rest.strip_prefix(em) {
            rest = r;
            rest_at += 2;
            break;
        }
    }
    let trimmed = rest.trim_start();
    rest_at += rest.len() - trimmed.len();
    let mut value = trimmed;
    if let Some(i) = value.find("<!--") {
        value = &value[..i];
    }
    let value = value.trim_end();
    let value = value
        .strip_suffix("**")
        .or_else(|| value.strip_suffix("__"))
        .unwrap_or(value)
        .trim_end();
    Some((
        label.to_ascii_lowercase(),
        rest_at..rest_at + value.len(),
        bulleted,
    ))
}

/// Whether a line is a fence (```` ``` ```` or `~~~`), returning its character.
fn fence(line: &str) -> Option<char> {
    let t = line.trim_start();
    if line.len() - t.len() > 3 {
        return None;
    }
    if t.starts_with("```") {
        Some('`')
    } else if t.starts_with("~~~") {
        Some('~')
    } else {
        None
    }
}

/// A relation line: `Supersedes …`, `Superseded by …` (optionally a list item).
fn relation_of(line: &str) -> Option<Relation> {
    let t = line
        .trim_start()
        .trim_start_matches(['-', '*', '+'])
        .trim_start()
        .to_lowercase();
    if t.starts_with("superseded") || t.starts_with("superceded") {
        Some(Relation::SupersededBy)
    } else if t.starts_with("supersedes") || t.starts_with("supercedes") {
        Some(Relation::Supersedes)
    } else {
        None
    }
}

/// The decision references in `text`: the destinations of its Markdown links (as
/// file names), or else a number such as `ADR-0005`, `#5` or `0005-x.md`.
pub(crate) fn references(text: &str, base: usize) -> Vec<Spanned<String>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("](") {
        let open = from + i + 2;
        let Some(close) = text[open..].find(')') else {
            break;
        };
        let dest = text[open..open + close]
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_matches(['<', '>']);
        if let Some(name) = file_name_of(dest) {
            let start = text[from..from + i]
                .rfind('[')
                .map_or(from + i, |j| from + j);
            out.push(Spanned::new(name, base + start..base + open + close + 1));
        }
        from = open + close + 1;
    }
    if !out.is_empty() {
        return out;
    }
    if let Some(r) = reference_in(text) {
        let range = docket_syntax::find_in(text, 0..text.len(), &r);
        out.push(Spanned::new(r, base + range.start..base + range.end));
    }
    out
}

/// The file name a link destination names, when it is a relative Markdown file.
fn file_name_of(dest: &str) -> Option<String> {
    let dest = dest.split(['#', '?']).next().unwrap_or("");
    if dest.is_empty() || dest.contains("://") || dest.starts_with("mailto:") {
        return None;
    }
    let decoded = crate::links::percent_decode(dest);
    let name = decoded.rsplit('/').next().unwrap_or(&decoded).trim();
    let lower = name.to_ascii_lowercase();
    (lower.ends_with(".md") || lower.ends_with(".markdown")).then(|| name.to_string())
}

/// A reference in plain words after `superseded by`: a link's file name, or a token
/// with a number (`ADR-0123` → `0123`, `#12` → `12`, `0012-x.md`).
fn reference_in(text: &str) -> Option<String> {
    if let Some(first) = references_links_only(text) {
        return Some(first);
    }
    // ASCII case only: offsets into `lower` are offsets into `text`.
    let lower = text.to_ascii_lowercase();
    let after = lower
        .find(" by ")
        .map_or(lower.as_str(), |i| &lower[i + 4..]);
    let offset = lower.len() - after.len();
    for token in text[offset..].split_whitespace() {
        let token = token
            .trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '.' | '"' | '\'' | '`' | '*'));
        if token.to_ascii_lowercase().ends_with(".md") {
            return Some(token.rsplit('/').next().unwrap_or(token).to_string());
        }
        let digits: String = token
            .trim_start_matches(|c: char| !c.is_ascii_digit())
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if !digits.is_empty() && digits.len() <= 9 {
            return Some(digits);
        }
    }
    None
}

fn references_links_only(text: &str) -> Option<String> {
    let i = text.find("](")?;
    let open = i + 2;
    let close = text[open..].find(')')?;
    let dest = text[open..open + close]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(['<', '>']);
    file_name_of(dest)
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
    let mut in_fence: Option<char> = None;
    for line in lines_of(text, zone_start..zone_end.max(zone_start)) {
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
        if let Some(relation) = relation_of(line.text) {
            let targets = references(line.text, line.start);
            if !targets.is_empty() {
                facts.relations.push(RelationLine {
                    relation,
                    targets,
                    line: whole,
                    moves: true,
                });
                continue;
            }
        }
        let Some((label, value_range, bulleted)) = label_line(line.text) else {
            continue;
        };
        if value_range.is_empty() {
            continue;
        }
        let value_range = line.start + value_range.start..line.start + value_range.end;
        let value = text[value_range.clone()].to_string();
        let entry = LabelLine {
            value: Spanned::new(value, value_range),
            line: whole,
        };
        let slot = match label.as_str() {
            "status" => {
                facts.bulleted |= bulleted;
                facts.status_lines.push(entry);
                continue;
            }
            "date" => &mut facts.date,
            "deciders" | "decider" | "decider(s)" | "decision-makers" | "decision makers"
            | "decision-maker" | "decision maker" | "decision maker(s)" | "decision-maker(s)" => {
                &mut facts.deciders
            }
            "consulted" => &mut facts.consulted,
            "informed" => &mut facts.informed,
            "tags" => &mut facts.tags,
            _ => continue,
        };
        if slot.is_none() {
            facts.bulleted |= bulleted;
            *slot = Some(entry);
        }
    }
    // The `## Status` section (adr-tools, Nygard).
    if let Some(i) = headings
        .iter()
        .position(|h| h.level > 1 && same_heading(&h.text, "Status"))
    {
        let h = &headings[i];
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
            if let Some(relation) = relation_of(line.text) {
                let targets = references(line.text, line.start);
                if !targets.is_empty() {
                    // A first paragraph that says only "Superseded by [..]" is the
                    // status too.
                    if status.is_none() && paragraph == 1 && relation == Relation::SupersededBy {
                        let t = line.text.trim();
                        let at = line.start + (line.text.len() - line.text.trim_start().len());
                        status = Some(LabelLine {
                            value: Spanned::new(t.to_string(), at..at + t.len()),
                            line: whole.clone(),
                        });
                    }
                    facts.relations.push(RelationLine {
                        relation,
                        targets,
                        line: whole,
                        moves: true,
                    });
                    continue;
                }
            }
            if status.is_none() && paragraph == 1 {
                let t = line.text.trim();
                let at = line.start + (line.text.len() - line.text.trim_start().len());
                status = Some(LabelLine {
                    value: Spanned::new(t.to_string(), at..at + t.len()),
                    line: whole,
                });
            }
        }
        facts.status_section = Some(StatusSection {
            heading_line,
            status,
        });
    }
    // `Supersedes` items under `## Links` (log4brains): read, not moved.
    if let Some(i) = headings
        .iter()
        .position(|h| h.level > 1 && same_heading(&h.text, "Links"))
    {
        for item in doc.outline.items_in_section(i) {
            let line = line_around(text, item.range.start);
            let content = text[line.clone()].trim_end_matches(['\n', '\r']);
            if let Some(relation) = relation_of(content) {
                let targets = references(content, line.start);
                if !targets.is_empty() {
                    facts.relations.push(RelationLine {
                        relation,
                        targets,
                        line,
                        moves: false,
                    });
                }
            }
        }
    }
    facts.madr_sections = ["Considered Options", "Decision Outcome"]
        .iter()
        .any(|s| doc.outline.section(s).is_some());
    facts
}

/// `1. Title` → (`Title`, true); other text unchanged.
pub(crate) fn strip_number(text: &str) -> (String, bool) {
    let t = text.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0
        && let Some(rest) = t[digits..]
            .strip_prefix(". ")
            .or_else(|| t[digits..].strip_prefix(".\t"))
    {
        return (rest.trim().to_string(), true);
    }
    (t.to_string(), false)
}

/// The range of the title's text inside its heading line (`# 1. Title` → `Title`);
/// the heading's range when the text cannot be found there.
fn title_range(text: &str, heading: Range<usize>, value: &str) -> Range<usize> {
    let line = line_around(text, heading.start);
    let src = text.get(line.clone()).unwrap_or("");
    match src.find(value) {
        Some(i) if !value.is_empty() => line.start + i..line.start + i + value.len(),
        _ => {
            let end = src.trim_end().len();
            line.start..line.start + end
        }
    }
}

/// Whether front matter is docket's own rather than MADR's: it has an `owner`, or a
/// `title` without MADR's `decision-makers`.
pub(crate) fn is_docket_front(fields: &Fields) -> bool {
    fields.get("owner").is_some()
        || (fields.get("title").is_some() && fields.get("decision-makers").is_none())
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

/// Splits a list of people or tags written on one line (`Alice, Bob and Carol`).
pub(crate) fn split_list(value: &str, tags: bool) -> Vec<String> {
    let v = value.trim().trim_start_matches('[').trim_end_matches(']');
    let parts: Vec<&str> = if tags && !v.contains(',') {
        v.split_whitespace().collect()
    } else {
        v.split([',', ';']).flat_map(|p| p.split(" and ")).collect()
    };
    parts
        .into_iter()
        .map(|p| p.trim().trim_matches(['"', '\'', '`']).trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// The items of a one-line list with their ranges, searched inside `value`'s range.
pub(crate) fn spanned_list(
    text: &str,
    value: &Spanned<String>,
    tags: bool,
) -> Vec<Spanned<String>> {
    let mut from = value.range.start;
    split_list(&value.value, tags)
        .into_iter()
        .map(|item| {
            let range = docket_syntax::find_in(text, from..value.range.end, &item);
            if range.len() == item.len() {
                from = range.end;
            }
            Spanned::new(item, range)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_normalise() {
        let n = |s: &str| normalize_status(s);
        assert_eq!(n("Accepted").status, "accepted");
        assert_eq!(n("**Proposed**").status, "proposed");
        assert_eq!(n("rejected.").status, "rejected");
        assert_eq!(n("Deprecated").status, "deprecated");
        let s = n("Superseded by [3. Use X](0003-use-x.md)");
        assert_eq!(s.status, "superseded");
        assert_eq!(s.superseded_by.as_deref(), Some("0003-use-x.md"));
        let s = n("superseded by ADR-0123");
        assert_eq!(s.superseded_by.as_deref(), Some("0123"));
        let s = n("On Hold");
        assert_eq!((s.status.as_str(), s.known), ("on hold", false));
        assert!(!n("Final").known);
        assert!(!n("Draft").known);
        assert_eq!(n("Accepted on 2020-01-02").status, "accepted");
        assert_eq!(status_hint("draft"), Some("proposed"));
        assert_eq!(status_hint("final"), Some("accepted"));
        assert!(status_hint("on hold").is_some());
    }

    #[test]
    fn dated_stems() {
        assert!(is_dated_stem("20201016-use-the-adr-slug"));
        assert!(is_dated_stem("20200229-leap"));
        assert!(!is_dated_stem("20210229-not-a-leap-year"));
        assert!(!is_dated_stem("0042-use-postgresql"));
        assert!(!is_dated_stem("12345678-x"));
        assert!(!is_dated_stem("202010160-x"));
    }

    #[test]
    fn label_lines() {
        let l = |s: &str| label_line(s).map(|(k, r, b)| (k, s[r].to_string(), b));
        assert_eq!(
            l("- Status: accepted"),
            Some(("status".into(), "accepted".into(), true))
        );
        assert_eq!(
            l("**Status:** Accepted"),
            Some(("status".into(), "Accepted".into(), false))
        );
        assert_eq!(
            l("**Status**: Accepted"),
            Some(("status".into(), "Accepted".into(), false))
        );
        assert_eq!(
            l("Date: 2016-02-12"),
            Some(("date".into(), "2016-02-12".into(), false))
        );
        assert_eq!(
            l("* Deciders: Alice, Bob <!-- optional -->"),
            Some(("deciders".into(), "Alice, Bob".into(), true))
        );
        assert_eq!(l("Use `x`: here"), None);
        assert_eq!(l("Plain text."), None);
    }

    #[test]
    fn references_in_lines() {
        let r = references("Supersedes [1. Record](0001-record.md)", 10);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].value, "0001-record.md");
        assert_eq!(r[0].range.start, 10 + 11);
        let r = references("Superseded by ADR-0004", 0);
        assert_eq!(r[0].value, "0004");
        assert_eq!(
            strip_number("12. Use ISO 8601"),
            ("Use ISO 8601".into(), true)
        );
        assert_eq!(strip_number("Use 2 things"), ("Use 2 things".into(), false));
        assert_eq!(
            split_list("Alice, Bob and Carol", false),
            ["Alice", "Bob", "Carol"]
        );
        assert_eq!(split_list("web api", true), ["web", "api"]);
    }
}
