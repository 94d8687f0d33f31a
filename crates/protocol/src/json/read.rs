//! Reading the contract's answers from JSON without serde: the widget's side
//! of the wire, small enough for the browser bundle.
//!
//! Each reader accepts what serde's derived `Deserialize` accepts for an
//! object (unknown members ignored, `null` or absent for an optional member,
//! unknown enum names where the type has a fallback) and rejects the rest with
//! the name of the member at fault, never its value: a challenge of the wrong
//! shape still holds the secret session handle. `tests/json_matches_serde.rs`
//! holds the two readers to each other.

use super::parse::{SyntaxError, Value, parse};
use crate::{
    ApiError, Challenge, Delivery, ErrorCode, Method, MethodKind, PollResponse, PollStatus,
    SendResponse, VerifyResponse,
};

/// Why a text could not be read as the type asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// The text is not JSON at all.
    NotJson(SyntaxError),
    /// The text is JSON of the wrong shape.
    Shape(ShapeError),
}

/// Which member of a JSON answer is wrong, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShapeError {
    /// Where the member is: empty at the top, else `delivery.` or
    /// `methods[].`.
    pub within: &'static str,
    /// The member's name; empty for the answer itself.
    pub field: &'static str,
    /// What is wrong with it.
    pub problem: Problem,
}

/// What is wrong with a member.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A required member is absent.
    Missing,
    /// The member is there twice.
    Duplicate,
    /// The member holds the wrong kind of value (or a number out of range).
    WrongType,
    /// The member names a value the contract does not have.
    UnknownName,
}

impl Problem {
    /// A few words for a message: "is missing", "has the wrong type", …
    pub fn words(self) -> &'static str {
        match self {
            Problem::Missing => "is missing",
            Problem::Duplicate => "appears twice",
            Problem::WrongType => "has the wrong type",
            Problem::UnknownName => "has an unknown value",
        }
    }
}

/// A contract type that can be read from a JSON answer.
pub trait ReadJson: Sized {
    /// Reads `text`, which must be one JSON object of this type's shape.
    fn read_json(text: &str) -> Result<Self, ReadError> {
        let value = parse(text).map_err(ReadError::NotJson)?;
        Self::from_value(&value).map_err(ReadError::Shape)
    }

    /// Reads a parsed value.
    fn from_value(value: &Value) -> Result<Self, ShapeError>;
}

type Read<T> = Result<T, ShapeError>;

fn wrong(field: &'static str, problem: Problem) -> ShapeError {
    ShapeError {
        within: "",
        field,
        problem,
    }
}

/// Places an error of a nested object's reader `within` its parent.
fn within(within: &'static str) -> impl Fn(ShapeError) -> ShapeError {
    move |e| ShapeError { within, ..e }
}

/// The members of one JSON object.
struct Object<'a>(&'a [(String, Value)]);

impl<'a> Object<'a> {
    fn of(value: &'a Value, field: &'static str) -> Read<Self> {
        match value {
            Value::Object(members) => Ok(Object(members)),
            _ => Err(wrong(field, Problem::WrongType)),
        }
    }

