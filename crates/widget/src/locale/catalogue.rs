//! A language's messages: its texts by slot, with English behind them.
//!
//! A locale file, once built (`locales/layout.rs`), is its texts in slot
//! order, separated by U+001E. A [`Slot`] names a message's place, so the
//! bundle carries no key names; English is built in (`build.rs`).

use std::fmt;
use std::sync::Arc;

use super::plural;

/// A message's place in a catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot(pub(crate) u16);

/// The slots of every message (`COUNT`, `NAMES`, `ENGLISH`), made by
/// `build.rs` from `locales/en.json`. A plural message's constant is its
/// first form's slot; its six forms follow in [`FORMS`] order.
#[allow(missing_docs)]
pub mod slots {
    use super::Slot;
    include!(concat!(env!("OUT_DIR"), "/slots.rs"));
}

pub use super::plural::FORMS;

/// The record separator between a locale file's texts (one byte: the
/// scans below look for it byte by byte).
const SEPARATOR: u8 = 0x1e;

/// Record `slot` of `records`, unless empty. (A byte scan: the record
/// separator is one byte, and `split` with `nth` costs more code.)
fn record(records: &str, slot: Slot) -> Option<&str> {
    let mut start = 0;
    let mut index = 0;
    for (at, byte) in records
        .bytes()
        .enumerate()
        .chain([(records.len(), SEPARATOR)])
    {
        if byte == SEPARATOR {
            if index == slot.0 {
                // `get`, not indexing: no panic path (and its formatting) in the bundle.
                return records.get(start..at).filter(|text| !text.is_empty());
            }
            index += 1;
            start = at + 1;
        }
    }
    None
}

/// The messages of one language: its texts, the host's overrides, and
/// English for any message the language lacks. Texts name their values in
/// braces: `"Send a new code in {time}"`.
#[derive(Clone, Debug, PartialEq)]
pub struct Catalogue {
    tag: &'static str,
    /// The language's records; `None` for English.
    own: Option<Arc<str>>,
    overrides: Arc<Vec<(Slot, String)>>,
}

/// Why a catalogue or an override was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CatalogueError {
    /// The file has another number of records than this widget's
    /// catalogue: it belongs to another version.
    WrongVersion,
    /// The key names no message.
    UnknownKey(String),
    /// The text's `{placeholders}` differ from English's.
    Placeholders {
        /// The message's key.
        key: String,
        /// The placeholders English has.
        expected: Vec<String>,
    },
}

impl fmt::Display for CatalogueError {
    // No `{:?}`: Debug formatting of strings costs the bundle 3 KB.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CatalogueError::WrongVersion => f.write_str("is for another version of the widget"),
            CatalogueError::UnknownKey(key) => write!(f, "names no message: \"{key}\""),
            CatalogueError::Placeholders { key, expected } if expected.is_empty() => {
                write!(f, "\"{key}\" takes no placeholders")
            }
            CatalogueError::Placeholders { key, expected } => write!(
                f,
                "\"{key}\" must use the placeholders {{{}}}",
                expected.join("}, {")
            ),
        }
    }
}

impl Default for Catalogue {
    fn default() -> Self {
        Catalogue::english()
    }
}

impl Catalogue {
    /// English, built into the bundle.
    pub fn english() -> Self {
        Catalogue {
            tag: "en",
            own: None,
            overrides: Arc::default(),
        }
    }

    /// The catalogue of `tag` (one of [`super::SUPPORTED`]) from its built
    /// locale file (`locales/<tag>.txt` beside the bundle).
    pub fn parse(tag: &'static str, records: &str) -> Result<Self, CatalogueError> {
        if records.bytes().filter(|b| *b == SEPARATOR).count() + 1 != slots::COUNT {
            return Err(CatalogueError::WrongVersion);
        }
        Ok(Catalogue {
            tag,
            own: Some(records.into()),
            overrides: Arc::default(),
        })
    }

