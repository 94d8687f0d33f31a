//! Dropping wasm exports that nothing calls: leptos links server_fn's browser
//! support, whose wasm-streams dependency exports JS stream adapters
//! (`IntoUnderlyingSource`, `…Sink`, `…ByteSource`). twostep never streams, but
//! exports are roots, so no optimiser removes that code. Binaryen's
//! `wasm-metadce` does, given the exports to keep.

use crate::{Result, minify};

/// Export name prefixes of code the bundle never calls.
pub const UNUSED_PREFIXES: [&str; 2] = ["intounderlying", "__wbg_intounderlying"];

/// The export names of a wasm module, read by the parser that renames them
/// (see [`minify::rename`]).
pub fn names(wasm: &[u8]) -> Result<Vec<String>> {
    let (_, renames) = minify::rename(wasm)?;
    Ok(renames.exports.into_iter().map(|(old, _)| old).collect())
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
