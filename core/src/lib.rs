//! Kassa's pure logic, shared by the widget (compiled to wasm) and the sandbox provider
//! (native). Nothing here touches the browser: every rule that decides what a buyer is
//! charged is tested natively and runs identically on both sides of the wire.

pub mod api_error;
pub mod checkout;
pub mod error;
pub mod geo;
pub mod i18n;
pub mod money;
pub mod sandbox;
pub mod sort;
pub mod subscription;
pub mod sync;
pub mod wire;

pub use error::{Error, Result};
