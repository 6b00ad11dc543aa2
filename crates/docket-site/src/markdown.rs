//! Markdown to sanitized HTML: tables, footnotes, strikethrough, task lists, heading
//! anchors, links between documents rewritten to the pages they become, and raw HTML
//! cleaned by ammonia. Only the output of [`render`] is ever marked safe in templates.

use std::collections::{HashMap, VecDeque};

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// A rendered body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Sanitized HTML.
    pub html: String,
    /// The body's plain text, for the search index.
    pub text: String,
    /// The plain text of the first paragraph, for summaries.
    pub summary: String,
    /// Headings: level, text and anchor id.
    pub headings: Vec<(u8, String, String)>,
}

fn options() -> Options {
    let mut o = Options::empty();
    o.insert(Options::ENABLE_TABLES);
    o.insert(Options::ENABLE_FOOTNOTES);
    o.insert(Options::ENABLE_STRIKETHROUGH);
    o.insert(Options::ENABLE_TASKLISTS);
    o
}

/// A URL-safe anchor id for a heading: lowercase ASCII letters and digits joined by
/// hyphens (other letters kept), as GitHub and mdBook make them.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        "section".to_string()
    } else {
        out
    }
}

/// Renders `src`. `rewrite` maps a link destination to the URL it should become
/// (e.g. `0042-x.md` → `0042-x.html`), or `None` to keep it.
pub fn render(src: &str, rewrite: &dyn Fn(&str) -> Option<String>) -> Rendered {
    render_with(src, rewrite, false)
}

/// Like [`render`]; with `strip_title`, a level-1 heading that opens the body is left
/// out (the page template prints the title itself, so there is one `<h1>`).
pub fn render_with(
    src: &str,
    rewrite: &dyn Fn(&str) -> Option<String>,
    strip_title: bool,
) -> Rendered {
    // pulldown-cmark escapes all text and attribute values; only raw HTML in the
    // Markdown needs the sanitizer, and it is the costly step on large documents
    // (adversarial case 0032: 40 MB). Without raw HTML, dangerous link schemes are the
    // one thing left to remove, which `neutralize_url` does. A first pass that only
    // looks costs time, not memory: events are streamed, never collected.
    let has_raw_html =
        Parser::new_ext(src, options()).any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    let mut stream = Stream {
        inner: Parser::new_ext(src, options()),
        pending: VecDeque::new(),
        rewrite,
        strip_title,
        first: true,
        used: HashMap::new(),
        headings: Vec::new(),
        text: String::new(),
        summary: String::new(),
        para_state: 0,
        kept: Vec::new(),
        depth: 0,
    };
    let mut raw = String::with_capacity(src.len() + src.len() / 4);
    html::push_html(&mut raw, &mut stream);
    Rendered {
        html: if has_raw_html { sanitize(&raw) } else { raw },
        text: stream.text,
        summary: stream.summary.trim().to_string(),
        headings: stream.headings,
    }
}

/// The event stream from parser to HTML writer: heading anchors, rewritten and
/// neutralized links, a depth limit, and the plain text collected on the way.
struct Stream<'a, 'r> {
    inner: Parser<'a>,
    /// Events of a heading, read ahead to name its anchor.
    pending: VecDeque<Event<'a>>,
    rewrite: &'r dyn Fn(&str) -> Option<String>,
    strip_title: bool,
    first: bool,
    used: HashMap<String, usize>,
    headings: Vec<(u8, String, String)>,
    text: String,
    summary: String,
    /// 0: before the first paragraph, 1: inside it, 2: after it.
    para_state: u8,
    kept: Vec<bool>,
    depth: usize,
}

