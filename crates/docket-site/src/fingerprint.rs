//! Page keys: a 64-bit fingerprint of everything a page is rendered from, so that a
//! rebuild can hard-link the previous site's file for a page whose key did not
//! change instead of building its view, rendering its Markdown and its template
//! (`writer::Writer::page`, `output::Staging::reuse`).
//!
//! A page's key hashes the build's key ([`site_key`]: the binary, the templates,
//! the `site` and `nav` every page shows, and the tables a document's links are
//! rewritten with) with the page's template, URL, title, section and the whole
//! context it is rendered with, serialized. What a page shows is a function of
//! those, so an unchanged key means unchanged bytes; a value that cannot be
//! serialized gives no key, and the page is rendered.

use std::hash::{DefaultHasher, Hash, Hasher};

use serde::Serialize;

/// A streaming fingerprint (SipHash with fixed keys: the same input gives the same
/// key in every run of one binary; the binary is part of [`site_key`]).
pub(crate) struct Fingerprint(DefaultHasher);

impl Fingerprint {
    /// A fingerprint of what `tag` names.
    pub(crate) fn new(tag: &str) -> Self {
        let mut h = DefaultHasher::new();
        tag.hash(&mut h);
        Self(h)
    }

    /// Adds `text` (length-prefixed: `"ab" "c"` and `"a" "bc"` differ).
    pub(crate) fn str(&mut self, text: &str) -> &mut Self {
        self.bytes(text.as_bytes())
    }

    /// Adds `bytes` (length-prefixed).
    pub(crate) fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.write_usize(bytes.len());
        self.0.write(bytes);
        self
    }

    /// Adds a number.
    pub(crate) fn u64(&mut self, n: u64) -> &mut Self {
        self.0.write_u64(n);
        self
    }

    /// Adds `value` as its JSON text; `None` when it cannot be serialized.
    pub(crate) fn serialized(&mut self, value: &impl Serialize) -> Option<&mut Self> {
        serde_json::to_writer(&mut Stream(&mut self.0), value).ok()?;
        self.0.write_u8(0xff);
        Some(self)
    }

    /// The key.
    pub(crate) fn finish(&self) -> u64 {
        self.0.finish()
    }
}

/// `io::Write` into a hasher, for serde_json.
struct Stream<'a>(&'a mut DefaultHasher);

impl std::io::Write for Stream<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What identifies the running binary: its size and modification time (a rebuilt
/// docket may render the same context differently). `None` when it cannot be
/// found: then no page is reused.
pub(crate) fn binary_key() -> Option<u64> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(exe).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    let mut f = Fingerprint::new("binary");
    f.str(env!("CARGO_PKG_VERSION"))
        .u64(meta.len())
        .u64(modified.as_secs())
        .u64(u64::from(modified.subsec_nanos()));
    Some(f.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_tell_apart_what_pages_are_made_of() {
        let key = |parts: &[&str]| {
            let mut f = Fingerprint::new("t");
            for p in parts {
                f.str(p);
            }
            f.finish()
        };
        assert_eq!(key(&["ab", "c"]), key(&["ab", "c"]));
        assert_ne!(key(&["ab", "c"]), key(&["a", "bc"]));
        let mut a = Fingerprint::new("t");
        let mut b = Fingerprint::new("t");
        a.serialized(&serde_json::json!({"title": "x", "n": 1}));
        b.serialized(&serde_json::json!({"title": "x", "n": 2}));
        assert_ne!(a.finish(), b.finish());
        assert_ne!(
            Fingerprint::new("t").finish(),
            Fingerprint::new("u").finish()
        );
    }
}
