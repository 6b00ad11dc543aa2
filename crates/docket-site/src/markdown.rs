//! Markdown to sanitized HTML: tables, footnotes, strikethrough, task lists, heading
//! anchors, links between documents rewritten to the pages they become, and raw HTML
//! cleaned by ammonia. Only the output of [`render`] is ever marked safe in templates.
//!
//! The output obeys the pages' Content-Security-Policy (`views::CONTENT_SECURITY_POLICY`):
//! no `style` attribute (a table column's alignment is a class, `align-right`), and
//! nothing loaded from another site (an image from another address becomes a link to
//! it, named by its alt text; one in raw HTML loses its `src`).

use std::collections::{HashMap, VecDeque};

use pulldown_cmark::{Alignment, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd, html};

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
        inner: Parser::new_ext(src, options()).peekable(),
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
        images: Vec::new(),
        table: TableState::default(),
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
    inner: std::iter::Peekable<Parser<'a>>,
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
    /// For each image open: whether it became a link (an image from another site).
    images: Vec<bool>,
    table: TableState,
}

/// Where the writer is in a table, to write each cell's alignment as a class.
#[derive(Default)]
struct TableState {
    alignments: Vec<Alignment>,
    head: bool,
    cell: usize,
}

impl<'a> Stream<'a, '_> {
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
                // The heading's own events are read ahead, and shaped like any other:
                // a link in a heading is rewritten and neutralized too.
                while let Some(inner) = self.inner.next() {
                    let end = matches!(inner, Event::End(TagEnd::Heading(_)));
                    if let Event::Text(t) | Event::Code(t) = &inner {
                        title.push_str(t);
                    }
                    let (shaped, extra) = self.shape(inner);
                    body.push_back(shaped);
                    body.extend(extra);
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
            e => {
                let (shaped, extra) = self.shape(e);
                self.pending.extend(extra);
                Some(shaped)
            }
        }
    }

    /// One event of the document as the page shows it, and maybe one more to follow
    /// it: links rewritten, dangerous destinations neutralized, an image from another
    /// site as a link to it (named `image` when its alt text is empty: the next event
    /// closes it), task-list markers as text.
    fn shape(&mut self, e: Event<'a>) -> (Event<'a>, Option<Event<'a>>) {
        match e {
            e @ Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                let rewritten = map_dest(e, |d| (self.rewrite)(&d).map_or(d, CowStr::from));
                let e = neutralize_url(rewritten);
                let Event::Start(Tag::Image {
                    dest_url,
                    title,
                    id,
                    ..
                }) = e
                else {
                    return (e, None);
                };
                let remote = !dest_url.is_empty() && !is_local_url(&dest_url);
                self.images.push(remote);
                if !remote {
                    let image = Tag::Image {
                        link_type: LinkType::Inline,
                        dest_url,
                        title,
                        id,
                    };
                    return (Event::Start(image), None);
                }
                let link = Event::Start(Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url,
                    title,
                    id,
                });
                let empty = matches!(self.inner_peek(), Some(Event::End(TagEnd::Image)));
                (
                    link,
                    empty.then_some(Event::Text(CowStr::Borrowed("image"))),
                )
            }
            Event::End(TagEnd::Image) if self.images.pop().unwrap_or(false) => {
                (Event::End(TagEnd::Link), None)
            }
            // Task-list markers become text, not `<input>`: no form control from a
            // document survives, and the output stays the same bytes every build.
            Event::TaskListMarker(done) => (
                Event::Text(CowStr::Borrowed(if done { "☑ " } else { "☐ " })),
                None,
            ),
            e => (e, None),
        }
    }

    /// The parser's next event, not taken.
    fn inner_peek(&mut self) -> Option<&Event<'a>> {
        self.inner.peek()
    }

    /// A table's events as the HTML writer gets them: the table without alignments
    /// (the writer would spell them as `style` attributes), and a cell of an aligned
    /// column opened with its class instead (`<td class="align-right">`); the writer
    /// closes it.
    fn table_cell(&mut self, e: Event<'a>) -> Event<'a> {
        match e {
            Event::Start(Tag::Table(alignments)) => {
                self.table = TableState {
                    alignments,
                    head: false,
                    cell: 0,
                };
                Event::Start(Tag::Table(Vec::new()))
            }
            Event::Start(Tag::TableHead) => {
                self.table.head = true;
                self.table.cell = 0;
                e
            }
            Event::End(TagEnd::TableHead) => {
                self.table.head = false;
                e
            }
            Event::Start(Tag::TableRow) => {
                self.table.cell = 0;
                e
            }
            Event::End(TagEnd::TableCell) => {
                self.table.cell += 1;
                e
            }
            Event::Start(Tag::TableCell) => {
                let class = match self.table.alignments.get(self.table.cell) {
                    Some(Alignment::Left) => "align-left",
                    Some(Alignment::Center) => "align-center",
                    Some(Alignment::Right) => "align-right",
                    _ => return e,
                };
                let tag = if self.table.head { "th" } else { "td" };
                Event::InlineHtml(CowStr::from(format!("<{tag} class=\"{class}\">")))
            }
            e => e,
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
                        return Some(self.table_cell(e));
                    }
                }
                Event::End(_) => {
                    if self.kept.pop().unwrap_or(true) {
                        self.depth = self.depth.saturating_sub(1);
                        return Some(self.table_cell(e));
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

/// Whether `dest` stays on the site: no scheme and no host, so that a browser asks
/// the site itself for it (the policy's `'self'`). Browsers drop tabs and line breaks
/// from a URL and read `\` as `/`, so `/\evil.example/x.png` names another host.
fn is_local_url(dest: &str) -> bool {
    let d: String = dest
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let scheme = d
        .find(':')
        .is_some_and(|colon| !d[..colon].contains(['/', '?', '#', '\\']));
    let host = {
        let mut c = d.chars();
        matches!((c.next(), c.next()), (Some('/' | '\\'), Some('/' | '\\')))
    };
    !scheme && !host
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
/// styles survive, and no image from another site keeps its `src`; headings keep
/// their anchors, and table cells their alignment classes.
pub fn sanitize(html: &str) -> String {
    let mut b = ammonia::Builder::default();
    for h in ["h1", "h2", "h3", "h4", "h5", "h6"] {
        b.add_tag_attributes(h, &["id"]);
    }

    b.add_tag_attributes("code", &["class"]);
    b.add_tag_attributes("div", &["class", "id"]);
    b.add_tag_attributes("sup", &["class", "id"]);
    for cell in ["th", "td"] {
        b.add_allowed_classes(cell, &["align-left", "align-center", "align-right"]);
    }
    b.attribute_filter(|element, attribute, value| {
        if element == "img" && attribute == "src" && !is_local_url(value) {
            None
        } else {
            Some(value.into())
        }
    });
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

    #[test]
    fn links_in_headings_are_neutralized_too() {
        // Regression: a heading's events were read ahead and written unshaped, so
        // `## [x](javascript:…)` kept its URL when the document had no raw HTML.
        let r = render(
            "## [x](javascript:alert(1)) ![i](JAVASCRIPT:alert(2)) [d](0041-x.md)\n",
            &|d| d.strip_suffix(".md").map(|s| format!("{s}.html")),
        );
        assert!(!r.html.to_lowercase().contains("javascript"), "{}", r.html);
        assert!(r.html.contains("href=\"0041-x.html\""), "{}", r.html);
    }

    #[test]
    fn table_alignment_is_a_class_not_a_style() {
        let src = "| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n";
        for r in [
            render(src, &|_| None),
            render(&format!("{src}\n<b>raw</b>\n"), &|_| None),
        ] {
            assert!(!r.html.contains("style"), "{}", r.html);
            for cell in [
                "<th class=\"align-left\">a</th>",
                "<th class=\"align-center\">b</th>",
                "<th class=\"align-right\">c</th>",
                "<th>d</th>",
                "<td class=\"align-left\">1</td>",
                "<td class=\"align-right\">3</td>",
                "<td>4</td>",
            ] {
                assert!(r.html.contains(cell), "no {cell} in {}", r.html);
            }
        }
        // Raw HTML keeps no style, and no class of its own choosing on a cell.
        let r = render(
            "<table><tr><td style=\"text-align: right; background: url(https://x.example/)\" class=\"align-right evil\">x</td></tr></table>\n",
            &|_| None,
        );
        assert!(!r.html.contains("style"), "{}", r.html);
        assert!(!r.html.contains("evil"), "{}", r.html);
        assert!(r.html.contains("class=\"align-right\""), "{}", r.html);
    }

    #[test]
    fn images_from_other_sites_become_links() {
        let r = render(
            "![CI status](https://ci.example/badge.svg \"CI\") ![](//cdn.example/a.png) ![local](img/a.png) ![slash](/\\evil.example/b.png)\n",
            &|_| None,
        );
        assert!(!r.html.contains("<img src=\"https:"), "{}", r.html);
        assert!(
            r.html
                .contains("<a href=\"https://ci.example/badge.svg\" title=\"CI\">CI status</a>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<a href=\"//cdn.example/a.png\">image</a>"),
            "an image without alt text is still a visible link: {}",
            r.html
        );
        assert!(
            r.html.contains("<img src=\"img/a.png\" alt=\"local\""),
            "{}",
            r.html
        );
        assert!(!r.html.contains("<img src=\"/"), "{}", r.html);
        // In raw HTML the image loses its source.
        let r = render(
            "<img src=\"https://track.example/p.gif\" alt=\"pixel\"> <img src=\"a.png\" alt=\"ok\"> <img src=\" /\t/x.example/q.png\" alt=\"tab\">\n",
            &|_| None,
        );
        assert!(!r.html.contains("track.example"), "{}", r.html);
        assert!(!r.html.contains("x.example"), "{}", r.html);
        assert!(r.html.contains("<img src=\"a.png\""), "{}", r.html);
    }

    #[test]
    fn local_urls() {
        for local in [
            "a.png",
            "../img/a.png",
            "/img/a.png",
            "#x",
            "?q=1",
            "a/b:c.png",
        ] {
            assert!(is_local_url(local), "{local}");
        }
        for remote in [
            "https://a.example/x",
            "//a.example/x",
            "/\\a.example/x",
            "\\\\a.example",
            " /\t/a.example",
            "data:image/png;base64,AA",
            "HTTP://A.EXAMPLE",
        ] {
            assert!(!is_local_url(remote), "{remote:?}");
        }
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
