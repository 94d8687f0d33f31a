//! Getting another language's catalogue in the browser, for a Leptos host
//! (the bundle's JavaScript API fetches its own, beside the wasm).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::Catalogue;

/// Fetches the built locale file of `tag` (one of [`super::SUPPORTED`] but
/// English) from `base`, a URL ending in `/` such as `"/twostep/locales/"`,
/// checked against `integrity` (an SRI hash, as the bundle's
/// `locales/integrity.json` lists) when one is given. The error says why,
/// for the console; show English meanwhile.
pub async fn fetch(
    tag: &'static str,
    base: &str,
    integrity: Option<&str>,
) -> Result<Catalogue, String> {
    let window = web_sys::window().ok_or("no window")?;
    let init = web_sys::RequestInit::new();
    if let Some(hash) = integrity {
        init.set_integrity(hash);
    }
    let url = format!("{base}{tag}.txt");
    let failed = |e: wasm_bindgen::JsValue| format!("{url}: {e:?}");
    let response = JsFuture::from(window.fetch_with_str_and_init(&url, &init))
        .await
        .map_err(failed)?
        .dyn_into::<web_sys::Response>()
        .map_err(failed)?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(failed)?)
        .await
        .map_err(failed)?
        .as_string()
        .unwrap_or_default();
    Catalogue::parse(tag, &text).map_err(|e| format!("{url} {e}"))
}
