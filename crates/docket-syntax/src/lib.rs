//! The syntax layer: from text to structure, with byte ranges for everything.
//!
//! - [`split_front_matter`] separates the YAML block between `---` lines from the body.
//! - [`parse_yaml`] reads YAML into docket's own [`Yaml`] value (serde_yaml is used in
//!   the one module `yaml`, so the library can be swapped without touching callers).
//! - [`scan_mapping`] and [`scan_sequence`] find the byte range of every top-level key
//!   and value (serde_yaml gives positions only for errors).
//! - [`outline`] reads headings, list items and links from Markdown with pulldown-cmark.
//!
//! Every range is a byte range in the file's text, so diagnostics can point at the key
//! or value they are about. This crate does no IO, knows no document kinds and never
//! panics on input: bad input is an [`SyntaxError`] with a range.

mod explain;
mod front_matter;
mod markdown;
mod nesting;
mod scan;
mod yaml;

pub use front_matter::{Split, split_front_matter};
pub use markdown::{Heading, Link, ListItem, Outline, outline};
pub use scan::{Entry, SeqItem, find_in, scan_mapping, scan_sequence};
pub use yaml::{Yaml, parse_yaml};

use std::ops::Range;

/// A syntax error at a byte range of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where the error is, as a byte range in the file.
    pub range: Range<usize>,
    /// What is wrong, lowercase, without a final period.
    pub message: String,
    /// What to change, when something specific can be said.
    pub help: Option<String>,
}

impl SyntaxError {
    pub(crate) fn new(range: Range<usize>, message: impl Into<String>) -> Self {
        Self {
            range,
            message: message.into(),
            help: None,
        }
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The same error in a file where the source starts at byte `base`.
    pub(crate) fn offset(mut self, base: usize) -> Self {
        self.range = base + self.range.start..base + self.range.end;
        self
    }
}

/// Removes a leading UTF-8 byte-order mark. Files are stored without it, so that every
/// byte offset counts from the first real character.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}
