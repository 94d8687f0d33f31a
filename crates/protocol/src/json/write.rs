//! Writing the contract's requests as JSON without serde, byte for byte as
//! serde_json writes them (members in declaration order, optional members
//! left out when absent, the same string escapes), so that a server sees the
//! same bodies from the widget as from any serde client.

use crate::{PollRequest, SendRequest, StartRequest, VerifyRequest};

/// A contract request that can be written as JSON.
pub trait WriteJson {
    /// The request as a JSON object.
    fn to_json(&self) -> String;
}

/// Writes one JSON object, member by member.
struct ObjectWriter(String);

impl ObjectWriter {
    fn new() -> Self {
        ObjectWriter(String::from("{"))
    }

    fn key(&mut self, name: &str) {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        quote(&mut self.0, name);
        self.0.push(':');
    }

    fn string(mut self, name: &str, value: &str) -> Self {
        self.key(name);
        quote(&mut self.0, value);
        self
    }

    fn opt_string(self, name: &str, value: Option<&str>) -> Self {
        match value {
            Some(value) => self.string(name, value),
            None => self,
        }
    }

    fn bool(mut self, name: &str, value: bool) -> Self {
        self.key(name);
        self.0.push_str(if value { "true" } else { "false" });
        self
    }

    fn finish(mut self) -> String {
        self.0.push('}');
        self.0
    }
}

/// Appends `s` as a JSON string with serde_json's escapes.
fn quote(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let b = c as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX[b >> 4]));
                out.push(char::from(HEX[b & 0xf]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

impl WriteJson for StartRequest {
    fn to_json(&self) -> String {
        ObjectWriter::new()
            .opt_string("session_handle", self.session_handle.as_deref())
            .opt_string("user_hint", self.user_hint.as_deref())
            .finish()
    }
}

impl WriteJson for SendRequest {
    fn to_json(&self) -> String {
        ObjectWriter::new()
            .string("session_handle", &self.session_handle)
            .string("method_id", &self.method_id)
            .bool("resend", self.resend)
            .finish()
    }
}

impl WriteJson for VerifyRequest {
    fn to_json(&self) -> String {
        let w = ObjectWriter::new()
            .string("session_handle", &self.session_handle)
            .string("method_id", &self.method_id)
            .string("code", &self.code);
        if self.remember_device {
            w.bool("remember_device", true)
        } else {
            w
        }
        .finish()
    }
}

impl WriteJson for PollRequest {
    fn to_json(&self) -> String {
        let w = ObjectWriter::new()
            .string("session_handle", &self.session_handle)
            .string("method_id", &self.method_id);
        if self.remember_device {
            w.bool("remember_device", true)
        } else {
            w
        }
        .finish()
    }
}
