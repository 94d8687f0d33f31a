// A reference page of the bench: loads the module of tests/e2e/bench/floors/wasm at once and
// mounts its code input.

import init, { mount } from '/floors/wasm/floor.js';

init({ module_or_path: '/floors/wasm/floor_bg.wasm' }).then(() => mount('#twostep'));
