//! The search index, shipped as scripts because Chromium blocks `fetch` of local JSON
//! from `file://` (mdBook does the same).
//!
//! Documents are numbered in the order results tie in: decisions, then records of
//! the team's own kinds, the charter, briefs, updates, people and free pages, each in
//! the handbook's order. A word's posting list holds `doc * 8 + field` for each
//! document that has it, with the best field it is found in ([`Field`]: the record's
//! number, a title that is mostly the word, a title, headings / tags / owner, the
//! body), ascending and
//! delta-encoded (each number is the gap from the previous one), written as a
//! string of variable-length numbers in 64 characters ([`push_varint`]). A record's
//! number `42` is the word `#42` in the number's field. Each document contributes
//! each distinct word once, so the index grows with the vocabulary and the number
//! of documents, not with the length of the bodies. Words whose stem
//! ([`crate::stem`]) finds more than themselves are listed under it in `stems`, so
//! that "decided" finds "decision".
//!
//! One file (`search-index.js`) up to [`SHARD_DOCS`] documents:
//! `window.DOCKET_SEARCH = {"docs": [[url, title, kind, summary, id, excerpt], …],
//! "words": {"word": "gaps", …}, "stems": {"stem": ["word", …], …}}`.
//!
//! Above, shards under `search-index/`, which the browser loads only for what a
//! query needs. `search-index.js` is then `window.DOCKET_SEARCH = {"count": N,
//! "per": P, "shards": ["ab", …]}`; `search-index/w-KEY.js` holds the words (and
//! stems) whose first two characters are KEY (a record number's KEY is `#` and its
//! last two digits; in the file name, KEY as it is when it is ASCII letters and
//! digits, else `_` and the hex of its UTF-8 bytes), and `search-index/d-K.js` the
//! documents `K*P` to `K*P+P-1`. Each shard script sets
//! `window.DOCKET_SEARCH_SHARDS["w:KEY"]` or `["d:K"]`.
//!
//! The text is written piece by piece, one file at a time (at 100,000 documents a
//! `serde_json::Value` of the whole index would double the build's peak memory),
//! and the same input gives the same bytes.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};

use docket_model::{Data, DecisionId, Document, Kind, Person};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use rayon::prelude::*;

use crate::error::SiteError;
use crate::escape::push_script_json;
use crate::fingerprint::Fingerprint;
use crate::prepared::Prepared;
use crate::stem::stem;
use crate::team::update_title;
use crate::writer::Writer;

/// Where a word is found in a document, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub enum Field {
    /// The record's number (`#42`).
    Id = 0,
    /// The title, of which the word is more than half ("Queue queue", "Queue").
    TitleMostly = 1,
    /// The title.
    Title = 2,
    /// Headings, tags, the owner (and a person's id and team).
    Meta = 3,
    /// The body.
    Body = 4,
}

/// Postings are `doc * FIELDS + field`.
const FIELDS: u32 = 8;

/// The index's file (the manifest, when it is split into shards).
pub(crate) const INDEX_FILE: &str = "search-index.js";

/// The folder of the shards.
pub(crate) const SHARD_DIR: &str = "search-index/";

/// Above this many documents, the index is split into shards.
pub const SHARD_DOCS: usize = 20_000;

/// Documents per document shard.
pub const DOCS_PER_SHARD: usize = 64;

/// How long an excerpt is, in characters.
const EXCERPT_CHARS: usize = 220;

/// One document as results show it.
struct Doc {
    url: String,
    title: String,
    kind: String,
    summary: String,
    id: String,
    excerpt: String,
}

/// Collects documents and their words.
#[derive(Default)]
pub struct SearchIndex {
    docs: Vec<Doc>,
    /// Word → `doc * 8 + field`, ascending (documents are added in order). Written
    /// out in word order ([`SearchIndex::sorted_words`]).
    words: HashMap<String, Vec<u32>>,
}

/// A document ready to be numbered: what results show of it, and each distinct word
/// with the best field it is found in, in word order. Made on any thread
/// ([`analyse`]); numbered in order by [`SearchIndex::push`].
struct Analysed {
    doc: Doc,
    words: Vec<(String, Field)>,
}

