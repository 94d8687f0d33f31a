//! A reference page for `cargo xtask bench`: what Leptos costs on its own. It mounts a heading
//! and a form with a code input bound to a signal, built with the same Leptos and release
//! profile as twostep, so its time to the first visible input is the floor of any widget that
//! renders with Leptos.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// Mounts the code form into the element `selector` names, for the page's life. Does nothing
/// when the page lacks it.
#[wasm_bindgen]
pub fn mount(selector: &str) -> Result<(), JsValue> {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return Ok(());
    };
    let Some(root) = document.query_selector(selector)? else {
        return Ok(());
    };
    let code = RwSignal::new(String::new());
    leptos::mount::mount_to(root.unchecked_into(), move || {
        view! {
            <section>
                <h2>"Enter the code we texted you"</h2>
                <form on:submit=|ev| ev.prevent_default()>
                    <label>
                        "Code "
                        <input
                            inputmode="numeric"
                            autocomplete="one-time-code"
                            prop:value=move || code.get()
                            on:input=move |ev| code.set(event_target_value(&ev))
                        />
                    </label>
                    <button type="submit">"Verify"</button>
                </form>
            </section>
        }
    })
    .forget();
    Ok(())
}
