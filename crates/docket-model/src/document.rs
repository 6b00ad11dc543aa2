//! One file of the handbook, parsed: its front matter with positions, its Markdown
//! outline, and its kind's typed data. Parsing never fails: what cannot be read
//! becomes a diagnostic in [`Document::problems`] and the rest is still filled in.

use std::ops::Range;

use docket_diagnostics::Diagnostic;
use docket_syntax::{
    Outline, Yaml, find_in, outline, parse_yaml, scan_mapping, scan_sequence, split_front_matter,
};

use crate::config::{Config, IdScheme};
use crate::kind::{DECISION_STATUSES, FieldSpec, FieldType, Kind};
use crate::legacy::{
    Facts, Legacy, Relation, StatusSource, StatusStatement, is_dated_stem, normalize_status,
    status_hint,
};
use crate::time::{Time, parse_duration, parse_time};

/// A value with the byte range it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it is written.
    pub range: Range<usize>,
}

impl<T> Spanned<T> {
    /// Pairs a value with its range.
    pub fn new(value: T, range: Range<usize>) -> Self {
        Self { value, range }
    }
}

/// One front-matter key with its value and positions.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The key.
    pub key: String,
    /// The key's byte range.
    pub key_range: Range<usize>,
    /// The value's byte range.
    pub value_range: Range<usize>,
    /// The value.
    pub value: Yaml,
}

/// A block of keys: a document's front matter, or one item of people.yaml or
/// meetings.yaml.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields {
    /// Byte range of the whole block.
    pub range: Range<usize>,
    /// The keys in order.
    pub fields: Vec<Field>,
}

impl Fields {
    /// The field `key`, if present.
    pub fn get(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The range to point at for a missing key: the block's first line.
    pub fn anchor(&self) -> Range<usize> {
        self.range.start..self.range.start
    }
}

/// A decision's id (SPEC §3, §9).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DecisionId {
    /// The number that starts the file name.
    Number(u32),
    /// The file stem, for records without a number.
    Stem(String),
}

impl std::fmt::Display for DecisionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecisionId::Number(n) => write!(f, "{n}"),
            DecisionId::Stem(s) => f.write_str(s),
        }
    }
}

/// When a proposed decision is due (see [`Document::proposed_deadline`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Deadline {
    /// The deadline.
    pub time: Time,
    /// Where it is written: the `deadline` value, or the status when implied.
    pub range: Range<usize>,
    /// Whether it comes from `date` + the charter's `decision_deadline`.
    pub implied: bool,
}

/// A decision record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Decision {
    /// The id from the file name.
    pub id: Option<DecisionId>,
    /// The `id` key, if written.
    pub id_key: Option<Spanned<String>>,
    /// Title.
    pub title: Option<Spanned<String>>,
    /// Status as written (validated against the known statuses by the model).
    pub status: Option<Spanned<String>>,
    /// Owner (roster id).
    pub owner: Option<Spanned<String>>,
    /// When the question was opened.
    pub date: Option<Spanned<Time>>,
    /// Explicit deadline.
    pub deadline: Option<Spanned<Time>>,
    /// When it was decided.
    pub decided: Option<Spanned<Time>>,
    /// Names of the options, from front matter or the `## Options` section.
    pub options: Vec<String>,
    /// The outcome, from front matter or the `## Decision` section.
    pub outcome: Option<String>,
    /// Decisions this one replaces.
    pub supersedes: Vec<Spanned<String>>,
    /// The decision that replaces this one.
    pub superseded_by: Option<Spanned<String>>,
    /// Consulted people or teams.
    pub consulted: Vec<Spanned<String>>,
    /// Informed people or teams.
    pub informed: Vec<Spanned<String>>,
    /// Tags.
    pub tags: Vec<String>,
    /// The format the record is written in when it is not docket's own front matter
    /// (adr-tools, MADR, log4brains; SPEC §9). Its values above were read from that
    /// format, with ranges pointing where they were found.
    pub legacy: Option<Legacy>,
    /// Every place the record states its status (front matter, a `## Status`
    /// section, a `Status:` line), front matter first.
    pub statuses: Vec<StatusStatement>,
    /// Where each known field's value was found (a front-matter value or a line of
    /// the body), whether or not the value is valid. `missing-field` reads it.
    pub found_at: Vec<(&'static str, Range<usize>)>,
}

impl Decision {
    /// Where field `name`'s value was found, if it was.
    pub fn found(&self, name: &str) -> Option<&Range<usize>> {
        self.found_at
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, r)| r)
    }
}

/// A task brief.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Brief {
    /// Title.
    pub title: Option<Spanned<String>>,
    /// Owner.
    pub owner: Option<Spanned<String>>,
    /// Due date.
    pub deadline: Option<Spanned<Time>>,
    /// Status as written.
    pub status: Option<Spanned<String>>,
    /// Estimate in hours.
    pub estimate: Option<f64>,
}

