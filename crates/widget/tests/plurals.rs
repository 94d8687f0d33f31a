//! The widget's CLDR plural rules against the browser's own
//! (`Intl.PluralRules`), in every language of the catalogue, for the whole
//! numbers the widget counts and a few large ones.
#![cfg(target_arch = "wasm32")]

use twostep_widget::locale::{SUPPORTED, plural};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn plural_forms_match_the_browsers_in_every_language() {
    let numbers: Vec<u32> = (0..=1_000)
        .chain([1_000_000, 2_000_000, 1_000_001])
        .collect();
    let mut differences = Vec::new();
    for lang in SUPPORTED {
        let locales = js_sys::Array::of1(&lang.into());
        let rules = js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new());
        for &n in &numbers {
            let browser = String::from(rules.select(f64::from(n)));
            let ours = plural::category(lang, n);
            if browser != ours {
                differences.push(format!("{lang} {n}: ours {ours}, the browser's {browser}"));
            }
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
