//! The twostep drop-in bundle: the demo login page and the widget.
use wasm_bindgen::prelude::*;

/// Entry point run by wasm-bindgen when the module loads.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}
