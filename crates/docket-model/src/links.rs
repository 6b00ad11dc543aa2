//! Where a relative Markdown link points. One resolution for the `broken-reference`
//! rule, the site's link rewriting and `docket renumber`, so they always agree.

/// Resolves link destination `dest` written in the file `from` (a `/`-separated path,
/// repository- or handbook-relative: the result is relative to the same root).
/// `None` for what is not a relative link to a file: empty, a fragment (`#x`), an
/// absolute path, a URL with a scheme (`https:`, `mailto:`), or a path that climbs
/// above the root. The fragment and query are dropped and `%XX` escapes decoded.
pub fn resolve_link(from: &str, dest: &str) -> Option<String> {
    let dest = dest.trim();
    if dest.is_empty() || dest.starts_with(['#', '/', '\\', '?']) {
        return None;
    }
    // A scheme (`https:`, `mailto:`): a colon before any slash.
    let colon = dest.find(':');
    if colon.is_some_and(|c| dest.find('/').is_none_or(|slash| c < slash)) {
        return None;
    }
    let path = percent_decode(&dest[..dest.find(['#', '?']).unwrap_or(dest.len())]);
    if path.is_empty() {
        return None;
    }
    let folder = from.rsplit_once('/').map_or("", |(d, _)| d);
    normalize_path(&format!("{folder}/{path}"))
}

/// `a/b/../c` → `a/c`; `None` when the path climbs above its start.
pub fn normalize_path(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for p in path.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Decodes `%XX` escapes; anything malformed stays as written.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_links() {
        let from = "docs/decisions/0042-x.md";
        assert_eq!(
            resolve_link(from, "0041-y.md#why").as_deref(),
            Some("docs/decisions/0041-y.md")
        );
        assert_eq!(
            resolve_link(from, "../guide/a%20b.md").as_deref(),
            Some("docs/guide/a b.md")
        );
        assert_eq!(resolve_link(from, "https://example.com/x.md"), None);
        assert_eq!(resolve_link(from, "mailto:a@b"), None);
        assert_eq!(resolve_link(from, "#top"), None);
        assert_eq!(resolve_link(from, "../../../../etc/passwd"), None);
        assert_eq!(
            resolve_link("README.md", "docs/x.md").as_deref(),
            Some("docs/x.md")
        );
    }
}
