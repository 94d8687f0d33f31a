//! Short import and export names for the bundle's wasm and its JS glue.
//!
//! wasm-bindgen names every import the wasm makes of its glue after the JS
//! function and a 16-digit hash (`__wbg_set_kind_54e0d86f43d5447f`), and some
//! exports too. Each name is written twice, in the wasm and in the glue, and
//! hex digits hardly compress: about 3.7 KB brotli in all. Binaryen's
//! `--minify-imports` renames only Emscripten's `env` imports, so this module
//! renames both sides itself: imports become `a`, `b`, … `Z`, `aa`, … in the
//! wasm's import section and as keys of the glue's imports object; exports
//! likewise in the export section and in the glue's `wasm.<name>` reads.
//!
//! The same pass drops the custom sections (`producers`, `target_features`,
//! leptos's `__wasm_split_unstable` marker): no browser reads them (292 B
//! raw, 233 B under the reference brotli encoder).

use std::collections::HashMap;

use crate::{Error, Result};

/// The names [`rename`] gave: old name → new name, for imports and exports.
#[derive(Debug, Default, PartialEq)]
pub struct Renames {
    /// Import field names (the module names stay).
    pub imports: Vec<(String, String)>,
    /// Export names.
    pub exports: Vec<(String, String)>,
}

/// The `n`th short name: a letter, then letters and digits; never a JS
/// keyword, since every keyword has two lower-case letters or more and these
/// have a digit or an upper-case letter from the 53rd on.
pub fn short_name(n: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const TAIL: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    if n < LETTERS.len() {
        return char::from(LETTERS[n]).to_string();
    }
    let mut rest = n - LETTERS.len();
    let mut name = vec![LETTERS[rest % LETTERS.len()]];
    rest /= LETTERS.len();
    loop {
        name.push(TAIL[rest % TAIL.len()]);
        rest /= TAIL.len();
        if rest == 0 {
            break;
        }
        rest -= 1;
    }
    String::from_utf8(name).expect("ASCII")
}

/// Renames every import field and export of `wasm` and drops its custom
/// sections, returning the new module and the names given.
pub fn rename(wasm: &[u8]) -> Result<(Vec<u8>, Renames)> {
    let mut out = header(wasm)?.to_vec();
    let mut renames = Renames::default();
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        at += 1;
        let size = leb(wasm, &mut at)? as usize;
        let end = at
            .checked_add(size)
            .filter(|&e| e <= wasm.len())
            .ok_or_else(truncated)?;
        let body = &wasm[at..end];
        let body = match id {
            0 => {
                at = end;
                continue;
            }
            2 => imports(body, &mut renames.imports)?,
            7 => exports(body, &mut renames.exports)?,
            _ => body.to_vec(),
        };
        out.push(id);
        write_leb(&mut out, body.len() as u64);
        out.extend_from_slice(&body);
        at = end;
    }
    Ok((out, renames))
}

/// Writes the glue with the names of `renames`: each import's key in the
/// imports object, and each `wasm.<export>` read. Fails when an import has no
/// key, or has several, in `glue`: then the glue is not the one the wasm came
/// with.
pub fn glue(glue: &str, renames: &Renames) -> Result<String> {
    let imports: HashMap<&str, &str> = renames
        .imports
        .iter()
        .map(|(old, new)| (old.as_str(), new.as_str()))
        .collect();
    let mut found: HashMap<&str, usize> = HashMap::new();
    let mut lines = Vec::new();
    for line in glue.split('\n') {
        let indent = line.len() - line.trim_start().len();
        let key = line[indent..].split_once(": ").map(|(key, _)| key);
        match key.and_then(|key| imports.get_key_value(key)) {
            Some((old, new)) => {
                *found.entry(old).or_default() += 1;
                lines.push(format!(
                    "{}{new}{}",
                    &line[..indent],
                    &line[indent + old.len()..]
                ));
            }
            None => lines.push(line.to_owned()),
        }
    }
    if let Some((old, _)) = renames
        .imports
        .iter()
        .find(|(old, _)| found.get(old.as_str()) != Some(&1))
    {
        return Err(Error::new(format!(
            "the glue has {} keys for the import {old}, not one",
            found.get(old.as_str()).unwrap_or(&0)
        )));
    }
    Ok(exports_read(&lines.join("\n"), &renames.exports))
}