/// What [`SearchIndex::add`] is given about a document.
pub struct Entry<'a> {
    /// Its page, relative to the site's root.
    pub url: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its kind (`decision`, `proposal`, `brief`, …).
    pub kind: &'a str,
    /// A short summary (a decision's status, a person's role).
    pub summary: &'a str,
    /// A record's number, if it has one.
    pub id: Option<u32>,
    /// Plain text shown under the title.
    pub excerpt: &'a str,
    /// Headings, tags, owner.
    pub meta: &'a [&'a str],
    /// The body (searched, not shown).
    pub body: &'a str,
}

const MAX_WORD: usize = 32;

/// The words of `text`: lowercase runs of letters and digits, two characters or more.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2 && w.len() <= MAX_WORD)
        .map(str::to_lowercase)
}

/// What results show of `e`, and its words with their best fields.
fn analyse(e: &Entry<'_>) -> Analysed {
    // Bounded, whatever the document says (adversarial case 0021: a 2 MB title).
    let doc = Doc {
        url: e.url.into(),
        title: e.title.chars().take(200).collect(),
        kind: e.kind.into(),
        summary: e.summary.chars().take(120).collect(),
        id: e.id.map(|i| i.to_string()).unwrap_or_default(),
        excerpt: e.excerpt.to_string(),
    };
    let mut found: Vec<(String, Field)> = Vec::new();
    if let Some(id) = e.id {
        found.push((format!("#{id}"), Field::Id));
    }
    let mut title: Vec<String> = words(e.title).collect();
    let title_words = title.len();
    title.sort_unstable();
    for run in title.chunk_by(|a, b| a == b) {
        let field = if run.len() * 2 > title_words {
            Field::TitleMostly
        } else {
            Field::Title
        };
        found.push((run[0].clone(), field));
    }
    for t in e.meta {
        found.extend(words(t).map(|w| (w, Field::Meta)));
    }
    found.extend(words(e.body).map(|w| (w, Field::Body)));
    // By word, then best field first: the first of each word's run is kept.
    found.sort_unstable();
    found.dedup_by(|later, first| later.0 == first.0);
    Analysed { doc, words: found }
}

impl SearchIndex {
    /// Adds a document; documents are numbered in the order they are added, which is
    /// the order equal results are shown in.
    #[cfg(test)]
    pub fn add(&mut self, e: &Entry<'_>) {
        self.push(analyse(e));
    }

    /// Numbers an analysed document (the next number) and adds its postings.
    fn push(&mut self, a: Analysed) {
        let n = u32::try_from(self.docs.len()).unwrap_or(u32::MAX / 4);
        self.docs.push(a.doc);
        for (w, f) in a.words {
            let posting = n.saturating_mul(FIELDS) | f as u32;
            match self.words.get_mut(w.as_str()) {
                Some(list) => list.push(posting),
                None => {
                    self.words.insert(w, vec![posting]);
                }
            }
        }
    }

    /// The words with their postings, in word order (the order they are written in).
    fn sorted_words(&self) -> Vec<(&str, &[u32])> {
        let mut words: Vec<(&str, &[u32])> = self
            .words
            .iter()
            .map(|(w, l)| (w.as_str(), l.as_slice()))
            .collect();
        words.sort_unstable_by(|a, b| a.0.cmp(b.0));
        words
    }