/// The charter's norms (SPEC §3), with defaults for keys not written.
#[derive(Debug, Clone, PartialEq)]
pub struct Norms {
    /// Target reply time, seconds.
    pub response_time: i64,
    /// Default decision deadline, seconds.
    pub decision_deadline: i64,
    /// How long a blocker may stay open, seconds.
    pub blocker_resolution: i64,
    /// Tasks above this need a brief, seconds.
    pub brief_threshold: i64,
    /// Allowed meeting lengths, minutes.
    pub meeting_lengths: Vec<i64>,
    /// Agenda lead time, seconds.
    pub agenda_lead_time: i64,
    /// Protected focus block per day, seconds.
    pub focus_block: i64,
}

impl Default for Norms {
    fn default() -> Self {
        Self {
            response_time: 4 * 3600,
            decision_deadline: 48 * 3600,
            blocker_resolution: 24 * 3600,
            brief_threshold: 2 * 3600,
            meeting_lengths: vec![25, 50],
            agenda_lead_time: 24 * 3600,
            focus_block: 3 * 3600,
        }
    }
}

/// The charter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Charter {
    /// Title.
    pub title: Option<Spanned<String>>,
    /// Owner.
    pub owner: Option<Spanned<String>>,
    /// Last review.
    pub reviewed: Option<Spanned<Time>>,
    /// The norms.
    pub norms: Norms,
}

/// One person of the roster.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Person {
    /// The item's keys and positions.
    pub fields: Fields,
    /// Id.
    pub id: Option<Spanned<String>>,
    /// Name.
    pub name: Option<String>,
    /// Role.
    pub role: Option<String>,
    /// IANA time zone.
    pub timezone: Option<String>,
    /// Team.
    pub team: Option<String>,
    /// Email.
    pub email: Option<String>,
}

/// One line of an update (`Done:`, `Next:` or `Blocker:`).
#[derive(Debug, Clone, PartialEq)]
pub struct UpdateLine {
    /// The text after the colon.
    pub text: String,
    /// Range of the text (or of the label when the text is empty).
    pub range: Range<usize>,
}

/// A daily update.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Update {
    /// The day, from the folder name (or `date`).
    pub date: Option<Time>,
    /// The person, from the file name (or `person`).
    pub person: Option<Spanned<String>>,
    /// `Done:` line.
    pub done: Option<UpdateLine>,
    /// `Next:` line.
    pub next: Option<UpdateLine>,
    /// `Blocker:` line.
    pub blocker: Option<UpdateLine>,
    /// Decisions named in the blocker (`#42` or a file name), with their ranges.
    pub blocker_refs: Vec<Spanned<String>>,
}

impl Update {
    /// The blocker text unless it says `none` (SPEC §3).
    pub fn open_blocker(&self) -> Option<&UpdateLine> {
        self.blocker.as_ref().filter(|b| !is_none_text(&b.text))
    }
}

fn is_none_text(s: &str) -> bool {
    let t = s.trim().trim_end_matches('.').to_ascii_lowercase();
    matches!(t.as_str(), "" | "none" | "no" | "-" | "n/a" | "nothing")
}

/// One meeting of the inventory.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meeting {
    /// The item's keys and positions.
    pub fields: Fields,
    /// Name.
    pub name: Option<String>,
    /// Category as written.
    pub category: Option<String>,
    /// Cadence as written.
    pub cadence: Option<String>,
    /// Minutes.
    pub duration: Option<Spanned<i64>>,
    /// Attendees.
    pub attendees: Vec<Spanned<String>>,
    /// Agenda shared ahead.
    pub agenda: Option<bool>,
}

/// A free page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// Title from front matter or the first heading.
    pub title: Option<String>,
    /// An index page of a kind folder (`decisions/README.md`), not a document.
    pub index_of: Option<Kind>,
}

/// A kind's typed data. Variants differ in size; documents are few enough (one value
/// per file) that boxing would only add indirection.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Data {
    /// A decision.
    Decision(Decision),
    /// A brief.
    Brief(Brief),
    /// The charter.
    Charter(Charter),
    /// The roster.
    People(Vec<Person>),
    /// An update.
    Update(Update),
    /// The meeting inventory.
    Meetings(Vec<Meeting>),
    /// A free page.
    Page(Page),
}

/// One parsed file.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Path relative to the repository root, `/`-separated.
    pub path: String,
    /// Path relative to the handbook root.
    pub handbook_path: String,
    /// The kind.
    pub kind: Kind,
    /// The text, without a BOM.
    pub text: String,
    /// The front matter (Markdown kinds), if any.
    pub front: Option<Fields>,
    /// Whether the front matter (or YAML file) could not be read at all; rules that
    /// judge its contents skip broken documents so one error is reported once.
    pub broken: bool,
    /// Byte range of the Markdown body.
    pub body: Range<usize>,
    /// Headings, list items and links of the body.
    pub outline: Outline,
    /// Typed data.
    pub data: Data,
    /// Problems found while parsing (`front-matter-syntax`, `invalid-value`).
    pub problems: Vec<Diagnostic>,
}

impl Document {
    /// The file stem (`0042-use-postgresql`).
    pub fn stem(&self) -> &str {
        let name = self.path.rsplit('/').next().unwrap_or(&self.path);
        name.rsplit_once('.').map_or(name, |(s, _)| s)
    }

