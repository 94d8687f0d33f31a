//! CLDR cardinal plural categories for whole numbers, in the catalogue's
//! languages (CLDR 46 rules, with `i` = n and `v` = 0).
//!
//! The widget only counts whole things (days, tries, minutes), so the rules
//! here skip the fraction operands. A browser test checks them against the
//! browser's own `Intl.PluralRules` over a range of numbers.

/// The CLDR forms, in the order of their slots in a catalogue.
pub const FORMS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

const ZERO: usize = 0;
const ONE: usize = 1;
const TWO: usize = 2;
const FEW: usize = 3;
const MANY: usize = 4;
const OTHER: usize = 5;

/// The CLDR category (`"zero"`, `"one"`, `"two"`, `"few"`, `"many"` or
/// `"other"`) of `n` in the language of the BCP 47 tag `lang`.
pub fn category(lang: &str, n: u32) -> &'static str {
    FORMS[form(lang, n)]
}

/// The index in [`FORMS`] of `n`'s category in `lang`.
pub fn form(lang: &str, n: u32) -> usize {
    let primary = lang.split('-').next().unwrap_or(lang);
    let millions = n != 0 && n.is_multiple_of(1_000_000);
    match primary {
        "ja" | "zh" => OTHER,
        "pl" => match (n, n % 10, n % 100) {
            (1, _, _) => ONE,
            (_, 2..=4, r) if !(12..=14).contains(&r) => FEW,
            _ => MANY,
        },
        "ar" => match (n, n % 100) {
            (0, _) => ZERO,
            (1, _) => ONE,
            (2, _) => TWO,
            (_, 3..=10) => FEW,
            (_, 11..=99) => MANY,
            _ => OTHER,
        },
        "he" => match n {
            1 => ONE,
            2 => TWO,
            _ => OTHER,
        },
        // French and Portuguese count 0 with 1.
        "fr" | "pt" if n <= 1 => ONE,
        "es" | "it" if n == 1 => ONE,
        "fr" | "pt" | "es" | "it" if millions => MANY,
        "fr" | "pt" | "es" | "it" => OTHER,
        _ if n == 1 => ONE,
        _ => OTHER,
    }
}

/// Every category a whole number can take in `lang`, and `"other"`, the
/// fallback a catalogue always has.
pub fn categories(lang: &str) -> Vec<&'static str> {
    let mut found = vec!["other"];
    for n in (0..=1_000).chain([1_000_000, 2_000_000]) {
        let c = category(lang, n);
        if !found.contains(&c) {
            found.push(c);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::{categories, category};

    #[test]
    fn english_and_german_have_one_and_other() {
        for lang in ["en", "de", "nl"] {
            assert_eq!(category(lang, 1), "one");
            assert_eq!(category(lang, 0), "other");
            assert_eq!(category(lang, 3), "other");
        }
    }

    #[test]
    fn polish_has_few_and_many() {
        let pl = |n| category("pl", n);
        assert_eq!((pl(1), pl(2), pl(4), pl(5)), ("one", "few", "few", "many"));
        assert_eq!(
            (pl(12), pl(14), pl(22), pl(25)),
            ("many", "many", "few", "many")
        );
        assert_eq!((pl(0), pl(101), pl(112)), ("many", "many", "many"));
    }

    #[test]
    fn arabic_has_six_forms() {
        let ar = |n| category("ar", n);
        assert_eq!((ar(0), ar(1), ar(2)), ("zero", "one", "two"));
        assert_eq!((ar(3), ar(10), ar(103)), ("few", "few", "few"));
        assert_eq!((ar(11), ar(99), ar(111)), ("many", "many", "many"));
        assert_eq!((ar(100), ar(101), ar(102)), ("other", "other", "other"));
    }

    #[test]
    fn hebrew_has_a_dual_and_romance_languages_a_million_form() {
        assert_eq!(
            (category("he", 1), category("he", 2), category("he", 20)),
            ("one", "two", "other")
        );
        assert_eq!(
            (category("fr", 0), category("pt-BR", 0), category("es", 0)),
            ("one", "one", "other")
        );
        assert_eq!(category("it", 1_000_000), "many");
        assert_eq!(category("ja", 1), "other");
    }

    #[test]
    fn each_language_lists_the_categories_it_reaches() {
        assert_eq!(categories("en"), ["other", "one"]);
        assert_eq!(categories("ja"), ["other"]);
        assert_eq!(categories("ar").len(), 6);
        assert_eq!(categories("pl"), ["other", "many", "one", "few"]);
        assert_eq!(categories("fr"), ["other", "one", "many"]);
    }
}