    /// The stems of the index's words, with their words, where a query's stem
    /// finds more than the word itself.
    fn stems<'a>(&self, sorted: &[(&'a str, &[u32])]) -> BTreeMap<String, Vec<&'a str>> {
        let mut stems: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for &(w, _) in sorted {
            let s = stem(w);
            if s != w || self.words.contains_key(&s) {
                stems.entry(s).or_default().push(w);
            }
        }
        // A stem with one word is kept when it differs from the word: "decided"
        // must find a page that only says "decision".
        stems.retain(|s, words| words.len() > 1 || words.first().is_some_and(|w| w != s));
        stems
    }

    /// The files of the index, in path order (see [`SearchIndex::each_file`]).
    #[cfg(test)]
    pub fn files(&self, shard_docs: usize) -> Vec<(String, String)> {
        let mut files = Vec::new();
        let _ = self.each_file(shard_docs, |path, text| {
            files.push((path, text));
            Ok::<(), std::convert::Infallible>(())
        });
        files.sort_by(|a, b| a.0.cmp(&b.0));
        files
    }

    /// Gives each file of the index to `emit`, one at a time (so that at 100,000
    /// documents only one shard's text is held at once): `search-index.js` alone up
    /// to `shard_docs` documents, else it and the shards under `search-index/`, with
    /// [`DOCS_PER_SHARD`] documents a shard (or `shard_docs`, when that is fewer: a
    /// test's small handbook has several document shards too).
    pub fn each_file<E>(
        &self,
        shard_docs: usize,
        mut emit: impl FnMut(String, String) -> Result<(), E>,
    ) -> Result<(), E> {
        if self.docs.len() <= shard_docs {
            return emit(INDEX_FILE.to_string(), self.to_script());
        }
        let per = DOCS_PER_SHARD.min(shard_docs.max(1));
        let words = self.sorted_words();
        let stems = self.stems(&words);
        // Words and stems by their first two characters; both maps are sorted, so
        // each key's words are one run.
        let mut shards: BTreeMap<String, Shard<'_>> = BTreeMap::new();
        for &(w, list) in &words {
            shards.entry(shard_key(w)).or_default().0.push((w, list));
        }
        for (s, list) in &stems {
            shards.entry(shard_key(s)).or_default().1.push((s, list));
        }
        let mut manifest = String::new();
        let _ = write!(
            manifest,
            "window.DOCKET_SEARCH={{\"count\":{},\"per\":{per},\"shards\":[",
            self.docs.len()
        );
        for (i, key) in shards.keys().enumerate() {
            if i > 0 {
                manifest.push(',');
            }
            push_json_string(&mut manifest, key);
        }
        manifest.push_str("]};\n");
        emit(INDEX_FILE.to_string(), manifest)?;
        for (k, chunk) in self.docs.chunks(per).enumerate() {
            let mut out = String::with_capacity(chunk.len() * 400);
            let _ = write!(out, "{SHARD_PREFIX}[\"d:{k}\"]=[");
            push_docs(&mut out, chunk);
            out.push_str("];\n");
            emit(format!("{SHARD_DIR}d-{k}.js"), out)?;
        }
        for (key, (words, stems)) in &shards {
            let mut out = String::new();
            out.push_str(SHARD_PREFIX);
            out.push('[');
            push_json_string(&mut out, &format!("w:{key}"));
            out.push_str("]={\"words\":{");
            push_words(&mut out, words.iter().copied());
            out.push_str("},\"stems\":{");
            push_stems(&mut out, stems.iter().copied());
            out.push_str("}};\n");
            emit(format!("{SHARD_DIR}w-{}.js", shard_file(key)), out)?;
        }
        Ok(())
    }

    /// The one-file index (`search-index.js`).
    pub fn to_script(&self) -> String {
        let mut out = String::with_capacity(64 + self.docs.len() * 400 + self.words.len() * 24);
        out.push_str("window.DOCKET_SEARCH={\"docs\":[");
        push_docs(&mut out, &self.docs);
        out.push_str("],\"words\":{");
        let words = self.sorted_words();
        push_words(&mut out, words.iter().copied());
        out.push_str("},\"stems\":{");
        let stems = self.stems(&words);
        push_stems(
            &mut out,
            stems.iter().map(|(s, l)| (s.as_str(), l.as_slice())),
        );
        out.push_str("}};\n");
        out
    }
}

/// A word shard: its words with their postings, its stems with their words.
type Shard<'a> = (Vec<(&'a str, &'a [u32])>, Vec<(&'a str, &'a [&'a str])>);

/// How a shard script starts: the shared table, made on first use.
const SHARD_PREFIX: &str = "(window.DOCKET_SEARCH_SHARDS=window.DOCKET_SEARCH_SHARDS||{})";