    /// The file name (`0042-use-postgresql.md`).
    pub fn file_name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }

    /// The decision data, if this is a decision.
    pub fn decision(&self) -> Option<&Decision> {
        match &self.data {
            Data::Decision(d) => Some(d),
            _ => None,
        }
    }

    /// A title for lists and messages: the title key, the first heading, or the stem.
    pub fn title(&self) -> String {
        let t = match &self.data {
            Data::Decision(d) => d.title.as_ref().map(|t| t.value.clone()),
            Data::Brief(b) => b.title.as_ref().map(|t| t.value.clone()),
            Data::Charter(c) => c.title.as_ref().map(|t| t.value.clone()),
            Data::Page(p) => p.title.clone(),
            _ => None,
        };
        t.or_else(|| self.outline.headings.first().map(|h| h.text.clone()))
            .unwrap_or_else(|| self.stem().to_string())
    }

    /// The whole lines of the body that only restate a record's metadata in an
    /// existing format (adr-tools' `Date:` line and `## Status` section, MADR 2's
    /// `* Status:` lines; SPEC §9): what `docket import` moves into front matter.
    /// Empty for docket's own records.
    pub fn metadata_lines(&self) -> Vec<Range<usize>> {
        match &self.data {
            Data::Decision(d) if d.legacy.is_some() => {
                crate::legacy::moved_lines(d, &crate::legacy::scan(self))
            }
            _ => Vec::new(),
        }
    }

    /// The deadline of a `proposed` decision (SPEC §3): its `deadline`, or `date` + the
    /// charter's `decision_deadline` (then `implied`). `None` for other statuses and
    /// kinds, without a date, or when a `deadline` key is written but is not a date
    /// (an `invalid-value` finding, not a deadline to compute from). The rule
    /// `deadline-passed`, `docket status`, the metrics and the site all use this.
    pub fn proposed_deadline(&self, norms: &Norms) -> Option<Deadline> {
        let d = self.decision()?;
        if d.status.as_ref().map(|s| s.value.as_str()) != Some("proposed") {
            return None;
        }
        match (&d.deadline, &d.date) {
            (Some(dl), _) => Some(Deadline {
                time: dl.value,
                range: dl.range.clone(),
                implied: false,
            }),
            (None, _)
                if self
                    .front
                    .as_ref()
                    .and_then(|f| f.get("deadline"))
                    .is_some() =>
            {
                None
            }
            (None, Some(date)) => Some(Deadline {
                time: crate::time::add_seconds(date.value, norms.decision_deadline),
                range: d.status.as_ref().map_or(0..0, |s| s.range.clone()),
                implied: true,
            }),
            (None, None) => None,
        }
    }
}

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
        Kind::People | Kind::Meetings => parse_yaml_file(&mut doc),
        _ => {
            parse_markdown(&mut doc);
            if let Some(explicit) = doc
                .front
                .as_ref()
                .and_then(|f| f.get("kind"))
                .and_then(|f| f.value.as_str())
                .and_then(Kind::from_name)
            {
                doc.kind = explicit;
            }
        }
    }
    let fields = doc.front.clone().unwrap_or_default();
    let kind = doc.kind;
    // Existing decision records (SPEC §9): what the body says in their shapes.
    let facts = (kind == Kind::Decision).then(|| crate::legacy::scan(&doc));
    let legacy = facts
        .as_ref()
        .and_then(|f| crate::legacy::detect(&doc, &fields, f));
    if matches!(
        kind,
        Kind::Decision | Kind::Brief | Kind::Charter | Kind::Update | Kind::Page
    ) {
        // A record read as MADR states its status in MADR's words (`Accepted`,
        // `superseded by ADR-0003`); the decision reader judges it after mapping.
        let validated = if legacy.is_some() {
            std::borrow::Cow::Owned(Fields {
                range: fields.range.clone(),
                fields: fields
                    .fields
                    .iter()
                    .filter(|f| !(f.key == "status" && is_scalar(&f.value)))
                    .cloned()
                    .collect(),
            })
        } else {
            std::borrow::Cow::Borrowed(&fields)
        };
        validate_fields(
            &mut doc.problems,
            &doc.path,
            &doc.text,
            &validated,
            kind.schema(),
        );
    }
    doc.data = match kind {
        Kind::Decision => Data::Decision(decision(
            &mut doc,
            &fields,
            config,
            &facts.unwrap_or_default(),
            legacy,
        )),
        Kind::Brief => Data::Brief(Brief {
            title: text_of(&fields, "title"),
            owner: text_of(&fields, "owner"),
            deadline: time_of(&fields, "deadline"),
            status: text_of(&fields, "status"),
            estimate: fields.get("estimate").and_then(|f| number(&f.value)),
        }),
        Kind::Charter => Data::Charter(charter(&fields)),
        Kind::Update => Data::Update(update(&doc, &fields)),
        Kind::Page => Data::Page(Page {
            title: text_of(&fields, "title").map(|t| t.value),
            index_of,
        }),
        Kind::People | Kind::Meetings => {
            std::mem::replace(&mut doc.data, Data::Page(Page::default()))
        }
    };
    doc
}

fn problem(
    doc_path: &str,
    rule: &'static str,
    range: Range<usize>,
    message: impl Into<String>,
) -> Diagnostic {
    Diagnostic::new(rule, doc_path, range, message)
}

