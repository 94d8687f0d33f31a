//! The catalogue test: every locale file has every key the widget uses, no
//! other, each plural in the forms its language needs, and English's
//! placeholders.

use std::collections::BTreeSet;

use twostep_protocol::{ErrorCode, MethodKind};

use super::catalogue::{LOOKED_UP, placeholders, slots};
use super::{Catalogue, SUPPORTED, plural};
use crate::messages::Msg;

/// Keys that the JavaScript API reads from the locale file itself (record 0,
/// see `locales/layout.rs`).
const JS_KEYS: [&str; 1] = ["load_failed"];

const PLURAL_FORMS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

fn dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")
}

fn read(tag: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(dir().join(format!("{tag}.json"))).unwrap();
    let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&text).unwrap();
    map.into_iter()
        .map(|(k, v)| (k, v.as_str().expect("texts are strings").to_owned()))
        .collect()
}

/// `key` split into its plural stem and form, if it is a plural key.
fn plural_form(key: &str) -> Option<(&str, &str)> {
    key.rsplit_once('_')
        .filter(|(_, form)| PLURAL_FORMS.contains(form))
}

/// Every message, with every value that picks another key.
fn every_message() -> Vec<Msg> {
    use MethodKind::*;
    use Msg::*;
    let kinds = [Sms, Voice, Push, Totp, Email, Other];
    let s = || "x".to_string();
    let mut all = vec![
        WidgetLabel,
        WindowLeft(s()),
        WindowAnnounce(120),
        WindowAnnounce(60),
        WindowAnnounce(30),
        UseDifferentOption,
        CantUseAny,
        LoadingTitle,
        LoadingBody,
        SendingTo(s()),
        AppCodeHint,
        CodeLabel(6),
        Verify,
        Verifying,
        Resend,
        ResendIn(s()),
        NewestCodeOnly,
        RememberDevice(1),
        RememberDevice(2),
        WrongCode(None),
        WrongCode(Some(1)),
        WrongCode(Some(2)),
        LockedFor(s()),
        LockoutOver,
        CodeExpired,
        RateLimitedFor(s()),
        DigitsOnly,
        Incomplete(6),
        WaitingForApproval,
        PickerTitle,
        CurrentOption,
        NoOtherOptions,
        Back,
        RecoveryTitle,
        RecoveryOtherMethod,
        RecoveryAskAdmin,
        RecoveryAskAdminOnly,
        RecoveryLostPhone,
        ContactAdmin,
        ContactSupport,
        MoreHelp,
        NoContactConfigured,
        HelpSummary,
        HelpNoTextTitle,
        HelpNoTextBody,
        HelpOfflineTitle,
        HelpOfflineBody,
        HelpOfflineNoApp,
        HelpAppPasswordsTitle,
        HelpAppPasswordsBody,
        HelpLostPhoneTitle,
        HelpLostPhoneBody,
        HelpContactTitle,
        HelpContactBody,
        VerifiedTitle,
        VerifiedBody,
        ReminderOtherOption,
        ReminderSettingsLink,
        ReminderAddSecond,
        ServerSaid,
        TryAgain,
        SendNewRequest,
        StartOver,
        ViewDetails,
        NoErrorShown,
        FieldUserId,
        FieldDescription,
        FieldPageUrl,
        FieldErrorCode,
        FieldSessionId,
        FieldCorrelationId,
        FieldTimestamp,
        FieldServerTimestamp,
        FieldVersion,
        FieldMethod,
        NotAvailable,
        CopyDetails,
        Copied,
        CopyManually,
        DetailsText,
    ];
    for kind in kinds {
        all.extend([
            SendingTitle(kind),
            CodeTitle(kind),
            SentTo {
                kind,
                target: s(),
                time: s(),
            },
            NothingArrived(kind, true),
            NothingArrived(kind, false),
            ApprovalTitle(kind),
            ApprovalBody(kind, Some(s())),
            ApprovalBody(kind, None),
            NumberToMatchLabel(kind),
            NumberToMatchSpoken(kind, s()),
            NoApprovalYet(kind),
            PausedTitle(kind),
            PausedBody(kind, s()),
        ]);
        for target in [Some(s()), None] {
            for label in [Some(s()), None] {
                all.push(MethodOption(kind, target.clone(), label));
            }
        }
    }
    all.extend(
        ErrorCode::ALL
            .into_iter()
            .flat_map(|c| [FailureTitle(c), FailureBody(c)]),
    );
    all
}

