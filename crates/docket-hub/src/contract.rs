//! Reading `decisions.json` (the contract `docket-site`'s `pages/feeds.rs` writes,
//! version 1): one published file, or the value a local checkout's handbook gives.
//! Each entry is kept as written ([`Entry::raw`]), keys docket does not know included, so a
//! combined file passes on what a newer source wrote.
//!
//! A problem with a file is a [`ReadError`] (the JSON reader's line and column, or
//! the version found), never a panic; the caller makes it one finding.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json::value::RawValue;

/// The versions of `decisions.json` this docket reads.
pub const KNOWN_VERSION: u64 = 1;

/// One entry of `decisions.json`: the keys the hub reads, and the entry as written
/// ([`Entry::raw`]), which the combined file passes on whole.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Entry {
    /// The id: a number, or text (a stem, or a kind's own id).
    pub id: Value,
    /// The source it comes from: set by the hub, read from a combined file.
    #[serde(default)]
    pub source: Option<String>,
    /// `decision`, or a kind of the team's own.
    #[serde(default)]
    pub kind: Option<String>,
    /// The label of its folder, where its kind has several.
    #[serde(default)]
    pub folder: Option<String>,
    /// The title.
    #[serde(default)]
    pub title: String,
    /// The status in the kind's spelling.
    #[serde(default)]
    pub status: Option<String>,
    /// The owner's roster id.
    #[serde(default)]
    pub owner: Option<String>,
    /// `date`, `deadline`, `decided`: ISO 8601 dates or times.
    #[serde(default)]
    pub date: Option<String>,
    /// The effective deadline of a proposed decision.
    #[serde(default)]
    pub deadline: Option<String>,
    /// When it was decided.
    #[serde(default)]
    pub decided: Option<String>,
    /// When git last changed it.
    #[serde(default)]
    pub updated: Option<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Ids it replaces (`SOURCE:ID` for another handbook's).
    #[serde(default)]
    pub supersedes: Vec<Value>,
    /// The id, or ids, that replace it.
    #[serde(default)]
    pub superseded_by: Option<Value>,
    /// The file in its repository.
    #[serde(default)]
    pub path: String,
    /// Its page, relative to its site's root.
    #[serde(default)]
    pub url: Option<String>,
    /// The entry as written, every key included (`deciders`, `history`, keys a
    /// newer docket added): the combined file writes it back as it is.
    #[serde(skip)]
    pub raw: Option<Box<RawValue>>,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
            && self.raw.as_ref().map(|r| r.get()) == other.raw.as_ref().map(|r| r.get())
    }
}

/// A source as a combined file lists it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct SourceInfo {
    /// Its name.
    pub name: String,
    /// Its own site, if any.
    #[serde(default)]
    pub site: Option<String>,
}

/// A whole `decisions.json`.
#[derive(Debug, Clone, Default)]
pub struct DecisionsFile {
    /// Its entries.
    pub decisions: Vec<Entry>,
    /// In a hub's combined file: its sources.
    pub sources: Vec<SourceInfo>,
}

/// The file's top level: the version first looked at, the entries kept as
/// written until the version is known.
#[derive(Deserialize)]
struct Top<'a> {
    version: Option<Value>,
    #[serde(borrow, default)]
    decisions: Option<&'a RawValue>,
    #[serde(default)]
    sources: Vec<SourceInfo>,
}

/// Why a `decisions.json` could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Not JSON, or not the shape of the contract: the reader's message and the
    /// 1-based line and column it stopped at.
    Invalid {
        /// What the JSON reader said.
        message: String,
        /// Where (1-based).
        line: usize,
        /// Where (1-based).
        column: usize,
    },
    /// A `version` this docket does not know (as written), or none.
    Version(String),
}