fn parse_markdown(doc: &mut Document) {
    match split_front_matter(&doc.text) {
        Err(e) => {
            doc.problems.push(
                problem(&doc.path, "front-matter-syntax", e.range, e.message).with_help(
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
    problems: &mut Vec<Diagnostic>,
    path: &str,
    text: &str,
    range: Range<usize>,
) -> (Fields, bool) {
    let src = &text[range.clone()];
    let entries = scan_mapping(text, range.clone());
    let mut broken = false;
    // Duplicate keys, found by the scan so the finding points at the second one.
    for (i, e) in entries.iter().enumerate() {
        if entries[..i].iter().any(|p| p.key == e.key) {
            problems.push(
                problem(
                    path,
                    "front-matter-syntax",
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
                problems.push(problem(
                    path,
                    "front-matter-syntax",
                    e.range,
                    format!("front matter is not valid YAML: {}", e.message),
                ));
            }
            return (
                Fields {
                    range,
                    fields: Vec::new(),
                },
                true,
            );
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
        Yaml::Null => (
            Fields {
                range,
                fields: Vec::new(),
            },
            broken,
        ),
        other => {
            problems.push(
                problem(
                    path,
                    "front-matter-syntax",
                    range.start..range.start,
                    format!(
                        "front matter must be a mapping of keys to values, found {}",
                        other.type_name()
                    ),
                )
                .with_help("write one `key: value` per line"),
            );
            (
                Fields {
                    range,
                    fields: Vec::new(),
                },
                true,
            )
        }
    }
}

/// Pairs parsed values with the positions the scan found.
fn attach(map: Vec<(String, Yaml)>, entries: &[docket_syntax::Entry], start: usize) -> Vec<Field> {
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

fn parse_yaml_file(doc: &mut Document) {
    let range = 0..doc.text.len();
    doc.body = range.end..range.end;
    let value = match parse_yaml(&doc.text, 0) {
        Ok(v) => v,
        Err(e) => {
            doc.problems.push(problem(
                &doc.path,
                "front-matter-syntax",
                e.range,
                format!("not valid YAML: {}", e.message),
            ));
            doc.broken = true;
            doc.data = match doc.kind {
                Kind::People => Data::People(Vec::new()),
                _ => Data::Meetings(Vec::new()),
            };
            return;
        }
    };
    let items = match value {
        Yaml::Seq(items) => items,
        Yaml::Null => Vec::new(),
        other => {
            doc.problems.push(
                problem(
                    &doc.path,
                    "front-matter-syntax",
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
    let schema = doc.kind.schema();
    let mut blocks = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let pos = scanned.get(i);
        let item_range = pos.map_or(0..0, |p| p.range.clone());
        let fields = match item {
            Yaml::Map(map) => Fields {
                fields: attach(
                    map,
                    pos.map_or(&[][..], |p| p.entries.as_slice()),
                    item_range.start,
                ),
                range: item_range,
            },
            other => {
                doc.problems.push(problem(
                    &doc.path,
                    "invalid-value",
                    item_range.clone(),
                    format!(
                        "each entry must be a mapping of keys to values, found {}",
                        other.type_name()
                    ),
                ));
                continue;
            }
        };
        validate_fields(&mut doc.problems, &doc.path, &doc.text, &fields, schema);
        blocks.push(fields);
    }
    doc.data = match doc.kind {
        Kind::People => Data::People(
            blocks
                .into_iter()
                .map(|fields| Person {
                    id: text_of(&fields, "id"),
                    name: text_of(&fields, "name").map(|s| s.value),
                    role: text_of(&fields, "role").map(|s| s.value),
                    timezone: text_of(&fields, "timezone").map(|s| s.value),
                    team: text_of(&fields, "team").map(|s| s.value),
                    email: text_of(&fields, "email").map(|s| s.value),
                    fields,
                })
                .collect(),
        ),
        _ => Data::Meetings(
            blocks
                .into_iter()
                .map(|fields| Meeting {
                    name: text_of(&fields, "name").map(|s| s.value),
                    category: text_of(&fields, "category").map(|s| s.value),
                    cadence: text_of(&fields, "cadence").map(|s| s.value),
                    duration: fields.get("duration").and_then(|f| match f.value {
                        Yaml::Int(n) => Some(Spanned::new(n, f.value_range.clone())),
                        _ => None,
                    }),
                    attendees: list_of(&doc.text, &fields, "attendees"),
                    agenda: fields.get("agenda").and_then(|f| match f.value {
                        Yaml::Bool(b) => Some(b),
                        _ => None,
                    }),
                    fields,
                })
                .collect(),
        ),
    };
}

/// Checks the type of every known key; each wrong value is one `invalid-value`.
fn validate_fields(
    problems: &mut Vec<Diagnostic>,
    path: &str,
    text: &str,
    fields: &Fields,
    schema: &[FieldSpec],
) {
    for field in &fields.fields {
        let Some(spec) = schema.iter().find(|s| s.name == field.key) else {
            continue;
        };
        if let Some(reason) = type_error(spec.ty, &field.value) {
            let range = if field.value_range.is_empty() {
                field.key_range.clone()
            } else {
                field.value_range.clone()
            };
            let shown = shown_value(text, &field.value_range);
            // A decision status from another tool says what it reads like.
            let hint = match (spec.ty, &field.value) {
                (FieldType::OneOf(words), Yaml::Str(s)) if words == DECISION_STATUSES => {
                    status_hint(s)
                        .map(|h| format!(" (`{}` reads like `{h}`)", s.trim()))
                        .unwrap_or_default()
                }
                _ => String::new(),
            };
            problems.push(
                problem(
                    path,
                    "invalid-value",
                    range,
                    format!("`{}` {reason}{shown}", field.key),
                )
                .with_help(format!("expected {}{hint}", spec.ty.expected())),
            );
        }
    }
}

fn shown_value(text: &str, range: &Range<usize>) -> String {
    let v = text.get(range.clone()).unwrap_or("").trim();
    if v.is_empty() || v.contains('\n') || v.chars().count() > 40 {
        String::new()
    } else {
        format!(": `{v}`")
    }
}

fn is_scalar(v: &Yaml) -> bool {
    matches!(v, Yaml::Str(_) | Yaml::Int(_) | Yaml::Float(_))
}

/// Why `value` is not a valid `ty`, or `None` when it is.
fn type_error(ty: FieldType, value: &Yaml) -> Option<String> {
    let found = || format!("is {}", value.type_name());
    match ty {
        FieldType::Text | FieldType::Person => match value {
            Yaml::Str(s) if s.contains('\n') && ty == FieldType::Person => {
                Some("is more than one line".into())
            }
            v if is_scalar(v) => None,
            _ => Some(found()),
        },
        FieldType::Date => match value {
            Yaml::Str(s) if parse_time(s).is_some() => None,
            Yaml::Str(_) => Some("is not a date".into()),
            _ => Some(found()),
        },
        FieldType::OneOf(words) => match value {
            Yaml::Str(s) if words.contains(&s.as_str()) => None,
            Yaml::Str(_) => Some("is not a known value".into()),
            _ => Some(found()),
        },
        FieldType::People | FieldType::Strings | FieldType::Refs => match value {
            v if is_scalar(v) => None,
            Yaml::Seq(items) => items
                .iter()
                .all(is_scalar)
                .not_then("has an entry that is not a plain value"),
            _ => Some(found()),
        },
        FieldType::Ref => match value {
            Yaml::Str(s) if s.contains('/') || s.contains('\\') || s.contains("..") => {
                Some("is not a decision id".into())
            }
            Yaml::Str(_) | Yaml::Int(_) => None,
            _ => Some(found()),
        },
        FieldType::Options => match value {
            Yaml::Seq(items) => items
                .iter()
                .all(|i| is_scalar(i) || i.get("name").is_some_and(is_scalar))
                .not_then("has an option without a `name`"),
            _ => Some(found()),
        },
        FieldType::Duration => match value {
            Yaml::Str(s) if parse_duration(s).is_some() => None,
            Yaml::Int(n) if *n >= 0 => None,
            Yaml::Str(_) => Some("is not a duration".into()),
            _ => Some(found()),
        },
        FieldType::Minutes => match value {
            Yaml::Seq(items) => items
                .iter()
                .all(|i| matches!(i, Yaml::Int(n) if *n > 0))
                .not_then("has an entry that is not a whole number of minutes"),
            _ => Some(found()),
        },
        FieldType::Number => match value {
            Yaml::Int(n) if *n >= 0 => None,
            Yaml::Float(x) if *x >= 0.0 && x.is_finite() => None,
            _ => Some(found()),
        },
        FieldType::Count => match value {
            Yaml::Int(n) if *n > 0 => None,
            _ => Some(found()),
        },
        FieldType::Bool => match value {
            Yaml::Bool(_) => None,
            _ => Some(found()),
        },
        FieldType::TimeZone => match value {
            Yaml::Str(s) if jiff::tz::TimeZone::get(s).is_ok() => None,
            Yaml::Str(_) => Some("is not an IANA time zone".into()),
            _ => Some(found()),
        },
        FieldType::Hours => match value {
            Yaml::Str(s) if parse_hours(s).is_some() => None,
            _ => Some("is not a span of hours".into()),
        },
    }
}

trait NotThen {
    fn not_then(self, reason: &str) -> Option<String>;
}

impl NotThen for bool {
    fn not_then(self, reason: &str) -> Option<String> {
        (!self).then(|| reason.to_string())
    }
}

/// Parses working hours `HH:MM-HH:MM` into minutes after midnight.
pub fn parse_hours(s: &str) -> Option<(u32, u32)> {
    let (a, b) = s.split_once('-')?;
    let minutes = |t: &str| -> Option<u32> {
        let (h, m) = t.trim().split_once(':')?;
        let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
        (h <= 24 && m < 60 && h * 60 + m <= 1440).then_some(h * 60 + m)
    };
    Some((minutes(a)?, minutes(b)?))
}

fn number(v: &Yaml) -> Option<f64> {
    match v {
        Yaml::Int(n) => Some(*n as f64),
        Yaml::Float(x) => Some(*x),
        _ => None,
    }
}

/// A scalar key as text, with the value's range.
pub(crate) fn text_of(fields: &Fields, key: &str) -> Option<Spanned<String>> {
    let f = fields.get(key)?;
    let s = f.value.as_scalar_string()?;
    Some(Spanned::new(s.trim().to_string(), f.value_range.clone()))
}

fn time_of(fields: &Fields, key: &str) -> Option<Spanned<Time>> {
    let f = fields.get(key)?;
    let t = parse_time(f.value.as_str()?)?;
    Some(Spanned::new(t, f.value_range.clone()))
}

/// A list key (or a single scalar) as strings, each with its own range where found.
pub(crate) fn list_of(text: &str, fields: &Fields, key: &str) -> Vec<Spanned<String>> {
    let Some(f) = fields.get(key) else {
        return Vec::new();
    };
    let items: Vec<String> = match &f.value {
        Yaml::Seq(items) => items.iter().filter_map(Yaml::as_scalar_string).collect(),
        v => v.as_scalar_string().into_iter().collect(),
    };
    // Each item is searched after the previous one, so repeated entries get their own
    // positions.
    let mut from = f.value_range.start;
    let mut out = Vec::with_capacity(items.len());
    for s in items {
        let mut range = find_in(text, from..f.value_range.end, &s);
        if range.len() == s.len() {
            from = range.end;
        } else {
            range = find_in(text, f.value_range.clone(), &s);
        }
        out.push(Spanned::new(s, range));
    }
    out
}

fn decision(
    doc: &mut Document,
    fields: &Fields,
    config: &Config,
    facts: &Facts,
    legacy: Option<Legacy>,
) -> Decision {
    let stem = doc.stem().to_string();
    let id = match config.id_scheme() {
        IdScheme::Stem => Some(DecisionId::Stem(stem.clone())),
        // log4brains names files by date (`20201016-slug.md`): the stem is the id.
        IdScheme::Number if is_dated_stem(&stem) => Some(DecisionId::Stem(stem.clone())),
        IdScheme::Number => number_prefix(&stem).map(DecisionId::Number),
    };
    if id.is_none() {
        doc.problems.push(
            problem(&doc.path, "invalid-value", 0..0, format!("decision file name `{}` does not start with a number", doc.file_name()))
                .with_help("name decision files `NNNN-slug.md` (e.g. `0042-use-postgresql.md`), or set `id = \"stem\"` under `[kinds.decision]`"),
        );
    }
    let options = match fields.get("options") {
        Some(Field {
            value: Yaml::Seq(items),
            ..
        }) => items
            .iter()
            .filter_map(|i| {
                i.as_scalar_string()
                    .or_else(|| i.get("name").and_then(Yaml::as_scalar_string))
            })
            .collect(),
        _ => section_items(doc, &["Options", "Considered Options"]),
    };
    let outcome = text_of(fields, "outcome")
        .map(|s| s.value)
        .or_else(|| section_text(doc, &["Decision", "Decision Outcome", "Outcome"]));
    let mut d = Decision {
        id,
        id_key: text_of(fields, "id"),
        title: text_of(fields, "title"),
        status: text_of(fields, "status"),
        owner: text_of(fields, "owner"),
        date: time_of(fields, "date"),
        deadline: time_of(fields, "deadline"),
        decided: time_of(fields, "decided"),
        options,
        outcome,
        supersedes: list_of(&doc.text, fields, "supersedes"),
        superseded_by: text_of(fields, "superseded_by"),
        consulted: list_of(&doc.text, fields, "consulted"),
        informed: list_of(&doc.text, fields, "informed"),
        tags: list_of(&doc.text, fields, "tags")
            .into_iter()
            .map(|s| s.value)
            .collect(),
        legacy,
        statuses: Vec::new(),
        found_at: Vec::new(),
    };
    for spec in Kind::Decision.schema() {
        if let Some(f) = fields.get(spec.name).filter(|f| has_value(&f.value)) {
            let range = if f.value_range.is_empty() {
                f.key_range.clone()
            } else {
                f.value_range.clone()
            };
            d.found_at.push((spec.name, range));
        }
    }
    // Every statement of the status, for `status-conflict`: the front matter, then
    // `Status:` lines under the title, then a `## Status` section.
    if let Some(f) = fields.get("status")
        && let Some(s) = f.value.as_scalar_string()
    {
        d.statuses.push(statement(
            s.trim(),
            f.value_range.clone(),
            StatusSource::FrontMatter,
        ));
    }
    for l in &facts.status_lines {
        d.statuses.push(statement(
            &l.value.value,
            l.value.range.clone(),
            StatusSource::Line,
        ));
    }
    if let Some(l) = facts
        .status_section
        .as_ref()
        .and_then(|s| s.status.as_ref())
    {
        d.statuses.push(statement(
            &l.value.value,
            l.value.range.clone(),
            StatusSource::Section,
        ));
    }
    if legacy.is_some() {
        read_legacy(doc, &mut d, fields, facts);
    }
    d
}

fn statement(written: &str, range: Range<usize>, source: StatusSource) -> StatusStatement {
    let n = normalize_status(written);
    StatusStatement {
        written: Spanned::new(written.to_string(), range),
        status: n.status,
        known: n.known,
        source,
    }
}

/// Whether a front-matter value says something (not empty, not `~`, not `[]`).
pub(crate) fn has_value(v: &Yaml) -> bool {
    match v {
        Yaml::Null => false,
        Yaml::Str(s) => !s.trim().is_empty(),
        Yaml::Seq(items) => !items.is_empty(),
        _ => true,
    }
}

/// Fills what a record in an existing format (SPEC §9) says where docket's own keys
/// are absent: the title from the first heading, the status from MADR's `status`, a
/// `Status:` line or the `## Status` section, the date from a `Date:` line, the owner
/// from `decision-makers` (or `Deciders:`), supersession from `Supersedes` /
/// `Superseded by` lines. Front-matter keys always win.
fn read_legacy(doc: &mut Document, d: &mut Decision, fields: &Fields, facts: &Facts) {
    let found = |d: &mut Decision, name: &'static str, range: Range<usize>| {
        if d.found(name).is_none() {
            d.found_at.push((name, range));
        }
    };
    if d.title.is_none()
        && let Some(t) = &facts.title
    {
        d.title = Some(t.clone());
        found(d, "title", t.range.clone());
    }
    // The status: the first statement, mapped to docket's words; one outside docket's
    // set is kept as written and flagged.
    if let Some(st) = d.statuses.first().cloned() {
        let value = if st.known {
            st.status.clone()
        } else {
            st.written.value.clone()
        };
        d.status = Some(Spanned::new(value, st.written.range.clone()));
        found(d, "status", st.written.range.clone());
        if !st.known {
            let hint = status_hint(&st.status)
                .map(|h| format!(" (`{}` reads like `{h}`)", st.status))
                .unwrap_or_default();
            doc.problems.push(
                problem(
                    &doc.path,
                    "invalid-value",
                    st.written.range.clone(),
                    format!(
                        "status `{}` is not one of docket's statuses; it is kept as written",
                        st.written.value
                    ),
                )
                .with_help(format!(
                    "write one of {}{hint}",
                    DECISION_STATUSES
                        .iter()
                        .map(|s| format!("`{s}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
        }
        if d.superseded_by.is_none()
            && let Some(r) = normalize_status(&st.written.value).superseded_by
        {
            let range = docket_syntax::find_in(&doc.text, st.written.range.clone(), &r);
            d.superseded_by = Some(Spanned::new(r, range.clone()));
            found(d, "superseded_by", range);
        }
    }
    if d.found("date").is_none()
        && let Some(l) = &facts.date
    {
        found(d, "date", l.value.range.clone());
        match parse_time(&l.value.value) {
            Some(t) => d.date = Some(Spanned::new(t, l.value.range.clone())),
            None => doc.problems.push(
                problem(
                    &doc.path,
                    "invalid-value",
                    l.value.range.clone(),
                    format!("`Date:` `{}` is not an ISO 8601 date", l.value.value),
                )
                .with_help(
                    "write the date as `YYYY-MM-DD` (adr-tools wrote `dd/mm/yyyy` before 2017)",
                ),
            ),
        }
    }
    if d.owner.is_none() {
        let makers = list_of(&doc.text, fields, "decision-makers");
        let from_line = || {
            facts
                .deciders
                .as_ref()
                .map(|l| crate::legacy::spanned_list(&doc.text, &l.value, false))
                .unwrap_or_default()
        };
        let people = if makers.is_empty() {
            from_line()
        } else {
            makers
        };
        if let Some(first) = people.into_iter().next() {
            found(d, "owner", first.range.clone());
            d.owner = Some(first);
        }
    }
    let decided = d
        .status
        .as_ref()
        .is_some_and(|s| matches!(s.value.as_str(), "accepted" | "rejected"));
    if decided
        && d.decided.is_none()
        && let Some(date) = d.date.clone()
    {
        // adr-tools and MADR date a record when it is decided.
        found(d, "decided", date.range.clone());
        d.decided = Some(date);
    }
    if d.supersedes.is_empty() {
        d.supersedes = facts
            .relations
            .iter()
            .filter(|r| r.relation == Relation::Supersedes)
            .flat_map(|r| r.targets.iter().cloned())
            .collect();
        if let Some(first) = d.supersedes.first() {
            let range = first.range.clone();
            found(d, "supersedes", range);
        }
    }
    if d.superseded_by.is_none()
        && let Some(t) = facts
            .relations
            .iter()
            .filter(|r| r.relation == Relation::SupersededBy)
            .find_map(|r| r.targets.first())
    {
        found(d, "superseded_by", t.range.clone());
        d.superseded_by = Some(t.clone());
    }
    for (name, line) in [
        ("consulted", &facts.consulted),
        ("informed", &facts.informed),
    ] {
        let slot = if name == "consulted" {
            &mut d.consulted
        } else {
            &mut d.informed
        };
        if slot.is_empty()
            && let Some(l) = line
        {
            *slot = crate::legacy::spanned_list(&doc.text, &l.value, false);
            found(d, name, l.value.range.clone());
        }
    }
    if d.tags.is_empty()
        && let Some(l) = &facts.tags
    {
        d.tags = crate::legacy::split_list(&l.value.value, true);
        found(d, "tags", l.value.range.clone());
    }
}

/// The number that starts a file stem (`0042-x` → 42).
pub fn number_prefix(stem: &str) -> Option<u32> {
    let digits: &str = &stem[..stem
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(stem.len())];
    if digits.is_empty() || digits.len() > 9 {
        return None;
    }
    let rest = &stem[digits.len()..];
    if !(rest.is_empty() || rest.starts_with(['-', '_', '.', ' '])) {
        return None;
    }
    digits.parse().ok()
}

fn section_items(doc: &Document, names: &[&str]) -> Vec<String> {
    names
        .iter()
        .find_map(|n| doc.outline.section(n))
        .map(|i| {
            doc.outline
                .items_in_section(i)
                .map(|item| item.text.trim().to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn section_text(doc: &Document, names: &[&str]) -> Option<String> {
    let i = names.iter().find_map(|n| doc.outline.section(n))?;
    let range = doc.outline.section_range(i, doc.body.end);
    let t = doc.text.get(range)?.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn charter(fields: &Fields) -> Charter {
    let mut norms = Norms::default();
    let duration = |key: &str, slot: &mut i64| {
        if let Some(f) = fields.get(key) {
            let v = match &f.value {
                Yaml::Str(s) => parse_duration(s),
                Yaml::Int(n) if *n >= 0 => Some(n * 3600),
                _ => None,
            };
            if let Some(v) = v {
                *slot = v;
            }
        }
    };
    duration("response_time", &mut norms.response_time);
    duration("decision_deadline", &mut norms.decision_deadline);
    duration("blocker_resolution", &mut norms.blocker_resolution);
    duration("brief_threshold", &mut norms.brief_threshold);
    duration("agenda_lead_time", &mut norms.agenda_lead_time);
    duration("focus_block", &mut norms.focus_block);
    if let Some(Field {
        value: Yaml::Seq(items),
        ..
    }) = fields.get("meeting_lengths")
    {
        let lengths: Vec<i64> = items
            .iter()
            .filter_map(|i| if let Yaml::Int(n) = i { Some(*n) } else { None })
            .collect();
        if !lengths.is_empty() {
            norms.meeting_lengths = lengths;
        }
    }
    Charter {
        title: text_of(fields, "title"),
        owner: text_of(fields, "owner"),
        reviewed: time_of(fields, "reviewed"),
        norms,
    }
}

fn update(doc: &Document, fields: &Fields) -> Update {
    // updates/DATE/PERSON.md: the day is the folder, the person the file stem.
    let mut parts = doc.handbook_path.rsplit('/');
    let _file = parts.next();
    let folder = parts.next().unwrap_or("");
    let date = time_of(fields, "date")
        .map(|t| t.value)
        .or_else(|| parse_time(folder));
    // Without a `person` key the author is the file name, which has no place in the
    // text: findings about it point at line 1.
    let person =
        text_of(fields, "person").or_else(|| Some(Spanned::new(doc.stem().to_string(), 0..0)));
    let mut u = Update {
        date,
        person,
        ..Update::default()
    };
    let body = doc.body.clone();
    let mut offset = body.start;
    for line in doc.text[body].split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end();
        let trimmed = content
            .trim_start()
            .trim_start_matches(['-', '*', '+'])
            .trim_start();
        let lead = content.len() - trimmed.len();
        let plain = trimmed.replace("**", "");
        let Some((label, _)) = plain.split_once(':') else {
            continue;
        };
        let slot = match label.trim().to_ascii_lowercase().as_str() {
            "done" => &mut u.done,
            "next" => &mut u.next,
            "blocker" | "blockers" => &mut u.blocker,
            _ => continue,
        };
        if slot.is_some() {
            continue;
        }
        // Position of the text after the colon, in the original line.
        let colon = trimmed.find(':').map_or(0, |c| c + 1);
        let after = trimmed[colon..].trim_start_matches(['*', ' ']);
        let text_start = start + lead + (trimmed.len() - after.len());
        let text = after.trim_end().to_string();
        let range = if text.is_empty() {
            start + lead..start + lead + colon
        } else {
            text_start..text_start + text.len()
        };
        *slot = Some(UpdateLine { text, range });
    }
    if let Some(b) = u.open_blocker().cloned() {
        u.blocker_refs = blocker_refs(&b);
    }
    u
}

/// Decisions named in a blocker: `#42`, or a file name such as `0042-x.md`.
fn blocker_refs(line: &UpdateLine) -> Vec<Spanned<String>> {
    let mut out = Vec::new();
    let t = &line.text;
    let bytes = t.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'#' && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
            let end = (i + 1..bytes.len())
                .find(|&j| !bytes[j].is_ascii_digit())
                .unwrap_or(bytes.len());
            if end > i + 1 {
                out.push(Spanned::new(
                    t[i + 1..end].to_string(),
                    line.range.start + i..line.range.start + end,
                ));
            }
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    for (pos, _) in t.match_indices(".md") {
        let start = t[..pos]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .map_or(0, |s| s + 1);
        let name = &t[start..pos + 3];
        if number_prefix(&name[..name.len() - 3]).is_some() {
            out.push(Spanned::new(
                name.to_string(),
                line.range.start + start..line.range.start + pos + 3,
            ));
        }
    }
    out
}
