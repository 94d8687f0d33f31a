//! The few browser facts the widget reads: the clock, the time zone, the page
//! address, and the clipboard.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::details::Environment;

/// Unix milliseconds.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// 64 random bits from the browser's cryptographic source (`crypto.getRandomValues`).
/// Falls back to the clock where no such source exists, which no supported
/// browser lacks.
pub fn entropy() -> u64 {
    let mut bytes = [0u8; 8];
    let ok = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if ok {
        u64::from_le_bytes(bytes)
    } else {
        now_ms().rotate_left(29) ^ (js_sys::Math::random() * u64::MAX as f64) as u64
    }
}

/// The locale dates are written in for the language `tag`: the user's own
/// variant of it when the browser lists one ("en-GB" for English), so that
/// a British user reads "19:42" and an American one "7:42 PM"; else `tag`.
fn date_locale(tag: &str) -> String {
    // Byte work, not `split('-')`: the same answer for less code.
    let primary = tag.as_bytes();
    let primary = &primary[..primary
        .iter()
        .position(|&b| b == b'-')
        .unwrap_or(primary.len())];
    if let Some(window) = web_sys::window() {
        let languages = window.navigator().languages();
        for i in 0..languages.length() {
            let Some(l) = languages.get(i).as_string() else {
                continue;
            };
            let b = l.as_bytes();
            if b.len() >= primary.len()
                && b[..primary.len()].eq_ignore_ascii_case(primary)
                && b.get(primary.len()).is_none_or(|&c| c == b'-')
            {
                return l;
            }
        }
    }
    tag.to_string()
}

/// `ms` in the user's time zone, written by `Intl` for the language `tag`
/// with the `Intl.DateTimeFormat` options in `options` (JSON).
fn intl(ms: u64, tag: &str, options: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    let options = js_sys::JSON::parse(options).unwrap_or_default();
    date.to_locale_string(&date_locale(tag), &options).into()
}

/// The clock time of `ms` for a sentence in the language `tag`: "7:42 PM",
/// "19:42".
pub fn clock_time(ms: u64, tag: &str) -> String {
    intl(ms, tag, r#"{"timeStyle":"short"}"#)
}

/// The date and time of `ms` with its zone, for the details panel:
/// "Nov 28, 2026, 8:42:05 PM GMT+1", "28 nov 2026, 20:42:05 CET".
pub fn local_timestamp(ms: u64, tag: &str) -> String {
    intl(ms, tag, r#"{"dateStyle":"medium","timeStyle":"long"}"#)
}

/// The IANA time zone name, when the browser knows it.
pub fn zone_name() -> Option<String> {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    let options = format.resolved_options();
    js_sys::Reflect::get(&options, &"timeZone".into())
        .ok()?
        .as_string()
}

/// Asks the browser for the code of the next text message bound to this
/// page's origin (WebOTP, `navigator.credentials.get({otp})`), where the
/// browser has it (`OTPCredential` is defined), and calls `on_code` with it.
/// Returns the controller that stops asking; `None` where there is no
/// WebOTP. The text must end with `@host #code` (docs/protocol.md).
pub fn web_otp(on_code: impl FnOnce(String) + 'static) -> Option<web_sys::AbortController> {
    use js_sys::Reflect;
    use wasm_bindgen::JsValue;
    let window = web_sys::window()?;
    if !Reflect::has(&window, &"OTPCredential".into()).ok()? {
        return None;
    }
    let credentials = window.navigator().credentials();
    let abort = web_sys::AbortController::new().ok()?;
    let options = js_sys::JSON::parse(r#"{"otp":{"transport":["sms"]}}"#).ok()?;
    Reflect::set(&options, &"signal".into(), &abort.signal()).ok()?;
    let get: js_sys::Function = Reflect::get(&credentials, &"get".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let asked: js_sys::Promise = get.call1(&credentials, &options).ok()?.dyn_into().ok()?;
    wasm_bindgen_futures::spawn_local(async move {
        // Refused, aborted or unsupported: the user types the code.
        if let Ok(credential) = JsFuture::from(asked).await
            && let Some(code) = Reflect::get(&credential, &"code".into())
                .ok()
                .and_then(|c: JsValue| c.as_string())
        {
            on_code(code);
        }
    });
    Some(abort)
}

/// The page address.
pub fn href() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// What the details panel needs from the browser for a failure at `at`,
/// shown in the language `tag`.
pub fn environment(at: u64, tag: &str) -> Environment {
    Environment {
        href: href(),
        local_time: local_timestamp(at, tag),
        zone: zone_name(),
    }
}

/// Puts `text` on the clipboard: the Clipboard API first, then the older
/// `execCommand("copy")` on a temporary off-screen text area. Returns false
/// when both are refused.
pub async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let clipboard = window.navigator().clipboard();
    // `navigator.clipboard` is undefined on insecure origins.
    if !wasm_bindgen::JsValue::from(clipboard.clone()).is_undefined()
        && JsFuture::from(clipboard.write_text(text)).await.is_ok()
    {
        return true;
    }
    copy_with_exec_command(text)
}

fn copy_with_exec_command(text: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Some(body) = document.body() else {
        return false;
    };
    let Ok(area) = document.create_element("textarea") else {
        return false;
    };
    let Ok(area) = area.dyn_into::<web_sys::HtmlTextAreaElement>() else {
        return false;
    };
    area.set_value(text);
    area.set_read_only(true);
    area.set_class_name("ts-offscreen");
    if body.append_child(&area).is_err() {
        return false;
    }
    area.select();
    let copied = document
        .dyn_ref::<web_sys::HtmlDocument>()
        .and_then(|d| d.exec_command("copy").ok())
        .unwrap_or(false);
    area.remove();
    copied
}