/// `glue` with each `wasm.<old>` read as `wasm.<new>`.
fn exports_read(glue: &str, exports: &[(String, String)]) -> String {
    let exports: HashMap<&str, &str> = exports
        .iter()
        .map(|(old, new)| (old.as_str(), new.as_str()))
        .collect();
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    let mut out = String::with_capacity(glue.len());
    let mut rest = glue;
    while let Some(at) = rest.find("wasm.") {
        let before = rest[..at].chars().next_back();
        out.push_str(&rest[..at + 5]);
        rest = &rest[at + 5..];
        if before.is_some_and(|c| is_ident(c) || c == '.') {
            continue;
        }
        let len = rest.find(|c: char| !is_ident(c)).unwrap_or(rest.len());
        if let Some(new) = exports.get(&rest[..len]) {
            out.push_str(new);
            rest = &rest[len..];
        }
    }
    out.push_str(rest);
    out
}

/// The import section `body` with its field names renamed.
fn imports(body: &[u8], renames: &mut Vec<(String, String)>) -> Result<Vec<u8>> {
    let mut at = 0;
    let count = leb(body, &mut at)?;
    let mut out = Vec::new();
    write_leb(&mut out, count);
    for _ in 0..count {
        let module = name(body, &mut at)?;
        let field = name(body, &mut at)?;
        let start = at;
        skip_import_kind(body, &mut at)?;
        let new = short_name(renames.len());
        write_name(&mut out, module);
        write_name(&mut out, &new);
        out.extend_from_slice(&body[start..at]);
        renames.push((field.to_owned(), new));
    }
    Ok(out)
}

/// The export section `body` with its names renamed.
fn exports(body: &[u8], renames: &mut Vec<(String, String)>) -> Result<Vec<u8>> {
    let mut at = 0;
    let count = leb(body, &mut at)?;
    let mut out = Vec::new();
    write_leb(&mut out, count);
    for _ in 0..count {
        let old = name(body, &mut at)?;
        let start = at;
        at += 1; // the kind
        leb(body, &mut at)?; // the index
        let new = short_name(renames.len());
        write_name(&mut out, &new);
        out.extend_from_slice(body.get(start..at).ok_or_else(truncated)?);
        renames.push((old.to_owned(), new));
    }
    Ok(out)
}

/// Moves `*at` past an import's description: a function, table, memory,
/// global or tag.
fn skip_import_kind(body: &[u8], at: &mut usize) -> Result {
    let kind = byte(body, at)?;
    match kind {
        0 => {
            leb(body, at)?;
        }
        1 => {
            byte(body, at)?; // the element type
            skip_limits(body, at)?;
        }
        2 => skip_limits(body, at)?,
        3 => {
            byte(body, at)?; // the value type
            byte(body, at)?; // mutability
        }
        4 => {
            byte(body, at)?; // the attribute
            leb(body, at)?;
        }
        _ => return Err(Error::new(format!("an import of unknown kind {kind}"))),
    }
    Ok(())
}

/// Moves `*at` past a table's or memory's limits.
fn skip_limits(body: &[u8], at: &mut usize) -> Result {
    let flags = byte(body, at)?;
    leb(body, at)?;
    if flags & 1 != 0 {
        leb(body, at)?;
    }
    Ok(())
}

/// The 8-byte header of `wasm`, checked.
fn header(wasm: &[u8]) -> Result<&[u8]> {
    wasm.get(..8)
        .filter(|h| *h == b"\0asm\x01\0\0\0")
        .ok_or_else(|| Error::new("not a wasm module"))
}

fn truncated() -> Error {
    Error::new("a truncated wasm module")
}

fn byte(bytes: &[u8], at: &mut usize) -> Result<u8> {
    let b = *bytes.get(*at).ok_or_else(truncated)?;
    *at += 1;
    Ok(b)
}

fn name<'a>(bytes: &'a [u8], at: &mut usize) -> Result<&'a str> {
    let len = leb(bytes, at)? as usize;
    let raw = at
        .checked_add(len)
        .and_then(|end| bytes.get(*at..end))
        .ok_or_else(truncated)?;
    *at += len;
    std::str::from_utf8(raw).map_err(|_| Error::new("a wasm name that is not UTF-8"))
}

fn write_name(out: &mut Vec<u8>, name: &str) {
    write_leb(out, name.len() as u64);
    out.extend_from_slice(name.as_bytes());
}

fn leb(bytes: &[u8], at: &mut usize) -> Result<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let b = byte(bytes, at)?;
        value |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Ok(value);
        }
    }
    Err(Error::new("a LEB128 number longer than 64 bits"))
}

