//! `serve_path`: how `docket serve` turns a request path into a file of the site.
//!
//! The server's decoder is private to the command line's `serve` module, so this
//! is a copy of it (`site_path` and its strict percent-decoding), kept until the
//! server calls a library function that the target can call instead. The copy has
//! the fix the fuzzer asked for: `%` must be followed by two hex digits
//! (`u8::from_str_radix` alone also takes `+1`).
//!
//! Asserted: a path that is accepted decodes every `%` from two hex digits, and
//! names a file inside the site (no `..`, no root, no backslash, NUL or colon in a
//! segment).

use std::path::{Component, PathBuf};

use crate::invariants::safe_output_path;

/// The target.
pub fn serve_path(data: &[u8]) {
    let Ok(url) = std::str::from_utf8(data) else {
        return;
    };
    let Some(rel) = site_path(url) else {
        return;
    };
    let b = url.as_bytes();
    for (i, _) in url.match_indices('%') {
        let hex = |j: usize| b.get(j).is_some_and(u8::is_ascii_hexdigit);
        assert!(
            hex(i + 1) && hex(i + 2),
            "`{url}` was accepted with a `%` at byte {i} not followed by two hex digits"
        );
    }
    for c in rel.components() {
        assert!(
            matches!(c, Component::Normal(_)),
            "`{url}` decodes to {rel:?}, which has {c:?}"
        );
    }
    let joined = rel.to_string_lossy();
    if !joined.is_empty()
        && let Err(e) = safe_output_path(&joined)
    {
        panic!("`{url}` decodes to a path outside the site: {e}");
    }
}

/// The relative file path of a URL path: percent-decoded, `/`-separated segments,
/// never `..`; `None` for anything that could leave the site folder.
pub fn site_path(url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let mut rel = PathBuf::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return None,
            s if s.contains(['\\', '\0', ':']) => return None,
            s => rel.push(s),
        }
    }
    Some(rel)
}

/// Strict `%XX` decoding: an escape that is not `%` and two hex digits, or bytes
/// that are not UTF-8, make the request fail.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            // Two hex digits, nothing else: `from_str_radix` alone also reads `+1`
            // (the fuzzer's first finding, `%+f`).
            let hex = bytes.get(i + 1..i + 3)?;
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            out.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}