/// The shard of a word: its first two characters; a record's number (`#4242`),
/// only ever looked up whole, goes by its last two digits (`#42`), so that the
/// numbers spread over a hundred small shards.
pub fn shard_key(word: &str) -> String {
    if let Some(n) = word.strip_prefix('#').and_then(|n| n.parse::<u64>().ok()) {
        return format!("#{:02}", n % 100);
    }
    word.chars().take(2).collect()
}

/// A shard key in a file name: as it is when ASCII letters and digits, else `_` and
/// the hex of its UTF-8 bytes (`#4` → `_2334`).
pub fn shard_file(key: &str) -> String {
    if key
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        key.to_string()
    } else {
        let mut out = String::from("_");
        for b in key.bytes() {
            let _ = write!(out, "{b:02x}");
        }
        out
    }
}

fn push_docs(out: &mut String, docs: &[Doc]) {
    for (i, d) in docs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        for (k, field) in [&d.url, &d.title, &d.kind, &d.summary, &d.id, &d.excerpt]
            .into_iter()
            .enumerate()
        {
            if k > 0 {
                out.push(',');
            }
            push_json_string(out, field);
        }
        out.push(']');
    }
}

fn push_words<'a>(out: &mut String, words: impl Iterator<Item = (&'a str, &'a [u32])>) {
    for (i, (word, list)) in words.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(out, word);
        out.push_str(":\"");
        let mut prev = 0;
        for &n in list {
            push_varint(out, n - prev);
            prev = n;
        }
        out.push('"');
    }
}

/// The 64 characters of a posting list, none escaped in JSON.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// `v` as a variable-length number: five bits a character, lowest first, each but
/// the last with 32 added (`5` is 5, `W1` is 32). A posting list is a string of
/// them (a gap of under 32 is one character): smaller than a JSON array of numbers,
/// and a string is read by the browser at once, where a long array literal is parsed
/// number by number.
fn push_varint(out: &mut String, mut v: u32) {
    loop {
        let group = (v & 31) as usize;
        v >>= 5;
        if v == 0 {
            out.push(char::from(DIGITS[group]));
            return;
        }
        out.push(char::from(DIGITS[group | 32]));
    }
}

fn push_stems<'a>(out: &mut String, stems: impl Iterator<Item = (&'a str, &'a [&'a str])>) {
    for (i, (s, list)) in stems.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(out, s);
        out.push_str(":[");
        for (k, w) in list.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            push_json_string(out, w);
        }
        out.push(']');
    }
}

/// `text` as a JSON string, with `<` escaped so that `</script>` cannot appear.
fn push_json_string(out: &mut String, text: &str) {
    let json = serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string());
    push_script_json(out, &json);
}

/// Where a kind's documents come in the index: decisions, the team's own kinds, the
/// charter, briefs, updates, people, free pages.
fn tier(kind: Kind) -> u8 {
    match kind {
        Kind::Decision => 0,
        Kind::Custom(_) => 1,
        Kind::Charter => 2,
        Kind::Brief => 3,
        Kind::Update => 4,
        Kind::People | Kind::Meetings => 5,
        Kind::Page => 6,
    }
}

