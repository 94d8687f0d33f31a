//! The contract's JSON without serde, for the browser bundle: a strict parser
//! ([`parse()`]), readers of the answers ([`ReadJson`]) and writers of the
//! requests ([`WriteJson`]).
//!
//! serde_json and serde's derived code cost the bundle about 17 KB brotli;
//! these cost a fraction of that. Servers keep using serde: the crate's tests
//! (`tests/json_matches_serde.rs`) hold both to the same bytes and the same
//! answers, so a value reads the same whichever side reads it.

mod parse;
mod read;
mod write;

pub use parse::{MAX_DEPTH, SyntaxError, Value, parse};
pub use read::{Problem, ReadError, ReadJson, ShapeError};
pub use write::WriteJson;
