//! Existing decision records, read as they are (SPEC §9): the compatibility layer
//! between adr-tools, MADR and log4brains records and docket's typed [`Decision`].
//!
//! - **adr-tools**: no front matter; `# 1. Title`, a `Date: 2016-02-12` line, a
//!   `## Status` section whose first paragraph is the status, and `Supersedes [1. …](…)`
//!   / `Superseded by [3. …](…)` lines in that section.
//! - **MADR** (3 and 4): front matter with `status`, `date`, `decision-makers` (MADR
//!   3: `deciders`), `consulted`, `informed`, some left empty as the template leaves
//!   them; the title is the first heading. MADR 2 wrote the same facts as
//!   `* Status: accepted` / `* Deciders: …` / `* Date: …` lines under the title.
//!
//! In every format only the `Status` section directly under the title (or a
//! `Status:` line) states the status; a deeper `### Status` heading is body text.
//! - **log4brains**: MADR 2 lines (`- Status:`, `- Date:`, `- Deciders:`,
//!   `- Tags:`), file names `YYYYMMDD-slug.md` (the id is the stem), and
//!   `Supersedes [x](…)` items under `## Links`.
//!
//! The rules never see these formats: [`crate::parse_document`] folds what is found
//! here into the same [`Decision`] a docket record gives, with every value's byte
//! range pointing at the line it was read from. Nothing here reads files or prints.
//!
//! The parts, each depending only on the ones above it and on the document types:
//! `status` (statuses as written → docket's), `refs` (references to other records
//! in a line), `lines` (one line of the body: labels, fences, lists), `scan` (what
//! a body says in these shapes, its `Facts`, and the format it is written in), `read`
//! (folding the facts into a [`Decision`], and the metadata lines `docket import`
//! moves). The types of the result ([`Legacy`], [`StatusStatement`]) are the
//! document's, in `crate::document`, so that they never depend on this module.
//!
//! [`Decision`]: crate::Decision

mod lines;
mod read;
mod refs;
mod scan;
mod status;

pub use crate::document::{Legacy, StatusSource, StatusStatement};
pub use scan::is_dated_stem;
pub use status::{NormalizedStatus, normalize_status, status_hint};

pub(crate) use read::{moved_lines, read_legacy};
pub(crate) use scan::{Facts, detect, scan};
pub(crate) use status::{reads_like, statement};
