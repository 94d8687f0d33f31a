//! How a locale file becomes the catalogue the widget reads: its texts in
//! *slot* order, one record each, separated by U+001E (record separator).
//!
//! Slots follow `en.json`'s key order. A plain key has one slot; a plural
//! message (keys `stem_one`, `stem_other`…) has six, one per CLDR form in
//! [`FORMS`] order, empty where the language has no such form. So the widget
//! finds a text by number, with no key names in the bundle, and English is
//! one string. `en.json`'s first key is `load_failed`, so that the JavaScript
//! API finds that sentence as record 0 without the key list.
//!
//! Shared, by `#[path]`, by the widget's `build.rs` (English, and the slot
//! constants) and by xtask (the other languages' files in the bundle).

/// The CLDR plural forms, in slot order.
pub const FORMS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The record separator between texts.
pub const SEPARATOR: char = '\u{1e}';

/// `key` split into its plural stem and form, if it ends in a form.
pub fn plural(key: &str) -> Option<(&str, &str)> {
    key.rsplit_once('_')
        .filter(|(_, form)| FORMS.contains(form))
}

/// The slot names for English's keys, in order: plain keys as they are, and
/// six `stem_form` names for each plural stem, where its first form is.
pub fn slots<'a>(english_keys: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut slots: Vec<String> = Vec::new();
    for key in english_keys {
        match plural(key) {
            Some((stem, _)) => {
                if !slots.iter().any(|s| s == &format!("{stem}_other")) {
                    slots.extend(FORMS.iter().map(|form| format!("{stem}_{form}")));
                }
            }
            None => slots.push(key.to_owned()),
        }
    }
    slots
}

/// A language's texts in slot order, separated by [`SEPARATOR`]; a slot its
/// `entries` lack is empty.
pub fn records(slots: &[String], entries: &[(String, String)]) -> String {
    let text = |slot: &String| {
        entries
            .iter()
            .find(|(key, _)| key == slot)
            .map_or("", |(_, text)| text.as_str())
    };
    let texts: Vec<&str> = slots.iter().map(text).collect();
    texts.join(&SEPARATOR.to_string())
}

/// The members of the JSON object `text`, in the file's order (serde_json's
/// own map sorts them). Every member must be a string.
pub fn members(text: &str) -> Result<Vec<(String, String)>, serde_json::Error> {
    struct Members(Vec<(String, String)>);
    impl<'de> serde::Deserialize<'de> for Members {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct Visit;
            impl<'de> serde::de::Visitor<'de> for Visit {
                type Value = Members;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a JSON object of strings")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut map: A,
                ) -> Result<Members, A::Error> {
                    let mut members = Vec::new();
                    while let Some(member) = map.next_entry::<String, String>()? {
                        members.push(member);
                    }
                    Ok(Members(members))
                }
            }
            d.deserialize_map(Visit)
        }
    }
    serde_json::from_str::<Members>(text).map(|m| m.0)
}
