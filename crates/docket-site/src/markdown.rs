//! Markdown to sanitized HTML: tables, footnotes, strikethrough, task lists, heading
//! anchors, links between documents rewritten to the pages they become, and raw HTML
//! cleaned by ammonia. Only the output of [`render`] is ever marked safe in templates.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// A rendered body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Sanitized HTML.
    pub html: String,
    /// The body's plain text, for the search index.
    pub text: String,
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
    let mut events: Vec<Event<'_>> = Parser::new_ext(src, options()).collect();
    if strip_title
        && matches!(
            events.first(),
            Some(Event::Start(Tag::Heading {
                level: pulldown_cmark::HeadingLevel::H1,
                ..
            }))
        )
    {
        let end = events
            .iter()
            .position(|e| matches!(e, Event::End(TagEnd::Heading(_))))
            .unwrap_or(0);
        events.drain(..=end);
    }
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut text = String::new();
    let mut headings = Vec::new();
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                let mut title = String::new();
                let mut j = i + 1;
                while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                    if let Event::Text(t) | Event::Code(t) = &events[j] {
                        title.push_str(t);
                    }
                    j += 1;
                }
                let base = slug(&title);
                let n = used.entry(base.clone()).or_insert(0);
                let id = if *n == 0 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                };
                *n += 1;
                headings.push((*level as u8, title.trim().to_string(), id.clone()));
                out.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(CowStr::from(id)),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = rewrite(dest_url).map_or_else(|| dest_url.clone(), CowStr::from);
                out.push(Event::Start(Tag::Link {
                    link_type: *link_type,
                    dest_url: dest,
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = rewrite(dest_url).map_or_else(|| dest_url.clone(), CowStr::from);
                out.push(Event::Start(Tag::Image {
                    link_type: *link_type,
                    dest_url: dest,
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            e => {
                if let Event::Text(t) | Event::Code(t) = e
                    && text.len() < 200_000
                {
                    text.push_str(t);
                    text.push(' ');
                }
                out.push(e.clone());
            }
        }
        i += 1;
    }
    let mut raw = String::with_capacity(src.len() + src.len() / 4);
    html::push_html(&mut raw, out.into_iter());
    Rendered {
        html: sanitize(&raw),
        text,
        headings,
    }
}

/// Cleans HTML: no scripts, event handlers, `javascript:` URLs, iframes, forms or
/// styles survive; headings keep their anchors and task lists their checkboxes.
pub fn sanitize(html: &str) -> String {
    let mut b = ammonia::Builder::default();
    for h in ["h1", "h2", "h3", "h4", "h5", "h6"] {
        b.add_tag_attributes(h, &["id"]);
    }
    b.add_tags(&["input"]);
    b.add_tag_attributes("input", &["type", "checked", "disabled"]);
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
    fn slugs() {
        assert_eq!(
            slug("Context and Problem Statement"),
            "context-and-problem-statement"
        );
        assert_eq!(slug("Décision — finale!"), "décision-finale");
        assert_eq!(slug("???"), "section");
    }
}
