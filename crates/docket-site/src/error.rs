//! The one error type of the site build: what stopped a build from finishing.

use std::path::{Path, PathBuf};

/// The build could not finish; nothing was swapped in.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    /// Reading or writing a file failed.
    #[error("cannot write `{path}`: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A template failed to load or render.
    #[error("template `{name}`: {message}")]
    Template {
        /// Template name.
        name: String,
        /// minijinja's message, with line.
        message: String,
    },
    /// `--out` is somewhere docket must not write.
    #[error("refusing to build into `{path}`: {reason}")]
    UnsafeOutput {
        /// The path.
        path: PathBuf,
        /// Why.
        reason: String,
    },
}

impl SiteError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        SiteError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn template(name: &str, e: &minijinja::Error) -> Self {
        SiteError::Template {
            name: name.to_string(),
            message: e.to_string(),
        }
    }
}
