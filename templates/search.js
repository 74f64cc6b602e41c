/* arsip search: reads the query from `?q=`, loads the index fragments its words need (as
 * scripts, which browsers load from file:// too) and shows the best results first. The rules
 * for words and stems repeat src/words (tests/fixtures/stems.txt holds both to one table). */
(function () {
  "use strict";
  var FOLDS = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ı": "i", "þ": "th" };
  var BASES = [["àáâãäåāăą", "a"], ["çćĉċč", "c"], ["èéêëēĕėęě", "e"], ["ìíîïĩīĭį", "i"],
    ["ñńņňŉ", "n"], ["òóôõöōŏő", "o"], ["ùúûüũūŭůűų", "u"], ["ýÿŷ", "y"], ["śŝşš", "s"],
    ["źżž", "z"], ["ď", "d"], ["ĝğġģ", "g"], ["ŕŗř", "r"], ["ĺļľ", "l"], ["ţťŧ", "t"]];
  var ALNUM = /[\p{Alphabetic}\p{N}]/u, NUM = /^\p{N}+$/u, MARK = /[\u0300-\u036f]/;
  var DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var PER_PAGE = 10;

  function foldChar(c) {
    if (c < "\u0080") return c;
    if (FOLDS[c]) return FOLDS[c];
    for (var i = 0; i < BASES.length; i++) if (BASES[i][0].indexOf(c) >= 0) return BASES[i][1];
    return c;
  }

  /* The folded words of `text`: src/words `words`. */
  function words(text) {
    var found = [], word = "";
    function push() {
      if (word && (Array.from(word).length >= 2 || NUM.test(word))) found.push(word);
      word = "";
    }
    for (var c of text) {
      if (ALNUM.test(c)) {
        for (var l of c.toLowerCase()) word += foldChar(l);
      } else if (!(MARK.test(c) && word)) {
        push();
      }
    }
    push();
    return found;
  }

  var vowel = function (c) { return c !== undefined && "aeiou".indexOf(c) >= 0; };
  function vowelOrR(rest) { return vowel(rest[0]) ? [rest, "r" + rest] : [rest]; }
  function nasal(w, prefix) {
    if (!w.startsWith(prefix)) return null;
    var r = w.slice(2), rest;
    if (r.startsWith("ny") && vowel(r[2])) return ["s" + r.slice(2), "ny" + r.slice(2)];
    if (r.startsWith("ng")) { rest = r.slice(2); return vowel(rest[0]) ? [rest, "k" + rest] : [rest]; }
    if (r.startsWith("m")) { rest = r.slice(1); return vowel(rest[0]) ? ["p" + rest, "m" + rest] : [rest]; }
    if (r.startsWith("n")) { rest = r.slice(1); return vowel(rest[0]) ? ["t" + rest, "n" + rest] : [rest]; }
    if (prefix === "pe" && r.startsWith("r")) return vowelOrR(r.slice(1));
    if (/^[lrwy]/.test(r)) return [r];
    return null;
  }
  function inner(w) {
    if (w.startsWith("belajar")) return [w.slice(3)];
    if (w.startsWith("pe")) return nasal(w, "pe");
    if (w.startsWith("ber") || w.startsWith("ter")) return vowelOrR(w.slice(3));
    if (w.startsWith("be") && w.slice(3, 5) === "er") return [w.slice(2)];
    return null;
  }
  function prefixesOff(word, confixAn) {
    var first = null;
    if (confixAn && word.startsWith("ke")) first = [word.slice(2)];
    else if (word.startsWith("di")) first = [word.slice(2)];
    else if (word.startsWith("me")) first = nasal(word, "me");
    first = first || [word];
    var roots = [];
    for (var root of first) {
      if (root.length < 3) return null;
      for (var r of inner(root) || [root]) {
        if (r.length < 3) return null;
        if (roots.indexOf(r) < 0) roots.push(r);
      }
    }
    return roots;
  }
  /* Indonesian: src/words/indonesian.rs. */
  function idStems(word) {
    if (word.length < 4 || !/^[a-z]+$/.test(word)) return [word];
    var w = word;
    for (var set of [["lah", "kah", "pun"], ["nya"]]) {
      for (var s of set) {
        if (w.endsWith(s) && w.length - s.length >= 3) { w = w.slice(0, -s.length); break; }
      }
    }
    for (var suffix of ["kan", "an", "i"]) {
      if (!w.endsWith(suffix)) continue;
      var rest = w.slice(0, -suffix.length);
      if (suffix === "kan" && rest.startsWith("ke")) continue;
      var roots = prefixesOff(rest, suffix === "an");
      if (roots && rest.length >= 4 && roots.every(function (x) { return x.length >= 4; })) return roots;
    }
    return prefixesOff(w, false) || [w];
  }
  /* English: src/words/english.rs. */
  var fits = function (r) { return r.length >= 3 && /[aeiouy]/.test(r); };
  var EN = [["ational", "ate"], ["ization", "ize"], ["ation", "ate"], ["fulness", "ful"],
    ["iveness", "ive"], ["ousness", "ous"], ["ments", ""], ["ment", ""], ["ness", ""],
    ["ingly", ""], ["edly", ""], ["ing", ""], ["ed", ""], ["ly", ""]];
  function enStem(word) {
    if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
    var w = word, rest;
    if (w.endsWith("ies") && fits(w.slice(0, -3))) w = w.slice(0, -3) + "y";
    else if (w.endsWith("es") && /(s|x|z|ch|sh)$/.test(rest = w.slice(0, -2)) && fits(rest)) w = rest;
    else if (w.endsWith("s") && !/[sui]$/.test(rest = w.slice(0, -1)) && fits(rest)) w = rest;
    for (var pair of EN) {
      if (w.endsWith(pair[0]) && fits(rest = w.slice(0, -pair[0].length))) { w = rest + pair[1]; break; }
    }
    var n = w.length;
    if (n > 3 && w[n - 1] === w[n - 2] && "aeioulsz".indexOf(w[n - 1]) < 0) w = w.slice(0, -1);
    while (w.length > 3 && w.endsWith("e")) w = w.slice(0, -1);
    if (w.length > 3 && w.endsWith("y")) w = w.slice(0, -1) + "i";
    return w;
  }
  function stems(word, stemmer) {
    if (stemmer === "id") return idStems(word);
    if (stemmer === "en") return [enStem(word)];
    return [word];
  }

  function bucketOf(term, buckets) {
    var h = 0x811c9dc5;
    for (var b of new TextEncoder().encode(term)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
    return h % Math.max(buckets, 1);
  }
  /* A posting list: gaps and weights, base 32, a low digit ending each number. */
  function decode(text) {
    var list = [], n = 0, doc = 0, nums = [];
    for (var c of text) {
      var d = DIGITS.indexOf(c);
      if (d >= 32) { n = n * 32 + d - 32; } else { nums.push(n * 32 + d); n = 0; }
    }
    for (var i = 0; i + 1 < nums.length; i += 2) {
      doc = i === 0 ? nums[i] : doc + nums[i];
      list.push([doc, nums[i + 1]]);
    }
    return list;
  }

  var loaded = {};
  function load(url) {
    if (!loaded[url]) {
      loaded[url] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = url;
        s.onload = resolve;
        s.onerror = function () { reject(new Error(url)); };
        document.head.appendChild(s);
      });
    }
    return loaded[url];
  }

  var meta = null, fragments = {}, chunks = {};
  var api = window.arsipSearch = {
    meta: function (m) { meta = m; run(); },
    terms: function (n, map) { fragments[n] = map; },
    docs: function (n, list) { chunks[n] = list; },
    words: words,
    stems: stems,
    bucketOf: bucketOf,
  };

  /* Docs matching every term (a term matches through any of its stems), best first. */
  function rank(terms) {
    var lists = terms.map(function (alternatives) {
      var docs = new Map();
      for (var stem of alternatives) {
        var map = fragments[bucketOf(stem, meta.buckets)] || {};
        if (!Object.prototype.hasOwnProperty.call(map, stem)) continue;
        for (var p of decode(map[stem])) docs.set(p[0], Math.max(docs.get(p[0]) || 0, p[1]));
      }
      return docs;
    });
    if (!lists.length) return [];
    lists.sort(function (a, b) { return a.size - b.size; });
    var scored = [];
    for (var entry of lists[0]) {
      var doc = entry[0], score = 0, all = true;
      for (var docs of lists) {
        var w = docs.get(doc);
        if (!w) { all = false; break; }
        score += Math.log(1 + meta.docs / docs.size) * (1 + Math.log(w));
      }
      if (all) scored.push([doc, score]);
    }
    scored.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    return scored.map(function (s) { return s[0]; });
  }

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, k) { return k in values ? values[k] : all; });
  }

  /* The opening words with the query's stems marked. */
  function snippet(text, wanted) {
    var p = document.createElement("p"), run = "", inWord = false;
    function flush() {
      if (!run) return;
      var w = words(run)[0];
      var hit = inWord && w && stems(w, meta.stemmer).some(function (s) { return wanted.has(s); });
      if (hit) {
        var mark = document.createElement("mark");
        mark.textContent = run;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(run));
      }
      run = "";
    }
    for (var c of text) {
      var isWord = ALNUM.test(c) || (inWord && MARK.test(c));
      if (isWord !== inWord) { flush(); inWord = isWord; }
      run += c;
    }
    flush();
    return p;
  }

  function show(box, q, results, page, wanted) {
    var strings = box.dataset, list = document.getElementById("search-results");
    var pages = Math.max(1, Math.ceil(results.length / PER_PAGE));
    page = Math.min(Math.max(page, 1), pages);
    var shown = results.slice((page - 1) * PER_PAGE, page * PER_PAGE);
    var needed = Array.from(new Set(shown.map(function (d) { return Math.floor(d / meta.chunk); })));
    return Promise.all(needed.map(function (k) { return load("d/" + k + ".js"); })).then(function () {
      list.textContent = "";
      list.start = (page - 1) * PER_PAGE + 1;
      for (var doc of shown) {
        var d = (chunks[Math.floor(doc / meta.chunk)] || [])[doc % meta.chunk];
        if (!d) continue;
        var li = document.createElement("li"), h = document.createElement("h2"), a = document.createElement("a");
        a.href = d[0];
        a.textContent = d[1];
        h.appendChild(a);
        li.appendChild(h);
        var info = document.createElement("p"), time = document.createElement("time");
        info.className = "meta";
        time.dateTime = d[2];
        time.textContent = d[3];
        info.appendChild(time);
        if (d[4]) info.appendChild(document.createTextNode(" · " + d[4]));
        li.appendChild(info);
        li.appendChild(snippet(d[5], wanted));
        list.appendChild(li);
      }
      var nav = document.getElementById("search-pages");
      nav.textContent = "";
      var link = function (n, label, rel) {
        var a = document.createElement("a");
        a.href = "?q=" + encodeURIComponent(q) + "&page=" + n;
        a.rel = rel;
        a.textContent = label;
        nav.appendChild(a);
        nav.appendChild(document.createTextNode(" "));
      };
      if (page > 1) link(page - 1, strings.prev, "prev");
      if (pages > 1) nav.appendChild(document.createTextNode(strings.page + " " + page + " / " + pages + " "));
      if (page < pages) link(page + 1, strings.next, "next");
    });
  }

  function run() {
    var box = document.getElementById("search");
    if (!box || !meta) return;
    var params = new URLSearchParams(window.location.search);
    var q = (params.get("q") || "").trim(), page = parseInt(params.get("page") || "1", 10) || 1;
    var input = document.getElementById("q"), status = document.getElementById("search-status");
    input.value = q;
    if (!q) return;
    var common = new Set(meta.common), dropped = [], terms = [], wanted = new Set();
    for (var w of words(q)) {
      var alternatives = stems(w, meta.stemmer);
      alternatives.forEach(function (s) { wanted.add(s); });
      var kept = alternatives.filter(function (s) { return !common.has(s); });
      if (kept.length) terms.push(kept); else dropped.push(w);
    }
    status.textContent = box.dataset.loading;
    var buckets = new Set();
    terms.forEach(function (t) { t.forEach(function (s) { buckets.add(bucketOf(s, meta.buckets)); }); });
    Promise.all(Array.from(buckets).map(function (b) { return load("t/" + b + ".js"); }))
      .then(function () {
        var results = rank(terms);
        return show(box, q, results, page, wanted).then(function () {
          var text = results.length
            ? say(box.dataset.results, { n: results.length.toLocaleString(), q: "“" + q + "”" })
            : say(box.dataset.none, { q: "“" + q + "”" });
          if (dropped.length) text += " " + say(box.dataset.common, { w: dropped.join(", ") });
          status.textContent = text;
        });
      })
      .catch(function () { status.textContent = box.dataset.failed; });
  }
  api.run = run;
})();
