//! The wasm bundle's memory allocator: talc instead of the standard library's
//! dlmalloc, because it is smaller in the bundle (measured: about 0.5 KB
//! brotli) and frees and reuses memory just the same, which the 100
//! mount/unmount cycles of the end-to-end tests rely on.

/// The global allocator of wasm builds.
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
