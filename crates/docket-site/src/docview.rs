//! A document as a page shows it: the body rendered to sanitized HTML with its links
//! rewritten for the page it appears on, and the header fields of [`DocView`] (owner,
//! description, edit link, first and last commit). Shared by every page family that
//! shows a document's body: home, charter and free pages, briefs, decisions.

use docket_model::time::{format_date, format_time};
use docket_model::{CommitInfo, Data, Document, Kind};
use minijinja::Value;

use crate::fingerprint::Fingerprint;
use crate::markdown::{Rendered, render_with};
use crate::prepared::Prepared;
use crate::urls::root_of;
use crate::views::{DocView, HistoryEntry, TocEntry, Touch};

/// Renders a document's body with links rewritten for the page at `page_url`.
fn body(p: &Prepared<'_>, doc: &Document, page_url: &str) -> Rendered {
    let root = root_of(page_url);
    let rewrite = |dest: &str| -> Option<String> {
        // `payments:0042`, a record of another handbook (issue 16): its page on
        // the hub, or on the source's own site. Otherwise it reads as a scheme,
        // which the Markdown pipeline neutralizes.
        if let Some(url) = p.repo.foreign.url_of(dest) {
            return Some(
                match url.starts_with("https://") || url.starts_with("http://") {
                    true => url.to_string(),
                    false => format!("{root}{url}"),
                },
            );
        }
        let target = docket_model::resolve_link(&doc.handbook_path, dest)?;
        let url = p.links.urls.of_handbook_path(&target)?;
        Some(match dest.split_once('#') {
            Some((_, fragment)) => format!("{root}{url}#{fragment}"),
            None => format!("{root}{url}"),
        })
    };
    let body = doc.body.clone();
    let text = doc.text.get(body.clone()).unwrap_or("");
    // A record in an existing format restates its metadata in the body (an
    // adr-tools `Date:` line and `## Status` section); the page shows it in its
    // header, so those lines are left out, as `docket import` would move them.
    let metadata = doc.metadata_lines();
    if metadata.is_empty() {
        return render_with(text, &rewrite, true);
    }
    let mut kept = String::with_capacity(text.len());
    let mut at = body.start;
    for range in metadata
        .iter()
        .filter(|r| r.start >= body.start && r.end <= body.end)
    {
        if range.start >= at {
            kept.push_str(doc.text.get(at..range.start).unwrap_or(""));
            at = range.end;
        }
    }
    kept.push_str(doc.text.get(at..body.end).unwrap_or(""));
    render_with(&kept, &rewrite, true)
}

/// The view of a document shown on the page at `page_url`.
pub(crate) fn doc_view(p: &Prepared<'_>, doc: &Document, page_url: &str) -> DocView {
    let mut view = doc_view_head(p, doc);
    fill_body(&mut view, p, doc, page_url);
    view
}

/// [`doc_view`] without the body (`html`, `toc` and `summary` empty), for a page
/// keyed by [`body_key`] that may not need rendering ([`fill_body`] completes it).
pub(crate) fn doc_view_head(p: &Prepared<'_>, doc: &Document) -> DocView {
    let owner = match &doc.data {
        // A decision's owner may come from MADR's `decision-makers` (SPEC §9).
        Data::Decision(d) => d.owner.as_ref().map(|o| p.links.person_ref(&o.value)),
        Data::Page(_) | Data::Charter(_) | Data::Brief(_) => doc
            .front
            .as_ref()
            .and_then(|f| f.get("owner"))
            .and_then(|f| f.value.as_scalar_string())
            .map(|o| p.links.person_ref(&o)),
        _ => None,
    };
    let description = doc
        .front
        .as_ref()
        .and_then(|f| f.get("description"))
        .and_then(|f| f.value.as_scalar_string());
    let edit_url = p
        .site
        .repo_url
        .as_ref()
        .map(|u| format!("{}/blob/HEAD/{}", u.trim_end_matches('/'), doc.path));
    let history = p.repo.history.of(&doc.path);
    let touch = |c: &CommitInfo| Touch {
        date: format_date(c.time),
        time: format_time(c.time),
        author: c.author.name.clone(),
    };
    DocView {
        updated: history.and_then(|h| h.updated()).map(touch),
        created: if p.repo.history.knows_creation(&doc.path) {
            history.and_then(|h| h.created()).map(touch)
        } else {
            None
        },
        title: doc.title(),
        path: doc.path.clone(),
        url: p.links.urls.of(doc),
        html: Value::from_safe_string(String::new()),
        toc: Vec::new(),
        owner,
        description,
        summary: String::new(),
        edit_url,
    }
}

/// Renders `doc`'s body into `view` for the page at `page_url`.
pub(crate) fn fill_body(view: &mut DocView, p: &Prepared<'_>, doc: &Document, page_url: &str) {
    let r = body(p, doc, page_url);
    view.html = Value::from_safe_string(r.html);
    view.toc = r
        .headings
        .iter()
        .map(|(level, text, id)| TocEntry {
            level: *level,
            text: text.clone(),
            id: id.clone(),
        })
        .collect();
    view.summary = r.summary;
}

/// What `doc`'s body on a page is rendered from, but the page's URL and the
/// build's link tables (both in the page's key, `writer::site_key`): the body's
/// text, the metadata lines left out of it, and where the document is (links are
/// resolved from there).
pub(crate) fn body_key(doc: &Document) -> u64 {
    let mut f = Fingerprint::new("body");
    f.str(doc.text.get(doc.body.clone()).unwrap_or(""))
        .str(&doc.handbook_path)
        .u64(doc.body.start as u64);
    for range in doc.metadata_lines() {
        f.u64(range.start as u64).u64(range.end as u64);
    }
    f.finish()
}

/// The commits that changed the file at `path` (a record of `kind`), newest first,
/// each marking whether it changed the status.
pub(crate) fn history_entries(p: &Prepared<'_>, path: &str, kind: Kind) -> Vec<HistoryEntry> {
    let Some(h) = p.repo.history.of(path) else {
        return Vec::new();
    };
    let commits = &h.commits;
    // Statuses in the kind's spelling: `Accepted` then `accepted` is no change.
    let of = |i: usize| {
        commits
            .get(i)?
            .status
            .as_deref()
            .map(|s| p.links.status_of(kind, s))
    };
    let status = |i: usize| of(i).map(|(word, _)| word);
    commits
        .iter()
        .enumerate()
        .map(|(i, c)| HistoryEntry {
            commit: c.id.clone(),
            time: format_time(c.time),
            author: c.author.name.clone(),
            summary: c.summary.clone(),
            category: of(i).and_then(|(_, category)| category),
            status: status(i),
            status_changed: c.status.is_some()
                && (commits.get(i + 1).is_none() || status(i + 1) != status(i)),
            commit_url: p
                .site
                .repo_url
                .as_ref()
                .map(|u| format!("{}/commit/{}", u.trim_end_matches('/'), c.id)),
        })
        .collect()
}
