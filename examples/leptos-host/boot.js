// Loads the Leptos app that `cargo xtask build` put in ./pkg/.
import init from './pkg/twostep_leptos_host.js';

init();
