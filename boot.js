// Starts the twostep bundle from an external module, so that a strict
// Content-Security-Policy (no inline scripts) holds on the page.
import init from "./twostep.js";

init({ module_or_path: new URL("./twostep_bg.wasm", import.meta.url) });
