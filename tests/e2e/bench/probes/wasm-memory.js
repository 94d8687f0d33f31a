// Init script of every bench page: keeps every WebAssembly.Memory the page's instances export
// or import, however they were made (instantiate, instantiateStreaming, new Instance), so that
// `window.__benchWasmBytes()` sums their sizes: 0 on a page without wasm.
(() => {
  const memories = new Set();
  const keep = (instance, imports) => {
    for (const value of Object.values(instance?.exports ?? {})) {
      if (value instanceof WebAssembly.Memory) memories.add(value);
    }
    for (const module of Object.values(imports ?? {})) {
      for (const value of Object.values(module ?? {})) {
        if (value instanceof WebAssembly.Memory) memories.add(value);
      }
    }
  };
  const { instantiate, instantiateStreaming, Instance } = WebAssembly;
  WebAssembly.instantiate = async function (source, imports) {
    const result = await instantiate.call(this, source, imports);
    keep(result instanceof Instance ? result : result.instance, imports);
    return result;
  };
  if (instantiateStreaming) {
    WebAssembly.instantiateStreaming = async function (source, imports) {
      const result = await instantiateStreaming.call(this, source, imports);
      keep(result.instance, imports);
      return result;
    };
  }
  WebAssembly.Instance = class extends Instance {
    constructor(module, imports) {
      super(module, imports);
      keep(this, imports);
    }
  };
  window.__benchWasmBytes = () => [...memories].reduce((sum, memory) => sum + memory.buffer.byteLength, 0);
})();
