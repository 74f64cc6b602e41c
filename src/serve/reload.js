// Injected by `arsip serve` into served HTML only. window.__arsip holds the build this page
// came from ({generation, error}); we long-poll /__arsip/poll for the next one, reload on a
// good build and show the error as an overlay on a failed one (the last good page stays).
(function () {
  var state = window.__arsip;
  function overlay(text) {
    var box = document.getElementById("arsip-overlay");
    if (text === null) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("pre");
      box.id = "arsip-overlay";
      box.setAttribute("style", "position:fixed;inset:0;z-index:2147483647;margin:0;" +
        "padding:2em;overflow:auto;background:rgba(20,0,0,.92);color:#fff;" +
        "font:14px/1.5 monospace;white-space:pre-wrap");
      document.body.appendChild(box);
    }
    box.textContent = "arsip: the last build failed; showing the last good site.\n\n" + text;
  }
  function poll() {
    fetch("/__arsip/poll?since=" + state.generation, { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (next) {
        if (next.generation !== state.generation && next.error === null) {
          location.reload();
          return;
        }
        state = next;
        overlay(next.error);
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  overlay(state.error);
  poll();
})();
