//! Machine-readable outputs: `decisions.json` (a versioned contract, SPEC §6: every
//! record of every record kind), the Atom feed of decisions (the built-in kind only)
//! and the sitemap. None carries a build timestamp.
//!
//! # `decisions.json`, version 1
//!
//! `{"version": 1, "decisions": [entry, …]}`: the decisions sorted by id, then the
//! records of each kind of the team's own (`[kinds.X]` in docket.toml), by kind name
//! then id. Each entry:
//!
//! | key | value |
//! |---|---|
//! | `id` | the number (or the file stem for records named without one, or the kind's id key as written) |
//! | `kind` | `decision`, or the name of the team's kind (`proposal`); added within version 1 |
//! | `folder` | the label of the record's folder when its kind has several (`billing` of `services/billing/docs/adr`), else `null`; ids are unique within a folder; added within version 1 |
//! | `title` | the title |
//! | `status` | one of the kind's statuses in its spelling whatever the record's case (for decisions `proposed`, `accepted`, `rejected`, `superseded`, `deprecated` unless docket.toml names others; `Accepted` is `accepted`), a status outside that set as written, or `null` |
//! | `owner` | the owner's roster id (or name as written in another tool's record), or `null` |
//! | `deciders` | the people who decide (`decision-makers`, `deciders`, a `Deciders:` line), a list of roster ids (names as written in another tool's record); added within version 1, empty when the record names none |
//! | `date`, `deadline`, `decided` | dates (`2026-11-24`) or UTC times (`2026-11-24T16:00:00Z`), or `null`; `deadline` is the effective one of a proposed decision |
//! | `tags` | a list of strings |
//! | `supersedes`, `superseded_by` | ids of records of the same kind (a reference that names no record as written; where the kind has several folders, a record is named `"billing/3"`, qualified by its folder); `superseded_by` is one id, or a list when several records replace it, or `null` |
//! | `path`, `url` | the repository-relative file, the page relative to the site root |
//! | `created`, `updated` | from git, or `null` |
//! | `authors` | `{name, email}` of each commit author, from git |
//! | `history` | `{commit, time, author, status}` per commit, newest first; `status` in the kind's spelling like `status` |
//! | `approvals` | only when the build read a pull-request export with reviews and commits (`[forge] pulls`, `--forge`; added within version 1): `{person, login, time, pull}` per approving review of the merged pull request in which the record became decided, by anyone besides its owner, in time order: `person` the roster id (or `null` for a login the roster does not know), `login` the forge login, `time` UTC or `null`, `pull` the pull request's number; empty when nobody else approved, no pull request holds the deciding commit, or the record is not decided |
//!
//! On a hub (`[[sources]]`), the file is the combined one of `docket_hub::combined`:
//! the same entries plus `source`, and a top-level `sources`, both added within
//! version 1.
//!
//! Fields are only ever added within a version; a change to an existing field's
//! meaning is a new version.

use serde::Serialize;

use docket_model::time::format_time;
use docket_model::{Decision, DecisionId, Repository};

use super::fixed::{NOT_FOUND, SEARCH};
use crate::error::SiteError;
use crate::escape::{Markup, escape};
use crate::prepared::{Listed, Prepared, effective_deadline};
use crate::views::fmt_date;
use crate::writer::Writer;

/// The version of `decisions.json`'s shape.
pub const DECISIONS_JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct DecisionsJson<'a, 'r> {
    version: u32,
    decisions: Entries<'a, 'r>,
}

/// Every record's entry, made as it is written: at 10,000 records the entries held
/// at once beside the text they become were a cold build's peak. `p.records` holds
/// the decisions, then each kind of the team's own by name.
struct Entries<'a, 'r>(&'a Prepared<'r>);

impl Serialize for Entries<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.records.iter().map(|listed| entry(self.0, listed)))
    }
}

#[derive(Serialize)]
struct Author {
    name: String,
    email: String,
}

#[derive(Serialize)]
struct HistoryItem {
    commit: String,
    time: String,
    author: String,
    status: Option<String>,
}

#[derive(Serialize)]
struct ApprovalJson {
    person: Option<String>,
    login: String,
    time: Option<String>,
    pull: Option<u64>,
}

