//! The bundle's locale files: each language but English (which the wasm
//! carries) built from `crates/widget/locales/<tag>.json` into
//! `locales/<tag>.txt`, its texts in slot order (see the layout module, shared
//! with the widget's build script).

use std::path::Path;

use crate::{Error, Result, process};

#[path = "../../crates/widget/locales/layout.rs"]
#[allow(dead_code)]
mod layout;

/// One built locale file.
pub struct Built {
    /// Its BCP 47 tag.
    pub tag: String,
    /// Its path in the bundle, such as `locales/nl.txt`.
    pub name: String,
}

/// The source folder, `crates/widget/locales/`.
fn sources() -> std::path::PathBuf {
    process::root().join("crates/widget/locales")
}

fn members(path: &Path) -> Result<Vec<(String, String)>> {
    let text = std::fs::read_to_string(path)?;
    layout::members(&text).map_err(|e| Error::new(format!("{}: {e}", path.display())))
}

/// Builds every locale file but English's into `out`/locales/.
pub fn build(out: &Path) -> Result<Vec<Built>> {
    let english = members(&sources().join("en.json"))?;
    let slots = layout::slots(english.iter().map(|(key, _)| key.as_str()));
    let mut tags: Vec<String> = std::fs::read_dir(sources())?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter_map(|name| name.strip_suffix(".json").map(str::to_owned))
        .filter(|tag| tag != "en" && tag != "negotiation")
        .collect();
    tags.sort();
    std::fs::create_dir_all(out.join("locales"))?;
    let mut built = Vec::new();
    for tag in tags {
        let entries = members(&sources().join(format!("{tag}.json")))?;
        let name = format!("locales/{tag}.txt");
        std::fs::write(out.join(&name), layout::records(&slots, &entries))?;
        built.push(Built { tag, name });
    }
    Ok(built)
}

/// Writes `out`/locales/integrity.json, each locale file's SRI hash by tag,
/// and returns its own hash: the esbuild `--define` of `TWOSTEP_LOCALES_SRI`
/// (`js/locale.js`), so that twostep.js checks the list that checks the files.
pub fn manifest(out: &Path, built: &[Built]) -> Result<String> {
    let mut members = Vec::new();
    for file in built {
        let sri = crate::integrity::sri(&std::fs::read(out.join(&file.name))?);
        members.push(format!("\"{}\":\"{sri}\"", file.tag));
    }
    let json = format!("{{{}}}", members.join(","));
    std::fs::write(out.join(MANIFEST), &json)?;
    Ok(crate::integrity::sri(json.as_bytes()))
}

/// The list of the locale files' hashes, in the bundle.
pub const MANIFEST: &str = "locales/integrity.json";

#[cfg(test)]
mod tests {
    use super::layout;

    #[test]
    fn plural_messages_take_six_slots_and_missing_forms_are_empty() {
        let slots = layout::slots(["a", "n_one", "n_other", "b"]);
        assert_eq!(slots.len(), 8);
        assert_eq!(
            (slots[0].as_str(), slots[1].as_str(), slots[7].as_str()),
            ("a", "n_zero", "b")
        );
        let records = layout::records(
            &slots,
            &[("b".into(), "B".into()), ("n_other".into(), "N".into())],
        );
        assert_eq!(records, "\u{1e}\u{1e}\u{1e}\u{1e}\u{1e}\u{1e}N\u{1e}B");
        let members = layout::members(r#"{"z": "1", "a": "2"}"#).unwrap();
        assert_eq!(
            members,
            [("z".to_string(), "1".to_string()), ("a".into(), "2".into())]
        );
        assert!(layout::members(r#"{"z": 1}"#).is_err());
    }
}