/// What the index is made of, in its order.
enum Source<'a> {
    Doc(&'a Document),
    Person(&'a Person),
}

/// Documents analysed at once: enough to keep both threads busy, few enough that
/// their words (a long body has thousands) are not all held at once.
const CHUNK: usize = 256;

/// The index of a site: every readable decision, record, charter, brief, update,
/// roster person and free page, in that order. Documents are analysed in parallel,
/// a chunk at a time, and numbered in order.
pub(crate) fn index(p: &Prepared<'_>) -> SearchIndex {
    let sources = sources(p);
    let mut search = SearchIndex::default();
    for chunk in sources.chunks(CHUNK) {
        let analysed: Vec<Analysed> = chunk
            .par_iter()
            .filter_map(|source| match source {
                Source::Doc(doc) => analyse_document(p, doc),
                Source::Person(person) => analyse_person(p, person),
            })
            .collect();
        for a in analysed {
            search.push(a);
        }
    }
    search
}

/// The key of the index's files (as a page's key, `crate::fingerprint`): the
/// build's key, where the index splits, and what each entry is made of, in order.
/// Hashing the entries is a small part of analysing them, so an unchanged
/// handbook's index is linked from the previous site, not made again.
pub(crate) fn key(p: &Prepared<'_>, site_key: u64) -> u64 {
    let keys: Vec<u64> = sources(p)
        .par_iter()
        .map(|source| {
            let mut f = Fingerprint::new("search entry");
            match source {
                Source::Doc(doc) => {
                    if let Some(x) = parts(p, doc) {
                        x.key(&mut f);
                    }
                }
                Source::Person(person) => {
                    person_entry(p, person, |e| {
                        f.str(e.url).str(e.title).str(e.summary).str(e.excerpt);
                        for m in e.meta {
                            f.str(m);
                        }
                    });
                }
            }
            f.finish()
        })
        .collect();
    let mut f = Fingerprint::new("search index");
    f.u64(site_key).u64(shard_docs() as u64);
    for k in keys {
        f.u64(k);
    }
    f.finish()
}

/// Whether `rel` is a file of the index (`search-index.js` or a shard).
pub(crate) fn is_index_file(rel: &str) -> bool {
    rel == INDEX_FILE || rel.starts_with(SHARD_DIR)
}

/// What the index is made of, in its order: decisions, records, the charter,
/// briefs and updates, then the roster's people, then free pages.
fn sources<'a>(p: &Prepared<'a>) -> Vec<Source<'a>> {
    let mut docs: Vec<(u8, &Document)> = p
        .repo
        .documents
        .iter()
        .filter(|d| !d.broken)
        .filter_map(|d| searched_kind(d).map(|k| (tier(k), d)))
        .collect();
    docs.sort_by_key(|(t, _)| *t);
    let people_at = docs.partition_point(|(t, _)| *t <= tier(Kind::People));
    docs[..people_at]
        .iter()
        .map(|(_, d)| Source::Doc(d))
        .chain(p.repo.people().map(Source::Person))
        .chain(docs[people_at..].iter().map(|(_, d)| Source::Doc(d)))
        .collect()
}

/// Writes the files of `index` under `key`; returns their size in bytes.
pub(crate) fn write(
    index: &SearchIndex,
    w: &Writer<'_>,
    key: Option<u64>,
) -> Result<usize, SiteError> {
    let mut bytes = 0;
    index.each_file(shard_docs(), |path, text| {
        bytes += text.len();
        w.file_keyed(&path, text.as_bytes(), key)
    })?;
    Ok(bytes)
}

/// Every file of the index when `rel` is one of them (`search-index.js` or a
/// shard), for the preview, which keeps them all: one query asks for several.
pub(crate) fn files_for(p: &Prepared<'_>, rel: &str) -> Option<Vec<(String, Vec<u8>)>> {
    if !is_index_file(rel) {
        return None;
    }
    let mut files = Vec::new();
    let _ = index(p).each_file(shard_docs(), |path, text| {
        files.push((path, text.into_bytes()));
        Ok::<(), std::convert::Infallible>(())
    });
    Some(files)
}

/// The threshold set by [`search_shard_docs`], or [`SHARD_DOCS`].
static SHARD_THRESHOLD: AtomicUsize = AtomicUsize::new(SHARD_DOCS);

/// Test hook: shard the index above `n` documents rather than 20,000, for
/// the rest of the process (the browser test of the sharded path on a small
/// handbook; the command line sets it from `DOCKET_SEARCH_SHARD_DOCS` in debug
/// builds only).
pub fn search_shard_docs(n: usize) {
    SHARD_THRESHOLD.store(n, Ordering::Relaxed);
}

fn shard_docs() -> usize {
    SHARD_THRESHOLD.load(Ordering::Relaxed)
}

/// A roster person: name, role and team.
fn analyse_person(p: &Prepared<'_>, person: &Person) -> Option<Analysed> {
    person_entry(p, person, analyse)
}