/// The `approvals` of a record (`docket_model::forge::decided_in`, which the
/// record's page shows too); `None` when the build has no export that can say.
fn approvals(
    repo: &Repository,
    doc: &docket_model::Document,
    d: &Decision,
) -> Option<Vec<ApprovalJson>> {
    use docket_model::forge::{approvals_known, decided_in};
    if !approvals_known(repo) {
        return None;
    }
    Some(
        decided_in(repo, doc, d)
            .map(|x| x.approvals)
            .unwrap_or_default()
            .into_iter()
            .map(|a| ApprovalJson {
                person: a.person,
                login: a.login,
                time: a.time.map(format_time),
                pull: a.pull,
            })
            .collect(),
    )
}

#[derive(Serialize)]
struct Entry<'a> {
    id: serde_json::Value,
    kind: &'static str,
    folder: Option<&'a str>,
    title: String,
    status: Option<&'a str>,
    owner: Option<&'a str>,
    deciders: Vec<&'a str>,
    date: Option<String>,
    deadline: Option<String>,
    decided: Option<String>,
    tags: &'a [String],
    supersedes: Vec<serde_json::Value>,
    superseded_by: Option<serde_json::Value>,
    path: &'a str,
    url: String,
    created: Option<String>,
    updated: Option<String>,
    authors: Vec<Author>,
    history: Vec<HistoryItem>,
    #[serde(skip_serializing_if = "Option::is_none")]
    approvals: Option<Vec<ApprovalJson>>,
}

/// When the decision was created: the commit that added it, or where git does not
/// know that commit (a shallow clone, a partial history) the front matter's `date`
/// (SPEC §7).
fn created(repo: &Repository, path: &str, d: &Decision) -> Option<String> {
    if !repo.history.knows_creation(path) {
        return d.date.as_ref().map(|t| format_time(t.value));
    }
    repo.history
        .of(path)
        .and_then(|h| h.created())
        .map(|c| format_time(c.time))
}

fn id_value(id: &DecisionId) -> serde_json::Value {
    match id {
        DecisionId::Number(n) => serde_json::Value::from(*n),
        DecisionId::Stem(s) => serde_json::Value::from(s.as_str()),
    }
}

/// A reference written in `from` as the id of the record it names (the raw text
/// when it names none): its number or stem, or where it is in one of several
/// folders, its qualified id (`"billing/3"`).
fn ref_value(repo: &Repository, from: &Decision, reference: &str) -> serde_json::Value {
    match repo.resolve_from(from, reference).as_slice() {
        [doc] => match doc.decision() {
            Some(d) if d.folder.is_some() => d
                .qualified_id()
                .map_or_else(|| reference.into(), serde_json::Value::from),
            Some(d) => d.id.as_ref().map_or_else(|| reference.into(), id_value),
            None => reference.into(),
        },
        _ => reference.into(),
    }
}

/// A hub's `decisions.json` as text: the combined file (`docket_hub::combined`:
/// the hub's own entries, then every source's, each with `source`). A handbook's
/// own is streamed into its file ([`write`]).
fn decisions_json(p: &Prepared<'_>, hub: &docket_hub::Hub) -> String {
    let own = serde_json::to_value(decisions_document(p)).unwrap_or_default();
    docket_hub::combined_json(own, hub)
}

/// The `decisions.json` of `repo` as a value, written by the same code as the
/// site's file: what a hub reads from a source that is a local checkout.
pub fn decisions_value(repo: &Repository) -> serde_json::Value {
    let options = crate::options::SiteOptions::default();
    let p = Prepared::new(repo, &options);
    serde_json::to_value(decisions_document(&p)).unwrap_or_default()
}

/// `decisions.json`: every record, the decisions first, each kind sorted by id.
/// `created`, `updated`, `authors` and `history` come from git and are null or empty
/// here until history is known.
fn decisions_document<'a, 'r>(p: &'a Prepared<'r>) -> DecisionsJson<'a, 'r> {
    DecisionsJson {
        version: DECISIONS_JSON_VERSION,
        decisions: Entries(p),
    }
}