impl ReadError {
    /// The error `e` at byte `at` of `text`.
    fn at(e: serde_json::Error, text: &str, at: usize) -> Self {
        let before = &text[..at.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
        match ReadError::invalid(&e) {
            ReadError::Invalid { message, .. } => ReadError::Invalid {
                message,
                line,
                column,
            },
            other => other,
        }
    }

    fn invalid(e: &serde_json::Error) -> Self {
        let message = e.to_string();
        // serde_json appends " at line L column C"; the position is given apart.
        let message = match message.rfind(" at line ") {
            Some(at) => message[..at].to_string(),
            None => message,
        };
        ReadError::Invalid {
            message,
            line: e.line().max(1),
            column: e.column().max(1),
        }
    }

    /// The byte offset in `text` the error points at.
    pub fn offset(&self, text: &str) -> usize {
        let ReadError::Invalid { line, column, .. } = self else {
            return text.find("\"version\"").unwrap_or(0);
        };
        let start: usize = text
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum();
        let mut at = (start + column.saturating_sub(1)).min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    /// The message of the finding about source `name`.
    pub fn describe(&self, name: &str, file: &str) -> String {
        format!("source `{name}`: {}", self.describe_file(file))
    }

    /// What is wrong with `file`.
    pub fn describe_file(&self, file: &str) -> String {
        match self {
            ReadError::Invalid { message, .. } => {
                format!("`{file}` is not a valid decisions.json: {message}")
            }
            ReadError::Version(v) => format!(
                "`{file}` is decisions.json version {v}, which this docket does not read (it reads version {KNOWN_VERSION}); it is left out"
            ),
        }
    }
}

/// The version written in a file's head, as a finding shows it.
fn check_version(version: Option<&Value>) -> Result<(), ReadError> {
    match version {
        Some(v) if v.as_u64() == Some(KNOWN_VERSION) => Ok(()),
        Some(v) => Err(ReadError::Version(v.to_string())),
        None => Err(ReadError::Version("(none)".to_string())),
    }
}

/// Reads a `decisions.json` text: one pass over the file, each entry read once
/// for the keys the hub needs and kept as written.
pub fn read_text(text: &str) -> Result<DecisionsFile, ReadError> {
    let top: Top<'_> = serde_json::from_str(text).map_err(|e| ReadError::invalid(&e))?;
    check_version(top.version.as_ref())?;
    let Some(list) = top.decisions else {
        return Ok(DecisionsFile {
            decisions: Vec::new(),
            sources: top.sources,
        });
    };
    // Positions of errors inside the list are relative to it: shift them to the
    // file by the list's place in it.
    let base = list.get().as_ptr() as usize - text.as_ptr() as usize;
    let shift = |e: serde_json::Error| {
        let inner = list.get();
        let local = ReadError::invalid(&e);
        let at = base + local.offset(inner);
        ReadError::at(e, text, at)
    };
    let raws: Vec<Box<RawValue>> = serde_json::from_str(list.get()).map_err(shift)?;
    let mut decisions = Vec::with_capacity(raws.len());
    for raw in raws {
        let mut e: Entry = serde_json::from_str(raw.get()).map_err(shift_entry(text, &raw))?;
        e.raw = Some(raw);
        decisions.push(e);
    }
    Ok(DecisionsFile {
        decisions,
        sources: top.sources,
    })
}

/// An error in one entry, at the entry's start in the file (its text is a copy,
/// so no finer position is known).
fn shift_entry<'a>(
    text: &'a str,
    raw: &'a RawValue,
) -> impl Fn(serde_json::Error) -> ReadError + 'a {
    move |e| {
        let at = text.find(raw.get()).unwrap_or(0);
        ReadError::at(e, text, at)
    }
}

/// Reads a `decisions.json` held as a value (a local checkout's, as `docket-site`
/// writes it).
pub fn read_value(value: Value) -> Result<DecisionsFile, ReadError> {
    let text = serde_json::to_string(&value).map_err(|e| ReadError::invalid(&e))?;
    read_text(&text)
}

/// The text of an id (`42`, `"0042-x"`).
pub fn id_text(id: &Value) -> String {
    match id {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl Entry {
    /// The id as text.
    pub fn id_text(&self) -> String {
        id_text(&self.id)
    }

    /// The id as a reference from another handbook writes it: qualified by its
    /// folder where it has one (`billing/3`).
    pub fn reference(&self) -> String {
        match &self.folder {
            Some(f) => format!("{f}/{}", self.id_text()),
            None => self.id_text(),
        }
    }

    /// Whether it is a decision (of the built-in kind).
    pub fn is_decision(&self) -> bool {
        self.kind.as_deref().is_none_or(|k| k == "decision")
    }

    /// The stem of its file (`0042-use-postgresql`).
    pub fn stem(&self) -> &str {
        let name = self.path.rsplit('/').next().unwrap_or(&self.path);
        name.rsplit_once('.').map_or(name, |(s, _)| s)
    }

    /// `superseded_by` as a list.
    pub fn superseded_by_list(&self) -> Vec<&Value> {
        match &self.superseded_by {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(list)) => list.iter().collect(),
            Some(one) => vec![one],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invalid_file_says_where() {
        let text = "{\"version\": 1,\n \"decisions\": [\n  {\"id\": 1,, }\n]}";
        let e = read_text(text).unwrap_err();
        let ReadError::Invalid { line, .. } = &e else {
            panic!("{e:?}")
        };
        assert_eq!(*line, 3);
        assert_eq!(&text[e.offset(text)..e.offset(text) + 1], ",");
    }

    #[test]
    fn an_unknown_version_is_named() {
        let e = read_text("{\"version\": 2, \"decisions\": {}}").unwrap_err();
        assert_eq!(e, ReadError::Version("2".into()));
        assert!(e.describe("platform", "p.json").contains("version 2"));
    }

    #[test]
    fn unknown_keys_are_kept() {
        let f = read_text(
            "{\"version\": 1, \"decisions\": [{\"id\": 7, \"title\": \"T\", \"approvals\": [1]}]}",
        )
        .unwrap();
        assert!(
            f.decisions[0]
                .raw
                .as_ref()
                .unwrap()
                .get()
                .contains("\"approvals\": [1]")
        );
        assert_eq!(f.decisions[0].reference(), "7");
    }
}
