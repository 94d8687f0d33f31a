//! Dropping wasm exports that nothing calls: leptos links server_fn's browser
//! support, whose wasm-streams dependency exports JS stream adapters
//! (`IntoUnderlyingSource`, `…Sink`, `…ByteSource`). twostep never streams, but
//! exports are roots, so no optimiser removes that code. Binaryen's
//! `wasm-metadce` does, given the exports to keep.

use crate::{Error, Result};

/// Export name prefixes of code the bundle never calls.
pub const UNUSED_PREFIXES: [&str; 2] = ["intounderlying", "__wbg_intounderlying"];

/// The export names of a wasm module.
pub fn names(wasm: &[u8]) -> Result<Vec<String>> {
    let bad = || Error::new("not a wasm module, or a truncated one");
    if wasm.get(..8) != Some(b"\0asm\x01\0\0\0".as_slice()) {
        return Err(bad());
    }
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        at += 1;
        let size = leb(wasm, &mut at).ok_or_else(bad)? as usize;
        let end = at
            .checked_add(size)
            .filter(|&e| e <= wasm.len())
            .ok_or_else(bad)?;
        if id == 7 {
            let mut p = at;
            let count = leb(wasm, &mut p).ok_or_else(bad)?;
            let mut out = Vec::new();
            for _ in 0..count {
                let len = leb(wasm, &mut p).ok_or_else(bad)? as usize;
                let name = wasm.get(p..p + len).ok_or_else(bad)?;
                out.push(String::from_utf8_lossy(name).into_owned());
                p += len + 1; // the name, then the export's kind
                leb(wasm, &mut p).ok_or_else(bad)?; // its index
            }
            return Ok(out);
        }
        at = end;
    }
    Ok(Vec::new())
}

/// One unsigned LEB128 number at `*at`, moving `*at` past it.
fn leb(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

/// The `wasm-metadce` graph that keeps every export of `names` except the
/// unused ones.
pub fn graph(names: &[String]) -> String {
    let quote = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let keep: Vec<String> = names
        .iter()
        .filter(|n| !UNUSED_PREFIXES.iter().any(|p| n.starts_with(p)))
        .map(|n| quote(&format!("export:{n}")))
        .collect();
    let mut nodes = vec![format!(
        "{{\"name\":\"js\",\"root\":true,\"reaches\":[{}]}}",
        keep.join(",")
    )];
    nodes.extend(names.iter().map(|n| {
        format!(
            "{{\"name\":{},\"export\":{}}}",
            quote(&format!("export:{n}")),
            quote(n)
        )
    }));
    format!("[{}]", nodes.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module with a type, a function and two exports, assembled by hand.
    const MODULE: &[u8] = &[
        0, b'a', b's', b'm', 1, 0, 0, 0, // header
        1, 4, 1, 0x60, 0, 0, // type section: one () -> ()
        3, 2, 1, 0, // function section: one function of type 0
        7, 32, 2, // export section: two exports
        5, b's', b't', b'a', b'r', b't', 0, 0, // "start", func 0
        20, b'i', b'n', b't', b'o', b'u', b'n', b'd', b'e', b'r', b'l', b'y', b'i', b'n', b'g',
        b's', b'i', b'n', b'k', b'_', b'x', 0, 0, // "intounderlyingsink_x", func 0
        10, 4, 1, 2, 0, 0x0b, // code section: one empty body
    ];

    #[test]
    fn reads_the_export_names() {
        assert_eq!(names(MODULE).unwrap(), ["start", "intounderlyingsink_x"]);
        assert!(names(b"\0asm\x01\0\0\0").unwrap().is_empty());
        assert!(names(b"not wasm").is_err());
        assert!(names(&MODULE[..20]).is_err());
    }

    #[test]
    fn the_graph_keeps_all_but_the_stream_adapters() {
        let g = graph(&["start".into(), "intounderlyingsink_x".into()]);
        assert_eq!(
            g,
            "[{\"name\":\"js\",\"root\":true,\"reaches\":[\"export:start\"]},\
             {\"name\":\"export:start\",\"export\":\"start\"},\
             {\"name\":\"export:intounderlyingsink_x\",\"export\":\"intounderlyingsink_x\"}]"
        );
    }
}
