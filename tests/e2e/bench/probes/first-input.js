// Init script of every bench page: on each animation frame from the start, looks for a visible
// <input> in the document or in any open shadow root (twostep renders in one), and keeps the
// time of the first frame that has one in `window.__benchFirstInput`. The same detector for
// every page, whatever the widget.
(() => {
  const visible = (input) => {
    if (input.type === 'hidden') return false;
    const box = input.getBoundingClientRect();
    return box.width > 0 && box.height > 0
      && input.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  };
  const find = (root) => {
    for (const input of root.querySelectorAll('input')) {
      if (visible(input)) return input;
    }
    for (const element of root.querySelectorAll('*')) {
      const found = element.shadowRoot && find(element.shadowRoot);
      if (found) return found;
    }
    return null;
  };
  const look = () => {
    const input = document.documentElement && find(document);
    if (input) {
      window.__benchFirstInput = { ms: performance.now(), name: input.name || input.className || input.id };
    } else {
      requestAnimationFrame(look);
    }
  };
  requestAnimationFrame(look);
})();
