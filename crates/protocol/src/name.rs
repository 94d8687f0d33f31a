//! Reading the unit enums (`ErrorCode`, `MethodKind`, `PollStatus`, the
//! delivery `type`) from their wire names.
//!
//! serde's derived `Deserialize` for an enum builds a field visitor and an
//! enum visitor per type, 1–1.6 KB of wasm each. These enums are only ever
//! strings on the wire, so they share this one visitor instead: it finds the
//! string in the enum's list of names and the enum maps the index back. That
//! took about 4.5 KB raw, 0.7 KB brotli off the browser bundle. The accepted
//! strings and the fallbacks are those of the derive; an unknown name where
//! there is no fallback is still an error, worded by serde's `invalid_value`
//! (cheaper than the derive's "expected one of" list). `Serialize` stays
//! derived.

use core::fmt;

use serde::de::{Deserializer, Error, Visitor};

/// Reads a string and returns its index in `names`. An unknown string is
/// `names.len() - 1` (the last variant) when `last_is_other`, as with
/// `#[serde(other)]`, and otherwise an "invalid value" error naming `what`.
pub(crate) fn index<'de, D: Deserializer<'de>>(
    deserializer: D,
    what: &'static str,
    names: &'static [&'static str],
    last_is_other: bool,
) -> Result<usize, D::Error> {
    deserializer.deserialize_str(Names {
        what,
        names,
        last_is_other,
    })
}

struct Names {
    /// What the string names, for errors ("a poll status").
    what: &'static str,
    names: &'static [&'static str],
    last_is_other: bool,
}

impl Visitor<'_> for Names {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.what)
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<usize, E> {
        match self.names.iter().position(|n| *n == v) {
            Some(i) => Ok(i),
            None if self.last_is_other => Ok(self.names.len() - 1),
            None => Err(E::invalid_value(serde::de::Unexpected::Str(v), &self)),
        }
    }
}

/// `Deserialize` and `as_str` for a unit enum from `Variant => "wire_name"`
/// pairs. With `$other` true, the last pair's variant also takes every
/// unknown name.
macro_rules! deserialize_by_name {
    ($ty:ty, $what:literal, $other:expr, [$($variant:path => $name:literal),+ $(,)?]) => {
        // Not every enum here is printed (the delivery type is crate-private).
        #[allow(dead_code)]
        impl $ty {
            /// The name on the wire (and in the details panel and host events).
            pub fn as_str(self) -> &'static str {
                match self {
                    $($variant => $name),+
                }
            }

            /// Every value with its name on the wire, in order (for
            /// `crate::json`'s readers and for tests; an unknown name is the last value
            /// when the type has a fallback).
            pub const WIRE: &'static [($ty, &'static str)] = &[$(($variant, $name)),+];
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                const ALL: &[$ty] = &[$($variant),+];
                const NAMES: &[&str] = &[$($name),+];
                crate::name::index(d, $what, NAMES, $other).map(|i| ALL[i])
            }
        }
    };
}
pub(crate) use deserialize_by_name;