    /// The member `name` as it is, `null` included; an error when it
    /// appears twice (as with serde's derive).
    fn member(&self, name: &'static str) -> Read<Option<&'a Value>> {
        let mut found = self.0.iter().filter(|(key, _)| key == name);
        let first = found.next().map(|(_, v)| v);
        if found.next().is_some() {
            return Err(wrong(name, Problem::Duplicate));
        }
        Ok(first)
    }

    /// The member `name`; `None` when absent or `null`.
    fn get(&self, name: &'static str) -> Read<Option<&'a Value>> {
        Ok(self.member(name)?.filter(|v| **v != Value::Null))
    }

    fn required(&self, name: &'static str) -> Read<&'a Value> {
        match self.member(name)? {
            None => Err(wrong(name, Problem::Missing)),
            Some(Value::Null) => Err(wrong(name, Problem::WrongType)),
            Some(v) => Ok(v),
        }
    }

    fn string(&self, name: &'static str) -> Read<String> {
        text(self.required(name)?, name)
    }

    fn opt_string(&self, name: &'static str) -> Read<Option<String>> {
        self.get(name)?.map(|v| text(v, name)).transpose()
    }

    fn number(&self, name: &'static str, max: u64) -> Read<u32> {
        whole(self.required(name)?, name, max)
    }

    fn opt_number(&self, name: &'static str) -> Read<Option<u32>> {
        self.get(name)?
            .map(|v| whole(v, name, u64::from(u32::MAX)))
            .transpose()
    }

    /// A string member naming one of `names`' values; an unknown name is the
    /// last entry's value when `other`, and an error otherwise.
    fn name<T: Copy>(&self, name: &'static str, names: &[(T, &str)], other: bool) -> Read<T> {
        let wire = text(self.required(name)?, name)?;
        match names.iter().find(|(_, n)| *n == wire) {
            Some((value, _)) => Ok(*value),
            None if other => Ok(names[names.len() - 1].0),
            None => Err(wrong(name, Problem::UnknownName)),
        }
    }
}

fn text(value: &Value, field: &'static str) -> Read<String> {
    match value {
        Value::String(s) => Ok(s.clone()),
        _ => Err(wrong(field, Problem::WrongType)),
    }
}

fn whole(value: &Value, field: &'static str, max: u64) -> Read<u32> {
    match value {
        Value::Number(Some(n)) if *n <= max => Ok(*n as u32),
        _ => Err(wrong(field, Problem::WrongType)),
    }
}

impl ReadJson for Challenge {
    fn from_value(value: &Value) -> Read<Self> {
        let o = Object::of(value, "")?;
        let methods = match o.required("methods")? {
            Value::Array(items) => items
                .iter()
                .map(|m| Method::from_value(m).map_err(within("methods[].")))
                .collect::<Read<Vec<_>>>()?,
            _ => return Err(wrong("methods", Problem::WrongType)),
        };
        Ok(Challenge {
            session_handle: o.string("session_handle")?,
            session_ref: o.string("session_ref")?,
            user: o.string("user")?,
            methods,
            default_method: o.string("default_method")?,
            expires_in_secs: o.number("expires_in_secs", u64::from(u32::MAX))?,
            remember_device_days: o.opt_number("remember_device_days")?,
        })
    }
}

impl ReadJson for Method {
    fn from_value(value: &Value) -> Read<Self> {
        let o = Object::of(value, "")?;
        Ok(Method {
            id: o.string("id")?,
            kind: o.name("kind", MethodKind::WIRE, true)?,
            target: o.opt_string("target")?,
            label: o.opt_string("label")?,
        })
    }
}

impl ReadJson for SendResponse {
    fn from_value(value: &Value) -> Read<Self> {
        let o = Object::of(value, "")?;
        Ok(SendResponse {
            method_id: o.string("method_id")?,
            delivery: Delivery::from_value(o.required("delivery")?).map_err(within("delivery."))?,
        })
    }
}

impl ReadJson for Delivery {
    fn from_value(value: &Value) -> Read<Self> {
        let o = Object::of(value, "")?;
        // Every member is checked, as serde's flat wire struct does,
        // whichever type uses it.
        let code = o.name("type", &[(true, "code"), (false, "approval")], false)?;
        let target = o.opt_string("target")?;
        let code_length = o
            .get("code_length")?
            .map(|v| whole(v, "code_length", u64::from(u8::MAX)))
            .transpose()?;
        let resend_after_secs = o.opt_number("resend_after_secs")?;
        let suggest_other_after_secs = o.opt_number("suggest_other_after_secs")?;
        let poll_interval_ms = o.opt_number("poll_interval_ms")?;
        let number_to_match = o.opt_string("number_to_match")?;
        Ok(if code {
            Delivery::Code {
                target,
                code_length: code_length.ok_or(wrong("code_length", Problem::Missing))? as u8,
                resend_after_secs,
                suggest_other_after_secs,
            }
        } else {
            Delivery::Approval {
                target,
                poll_interval_ms: poll_interval_ms
                    .ok_or(wrong("poll_interval_ms", Problem::Missing))?,
                number_to_match,
            }
        })
    }
}

impl ReadJson for VerifyResponse {
    fn from_value(value: &Value) -> Read<Self> {
        let o = Object::of(value, "")?;
        Ok(VerifyResponse {
            assertion: o.string("assertion")?,
        })
    }
}

impl ReadJson for PollResponse {
    fn from_value(value: &Value) -> Read<Self> {
        let o = Object::of(value, "")?;
        Ok(PollResponse {
            status: o.name("status", PollStatus::WIRE, false)?,
            assertion: o.opt_string("assertion")?,
        })
    }
}

impl ReadJson for ApiError {
    fn from_value(value: &Value) -> Read<Self> {
        let o = Object::of(value, "")?;
        Ok(ApiError {
            code: o.name("code", ErrorCode::WIRE, true)?,
            message: o.string("message")?,
            correlation_id: o.opt_string("correlation_id")?,
            session_ref: o.opt_string("session_ref")?,
            timestamp: o.opt_string("timestamp")?,
            retry_after_secs: o.opt_number("retry_after_secs")?,
            attempts_left: o.opt_number("attempts_left")?,
        })
    }
}