    /// This catalogue with the host's texts for some keys. A key must name a
    /// message (a plural's ends in one of the language's forms:
    /// `remember_device_one`), and its text must use English's placeholders
    /// (a plural form may leave out `{count}` where its words say the number,
    /// as Arabic's dual does).
    pub fn with_overrides(
        mut self,
        overrides: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, CatalogueError> {
        let mut checked = (*self.overrides).clone();
        for (key, text) in overrides {
            let index = slots::NAMES.iter().position(|name| *name == key);
            let form = key
                .rsplit_once('_')
                .map(|(_, form)| form)
                .filter(|f| FORMS.contains(f));
            let allowed = form.is_none_or(|form| plural::categories(self.tag).contains(&form));
            let Some(index) = index.filter(|_| allowed) else {
                return Err(CatalogueError::UnknownKey(key));
            };
            let slot = Slot(index as u16);
            // A plural's placeholders are those of English's `other` form.
            let english_slot = match form {
                Some(form) => {
                    let at = FORMS.iter().position(|f| *f == form).unwrap_or_default();
                    Slot((index - at + 5) as u16)
                }
                None => slot,
            };
            let expected = placeholders(record(slots::ENGLISH, english_slot).unwrap_or_default());
            let mut found = placeholders(&text);
            if form.is_some() && !found.iter().any(|name| name == "count") {
                found.push("count".into());
                found.sort();
            }
            if found != expected {
                return Err(CatalogueError::Placeholders { key, expected });
            }
            checked.push((slot, text));
        }
        self.overrides = Arc::new(checked);
        Ok(self)
    }

    /// The language's BCP 47 tag, for the `lang` attribute.
    pub fn tag(&self) -> &'static str {
        self.tag
    }

    /// `"rtl"` or `"ltr"`, for the `dir` attribute.
    pub fn direction(&self) -> &'static str {
        super::direction(self.tag)
    }

    /// The text of `slot`: the host's, the language's, or English's.
    fn template(&self, slot: Slot) -> Option<&str> {
        #[cfg(test)]
        LOOKED_UP.with(|keys| keys.borrow_mut().insert(slot.0));
        let host = self.overrides.iter().rev().find(|(s, _)| *s == slot);
        host.map(|(_, text)| text.as_str())
            .or_else(|| record(self.own.as_deref()?, slot))
            .or_else(|| record(slots::ENGLISH, slot))
    }

    /// The message in `slot` with `values` put in its placeholders.
    pub fn fill(&self, slot: Slot, values: &[(&str, &str)]) -> String {
        let rtl = self.direction() == "rtl";
        fill(self.template(slot).unwrap_or_default(), values, rtl)
    }

    /// The plural message whose first form is `first` for `count`: the form
    /// of `count`'s CLDR category, else `other`, with `{count}` put in.
    pub fn plural(&self, first: Slot, count: u32) -> String {
        let form = plural::form(self.tag, count) as u16;
        let slot = match self.template(Slot(first.0 + form)) {
            Some(_) => Slot(first.0 + form),
            None => Slot(first.0 + 5),
        };
        self.fill(slot, &[("count", &count.to_string())])
    }
}

#[cfg(test)]
thread_local! {
    /// Every slot looked up on this thread, for the test that each key of
    /// the locale files is used.
    pub(crate) static LOOKED_UP: std::cell::RefCell<std::collections::BTreeSet<u16>> =
        Default::default();
}

