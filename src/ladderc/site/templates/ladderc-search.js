// Loaded before Material's bundle (mkdocs.yml `extra.polyfills`): two changes to how its search
// gets its index, both no-ops under themes that do not load this file.
(function () {
  "use strict";

  // 1. Over HTTP Material requests search/search_index.json as every page loads, searched or not
  // (several megabytes for a large ladder). The request is held here until the reader starts a
  // search: focuses the search box or opens it by its shortcut. A page opened from a result
  // (?h=, whose words Material highlights with the index's settings) or from a shared query
  // (?q=) needs the index at once.
  var held = [];
  var wanted = /[?&][hq]=/.test(location.search);
  function want() {
    if (wanted) { return; }
    wanted = true;
    held.splice(0).forEach(function (send) { send(); });
  }
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.ladderIndex = /\/search\/search_index\.json$/.test(new URL(String(url), document.baseURI).pathname);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (wanted || !request.ladderIndex) { return send.apply(request, args); }
    held.push(function () {
      try { send.apply(request, args); } catch (e) { /* aborted while held: nothing to send */ }
    });
  };
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("input.md-search__input")) { want(); }
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search") { want(); }
  });

  // 2. Opened from disk (file://) the page's origin is opaque and the browser refuses to start a
  // Web Worker from a file, so Material's search worker fails and Material hides the search box.
  // There a worker runs instead in a hidden iframe of the page's own origin: its script is loaded
  // with a <script> tag, which file:// allows, and messages pass between page and iframe as they
  // would with a worker, copied and asynchronous. (Material's `offline` plugin does the same with
  // the iframe-worker shim, but loads it from unpkg.com: this site fetches nothing off its host.)
  // Material then reads the index from search/search_index.js, also with a <script> tag.
  if (location.protocol !== "file:") { return; }

  function load(scope, url) {
    return new Promise(function (resolve, reject) {
      var script = scope.document.createElement("script");
      script.src = new URL(url, scope.ladderWorkerURL).href;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("Could not load " + url)); };
      scope.document.head.appendChild(script);
    });
  }

  class FrameWorker extends EventTarget {
    constructor(url) {
      super();
      var worker = this;
      this.pending = [];
      this.frame = document.createElement("iframe");
      this.frame.hidden = true;
      this.frame.title = "Search";
      this.frame.tabIndex = -1;
      this.frame.setAttribute("aria-hidden", "true");
      (document.body || document.documentElement).appendChild(this.frame);
      var scope = this.scope = this.frame.contentWindow;
      scope.ladderWorkerURL = new URL(String(url), document.baseURI).href;
      scope.postMessage = function (data) {
        var copy = structuredClone(data);
        setTimeout(function () { worker.dispatchEvent(new MessageEvent("message", { data: copy })); });
      };
      // A worker's importScripts loads in order and blocks; this one returns a promise, which
      // Material's worker awaits (it imports only for languages other than English).
      scope.importScripts = function () {
        return Array.prototype.reduce.call(arguments, function (done, next) {
          return done.then(function () { return load(scope, next); });
        }, Promise.resolve());
      };
      load(scope, scope.ladderWorkerURL).then(function () {
        worker.started = true;
        worker.pending.splice(0).forEach(function (data) { worker.deliver(data); });
      }, function (error) {
        worker.dispatchEvent(new ErrorEvent("error", { message: error.message }));
      });
    }

    deliver(data) {
      var scope = this.scope;
      setTimeout(function () { scope.dispatchEvent(new scope.MessageEvent("message", { data: data })); });
    }

    postMessage(data) {
      var copy = this.scope.structuredClone(data);  // made in the iframe's realm, as a worker's would be
      if (this.started) { this.deliver(copy); } else { this.pending.push(copy); }
    }

    terminate() {
      this.frame.remove();
    }
  }
  window.Worker = FrameWorker;
})();
