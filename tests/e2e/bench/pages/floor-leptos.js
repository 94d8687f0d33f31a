// A reference page of the bench: loads the module of tests/e2e/bench/floors/leptos at once and
// mounts its code input.

import init, { mount } from '/floors/leptos/floor.js';

init({ module_or_path: '/floors/leptos/floor_bg.wasm' }).then(() => mount('#twostep'));
