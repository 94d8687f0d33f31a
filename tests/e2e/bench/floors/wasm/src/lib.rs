//! A reference page for `cargo xtask bench`: what a WebAssembly module costs on its own. It
//! adds a heading, a label and a code input with web-sys calls and no UI framework, so its time
//! to the first visible input is the floor of any widget that renders from wasm.

use wasm_bindgen::prelude::*;

/// Adds the heading and the labelled code input to the element `selector` names. Does nothing
/// when the page lacks it.
#[wasm_bindgen]
pub fn mount(selector: &str) -> Result<(), JsValue> {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return Ok(());
    };
    let Some(root) = document.query_selector(selector)? else {
        return Ok(());
    };
    let heading = document.create_element("h2")?;
    heading.set_text_content(Some("Enter the code we texted you"));
    let label = document.create_element("label")?;
    label.set_text_content(Some("Code "));
    let input = document.create_element("input")?;
    input.set_attribute("inputmode", "numeric")?;
    input.set_attribute("autocomplete", "one-time-code")?;
    label.append_child(&input)?;
    root.append_child(&heading)?;
    root.append_child(&label)?;
    Ok(())
}
