//! The one error type of the crate.

/// Git could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    /// An error from git.
    #[error("git: {0}")]
    Git(String),
    /// A reference that does not exist.
    #[error("`{0}` is not a commit, branch or tag in this repository")]
    UnknownRef(String),
}

impl From<git2::Error> for GitError {
    fn from(e: git2::Error) -> Self {
        GitError::Git(e.message().to_string())
    }
}
