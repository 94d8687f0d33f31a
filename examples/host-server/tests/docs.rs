//! docs/protocol.md shows the code that checks an assertion; it must be the
//! code that runs here (Rust) and in the e2e tests (Node), word for word.

use std::path::Path;

fn read(relative: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::fs::read_to_string(root.join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// The lines between `start` and `end` markers of a source file.
fn between(text: &str, start: &str, end: &str) -> String {
    let from = text.find(start).expect("start marker") + start.len();
    let to = text.find(end).expect("end marker");
    let body = &text[from..to];
    let body = &body[body.find('\n').map_or(0, |i| i + 1)..];
    body[..body.rfind('\n').map_or(0, |i| i + 1)].to_string()
}

/// The first fenced block of `lang` after `heading` in the doc.
fn block_after(doc: &str, heading: &str, lang: &str) -> String {
    let at = doc
        .find(heading)
        .unwrap_or_else(|| panic!("{heading:?} not in the doc"));
    let fence = format!("```{lang}\n");
    let from = doc[at..].find(&fence).expect("a fenced block") + at + fence.len();
    let to = doc[from..].find("```\n").expect("the end of the block") + from;
    doc[from..to].to_string()
}

#[test]
fn the_rust_snippet_is_the_code_the_host_runs() {
    let doc = read("docs/protocol.md");
    let code = read("examples/host-server/src/assertion.rs");
    let snippet = between(
        &code,
        "// docs:check-assertion:start",
        "// docs:check-assertion:end",
    );
    assert!(snippet.contains("fn check_assertion"));
    assert_eq!(
        block_after(&doc, "**Rust**, with `jsonwebtoken`", "rust"),
        snippet
    );
}

#[test]
fn the_node_snippet_is_the_code_the_e2e_tests_run() {
    let doc = read("docs/protocol.md");
    let code = read("tests/e2e/support/check-assertion.mjs");
    let snippet = between(
        &code,
        "// docs:check-assertion-node:start",
        "// docs:check-assertion-node:end",
    );
    assert!(snippet.contains("jwtVerify"));
    assert_eq!(block_after(&doc, "**Node**, with `jose`", "js"), snippet);
}
