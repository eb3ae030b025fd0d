//! The widget crate's one error enum.

use kassa_core::api_error::ApiError;

/// What can go wrong in the browser layer.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Error {
    /// `mount()` was given options it cannot use.
    #[error("invalid options: {0}")]
    InvalidOptions(String),
    /// A language's sentence table (`lang/{code}.json`) cannot be used.
    #[error("invalid language table: {0}")]
    InvalidTexts(String),
    /// The provider did not give a session.
    #[error(transparent)]
    Api(#[from] ApiError),
}

/// `Result` with the widget's error.
pub type Result<T> = std::result::Result<T, Error>;