/// What is wrong with the locale file of `tag` whose entries are `entries`.
fn problems(tag: &str, entries: &[(String, String)]) -> Vec<String> {
    let english = read("en");
    let text_of = |key: &str| {
        english
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    };
    let mut wanted: BTreeSet<String> = BTreeSet::new();
    for (key, _) in &english {
        match plural_form(key) {
            Some((stem, _)) => wanted.extend(
                plural::categories(tag)
                    .into_iter()
                    .map(|form| format!("{stem}_{form}")),
            ),
            None => {
                wanted.insert(key.clone());
            }
        }
    }
    let have: BTreeSet<String> = entries.iter().map(|(k, _)| k.clone()).collect();
    let mut found: Vec<String> = wanted
        .difference(&have)
        .map(|k| format!("{tag}: missing {k}"))
        .chain(
            have.difference(&wanted)
                .map(|k| format!("{tag}: unknown key {k}")),
        )
        .collect();
    for (key, text) in entries {
        let (source, optional_count) = match plural_form(key) {
            Some((stem, form)) => (
                text_of(&format!("{stem}_other")),
                ["zero", "one", "two"].contains(&form),
            ),
            None => (text_of(key), false),
        };
        let Some(source) = source else { continue };
        let (want, mut got) = (placeholders(&source), placeholders(text));
        if optional_count && !got.iter().any(|p| p == "count") && want.iter().any(|p| p == "count")
        {
            got.push("count".into());
            got.sort();
        }
        if want != got {
            found.push(format!(
                "{tag}: {key} has placeholders {got:?}, English {want:?}"
            ));
        }
        if text.trim().is_empty() {
            found.push(format!("{tag}: {key} is empty"));
        }
    }
    found
}

#[test]
fn every_key_of_english_is_used_and_every_message_has_one() {
    LOOKED_UP.with(|keys| keys.borrow_mut().clear());
    for msg in every_message() {
        let arabic = vec![""; slots::COUNT].join("\u{1e}");
        for catalogue in [
            Catalogue::english(),
            Catalogue::parse("ar", &arabic).unwrap(),
        ] {
            let text = msg.render(&catalogue);
            assert!(
                !text.is_empty() && !text.contains('{'),
                "{msg:?} renders {text:?}"
            );
        }
    }
    let stem = |key: &str| plural_form(key).map_or(key, |(stem, _)| stem).to_owned();
    let used: BTreeSet<String> = LOOKED_UP.with(|slots_seen| {
        let seen = slots_seen.borrow();
        seen.iter()
            .map(|slot| stem(slots::NAMES[usize::from(*slot)]))
            .collect()
    });
    let english: BTreeSet<String> = read("en").iter().map(|(k, _)| stem(k)).collect();
    let unused: Vec<_> = english
        .iter()
        .filter(|k| !used.contains(*k) && !JS_KEYS.contains(&k.as_str()))
        .collect();
    assert!(unused.is_empty(), "keys no message uses: {unused:?}");
    let missing: Vec<_> = used.difference(&english).collect();
    assert!(missing.is_empty(), "messages without a key: {missing:?}");
    let js = include_str!("../../../../js/locale.js");
    assert_eq!(slots::NAMES[0], JS_KEYS[0], "js/locale.js reads record 0");
    assert!(
        js.contains("text.split('\\u001e')[0]"),
        "js/locale.js reads record 0"
    );
    let list = SUPPORTED.map(|tag| format!("'{tag}'")).join(", ");
    assert!(
        js.contains(&format!("SUPPORTED = [{list}]")),
        "js/locale.js lists other languages"
    );
}

#[test]
fn every_locale_has_every_key_its_plural_forms_and_englishs_placeholders() {
    let files: BTreeSet<String> = std::fs::read_dir(dir())
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().into_string().ok())
        .filter_map(|name| name.strip_suffix(".json").map(str::to_owned))
        .filter(|name| name != "negotiation")
        .collect();
    let supported: BTreeSet<String> = SUPPORTED.iter().map(|t| t.to_string()).collect();
    assert_eq!(files, supported, "locale files and SUPPORTED differ");
    let found: Vec<String> = SUPPORTED
        .iter()
        .flat_map(|tag| problems(tag, &read(tag)))
        .collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn a_placeholder_mismatch_a_missing_form_and_an_unknown_key_are_caught() {
    let mut pl = read("pl");
    for (key, text) in &mut pl {
        if key == "resend_in" {
            *text = text.replace("{time}", "{czas}");
        }
    }
    pl.retain(|(key, _)| key != "wrong_code_left_few");
    pl.push(("verify_now".into(), "Zweryfikuj".into()));
    let found = problems("pl", &pl);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(
        found
            .iter()
            .any(|p| p.contains("resend_in has placeholders [\"czas\"]"))
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("missing wrong_code_left_few"))
    );
    assert!(found.iter().any(|p| p.contains("unknown key verify_now")));
}