/// A roster person's entry, given to `f`.
fn person_entry<R>(
    p: &Prepared<'_>,
    person: &Person,
    f: impl FnOnce(&Entry<'_>) -> R,
) -> Option<R> {
    let id = person.id.as_ref()?;
    let name = person.name.clone().unwrap_or_else(|| id.value.clone());
    let role = person.role.as_deref().unwrap_or("");
    let team = person.team.as_deref().unwrap_or("");
    let excerpt = match (role, team) {
        ("", "") => String::new(),
        (r, "") => r.to_string(),
        ("", t) => format!("Team {t}"),
        (r, t) => format!("{r}, team {t}"),
    };
    Some(f(&Entry {
        url: &p.links.urls.person(&id.value),
        title: &name,
        kind: "person",
        summary: role,
        id: None,
        excerpt: &excerpt,
        meta: &[&id.value, team, role],
        body: "",
    }))
}

/// The kind a document is searched as; none for what has no page of its own.
fn searched_kind(doc: &Document) -> Option<Kind> {
    match &doc.data {
        Data::Decision(d) => Some(d.kind),
        Data::Brief(_) => Some(Kind::Brief),
        Data::Charter(_) => Some(Kind::Charter),
        Data::Update(_) => Some(Kind::Update),
        Data::Page(page) if page.index_of.is_none() => Some(Kind::Page),
        _ => None,
    }
}

/// What a document's entry is made of, before its excerpt is cut.
struct Parts<'a> {
    url: String,
    title: String,
    kind: &'static str,
    summary: String,
    id: Option<u32>,
    tags: String,
    owner: String,
    headings: String,
    /// The searched start of the body.
    body: &'a str,
}

impl Parts<'_> {
    /// Everything an entry is made of, for the index's key.
    fn key(&self, f: &mut Fingerprint) {
        f.str(&self.url)
            .str(&self.title)
            .str(self.kind)
            .str(&self.summary)
            .u64(self.id.map_or(u64::MAX, u64::from))
            .str(&self.tags)
            .str(&self.owner)
            .str(&self.headings)
            .str(self.body);
    }
}

