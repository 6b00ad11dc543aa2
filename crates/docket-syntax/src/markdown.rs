//! The outline of a Markdown body: headings, list items and links, with byte ranges.
//! The rules use it for required sections (`## Options` with two items, a brief's
//! `Acceptance criteria`) and for links between documents.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

/// A heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The heading's plain text.
    pub text: String,
    /// Byte range of the heading in the file.
    pub range: Range<usize>,
}

/// A link or image destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The destination as written.
    pub dest: String,
    /// Byte range of the link in the file.
    pub range: Range<usize>,
}

/// An item of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    /// The item's plain text (of its first paragraph and below).
    pub text: String,
    /// Byte range of the item in the file.
    pub range: Range<usize>,
    /// Nesting depth: 0 for a top-level list.
    pub depth: usize,
    /// Index into [`Outline::headings`] of the heading this item sits under.
    pub section: Option<usize>,
}

/// What the rules need to know about a Markdown body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// Links and images in order.
    pub links: Vec<Link>,
    /// List items in order.
    pub list_items: Vec<ListItem>,
}

impl Outline {
    /// The index of the first heading whose text equals `name`, ignoring case and
    /// surrounding whitespace and a trailing colon.
    pub fn section(&self, name: &str) -> Option<usize> {
        self.headings
            .iter()
            .position(|h| same_heading(&h.text, name))
    }

    /// The top-level list items directly under heading `index` (before the next
    /// heading of the same or a higher level).
    pub fn items_in_section(&self, index: usize) -> impl Iterator<Item = &ListItem> {
        let level = self.headings.get(index).map_or(0, |h| h.level);
        let end = self.headings[index.saturating_add(1).min(self.headings.len())..]
            .iter()
            .position(|h| h.level <= level)
            .map_or(self.headings.len(), |p| index + 1 + p);
        self.list_items
            .iter()
            .filter(move |i| i.depth == 0 && i.section.is_some_and(|s| s >= index && s < end))
    }

    /// The plain text under heading `index` is taken from the body by the caller; this
    /// gives the byte range from the end of the heading to the next heading of the same
    /// or a higher level (or `body_end`).
    pub fn section_range(&self, index: usize, body_end: usize) -> Range<usize> {
        let Some(h) = self.headings.get(index) else {
            return body_end..body_end;
        };
        let end = self.headings[index + 1..]
            .iter()
            .find(|n| n.level <= h.level)
            .map_or(body_end, |n| n.range.start);
        h.range.end..end.max(h.range.end)
    }
}

/// Whether heading text `text` names section `name`.
pub fn same_heading(text: &str, name: &str) -> bool {
    let t = text.trim().trim_end_matches(':').trim();
    t.eq_ignore_ascii_case(name.trim())
}

/// Reads the outline of `text[body]`; ranges are file offsets.
pub fn outline(text: &str, body: Range<usize>) -> Outline {
    let base = body.start;
    let src = text.get(body).unwrap_or("");
    let mut out = Outline::default();
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    let mut heading: Option<(u8, String, Range<usize>)> = None;
    // Open list items: index into out.list_items.
    let mut items: Vec<usize> = Vec::new();
    let mut list_depth: usize = 0;
    for (event, range) in Parser::new_ext(src, options).into_offset_iter() {
        let range = range.start + base..range.end + base;
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level_number(level), String::new(), range));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text, range)) = heading.take() {
                    out.headings.push(Heading {
                        level,
                        text: text.trim().to_string(),
                        range,
                    });
                }
            }
            Event::Start(Tag::List(_)) => list_depth += 1,
            Event::End(TagEnd::List(_)) => list_depth = list_depth.saturating_sub(1),
            Event::Start(Tag::Item) => {
                out.list_items.push(ListItem {
                    text: String::new(),
                    range,
                    depth: list_depth.saturating_sub(1),
                    section: out.headings.len().checked_sub(1),
                });
                items.push(out.list_items.len() - 1);
            }
            Event::End(TagEnd::Item) => {
                items.pop();
            }
            Event::Start(Tag::Link {
                link_type: LinkType::Email,
                dest_url,
                ..
            }) => {
                // An email autolink (`<a@b.c>`) is written without its scheme.
                out.links.push(Link {
                    dest: format!("mailto:{dest_url}"),
                    range,
                });
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                out.links.push(Link {
                    dest: dest_url.to_string(),
                    range,
                });
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text, _)) = heading.as_mut() {
                    text.push_str(&t);
                }
                if let Some(&i) = items.last() {
                    let item = &mut out.list_items[i];
                    // Keep item text short: rules only need its start.
                    if item.text.len() < 200 {
                        item.text.push_str(&t);
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(&i) = items.last() {
                    out.list_items[i].text.push(' ');
                }
            }
            _ => {}
        }
    }
    // An outline lives as long as its document: no spare capacity.
    out.headings.shrink_to_fit();
    out.links.shrink_to_fit();
    out.list_items.shrink_to_fit();
    for item in &mut out.list_items {
        item.text.shrink_to_fit();
    }
    out
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_items_links() {
        let text = "---\nx: 1\n---\n# Title\n\n## Options\n\n1. **Fast**: one\n2. Slow\n   - nested\n\n## Decision\n\nSee [0041](0041-x.md).\n";
        let body = 13..text.len();
        let o = outline(text, body.clone());
        assert_eq!(o.headings.len(), 3);
        assert_eq!(o.headings[1].text, "Options");
        assert_eq!(&text[o.headings[0].range.clone()].trim_end(), &"# Title");
        let options = o.section("options").unwrap_or(99);
        assert_eq!(o.items_in_section(options).count(), 2);
        assert_eq!(o.links[0].dest, "0041-x.md");
        assert!(text[o.links[0].range.clone()].starts_with("[0041]"));
        let r = o.section_range(2, text.len());
        assert!(text[r].contains("See"));
    }
}
