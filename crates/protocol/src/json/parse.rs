//! A strict JSON parser (RFC 8259) into a small tree, for the browser bundle.
//!
//! It accepts exactly what serde_json's `from_str` accepts as a JSON text
//! (one value, whitespace around it, strict numbers and escapes, no lone
//! surrogates, at most [`MAX_DEPTH`] levels of nesting), and it keeps only
//! what the contract's readers need: strings unescaped, numbers as an unsigned
//! integer when they are one.

/// The deepest nesting of arrays and objects accepted: serde_json's limit
/// when it reads a value.
pub const MAX_DEPTH: usize = 127;

/// A parsed JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number; `Some` when it is a non-negative integer that fits a `u64`
    /// (written without fraction or exponent), the only numbers the contract
    /// has.
    Number(Option<u64>),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object's members, in order (duplicates kept).
    Object(Vec<(String, Value)>),
}

/// Where a text stopped being JSON: 1-based line and column (in bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// The line.
    pub line: u32,
    /// The column, counted in bytes from 1.
    pub column: u32,
}

/// Parses one JSON text.
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    let mut p = Parser {
        bytes: text.as_bytes(),
        at: 0,
    };
    let parsed = p.value(MAX_DEPTH).and_then(|v| {
        p.skip_space();
        if p.at == p.bytes.len() {
            Ok(v)
        } else {
            Err(())
        }
    });
    parsed.map_err(|()| p.error())
}

struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
}

type Parsed<T> = Result<T, ()>;

impl Parser<'_> {
    fn error(&self) -> SyntaxError {
        let before = &self.bytes[..self.at.min(self.bytes.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        SyntaxError {
            line: line as u32,
            column: column as u32,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn next(&mut self) -> Parsed<u8> {
        let b = self.peek().ok_or(())?;
        self.at += 1;
        Ok(b)
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, word: &[u8]) -> Parsed<()> {
        for &want in word {
            if self.next()? != want {
                self.at -= 1;
                return Err(());
            }
        }
        Ok(())
    }

    fn value(&mut self, depth: usize) -> Parsed<Value> {
        self.skip_space();
        match self.peek().ok_or(())? {
            b'n' => self.eat(b"null").map(|()| Value::Null),
            b't' => self.eat(b"true").map(|()| Value::Bool(true)),
            b'f' => self.eat(b"false").map(|()| Value::Bool(false)),
            b'"' => self.string().map(Value::String),
            b'[' | b'{' if depth == 0 => Err(()),
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                self.members(b']', |p| {
                    items.push(p.value(depth - 1)?);
                    Ok(())
                })?;
                Ok(Value::Array(items))
            }
            b'{' => {
                self.at += 1;
                let mut members = Vec::new();
                self.members(b'}', |p| {
                    p.skip_space();
                    if p.peek() != Some(b'"') {
                        return Err(());
                    }
                    let key = p.string()?;
                    p.skip_space();
                    p.eat(b":")?;
                    members.push((key, p.value(depth - 1)?));
                    Ok(())
                })?;
                Ok(Value::Object(members))
            }
            _ => self.number().map(Value::Number),
        }
    }

    /// The comma-separated members of an array or object up to `close`, the
    /// opening bracket already read.
    fn members(
        &mut self,
        close: u8,
        mut member: impl FnMut(&mut Self) -> Parsed<()>,
    ) -> Parsed<()> {
        self.skip_space();
        if self.peek() == Some(close) {
            self.at += 1;
            return Ok(());
        }
        loop {
            member(self)?;
            self.skip_space();
            match self.next()? {
                b',' => {}
                b if b == close => return Ok(()),
                _ => {
                    self.at -= 1;
                    return Err(());
                }
            }
        }
    }

    fn digits(&mut self) -> usize {
        let from = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - from
    }

    fn number(&mut self) -> Parsed<Option<u64>> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let from = self.at;
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(()),
        }
        let integer = &self.bytes[from..self.at];
        let mut whole = !negative;
        if self.peek() == Some(b'.') {
            self.at += 1;
            whole = false;
            if self.digits() == 0 {
                return Err(());
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            whole = false;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(());
            }
        }
        if !whole {
            return Ok(None);
        }
        Ok(integer.iter().try_fold(0u64, |n, &d| {
            n.checked_mul(10)?.checked_add(u64::from(d - b'0'))
        }))
    }

    fn hex4(&mut self) -> Parsed<u32> {
        let mut n = 0;
        for _ in 0..4 {
            let d = char::from(self.next()?).to_digit(16).ok_or(())?;
            n = n * 16 + d;
        }
        Ok(n)
    }

    fn string(&mut self) -> Parsed<String> {
        self.at += 1; // the opening quote
        let mut out = String::new();
        loop {
            let from = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // Cut only at ASCII bytes, so the slice is whole UTF-8.
            out.push_str(core::str::from_utf8(&self.bytes[from..self.at]).map_err(|_| ())?);
            match self.next()? {
                b'"' => return Ok(out),
                b'\\' => {}
                _ => {
                    self.at -= 1;
                    return Err(());
                }
            }
            let c = match self.next()? {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => self.unicode_escape()?,
                _ => return Err(()),
            };
            out.push(c);
        }
    }

    /// The character of a `\u` escape (the `\u` read), joining a surrogate
    /// pair; a lone surrogate is an error.
    fn unicode_escape(&mut self) -> Parsed<char> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                self.eat(b"\\u")?;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(());
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            _ => first,
        };
        char::from_u32(code).ok_or(())
    }
}