/// `doc` with its kind, summary (a record's status), id, tags, owner, headings and
/// the start of its body.
fn parts<'a>(p: &Prepared<'_>, doc: &'a Document) -> Option<Parts<'a>> {
    let kind = searched_kind(doc)?;
    // A record (of the team's own kind too: it says `proposal`) has its status
    // and its number.
    let (summary, id) = match &doc.data {
        Data::Decision(d) => (
            d.status.as_ref().map_or(String::new(), |s| s.value.clone()),
            match d.id {
                Some(DecisionId::Number(n)) => Some(n),
                _ => None,
            },
        ),
        _ => (String::new(), None),
    };
    let body = doc.text.get(doc.body.clone()).unwrap_or("");
    let tags = match &doc.data {
        Data::Decision(d) => d.tags.join(" "),
        _ => String::new(),
    };
    let owner = match &doc.data {
        Data::Decision(d) => d.owner.as_ref().map(|o| o.value.clone()),
        _ => doc
            .front
            .as_ref()
            .and_then(|f| f.get("owner"))
            .and_then(|f| f.value.as_scalar_string()),
    }
    .unwrap_or_default();
    let headings: String = doc
        .outline
        .headings
        .iter()
        .map(|h| h.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    Some(Parts {
        url: p.links.urls.of(doc),
        title: update_title(&p.links, doc).unwrap_or_else(|| doc.title()),
        kind: kind.name(),
        summary,
        id,
        tags,
        owner,
        headings,
        // Body words once per document, whatever the body's length (a 40 MB page
        // must not make a 40 MB index).
        body: prefix(body, BODY_BYTES),
    })
}

/// `doc` analysed, with an excerpt of its body.
fn analyse_document(p: &Prepared<'_>, doc: &Document) -> Option<Analysed> {
    let x = parts(p, doc)?;
    Some(analyse(&Entry {
        url: &x.url,
        title: &x.title,
        kind: x.kind,
        summary: &x.summary,
        id: x.id,
        excerpt: &excerpt(prefix(x.body, EXCERPT_SOURCE_BYTES)),
        meta: &[&x.tags, &x.owner, &x.headings],
        body: x.body,
    }))
}

/// How much of a body is searched.
const BODY_BYTES: usize = 64 * 1024;

/// How much of a body the excerpt is looked for in.
const EXCERPT_SOURCE_BYTES: usize = 8 * 1024;

/// The first `max` bytes of `s`, cut at a character boundary.
fn prefix(s: &str, max: usize) -> &str {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The plain text of a Markdown body's first paragraphs, list items and table cells
/// (not headings, not code blocks), at most [`EXCERPT_CHARS`] characters, cut at a
/// word with `…`.
pub fn excerpt(markdown: &str) -> String {
    let mut out = String::new();
    let mut skip = 0u32;
    let mut count = 0usize;
    let mut space = false;
    let push = |out: &mut String, count: &mut usize, space: &mut bool, text: &str| {
        for c in text.chars() {
            if c.is_whitespace() {
                *space = !out.is_empty();
                continue;
            }
            if *space {
                out.push(' ');
                *count += 1;
                *space = false;
            }
            out.push(c);
            *count += 1;
        }
    };
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::HtmlBlock) => skip += 1,
            Event::End(TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock) => {
                skip = skip.saturating_sub(1);
            }
            Event::Text(t) | Event::Code(t) if skip == 0 => {
                push(&mut out, &mut count, &mut space, &t);
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::List(_),
            ) => space = !out.is_empty(),
            _ => {}
        }
        if count > EXCERPT_CHARS {
            break;
        }
    }
    if count <= EXCERPT_CHARS {
        return out;
    }
    let cut: String = out.chars().take(EXCERPT_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(at) if at > EXCERPT_CHARS / 2 => &cut[..at],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches(|c: char| !c.is_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry<'a>(title: &'a str, id: Option<u32>, meta: &'a [&'a str], body: &'a str) -> Entry<'a> {
        Entry {
            url: "x.html",
            title,
            kind: "decision",
            summary: "",
            id,
            excerpt: body,
            meta,
            body,
        }
    }

    /// Three documents: the posting lists say the best field of each, as
    /// `doc * 8 + field`, delta-encoded; the id is the word `#7`.
    #[test]
    fn postings_carry_the_best_field_and_are_delta_encoded() {
        let mut s = SearchIndex::default();
        s.add(&entry("Queue queue", Some(7), &[], "the queue drains"));
        s.add(&entry("Storage", Some(8), &["queue"], "queue"));
        s.add(&entry("Other", None, &[], "a queue, decided"));
        let script = s.to_script();
        // 0*8+1 (all the title), 1*8+3 (gap 10, "A"), 2*8+4 (gap 9).
        assert!(script.contains("\"queue\":\"1A9\""), "{script}");
        assert!(script.contains("\"#7\":\"0\""), "{script}");
        assert!(script.contains("\"#8\":\"8\""), "{script}");
        // "Storage" is all the title; "Other" too; "the" is one word of three.
        assert!(script.contains("\"storage\":\"9\""), "{script}");
        assert!(script.contains("\"other\":\"H\""), "{script}");
        assert!(script.contains("\"the\":\"4\""), "{script}");
        assert!(
            script.contains(
                "[\"x.html\",\"Queue queue\",\"decision\",\"\",\"7\",\"the queue drains\"]"
            ),
            "{script}"
        );
    }

    #[test]
    fn stems_group_the_forms_present() {
        let mut s = SearchIndex::default();
        s.add(&entry("We decided", None, &[], "the decision"));
        s.add(&entry("Decide", None, &[], "deciding"));
        let script = s.to_script();
        assert!(
            script.contains(
                "\"stems\":{\"decid\":[\"decide\",\"decided\",\"deciding\",\"decision\"]}"
            ),
            "{script}"
        );
    }

    fn many(n: u32) -> SearchIndex {
        let mut s = SearchIndex::default();
        for i in 0..n {
            let title = format!("Title {i} queue");
            let body = format!("Body of {i}: über décision alpha{}", i % 7);
            s.add(&entry(&title, Some(i + 1), &["tag"], &body));
        }
        s
    }

    #[test]
    fn a_small_index_is_one_file_and_a_large_one_shards() {
        let s = many(300);
        let one = s.files(1000);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].0, "search-index.js");
        let sharded = s.files(100);
        let names: Vec<&str> = sharded.iter().map(|(p, _)| p.as_str()).collect();
        // 300 documents in shards of 64: five.
        for name in [
            "search-index/d-0.js",
            "search-index/d-1.js",
            "search-index/d-2.js",
            "search-index/w-qu.js",
            "search-index/w-ti.js",
            "search-index/w-_c3bc62.js",
            "search-index/w-_233031.js",
        ] {
            assert!(names.contains(&name), "{name} in {names:?}");
        }
        assert!(!names.contains(&"search-index/d-5.js"));
        let manifest = &sharded
            .iter()
            .find(|(p, _)| p == "search-index.js")
            .unwrap()
            .1;
        assert!(
            manifest
                .starts_with("window.DOCKET_SEARCH={\"count\":300,\"per\":64,\"shards\":[\"#00\","),
            "{manifest}"
        );
        assert!(manifest.contains("\"qu\""), "{manifest}");
        let qu = &sharded
            .iter()
            .find(|(p, _)| p == "search-index/w-qu.js")
            .unwrap()
            .1;
        assert!(qu.starts_with("(window.DOCKET_SEARCH_SHARDS=window.DOCKET_SEARCH_SHARDS||{})[\"w:qu\"]={\"words\":{\"queue\":\"2888"), "{qu}");
        // A word is in exactly one shard: the sum of the shards' words is the index's.
        let words_in_shards: usize = sharded
            .iter()
            .filter(|(p, _)| p.starts_with("search-index/w-"))
            .map(|(_, t)| t.matches("\":\"").count())
            .sum();
        let words_in_one = one[0]
            .1
            .split("\"words\":{")
            .nth(1)
            .unwrap()
            .matches("\":\"")
            .count();
        assert_eq!(words_in_shards, words_in_one);
        // Deterministic, and each shard smaller than the whole.
        assert_eq!(sharded, many(300).files(100));
        let largest = sharded.iter().map(|(_, t)| t.len()).max().unwrap();
        assert!(
            largest < one[0].1.len() / 2,
            "largest shard {largest} of {}",
            one[0].1.len()
        );
    }

    /// What the browser reads back (`postings` in `docket.js`).
    fn decode(text: &str) -> Vec<u32> {
        let (mut out, mut v, mut shift, mut n) = (Vec::new(), 0u32, 0, 0u32);
        for c in text.bytes() {
            let d = DIGITS.iter().position(|x| *x == c).unwrap() as u32;
            v |= (d & 31) << shift;
            if d < 32 {
                n += v;
                out.push(n);
                (v, shift) = (0, 0);
            } else {
                shift += 5;
            }
        }
        out
    }

    #[test]
    fn posting_lists_are_variable_length_numbers() {
        let mut one = String::new();
        push_varint(&mut one, 32);
        assert_eq!(one, "W1");
        let list: Vec<u32> = vec![0, 1, 5, 36, 1000, 1001, 40_000, 400_003, 4_000_000];
        let mut s = SearchIndex::default();
        s.words.insert("w".into(), list.clone());
        let mut text = String::new();
        push_words(
            &mut text,
            s.words.iter().map(|(w, l)| (w.as_str(), l.as_slice())),
        );
        let encoded = text.trim_start_matches("\"w\":\"").trim_end_matches('"');
        assert_eq!(decode(encoded), list, "{text}");
        assert!(
            encoded
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
    }

    #[test]
    fn shard_files_are_safe_names() {
        assert_eq!(shard_file("qu"), "qu");
        assert_eq!(shard_file("#4"), "_2334");
        assert_eq!(shard_key("#4242"), "#42");
        assert_eq!(shard_key("#7"), "#07");
        assert_eq!(shard_file("日本"), "_e697a5e69cac");
        assert_eq!(shard_key("über"), "üb");
    }

    #[test]
    fn an_excerpt_is_plain_text_without_headings_or_code() {
        let md = "# Title\n\n## Context\n\nWe **queue** work in `jobs` [here](x.md).\n\n```\ncode here\n```\n\n- one\n- two\n";
        assert_eq!(excerpt(md), "We queue work in jobs here. one two");
        let long = "word ".repeat(200);
        let e = excerpt(&long);
        assert!(e.ends_with("word…"), "{e}");
        assert!(e.chars().count() <= EXCERPT_CHARS + 1);
    }
}