/// The entry of one record in `decisions.json`.
fn entry<'a>(p: &'a Prepared<'_>, listed: &'a Listed<'_>) -> Entry<'a> {
    let repo = p.repo;
    let urls = &p.links.urls;
    let &Listed {
        doc, decision: d, ..
    } = listed;
    Entry {
        id: d.id.as_ref().map_or_else(|| doc.stem().into(), id_value),
        kind: d.kind.name(),
        folder: d.folder.as_deref(),
        title: doc.title(),
        status: d.status.as_ref().map(|s| s.value.as_str()),
        owner: d.owner.as_ref().map(|s| s.value.as_str()),
        deciders: d.deciders.iter().map(|p| p.value.as_str()).collect(),
        date: d.date.as_ref().map(|t| fmt_date(t.value)),
        deadline: effective_deadline(repo, doc).map(fmt_date),
        decided: d.decided.as_ref().map(|t| fmt_date(t.value)),
        tags: &d.tags,
        supersedes: d
            .supersedes
            .iter()
            .map(|r| ref_value(repo, d, &r.value))
            .collect(),
        superseded_by: match d.superseded_by.as_slice() {
            [] => None,
            [one] => Some(ref_value(repo, d, &one.value)),
            many => Some(serde_json::Value::from(
                many.iter()
                    .map(|r| ref_value(repo, d, &r.value))
                    .collect::<Vec<_>>(),
            )),
        },
        path: &doc.path,
        url: urls.of(doc),
        created: created(repo, &doc.path, d),
        updated: repo
            .history
            .of(&doc.path)
            .and_then(|h| h.updated())
            .map(|c| format_time(c.time)),
        authors: repo
            .history
            .of(&doc.path)
            .map(|h| {
                h.authors()
                    .into_iter()
                    .map(|a| Author {
                        name: a.name.clone(),
                        email: a.email.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        history: repo
            .history
            .of(&doc.path)
            .map(|h| {
                h.commits
                    .iter()
                    .map(|c| HistoryItem {
                        commit: c.id.clone(),
                        time: format_time(c.time),
                        author: c.author.name.clone(),
                        status: c.status.as_deref().map(|s| p.links.status_of(d.kind, s).0),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        approvals: approvals(repo, doc, d),
    }
}

/// Text as XML 1.0 can hold it: escaped, without the control characters it forbids.
fn xml(s: &str) -> String {
    escape(s, Markup::Xml)
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

/// An Atom id (RFC 4287 §4.2.6: an absolute IRI that never changes) for a site
/// without a base URL: a `urn:uuid:` name (RFC 9562, version 8) of 122 bits of the
/// 128-bit FNV-1a hash of `name`. Stable from build to build and machine to machine;
/// the names given here start with the site's title and repository URL, so two
/// handbooks' feeds do not share ids.
fn urn_uuid(name: &str) -> String {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut hash = OFFSET;
    for b in name.bytes() {
        hash ^= u128::from(b);
        hash = hash.wrapping_mul(PRIME);
    }
    // Version 8 (bits 48..52 from the left), variant `10` (bits 64..66).
    let hash = (hash & !(0xf << 76) & !(0x3 << 62)) | (0x8 << 76) | (0x2 << 62);
    let hex = format!("{hash:032x}");
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// The ids of a feed: with a base URL, each page's absolute address; without one, a
/// `urn:uuid:` name of it (a relative address is not an id, RFC 4287 §4.2.6).
struct FeedIds<'a> {
    base: Option<&'a str>,
    /// What names this site among others: its title and repository URL.
    site: String,
}

impl FeedIds<'_> {
    fn of(&self, url: &str) -> String {
        match self.base {
            Some(base) => format!("{base}{url}"),
            None => urn_uuid(&format!("{}\0{url}", self.site)),
        }
    }
}

/// The Atom feed of decisions, newest first. Links are absolute with a base URL and
/// relative to the feed otherwise; ids are always absolute ([`FeedIds`]); authors
/// are the owners' names from the roster.
fn atom(p: &Prepared<'_>, base: Option<&str>) -> String {
    let urls = &p.links.urls;
    let ids = FeedIds {
        base,
        site: format!(
            "docket feed\0{}\0{}",
            p.site.title,
            p.site.repo_url.as_deref().unwrap_or("")
        ),
    };
    let base = base.unwrap_or("");
    let mut decisions: Vec<_> = p.decisions().map(|l| (l.doc, l.decision)).collect();
    let when = |d: &Decision| d.decided.as_ref().or(d.date.as_ref()).map(|t| t.value);
    decisions.sort_by(|a, b| when(b.1).cmp(&when(a.1)).then(a.0.path.cmp(&b.0.path)));
    let updated = decisions
        .iter()
        .filter_map(|(_, d)| when(d))
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), format_time);
    let mut s = String::new();
    s.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    s.push_str(&format!(
        "  <title>{} decisions</title>\n",
        xml(&p.site.title)
    ));
    s.push_str(&format!(
        "  <id>{}</id>\n",
        xml(&ids.of("decisions/index.html"))
    ));
    s.push_str(&format!(
        "  <link href=\"{}\"/>\n",
        xml(&format!("{base}decisions/index.html"))
    ));
    s.push_str(&format!("  <updated>{updated}</updated>\n"));
    for (doc, d) in decisions.into_iter().take(100) {
        let url = urls.of(doc);
        let time = when(d).map_or_else(|| updated.clone(), format_time);
        let status = d.status.as_ref().map_or("", |s| s.value.as_str());
        s.push_str("  <entry>\n");
        s.push_str(&format!("    <title>{}</title>\n", xml(&doc.title())));
        s.push_str(&format!("    <id>{}</id>\n", xml(&ids.of(&url))));
        s.push_str(&format!(
            "    <link href=\"{}\"/>\n",
            xml(&format!("{base}{url}"))
        ));
        s.push_str(&format!("    <updated>{time}</updated>\n"));
        if let Some(owner) = &d.owner {
            s.push_str(&format!(
                "    <author><name>{}</name></author>\n",
                xml(&p.links.person_ref(&owner.value).title)
            ));
        }
        s.push_str(&format!("    <summary>Status: {}</summary>\n", xml(status)));
        s.push_str("  </entry>\n");
    }
    s.push_str("</feed>\n");
    s
}

/// The sitemap of every page, with absolute URLs.
fn sitemap(base: &str, pages: &[String]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in pages {
        s.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            xml(&format!("{base}{p}"))
        ));
    }
    s.push_str("</urlset>\n");
    s
}

/// The files [`write`] writes.
pub(crate) const FILES: [&str; 3] = ["decisions.json", "feed.xml", "sitemap.xml"];

/// Writes `decisions.json`, `feed.xml` and, with a base URL, `sitemap.xml` of the
/// pages in `written` (but the 404 and search pages). Returns the notes for the user.
pub(crate) fn write(
    p: &Prepared<'_>,
    w: &Writer<'_>,
    mut written: Vec<String>,
) -> Result<Vec<String>, SiteError> {
    match p.hub {
        Some(hub) => w.file("decisions.json", decisions_json(p, hub).as_bytes())?,
        // Streamed: 15 MB of text at 10,000 records, ten times that at 100,000.
        None => w.file_with("decisions.json", |out| {
            serde_json::to_writer_pretty(&mut *out, &decisions_document(p))?;
            out.write_all(b"\n")
        })?,
    }
    let base = p.site.base_url.as_deref();
    w.file("feed.xml", atom(p, base).as_bytes())?;
    let mut notes = Vec::new();
    written.retain(|u| u != NOT_FOUND && u != SEARCH);
    written.sort();
    if let Some(base) = base {
        w.file("sitemap.xml", sitemap(base, &written).as_bytes())?;
    } else {
        notes.push(
            "no sitemap.xml: it needs absolute URLs; pass --base-url or set [site] base_url"
                .to_string(),
        );
        notes.push(
            "feed.xml links relatively and names its entries with urn:uuid: ids; with \
             --base-url or [site] base_url its links and ids are the pages' addresses"
                .to_string(),
        );
    }
    Ok(notes)
}

#[cfg(test)]
mod tests {
    use super::urn_uuid;

    #[test]
    fn urn_uuids_are_version_8_and_stable() {
        let a = urn_uuid("docket feed\0Handbook\0\0decisions/0001-a.html");
        assert_eq!(
            a,
            urn_uuid("docket feed\0Handbook\0\0decisions/0001-a.html")
        );
        assert_ne!(
            a,
            urn_uuid("docket feed\0Handbook\0\0decisions/0002-b.html")
        );
        let hex = a.strip_prefix("urn:uuid:").unwrap();
        let groups: Vec<usize> = hex.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12], "{a}");
        assert_eq!(&hex[14..15], "8", "version 8: {a}");
        assert!("89ab".contains(&hex[19..20]), "variant 10: {a}");
    }
}
