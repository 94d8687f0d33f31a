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

/// The sorted `{placeholder}` names in `text`: lowercase letters and `_`,
/// as the widget's catalogue reads them.
fn placeholders(text: &str) -> Vec<&str> {
    let mut names: Vec<&str> = text
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
        .collect();
    names.sort();
    // Distinct, as js/messages.js compares them.
    names.dedup();
    names
}

/// `locales/keys.json`, for hosts that override texts (`js/locale.js`):
/// one `[key, ...placeholders]` per slot, in slot order, with English's
/// placeholders (a plural form's are its `other` form's). Fetched only by a
/// page whose options carry `messages`.
fn keys(slots: &[String], english: &[(String, String)]) -> String {
    let text = |key: &str| {
        english
            .iter()
            .find(|(k, _)| k == key)
            .map_or("", |(_, t)| t.as_str())
    };
    let rows: Vec<Vec<&str>> = slots
        .iter()
        .map(|slot| {
            let english = match layout::plural(slot) {
                Some((stem, _)) => text(&format!("{stem}_other")),
                None => text(slot),
            };
            let mut row = vec![slot.as_str()];
            row.extend(placeholders(english));
            row
        })
        .collect();
    serde_json::to_string(&rows).unwrap_or_default()
}

/// The keys file's name in the bundle, and its entry in the manifest.
pub const KEYS: &str = "locales/keys.json";

/// Builds every locale file but English's into `out`/locales/, and the keys
/// file (listed last, as `keys`).
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
    std::fs::write(out.join(KEYS), keys(&slots, &english))?;
    built.push(Built {
        tag: "keys".into(),
        name: KEYS.into(),
    });
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

    #[test]
    fn the_keys_file_names_each_slot_with_englishs_placeholders() {
        let english = [
            (
                "a".to_string(),
                "At {time} to {target} ({time}), {x".to_string(),
            ),
            ("n_one".into(), "One left".into()),
            ("n_other".into(), "{count} left of {total}".into()),
        ];
        let slots = layout::slots(english.iter().map(|(k, _)| k.as_str()));
        let keys = super::keys(&slots, &english);
        assert_eq!(
            keys,
            r#"[["a","target","time"],["n_zero","count","total"],["n_one","count","total"],["n_two","count","total"],["n_few","count","total"],["n_many","count","total"],["n_other","count","total"]]"#
        );
    }
}