impl<'a> Stream<'a, '_> {
    /// A link or image with its destination rewritten, then neutralized when its
    /// scheme is dangerous; any other event as it is.
    fn shape_link(&self, e: Event<'a>) -> Event<'a> {
        match e {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                let rewritten = map_dest(e, |d| (self.rewrite)(&d).map_or(d, CowStr::from));
                neutralize_url(rewritten)
            }
            e => e,
        }
    }

    /// The next event after anchors and link rewriting, before the depth limit.
    fn next_shaped(&mut self) -> Option<Event<'a>> {
        if let Some(e) = self.pending.pop_front() {
            return Some(e);
        }
        let e = self.inner.next()?;
        let first = std::mem::replace(&mut self.first, false);
        match e {
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                let mut title = String::new();
                let mut body = VecDeque::new();
                while let Some(inner) = self.inner.next() {
                    let end = matches!(inner, Event::End(TagEnd::Heading(_)));
                    if let Event::Text(t) | Event::Code(t) = &inner {
                        title.push_str(t);
                    }
                    // The heading's events are read ahead and returned as they are
                    // kept, so its links are shaped here: a `javascript:` link in a
                    // heading once reached the page (found by the `markdown` fuzz
                    // target).
                    body.push_back(self.shape_link(inner));
                    if end {
                        break;
                    }
                }
                if first && self.strip_title && level == pulldown_cmark::HeadingLevel::H1 {
                    // The page prints the title itself: one `<h1>` per page.
                    return self.next_shaped();
                }
                let base = slug(&title);
                let n = self.used.entry(base.clone()).or_insert(0);
                let id = if *n == 0 { base } else { format!("{base}-{n}") };
                *n += 1;
                self.headings
                    .push((level as u8, title.trim().to_string(), id.clone()));
                self.pending = body;
                Some(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes,
                    attrs,
                }))
            }
            e @ Event::Start(Tag::Link { .. } | Tag::Image { .. }) => Some(self.shape_link(e)),
            // Task-list markers become text, not `<input>`: no form control from a
            // document survives, and the output stays the same bytes every build.
            Event::TaskListMarker(done) => Some(Event::Text(CowStr::Borrowed(if done {
                "☑ "
            } else {
                "☐ "
            }))),
            e => Some(e),
        }
    }
}

impl<'a> Iterator for Stream<'a, '_> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            let e = self.next_shaped()?;
            match &e {
                Event::Start(Tag::Paragraph) if self.para_state == 0 => self.para_state = 1,
                Event::End(TagEnd::Paragraph) if self.para_state == 1 => self.para_state = 2,
                Event::SoftBreak if self.para_state == 1 => self.summary.push(' '),
                Event::Text(t) | Event::Code(t) => {
                    if self.para_state == 1 {
                        self.summary.push_str(t);
                    }
                    if self.text.len() < 200_000 {
                        self.text.push_str(t);
                        self.text.push(' ');
                    }
                }
                _ => {}
            }
            // Depth limit (see MAX_DEPTH): deeper elements are dropped, content kept.
            match &e {
                Event::Start(_) => {
                    let keep = self.depth < MAX_DEPTH;
                    self.kept.push(keep);
                    if keep {
                        self.depth += 1;
                        return Some(e);
                    }
                }
                Event::End(_) => {
                    if self.kept.pop().unwrap_or(true) {
                        self.depth = self.depth.saturating_sub(1);
                        return Some(e);
                    }
                }
                _ => return Some(e),
            }
        }
    }
}

/// Whether a link destination is safe to emit: relative, a fragment, or one of the
/// schemes a handbook links to. `javascript:`, `data:`, `vbscript:` and the rest are not.
fn safe_url(dest: &str) -> bool {
    let d = dest.trim_start().to_ascii_lowercase();
    match d.find(':') {
        Some(colon) if !d[..colon].contains(['/', '?', '#']) => {
            matches!(&d[..colon], "http" | "https" | "mailto" | "tel" | "ftp")
        }
        _ => true,
    }
}

/// `e` with its link or image destination replaced by `f(destination)`.
fn map_dest<'a>(mut e: Event<'a>, f: impl FnOnce(CowStr<'a>) -> CowStr<'a>) -> Event<'a> {
    if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = &mut e {
        let dest = std::mem::replace(dest_url, CowStr::Borrowed(""));
        *dest_url = f(dest);
    }
    e
}

