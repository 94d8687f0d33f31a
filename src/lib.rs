//! The twostep drop-in bundle.
//!
//! Built without features it is the embeddable bundle a login page ships
//! (`dist/bundle/`): the widget, its HTTP and adapter backends, and
//! [`mount_widget`], which the JavaScript API in `js/` wraps. With the
//! default `demo` feature it also carries the demo login page (`index.html`),
//! from the `twostep-demo` crate (`crates/demo`).

#[cfg(target_arch = "wasm32")]
mod alloc;
mod embed;

pub use embed::{Mounted, mount_widget};
use wasm_bindgen::prelude::*;

/// Entry point run by wasm-bindgen when the module loads. In the demo build it
/// mounts the demo page into `#app` when the page has one.
#[wasm_bindgen(start)]
pub fn start() {
    // A panic is reported on the console as "panicked at FILE:LINE: MESSAGE".
    // (console_error_panic_hook also appended a JavaScript stack, of wasm
    // function numbers only once wasm-opt has dropped the names, for 0.5 KB.)
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
    #[cfg(feature = "demo")]
    twostep_demo::mount_into_app();
}
