//! The one escaper of text for HTML and XML: the templates' auto-escaping, the Atom
//! feed and sitemap, and the dashboard's inline SVG all call [`escape`]; and
//! [`push_script_json`], JSON as the data of a script file.

/// Where escaped text goes; it decides whether `'` is escaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Markup {
    /// HTML text and attribute values, which a user's template may quote with `'`:
    /// `&`, `<`, `>`, `"` and `'`. This is minijinja's HTML escaping except for `/`,
    /// which is left alone so that URLs stay readable (`../index.html`); `/` cannot
    /// end an attribute or open a tag.
    Html,
    /// XML that docket writes itself (the feed, the sitemap, inline SVG), whose
    /// attribute values are always in `"`: `&`, `<`, `>` and `"`.
    Xml,
}

/// Appends `json` (serialised JSON) to a script's text with every `<` written
/// `\u003c`, so that no value can close a script element wherever the data is
/// included (the search index, a record index's rows).
pub(crate) fn push_script_json(out: &mut String, json: &str) {
    if json.contains('<') {
        out.push_str(&json.replace('<', "\\u003c"));
    } else {
        out.push_str(json);
    }
}

/// `s` with the characters that are markup in `markup` replaced by entities.
pub(crate) fn escape(s: &str, markup: Markup) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' if markup == Markup::Html => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_both_quotes_xml_only_the_double_one() {
        let s = r#"<a href="x">Tom & Jerry's</a>"#;
        assert_eq!(
            escape(s, Markup::Html),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#x27;s&lt;/a&gt;"
        );
        assert_eq!(
            escape(s, Markup::Xml),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry's&lt;/a&gt;"
        );
        assert_eq!(escape("../index.html", Markup::Html), "../index.html");
    }
}
