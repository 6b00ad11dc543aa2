//! `markdown`: Markdown → HTML with sanitizing (`docket_site::markdown`), the HTML
//! every page body is made of and the one text templates print unescaped. The
//! input is rendered as a body (links kept, and links rewritten the way the site
//! rewrites links between documents, the title stripped) and sanitized as raw HTML;
//! each output must be [`safe_html`](crate::invariants::safe_html).

use docket_site::markdown::{render, render_with, sanitize};

use super::text_of;
use crate::invariants::safe_html;

/// The target.
pub fn markdown(data: &[u8]) {
    let text = text_of(data);
    let kept = render(&text, &|_| None);
    assert_safe("render", &kept.html);
    // The site turns links to documents into links to their pages; a rewritten
    // destination is a URL made from the link's text and must be checked again.
    // (`docview`: the page's URL, then the link's fragment as written.)
    let rewrite = |dest: &str| {
        let (path, fragment) = dest.split_once('#').unwrap_or((dest, ""));
        let page = path
            .strip_suffix(".md")
            .map(|stem| format!("../{stem}.html"))
            .or_else(|| path.strip_prefix("../").map(str::to_string))?;
        Some(if fragment.is_empty() {
            page
        } else {
            format!("{page}#{fragment}")
        })
    };
    let rewritten = render_with(&text, &rewrite, true);
    assert_safe("render_with", &rewritten.html);
    assert_safe("sanitize", &sanitize(&text));
}

#[track_caller]
fn assert_safe(what: &str, html: &str) {
    if let Err(e) = safe_html(html) {
        panic!("{what} left unsafe HTML: {e}\n--- output ---\n{html}");
    }
}