/// `template` with each `{name}` of `values` replaced; other braces stay.
/// With `isolate` (right-to-left languages) each value is isolated (U+2068
/// … U+2069), so that a masked number, a time or a code keeps its own
/// left-to-right order inside the sentence.
fn fill(template: &str, values: &[(&str, &str)], isolate: bool) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    // Byte searches: `find` with a char pattern costs more code. `get`, not
    // indexing: braces are ASCII so it never fails, and it has no panic path.
    while let Some(open) = rest.bytes().position(|b| b == b'{') {
        out.push_str(rest.get(..open).unwrap_or_default());
        let after = rest.get(open + 1..).unwrap_or_default();
        let value = after.bytes().position(|b| b == b'}').and_then(|close| {
            let name = after.get(..close)?;
            let value = values.iter().find(|(n, _)| *n == name)?;
            Some((close, value.1))
        });
        match value {
            Some((close, value)) => {
                if isolate {
                    out.push('\u{2068}');
                }
                out.push_str(value);
                if isolate {
                    out.push('\u{2069}');
                }
                rest = after.get(close + 1..).unwrap_or_default();
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The sorted `{placeholder}` names of `template`.
pub(crate) fn placeholders(template: &str) -> Vec<String> {
    let mut names: Vec<String> = template
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name.to_owned()))
        .filter(|name| {
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
        })
        .collect();
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use super::slots::{self, BACK, REMEMBER_DEVICE, RESEND_IN, VERIFY, WRONG_CODE_LEFT};
    use super::{Catalogue, CatalogueError, Slot, fill, placeholders, record};

    /// A catalogue of `tag` with `texts` in their slots and the rest empty.
    fn with(tag: &'static str, texts: &[(&str, &str)]) -> Catalogue {
        let records: Vec<&str> = slots::NAMES
            .iter()
            .map(|name| texts.iter().find(|(k, _)| k == name).map_or("", |(_, t)| t))
            .collect();
        Catalogue::parse(tag, &records.join("\u{1e}")).unwrap()
    }

    #[test]
    fn fill_puts_values_in_and_leaves_other_braces() {
        assert_eq!(fill("in {time}.", &[("time", "0:42")], false), "in 0:42.");
        assert_eq!(
            fill("{a}{b} {c}", &[("a", "1"), ("b", "{a}")], false),
            "1{a} {c}"
        );
        assert_eq!(fill("{", &[], false), "{");
        assert_eq!(fill("{a}.", &[("a", "1")], true), "\u{2068}1\u{2069}.");
        assert_eq!(
            placeholders("{label} ({target}) {x-y}"),
            ["label", "target"]
        );
    }

    #[test]
    fn missing_texts_fall_back_to_english_and_plurals_to_other() {
        let nl = with("nl", &[("verify", "Verifiëren")]);
        assert_eq!(nl.fill(VERIFY, &[]), "Verifiëren");
        assert_eq!(nl.fill(BACK, &[]), "Back");
        assert_eq!(
            nl.plural(REMEMBER_DEVICE, 1),
            "Don't ask again on this device for 1 day"
        );
        let ar = with("ar", &[("wrong_code_left_other", "{count} other")]);
        // Right to left: the number is isolated.
        assert_eq!(ar.plural(WRONG_CODE_LEFT, 0), "\u{2068}0\u{2069} other");
    }

    #[test]
    fn records_are_found_by_number_and_empty_ones_are_none() {
        let records = "a\u{1e}\u{1e}ccc";
        assert_eq!(record(records, Slot(0)), Some("a"));
        assert_eq!(record(records, Slot(1)), None);
        assert_eq!(record(records, Slot(2)), Some("ccc"));
        assert_eq!(record(records, Slot(3)), None);
    }

    #[test]
    fn a_file_of_another_version_is_refused() {
        assert_eq!(
            Catalogue::parse("nl", "a\u{1e}b"),
            Err(CatalogueError::WrongVersion)
        );
        assert_eq!(
            Catalogue::parse("nl", ""),
            Err(CatalogueError::WrongVersion)
        );
    }

    #[test]
    fn overrides_must_name_a_message_and_keep_its_placeholders() {
        let en = Catalogue::english()
            .with_overrides([("verify".into(), "Continue".into())])
            .unwrap();
        assert_eq!(en.fill(VERIFY, &[]), "Continue");
        let refused = Catalogue::english().with_overrides([("verfiy".into(), "x".into())]);
        assert_eq!(refused, Err(CatalogueError::UnknownKey("verfiy".into())));
        let refused =
            Catalogue::english().with_overrides([("resend_in".into(), "Wait {tiem}".into())]);
        assert_eq!(
            refused.unwrap_err().to_string(),
            "\"resend_in\" must use the placeholders {time}"
        );
        let refused = Catalogue::english().with_overrides([("verify".into(), "Go {now}".into())]);
        assert_eq!(
            refused.unwrap_err().to_string(),
            "\"verify\" takes no placeholders"
        );
        // A plural form of the language's categories is a key; another is not.
        let en =
            Catalogue::english().with_overrides([("remember_device_few".into(), "{count}".into())]);
        assert_eq!(
            en,
            Err(CatalogueError::UnknownKey("remember_device_few".into()))
        );
        let pl = with("pl", &[])
            .with_overrides([("remember_device_few".into(), "{count} dni".into())])
            .unwrap();
        assert_eq!(pl.plural(REMEMBER_DEVICE, 3), "3 dni");
        let ar = with("ar", &[]).with_overrides([("remember_device_two".into(), "يومين".into())]);
        assert!(ar.is_ok(), "a dual may leave the number out");
        let nl =
            with("nl", &[]).with_overrides([("resend_in".into(), "Opnieuw over {time}".into())]);
        assert_eq!(
            nl.unwrap().fill(RESEND_IN, &[("time", "0:05")]),
            "Opnieuw over 0:05"
        );
    }

    #[test]
    fn right_to_left_languages_isolate_the_values_they_put_in() {
        let he = with("he", &[("resend_in", "שליחה בעוד {time}")]);
        assert_eq!(
            he.fill(RESEND_IN, &[("time", "0:42")]),
            "שליחה בעוד \u{2068}0:42\u{2069}"
        );
        assert_eq!(he.direction(), "rtl");
        let nl = with("nl", &[("resend_in", "Over {time}")]);
        assert_eq!(nl.fill(RESEND_IN, &[("time", "0:42")]), "Over 0:42");
    }
}
