//! Builds English into the widget from `locales/en.json` (see
//! `locales/layout.rs`): `OUT_DIR/slots.rs` holds a constant per message
//! slot, the slots' names, and English's texts as one string of records.

#[path = "locales/layout.rs"]
mod layout;

use std::fmt::Write;

fn main() {
    println!("cargo::rerun-if-changed=locales/en.json");
    println!("cargo::rerun-if-changed=locales/layout.rs");
    let text = std::fs::read_to_string("locales/en.json").expect("locales/en.json");
    let entries = layout::members(&text).expect("locales/en.json is a JSON object of strings");
    assert_eq!(
        entries[0].0, "load_failed",
        "en.json starts with load_failed"
    );
    let slots = layout::slots(entries.iter().map(|(key, _)| key.as_str()));
    let mut out = String::new();
    for (index, slot) in slots.iter().enumerate() {
        let name = match layout::plural(slot) {
            Some((stem, "zero")) => stem,
            Some(_) => continue,
            None => slot,
        };
        let constant = name.replace('.', "_").to_uppercase();
        writeln!(
            out,
            "/// Slot of `{name}`.\npub const {constant}: Slot = Slot({index});"
        )
        .unwrap();
    }
    writeln!(
        out,
        "/// How many slots a catalogue has.\npub const COUNT: usize = {};",
        slots.len()
    )
    .unwrap();
    writeln!(
        out,
        "/// Each slot's key, as in the locale files.\npub static NAMES: [&str; COUNT] = {slots:?};"
    )
    .unwrap();
    writeln!(
        out,
        "/// English's texts in slot order.\npub static ENGLISH: &str = {:?};",
        layout::records(&slots, &entries)
    )
    .unwrap();
    let path = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("slots.rs");
    std::fs::write(path, out).unwrap();
}