fn write_leb(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let b = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module importing a function, a table, a memory and a global, and
    /// exporting a function and the memory, assembled by hand.
    fn module(import: &str) -> Vec<u8> {
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        m.extend([1, 4, 1, 0x60, 0, 0]); // type section: one () -> ()
        let mut imports = vec![4];
        for (field, desc) in [
            (import, vec![0, 0]),
            ("__wbindgen_table", vec![1, 0x6f, 1, 2, 9]),
            ("mem", vec![2, 0, 17]),
            ("g", vec![3, 0x7f, 1]),
        ] {
            write_name(&mut imports, "wbg");
            write_name(&mut imports, field);
            imports.extend(desc);
        }
        m.push(2);
        write_leb(&mut m, imports.len() as u64);
        m.extend(imports);
        m.extend([3, 2, 1, 0]); // function section: one function of type 0
        let mut exports = vec![2];
        write_name(&mut exports, "__wbindgen_start_x");
        exports.extend([0, 1]);
        write_name(&mut exports, "memory");
        exports.extend([2, 0]);
        m.push(7);
        write_leb(&mut m, exports.len() as u64);
        m.extend(exports);
        m.extend([10, 4, 1, 2, 0, 0x0b]); // code section: one empty body
        m
    }

    #[test]
    fn short_names_are_distinct_identifiers() {
        let names: Vec<String> = (0..5000).map(short_name).collect();
        assert_eq!(names[..3], ["a", "b", "c"]);
        assert_eq!(names[51], "Z");
        assert_eq!(names[52], "a0");
        let unique: std::collections::HashSet<&String> = names.iter().collect();
        assert_eq!(unique.len(), names.len());
        for n in &names {
            assert!(n.starts_with(|c: char| c.is_ascii_alphabetic()), "{n}");
            assert!(
                n.len() == 1 || n[1..].contains(|c: char| !c.is_ascii_lowercase()),
                "{n}"
            );
        }
    }

    #[test]
    fn renames_imports_and_exports_and_keeps_the_rest() {
        let long = "__wbg_set_kind_54e0d86f43d5447f";
        let (out, renames) = rename(&module(long)).unwrap();
        assert_eq!(
            renames.imports,
            [
                (long.to_owned(), "a".to_owned()),
                ("__wbindgen_table".to_owned(), "b".to_owned()),
                ("mem".to_owned(), "c".to_owned()),
                ("g".to_owned(), "d".to_owned()),
            ]
        );
        assert_eq!(
            renames.exports,
            [
                ("__wbindgen_start_x".to_owned(), "a".to_owned()),
                ("memory".to_owned(), "b".to_owned())
            ]
        );
        assert_eq!(crate::exports::names(&out).unwrap(), ["a", "b"]);
        // The same module with short names to begin with is what comes out.
        let (again, _) = rename(&out).unwrap();
        assert_eq!(again, out);
        // Six names of 75 bytes in all became six of one byte each.
        assert_eq!(out.len(), module(long).len() - 75 + 6);
    }

    #[test]
    fn drops_custom_sections() {
        let plain = module("f");
        let mut with = plain.clone();
        for name in ["producers", "target_features", "__wasm_split_unstable"] {
            let mut body = Vec::new();
            write_name(&mut body, name);
            body.extend(b"payload");
            with.push(0);
            write_leb(&mut with, body.len() as u64);
            with.extend(body);
        }
        assert_eq!(rename(&with).unwrap(), rename(&plain).unwrap());
    }

    #[test]
    fn refuses_what_is_not_a_whole_module() {
        assert!(rename(b"not wasm at all").is_err());
        let m = module("f");
        assert!(rename(&m[..m.len() - 8]).is_err());
    }

    #[test]
    fn the_glue_gets_the_same_names() {
        let renames = Renames {
            imports: vec![
                ("__wbg_now_1".into(), "a".into()),
                ("__wbg_x_2".into(), "b".into()),
            ],
            exports: vec![("memory".into(), "a".into()), ("start".into(), "b".into())],
        };
        let glue = "const import0 = {\n    __wbg_now_1: function() { return Date.now(); },\n    \
                    __wbg_x_2: function(a) { wasm.start(a); },\n};\n\
                    const m = wasm.memory.buffer; wasm.memoryx; my_wasm.start; w.wasm.start;";
        assert_eq!(
            glue_of(glue, &renames),
            "const import0 = {\n    a: function() { return Date.now(); },\n    \
             b: function(a) { wasm.b(a); },\n};\n\
             const m = wasm.a.buffer; wasm.memoryx; my_wasm.start; w.wasm.start;"
        );
    }

    fn glue_of(glue: &str, renames: &Renames) -> String {
        super::glue(glue, renames).unwrap()
    }

    #[test]
    fn a_glue_without_an_import_is_refused() {
        let renames = Renames {
            imports: vec![("__wbg_now_1".into(), "a".into())],
            exports: vec![],
        };
        let err = glue("const import0 = { __wbg_other: function() {} };", &renames).unwrap_err();
        assert!(err.to_string().contains("__wbg_now_1"), "{err}");
        let twice = "    __wbg_now_1: function() {},\n    __wbg_now_1: function() {},";
        assert!(glue(twice, &renames).is_err());
    }
}
