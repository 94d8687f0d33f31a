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

/// Offset east of UTC, in minutes, at `ms`.
pub fn offset_minutes(ms: u64) -> i32 {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    -(d.get_timezone_offset() as i32)
}

/// The IANA time zone name, when the browser knows it.
pub fn zone_name() -> Option<String> {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    let options = format.resolved_options();
    js_sys::Reflect::get(&options, &"timeZone".into())
        .ok()?
        .as_string()
}

/// The page address.
pub fn href() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// What the details panel needs from the browser for a failure at `at`.
pub fn environment(at: u64) -> Environment {
    Environment {
        href: href(),
        offset_minutes: offset_minutes(at),
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