/// A dangerous link becomes `#`, a dangerous image source empty.
fn neutralize_url(e: Event<'_>) -> Event<'_> {
    let replacement = match &e {
        Event::Start(Tag::Link { dest_url, .. }) if !safe_url(dest_url) => "#",
        Event::Start(Tag::Image { dest_url, .. }) if !safe_url(dest_url) => "",
        _ => return e,
    };
    map_dest(e, |_| CowStr::Borrowed(replacement))
}

/// The deepest nesting of elements kept. Deeper elements are dropped and their
/// content kept at this depth: the HTML sanitizer's cost grows with depth × elements,
/// so a pathological document (ten thousand nested quotes) must not reach it
/// (adversarial case 0018).
const MAX_DEPTH: usize = 48;

/// Cleans HTML: no scripts, event handlers, `javascript:` URLs, iframes, forms or
/// styles survive; headings keep their anchors and task lists their checkboxes.
pub fn sanitize(html: &str) -> String {
    let mut b = ammonia::Builder::default();
    for h in ["h1", "h2", "h3", "h4", "h5", "h6"] {
        b.add_tag_attributes(h, &["id"]);
    }

    b.add_tag_attributes("code", &["class"]);
    b.add_tag_attributes("div", &["class", "id"]);
    b.add_tag_attributes("sup", &["class", "id"]);
    b.add_tag_attributes("th", &["style"]);
    b.add_tag_attributes("td", &["style"]);
    b.filter_style_properties(["text-align"].into_iter().collect());
    b.link_rel(Some("noopener noreferrer"));
    b.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_links_and_sanitizing() {
        let r = render(
            "# Use PostgreSQL\n\n## Options\n\n## Options\n\nSee [0041](0041-x.md#why) and <script>alert(1)</script><a href=\"javascript:alert(1)\" onclick=\"x()\">x</a>\n\n- [x] done\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
            &|d| d.strip_suffix(".md#why").map(|s| format!("{s}.html#why")),
        );
        insta::assert_snapshot!(r.html);
        assert_eq!(r.headings[2].2, "options-1");
        assert!(!r.html.contains("script"));
        assert!(!r.html.contains("javascript:"));
        assert!(!r.html.contains("onclick"));
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let src = format!("{}deep\n", "> ".repeat(5000));
        let r = render(&src, &|_| None);
        assert!(r.html.matches("<blockquote>").count() <= MAX_DEPTH);
        assert!(r.html.contains("deep"));
    }

    #[test]
    fn markdown_links_with_bad_schemes_are_neutralized() {
        let r = render(
            "[x](javascript:alert(1)) [y](JaVaScRiPt:alert(2)) ![z](data:text/html,boom) [ok](https://a.example) [rel](a.md)",
            &|_| None,
        );
        assert!(!r.html.to_lowercase().contains("javascript:"), "{}", r.html);
        assert!(!r.html.contains("data:"), "{}", r.html);
        assert!(r.html.contains("https://a.example"));
        assert!(r.html.contains("href=\"a.md\""));
    }

    /// Found by the `markdown` fuzz target: the events of a heading are read ahead
    /// for its anchor, and its links skipped the scheme check and the rewriting.
    #[test]
    fn links_in_headings_are_neutralized_and_rewritten() {
        let r = render(
            "# [x](javascript:alert(1)) ![y](data:text/html,z)\n\nSee\n<javascript:x>\n---\n\n## [a](0041-x.md)\n",
            &|d| d.strip_suffix(".md").map(|s| format!("{s}.html")),
        );
        assert!(!r.html.contains("javascript:alert"), "{}", r.html);
        assert!(!r.html.contains("href=\"javascript:x"), "{}", r.html);
        assert!(!r.html.contains("data:"), "{}", r.html);
        assert!(r.html.contains("href=\"0041-x.html\""), "{}", r.html);
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Context and Problem Statement"),
            "context-and-problem-statement"
        );
        assert_eq!(slug("Décision — finale!"), "décision-finale");
        assert_eq!(slug("???"), "section");
    }
}
