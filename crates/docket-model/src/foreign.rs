//! Other handbooks (SPEC §8, issue 16): the `[[sources]]` a hub names in
//! docket.toml, and [`Foreign`], what is known about the records of other
//! handbooks when a hub's sources or a combined `decisions.json` (`docket check
//! --sources FILE`, `[check] sources`) are given. A reference to another handbook's
//! record is written `SOURCE:ID` (`payments:0042`, `payments:billing/3`).
//!
//! Plain data: the driver reads the sources, `docket-hub` merges them, and the
//! rules (`broken-reference`) and pages ask [`Foreign`].

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

/// One `[[sources]]` entry of a hub's docket.toml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceConfig {
    /// The prefix of its ids (`payments` of `payments:0042`).
    pub name: String,
    /// Where its records come from.
    pub origin: SourceOrigin,
    /// Where its own site lives (an `http(s)://` address ending in `/`), if anywhere:
    /// the hub links there instead of writing a page per record.
    pub site: Option<String>,
    /// The byte range of the entry's `name` value (or of the entry) in docket.toml,
    /// where findings about the source point.
    pub range: Range<usize>,
}

/// Where a source's records come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceOrigin {
    /// `path`: a checkout of the repository, read with its own docket.toml.
    Path(String),
    /// `json`: a published `decisions.json`.
    Json(String),
}

/// A `[[sources]]` entry that cannot be used as written (duplicate name, both or
/// neither of `path` and `json`): not a broken configuration but a finding of the
/// hub, which goes on with the other sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceProblem {
    /// The byte range in docket.toml.
    pub range: Range<usize>,
    /// What is wrong, naming the source.
    pub message: String,
    /// What to write instead.
    pub help: String,
}

/// A reference written `SOURCE:ID`: the source's name and the id as written.
/// `None` for anything else: no colon, a name that is not a source name's shape
/// (lowercase letters, digits, `-`, `_`), or nothing after the colon. Whether the
/// source exists is for [`Foreign`] to say.
pub fn split_reference(text: &str) -> Option<(&str, &str)> {
    let (name, id) = text.trim().split_once(':')?;
    let shaped = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    let id = id.trim();
    (shaped && !id.is_empty() && !id.starts_with('/')).then_some((name, id))
}

/// The canonical key of an id as written in a reference or a `decisions.json`:
/// a number without leading zeros (`0042` is `42`), else the text without a `.md`
/// extension (a file name is its stem, which the index also holds for every
/// record); a folder qualifier is kept (`billing/3`).
pub fn id_key(id: &str) -> String {
    let id = id.trim();
    let (folder, rest) = match id.rsplit_once('/') {
        Some((f, r)) => (Some(f), r),
        None => (None, id),
    };
    let rest = rest.strip_suffix(".md").unwrap_or(rest);
    let key = match rest.parse::<u64>() {
        Ok(n) => n.to_string(),
        Err(_) => rest.to_string(),
    };
    match folder {
        Some(f) => format!("{f}/{key}"),
        None => key,
    }
}

/// A reference to another source's record written in a source's own
/// `decisions.json` (its `supersedes` or `superseded_by`), for the hub's check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignRef {
    /// The source it is written in.
    pub source: String,
    /// The id of the record it is written in, as that source writes it.
    pub from: String,
    /// `supersedes` or `superseded_by`.
    pub key: &'static str,
    /// The reference as written (`payments:0042`).
    pub target: String,
    /// The file the finding points into (the hub's docket.toml, at the source).
    pub file: String,
    /// The byte range there.
    pub range: Range<usize>,
}

/// A finding about the records of a hub's sources that a rule reports as it is
/// (supersession recorded on one side only, between two sources).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignFinding {
    /// The file it points into (the hub's docket.toml).
    pub file: String,
    /// The byte range there.
    pub range: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: String,
}

/// What a handbook knows about other handbooks' records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Foreign {
    /// Whether an index of other handbooks was given. Without one a `SOURCE:ID`
    /// reference cannot be checked and is not reported.
    pub given: bool,
    /// Where it came from (`docket.toml`'s sources, or the file of `--sources`), for
    /// messages.
    pub origin: String,
    /// Source name → the keys ([`id_key`]) of its records.
    pub ids: BTreeMap<String, HashSet<String>>,
    /// Source name → (record key → the address of its page: relative to the site
    /// root on a hub, or absolute on the source's own site).
    pub urls: HashMap<String, HashMap<String, String>>,
    /// References between sources written in their records, for `broken-reference`.
    pub refs: Vec<ForeignRef>,
    /// Supersession between two sources recorded on one side only, for
    /// `supersession-mismatch`.
    pub supersession: Vec<ForeignFinding>,
    /// The texts of files findings about sources point into (docket.toml, a source's
    /// `decisions.json`), for renderers.
    pub texts: BTreeMap<String, String>,
}

/// What a `SOURCE:ID` reference names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ForeignTarget {
    /// No index of other handbooks was given: it cannot be checked.
    Unknown,
    /// A record of a known source.
    Found,
    /// A source the index does not have.
    NoSource,
    /// A known source without that record.
    NoRecord,
}

impl Foreign {
    /// What `SOURCE:ID` (already split) names.
    pub fn resolve(&self, source: &str, id: &str) -> ForeignTarget {
        if !self.given {
            return ForeignTarget::Unknown;
        }
        match self.ids.get(source) {
            None => ForeignTarget::NoSource,
            Some(ids) if ids.contains(&id_key(id)) => ForeignTarget::Found,
            Some(_) => ForeignTarget::NoRecord,
        }
    }

    /// Whether `name` is a source this index knows.
    pub fn has_source(&self, name: &str) -> bool {
        self.ids.contains_key(name)
    }

    /// The source names, sorted.
    pub fn source_names(&self) -> Vec<&str> {
        self.ids.keys().map(String::as_str).collect()
    }

    /// The address of the page of the record `text` names (`payments:0042`), when
    /// it is a reference to a known record that has one.
    pub fn url_of(&self, text: &str) -> Option<&str> {
        let (source, id) = split_reference(text)?;
        self.urls.get(source)?.get(&id_key(id)).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_keys() {
        assert_eq!(split_reference("payments:0042"), Some(("payments", "0042")));
        assert_eq!(split_reference("https://x.example"), None);
        assert_eq!(split_reference("Payments:1"), None);
        assert_eq!(split_reference("42"), None);
        assert_eq!(id_key("0042"), "42");
        assert_eq!(id_key("0042-use-postgresql.md"), "0042-use-postgresql");
        assert_eq!(id_key("billing/0003"), "billing/3");
        assert_eq!(id_key("20240101-use-x"), "20240101-use-x");
    }

    #[test]
    fn resolution_needs_an_index() {
        let mut f = Foreign::default();
        assert_eq!(f.resolve("payments", "42"), ForeignTarget::Unknown);
        f.given = true;
        f.ids
            .entry("payments".into())
            .or_default()
            .insert("42".into());
        assert_eq!(f.resolve("payments", "0042"), ForeignTarget::Found);
        assert_eq!(f.resolve("payments", "43"), ForeignTarget::NoRecord);
        assert_eq!(f.resolve("search", "1"), ForeignTarget::NoSource);
    }
}
