/*
 * baosong offline search: reads the sharded index written by baosong.site.search.index.
 * No dependencies, no external request, no eval, no innerHTML: every text goes in through textContent.
 *
 * The term rule mirrors tokens.py: NFKC + lower case; CJK runs give characters and bigrams, other runs of
 * letters and digits give words. A query word (one run) matches an item when all its terms are in the item's
 * postings; the displayed results are then checked against the item's stored text, so a word's bigrams found
 * apart from each other never make a result. An item is found by its title, text, unit, type, category and
 * tags (关键词). Ranking: items whose title holds more query words first, then those whose tags hold more, then
 * newer. Filters: after the first results are shown, facets.json gives each item's 单位, 类型, 类别 and 年份; the
 * page counts them over the results and narrows the results to the chosen values (kept in the URL).
 * A docs record holds its page's path decoded and its unit, type and category as codes into the manifest's names
 * (fewer bytes before the first results); quotePath encodes the path exactly as site/urls.py does.
 */
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  var DEBOUNCE_MS = 200;
  var ONE_WAVE = 6; // requests a browser makes at once to one HTTP/1.1 server: more shards wait for a second round
  var SNIPPET_BEFORE = 30;
  var SNIPPET_LENGTH = 120;
  var SEARCH_PAGE = "search/";
  var FILTER_PARAMS = { "单位": "unit", "类型": "type", "类别": "category", "年份": "year" }; // names in the URL
  var PAGE_PARAM = "page"; // the page of results in the URL (from 2 on), so that Back returns to it
  var MAX_CHIPS = 10; // values of a filter shown before "更多"
  var CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u{20000}-\u{3134f}";
  var ALNUM = "0-9a-z\u00b5\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u052f";
  var TOKEN_SOURCE = "([" + CJK + "]+)|([" + ALNUM + "]+)";
  var ONLY_CJK = new RegExp("^[" + CJK + "]+$", "u");
  var UNSAFE_URL = /^(?:[a-z][a-z0-9+.-]*:|\/\/|\\)/i;
  var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  var B64_VALUE = new Int8Array(128).fill(-1);
  for (var b = 0; b < B64.length; b++) B64_VALUE[B64.charCodeAt(b)] = b;
  var CRC_TABLE = new Int32Array(256);
  for (var n = 0; n < 256; n++) {
    var c = n;
    for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    CRC_TABLE[n] = c;
  }
  var utf8 = new TextEncoder();

  // ---- terms (tokens.py) ----

  function normalize(text) {
    return text.normalize("NFKC").toLowerCase();
  }

  function queryWords(query) {
    var words = [];
    var re = new RegExp(TOKEN_SOURCE, "gu");
    var text = normalize(query);
    var m;
    while ((m = re.exec(text)) !== null) {
      var word = m[1] || m[2];
      if (words.indexOf(word) < 0) words.push(word);
    }
    return words;
  }

  function wordTerms(word) {
    var chars = Array.from(word);
    if (chars.length < 2 || !ONLY_CJK.test(word)) return [word];
    var terms = [];
    for (var i = 0; i < chars.length - 1; i++) {
      var pair = chars[i] + chars[i + 1];
      if (terms.indexOf(pair) < 0) terms.push(pair);
    }
    return terms;
  }

  function shardOf(term, shards) {
    var bytes = utf8.encode(term);
    var crc = -1;
    for (var i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 255] ^ (crc >>> 8);
    return ((crc ^ -1) >>> 0) % shards;
  }

  // site/urls.py's quote_path (urllib.parse.quote with "/" kept): every segment as UTF-8 percent-escapes but
  // RFC 3986's unreserved characters; encodeURIComponent also keeps !'()*, which quote escapes.
  function quotePath(path) {
    return path.split("/").map(function (segment) {
      return encodeURIComponent(segment).replace(/[!'()*]/g, function (c) {
        return "%" + c.charCodeAt(0).toString(16).toUpperCase();
      });
    }).join("/");
  }

  // ---- postings (codec.py) ----

  function decode(text) {
    var out = [];
    var i, v;
    if (text.charCodeAt(0) === 33) {
      for (i = 1; i < text.length; i++) {
        v = B64_VALUE[text.charCodeAt(i)];
        for (var bit = 0; bit < 6; bit++) if ((v >> bit) & 1) out.push((i - 1) * 6 + bit);
      }
      return out;
    }
    var previous = -1, value = 0, scale = 1;
    for (i = 0; i < text.length; i++) {
      v = B64_VALUE[text.charCodeAt(i)];
      value += (v & 31) * scale;
      if (v & 32) {
        scale *= 32;
        continue;
      }
      previous += value + 1;
      out.push(previous);
      value = 0;
      scale = 1;
    }
    return out;
  }

  function intersect(a, b) {
    var out = [];
    var i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) {
        out.push(a[i]);
        i++;
        j++;
      } else if (a[i] < b[j]) i++;
      else j++;
    }
    return out;
  }

  function intersectAll(lists) {
    if (!lists.length) return [];
    lists.sort(function (x, y) { return x.length - y.length; });
    var out = lists[0];
    for (var i = 1; i < lists.length && out.length; i++) out = intersect(out, lists[i]);
    return out;
  }

  // ---- index access ----

  function Index(base) {
    this.base = base;
    this.files = new Map();
    this.items = new Map(); // item number → its record as an object (item), made once
    this.manifest = null;
  }

  Index.prototype.json = function (path, options) {
    var url = new URL(path, this.base).href;
    var files = this.files;
    if (!files.has(url)) {
      var promise = fetch(url, options || {}).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status + " " + url);
        return response.json();
      });
      promise.catch(function () { files.delete(url); });
      files.set(url, promise);
    }
    return files.get(url);
  };

  // The search page asks for manifest.json in an inline script before this file has arrived (search_page.html):
  // one round trip less before the first results. Taken once; if it failed, asked for again here.
  Index.prototype.early = function () {
    var early = window.baosongEarly;
    var url = new URL("manifest.json", this.base).href;
    if (!early || early.manifest !== url || !early.response) return null;
    var response = early.response;
    early.response = null;
    return response;
  };

  Index.prototype.load = function () {
    var self = this;
    if (!this.manifest) {
      var early = this.early();
      var fresh = function () { return self.json("manifest.json", { cache: "no-cache" }); };
      this.manifest = (early ? early.then(function (data) { return data || fresh(); }) : fresh()).catch(function (error) {
        self.manifest = null;
        throw error;
      });
    }
    return this.manifest;
  };

  Index.prototype.shard = function (manifest, k) {
    return this.json("terms/" + k + ".json?v=" + manifest.token);
  };

  Index.prototype.facets = function (manifest) {
    return this.json("facets.json?v=" + manifest.token).then(function (data) { return new Facets(data); });
  };

  Index.prototype.doc = function (manifest, number) {
    var items = this.items;
    var key = manifest.token + ":" + number;
    if (items.has(key)) return Promise.resolve(items.get(key));
    var chunk = Math.floor(number / manifest.chunk);
    return this.json("docs/" + chunk + ".json?v=" + manifest.token).then(function (records) {
      var record = records[number - chunk * manifest.chunk];
      var it = record ? item(record, manifest.names || [[], [], []]) : null;
      items.set(key, it);
      return it;
    });
  };

  // A docs record (index.py) as an object, its codes looked up in the manifest's names.
  function item(record, names) {
    return {
      path: String(record[0]),
      title: String(record[1]),
      unit: names[0][record[2]] || "",
      date: record[3] || "",
      type: names[1][record[4]] || "",
      text: record[5] || "",
      cut: record[6] === 1,
      category: names[2][record[7]] || "",
      tags: Array.isArray(record[8]) ? record[8] : [],
    };
  }

  // Which terms of each word to look up: all bigrams, unless they lie in more shards than a browser fetches at once
  // from one server (HTTP/1.1: 6); then the bigrams that still cover each word (every other one and the last:
  // 组织防汛应急演练 → 组织 防汛 应急 演练), then fewer from the longest word until one round is enough (one term per
  // word at least). Results are checked against the stored text, so a bigram left out never makes a wrong result,
  // only more candidates to check.
  function plan(words, shards) {
    var groups = words.map(function (w) { return wordTerms(w); });
    function shardCount() {
      var seen = new Set();
      groups.forEach(function (g) { g.forEach(function (t) { seen.add(shardOf(t, shards)); }); });
      return seen.size;
    }
    if (shardCount() > ONE_WAVE) {
      groups = groups.map(function (g) {
        return g.filter(function (_, i) { return i % 2 === 0 || i === g.length - 1; });
      });
    }
    while (shardCount() > ONE_WAVE) {
      var longest = groups.reduce(function (a, g) { return g.length > a.length ? g : a; });
      if (longest.length <= 1) break;
      longest.pop();
    }
    return groups;
  }

  function lookup(shard, term) {
    if (!Object.prototype.hasOwnProperty.call(shard, term)) return null;
    var entry = shard[term];
    if (typeof entry === "string") return { all: entry, title: "", tags: "" };
    return { all: entry[0], title: entry[1] || "", tags: entry[2] || "" };
  }

  // Candidates (item numbers) in rank order; every query word's terms are in each of them.
  function candidates(index, words) {
    return index.load().then(function (manifest) {
      var groups = plan(words, manifest.shards);
      var needed = [];
      groups.forEach(function (g) {
        g.forEach(function (t) {
          var k = shardOf(t, manifest.shards);
          if (needed.indexOf(k) < 0) needed.push(k);
        });
      });
      return Promise.all(needed.map(function (k) { return index.shard(manifest, k); })).then(function (shards) {
        var byNumber = new Map();
        needed.forEach(function (k, i) { byNumber.set(k, shards[i]); });
        var lists = [];
        var titleLists = [];
        var tagLists = [];
        for (var w = 0; w < groups.length; w++) {
          var inTitle = [];
          var inTags = [];
          for (var t = 0; t < groups[w].length; t++) {
            var term = groups[w][t];
            var entry = lookup(byNumber.get(shardOf(term, manifest.shards)), term);
            if (!entry) return { manifest: manifest, numbers: [] };
            lists.push(decode(entry.all));
            inTitle.push(entry.title ? decode(entry.title) : []);
            inTags.push(entry.tags ? decode(entry.tags) : []);
          }
          titleLists.push(intersectAll(inTitle));
          tagLists.push(intersectAll(inTags));
        }
        var numbers = intersectAll(lists);
        // one word in the title outweighs every word in the tags (tag postings hold tag-only hits): a tag hit
        // ranks just below a title hit
        var score = new Map();
        var titleWeight = groups.length + 1;
        titleLists.forEach(function (list) {
          intersect(list, numbers).forEach(function (x) { score.set(x, (score.get(x) || 0) + titleWeight); });
        });
        tagLists.forEach(function (list) {
          intersect(list, numbers).forEach(function (x) { score.set(x, (score.get(x) || 0) + 1); });
        });
        var buckets = [];
        numbers.forEach(function (x) {
          var s = score.get(x) || 0;
          (buckets[s] = buckets[s] || []).push(x);
        });
        var ranked = [];
        for (var s = buckets.length - 1; s >= 0; s--) if (buckets[s]) ranked = ranked.concat(buckets[s]);
        return { manifest: manifest, numbers: ranked };
      });
    });
  }

  // ---- matching and highlighting ----

  function mapped(text) {
    var norm = "";
    var map = [];
    for (var i = 0; i < text.length; ) {
      var cp = text.codePointAt(i);
      var size = cp > 0xffff ? 2 : 1;
      var piece = text.slice(i, i + size);
      if (!(cp >= 0x4e00 && cp <= 0x9fff) && !(cp >= 0x61 && cp <= 0x7a) && !(cp >= 0x30 && cp <= 0x39)) {
        piece = normalize(piece);
      }
      for (var j = 0; j < piece.length; j++) map.push(i);
      norm += piece;
      i += size;
    }
    map.push(text.length);
    return { norm: norm, map: map };
  }

  function ranges(text, words) {
    var m = mapped(text);
    var found = [];
    words.forEach(function (w) {
      for (var at = m.norm.indexOf(w); at >= 0; at = m.norm.indexOf(w, at + w.length)) {
        found.push([m.map[at], m.map[at + w.length]]);
      }
    });
    found.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    found.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    });
    return merged;
  }

  function matches(it, words) {
    var fields = it.norm || (it.norm = [it.title, it.unit, it.text, it.type, it.category, it.tags.join("\n")].map(normalize));
    return words.every(function (w) {
      return it.cut || fields.some(function (f) { return f.indexOf(w) >= 0; });
    });
  }

  // A long Chinese word is looked for as written (防汛演练 finds only 防汛演练): say that words can be apart. The
  // example is fixed: where to split the reader's own word is the reader's to know.
  function splitHint(words) {
    var long = words.some(function (w) { return ONLY_CJK.test(w) && Array.from(w).length >= 4; });
    return long ? "长的词语可以用空格分开查找，例如把“防汛演练”写成“防汛 演练”。" : "";
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function appendMarked(parent, text, marks, from, to) {
    var at = from;
    marks.forEach(function (r) {
      var start = Math.max(r[0], from), end = Math.min(r[1], to);
      if (end <= start) return;
      if (start > at) parent.appendChild(document.createTextNode(text.slice(at, start)));
      parent.appendChild(element("mark", "", text.slice(start, end)));
      at = end;
    });
    if (at < to) parent.appendChild(document.createTextNode(text.slice(at, to)));
  }

  function snippet(parent, text, words) {
    var marks = ranges(text, words);
    var start = marks.length ? Math.max(0, marks[0][0] - SNIPPET_BEFORE) : 0;
    if (start > 0 && /[\udc00-\udfff]/.test(text.charAt(start))) start--;
    var end = Math.min(text.length, start + SNIPPET_LENGTH);
    if (end < text.length && /[\udc00-\udfff]/.test(text.charAt(end))) end++;
    if (start > 0) parent.appendChild(document.createTextNode("…"));
    appendMarked(parent, text, marks, start, end);
    if (end < text.length) parent.appendChild(document.createTextNode("…"));
  }

  function resultItem(it, words, root) {
    var li = element("li", "bs-result");
    var link = element("a", "bs-result__title");
    var url = "#";
    try {
      url = quotePath(it.path);
    } catch (error) {} // a lone surrogate: never written by index.py
    link.href = UNSAFE_URL.test(url) || url === "#" ? "#" : root + url;
    appendMarked(link, it.title, ranges(it.title, words), 0, it.title.length);
    li.appendChild(link);
    var meta = element("div", "bs-result__meta");
    [it.unit, it.date, it.type].forEach(function (value, i) {
      if (!value) return;
      if (meta.childNodes.length) meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(element(i === 1 ? "time" : "span", "", value));
    });
    var tags = it.tags.join("、");
    if (tags) { // a result found by a tag shows it
      if (meta.childNodes.length) meta.appendChild(document.createTextNode(" · "));
      var tagged = element("span", "bs-result__tags", "关键词：");
      appendMarked(tagged, tags, ranges(tags, words), 0, tags.length);
      meta.appendChild(tagged);
    }
    li.appendChild(meta);
    var text = element("p", "bs-result__snippet");
    snippet(text, it.text, words);
    li.appendChild(text);
    return li;
  }

  // ---- filters (facets.json) ----

  function Facets(data) {
    this.fields = data.fields || [];
    this.values = data.values || [];
    this.codes = data.codes || [];
    this.wide = this.values.map(function (v) { return v.length > 64; });
  }

  Facets.prototype.value = function (field, number) {
    var code = this.codes[field];
    var i = this.wide[field]
      ? B64_VALUE[code.charCodeAt(2 * number)] * 64 + B64_VALUE[code.charCodeAt(2 * number + 1)]
      : B64_VALUE[code.charCodeAt(number)];
    return i >= 0 ? this.values[field][i] || "" : "";
  };

  // The numbers whose value of every chosen field (but `except`) is the chosen one. chosen: {field name: value}
  Facets.prototype.keep = function (numbers, chosen, except) {
    var self = this;
    var tests = [];
    this.fields.forEach(function (name, f) {
      if (f !== except && chosen[name]) tests.push([f, chosen[name]]);
    });
    if (!tests.length) return numbers;
    return numbers.filter(function (x) {
      return tests.every(function (t) { return self.value(t[0], x) === t[1]; });
    });
  };

  // Per field, value → count over `numbers` narrowed by the other fields' choices (what choosing it would give).
  Facets.prototype.counts = function (numbers, chosen, rejected) {
    var self = this;
    return this.fields.map(function (name, f) {
      var counts = new Map();
      self.keep(numbers, chosen, f).forEach(function (x) {
        if (rejected.has(x)) return;
        var v = self.value(f, x);
        if (v) counts.set(v, (counts.get(v) || 0) + 1);
      });
      return counts;
    });
  };

  // ---- the search page ----

  function Search(box) {
    this.box = box;
    this.index = new Index(new URL(box.getAttribute("data-bs-index") || "./", document.baseURI).href);
    this.root = box.getAttribute("data-bs-root") || "";
    this.input = box.querySelector(".bs-search__input");
    this.status = box.querySelector(".bs-search__status");
    this.list = box.querySelector(".bs-search__results");
    this.pager = box.querySelector(".bs-search__pager");
    this.pageLabel = box.querySelector(".bs-search__page");
    this.prev = box.querySelector(".bs-search__prev");
    this.next = box.querySelector(".bs-search__next");
    this.filters = box.querySelector(".bs-search__filters");
    if (!this.filters) {
      this.filters = element("div", "bs-search__filters");
      this.filters.setAttribute("aria-label", "筛选搜索结果");
      this.status.parentNode.insertBefore(this.filters, this.status.nextSibling);
    }
    this.filters.hidden = true;
    this.chosen = {}; // field name (单位, 类型, 类别, 年份) → chosen value
    this.facets = null; // a promise of Facets, once asked for
    this.expanded = {}; // fields whose every value is shown
    this.run = 0;
    this.state = null;
    this.timer = 0;
  }

  Search.prototype.start = function () {
    var self = this;
    var form = this.box.querySelector("form");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(self.timer);
      // a new query submitted is a step Back can return from; typing only replaces the address
      var shown = new URLSearchParams(window.location.search).get("q") || "";
      self.search(self.input.value, 0, shown.trim() !== self.input.value.trim() && shown !== "");
    });
    this.input.addEventListener("input", function () {
      clearTimeout(self.timer);
      self.timer = setTimeout(function () { self.search(self.input.value, 0, false); }, DEBOUNCE_MS);
    });
    this.prev.addEventListener("click", function () { self.turn(-1); });
    this.next.addEventListener("click", function () { self.turn(1); });
    window.addEventListener("popstate", function () { self.fromUrl(); });
    this.index.load().catch(function () {}); // warm up while the reader types
    if (new URLSearchParams(window.location.search).get("q")) this.fromUrl();
    this.input.focus();
  };

  // The query, the chosen filters and the page from the address: on load, and when Back or Forward is pressed.
  Search.prototype.fromUrl = function () {
    var self = this;
    var params = new URLSearchParams(window.location.search);
    var query = params.get("q") || "";
    this.chosen = {};
    Object.keys(FILTER_PARAMS).forEach(function (name) {
      var value = params.get(FILTER_PARAMS[name]);
      if (value) self.chosen[name] = value;
    });
    var page = Math.max(0, (parseInt(params.get(PAGE_PARAM) || "1", 10) || 1) - 1);
    this.input.value = query;
    return this.search(query, page, false);
  };

  Search.prototype.show = function (state, text) {
    this.box.setAttribute("data-bs-state", state);
    this.status.textContent = text;
  };

  Search.prototype.clear = function () {
    while (this.list.firstChild) this.list.removeChild(this.list.firstChild);
    this.pager.hidden = true;
  };

  // page: the page of results to show (0 first); push: a new entry in the browser's history (else replaced)
  Search.prototype.search = function (query, page, push) {
    var self = this;
    var run = ++this.run;
    var words = queryWords(query);
    page = page || 0;
    this.remember(query, page, push);
    this.clear();
    this.clearFilters();
    this.state = null;
    if (!words.length) {
      this.show("idle", query.trim() ? "请输入汉字、字母或数字。" : "");
      return Promise.resolve();
    }
    this.show("searching", "正在搜索……");
    var filtered = Object.keys(this.chosen).length > 0;
    return candidates(this.index, words)
      .then(function (found) {
        if (run !== self.run) return null;
        self.state = { query: query.trim(), words: words, manifest: found.manifest, all: found.numbers,
                       numbers: found.numbers, cursor: 0, hits: [], page: 0, rejected: new Set(), facets: null };
        // chosen filters (from the URL) apply before the first results; otherwise the filters come after them
        var shown = function () { // the address says the page shown (page=99 of two pages shows the second)
          if (run === self.run && self.state && self.state.page !== page) self.remember(query, self.state.page, false);
        };
        if (!filtered || !found.numbers.length) {
          return self.render(page, run).then(shown).then(function () { return self.withFacets(run); });
        }
        return self.withFacets(run).then(function () { return self.render(page, run); }).then(shown);
      })
      .catch(function (error) {
        if (run !== self.run) return;
        self.show("error", "搜索索引加载失败，请刷新页面后重试。");
        if (window.console) window.console.error(error);
      });
  };

  // Check candidates in rank order until `count` real hits are known (or none are left).
  Search.prototype.fill = function (count, run) {
    var self = this;
    var st = this.state;
    if (st.hits.length >= count || st.cursor >= st.numbers.length) return Promise.resolve();
    var batch = st.numbers.slice(st.cursor, st.cursor + Math.max(count - st.hits.length, PAGE_SIZE));
    st.cursor += batch.length;
    return Promise.all(batch.map(function (x) { return self.index.doc(st.manifest, x); })).then(function (records) {
      if (run !== self.run) return null;
      records.forEach(function (record, i) {
        if (record && matches(record, st.words)) st.hits.push(record);
        else st.rejected.add(batch[i]); // its terms were all there, but apart: not a result, not counted
      });
      return self.fill(count, run);
    });
  };

  Search.prototype.render = function (page, run) {
    var self = this;
    var st = this.state;
    return this.fill((page + 1) * PAGE_SIZE + 1, run).then(function () {
      if (run !== self.run) return;
      var done = st.cursor >= st.numbers.length;
      var total = done ? st.hits.length : st.numbers.length;
      self.clear();
      self.drawFilters();
      if (!st.hits.length) {
        var narrowed = st.numbers !== st.all && st.all.length;
        self.show("done", narrowed ? "没有符合筛选条件的结果，请减少筛选条件。" : "没有找到包含“" + st.query + "”的信息。" + splitHint(st.words));
        self.box.setAttribute("data-bs-count", "0");
        return;
      }
      page = Math.min(page, Math.ceil(st.hits.length / PAGE_SIZE) - 1);
      st.page = page;
      st.hits.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE).forEach(function (record) {
        self.list.appendChild(resultItem(record, st.words, self.root));
      });
      var pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      self.show("done", (done ? "找到 " : "找到约 ") + total + " 条信息");
      self.pageLabel.textContent = "第 " + (page + 1) + " 页，共" + (done ? " " : "约 ") + pages + " 页";
      self.prev.disabled = page === 0;
      self.next.disabled = st.hits.length <= (page + 1) * PAGE_SIZE;
      self.pager.hidden = pages <= 1 && page === 0 && self.next.disabled;
      self.box.setAttribute("data-bs-count", String(total));
      if (window.performance && performance.mark) performance.mark("bs-results"); // read by the benchmark
    });
  };

  // The query, the chosen filters and the page in the address, so that a result list can be bookmarked or sent on,
  // and Back returns to the page and filters before (push: a new history entry; else the current one is replaced).
  Search.prototype.remember = function (query, page, push) {
    var url = new URL(window.location.href);
    if (query.trim()) url.searchParams.set("q", query.trim());
    else url.searchParams.delete("q");
    var chosen = this.chosen;
    Object.keys(FILTER_PARAMS).forEach(function (name) {
      if (chosen[name]) url.searchParams.set(FILTER_PARAMS[name], chosen[name]);
      else url.searchParams.delete(FILTER_PARAMS[name]);
    });
    if (page > 0) url.searchParams.set(PAGE_PARAM, String(page + 1));
    else url.searchParams.delete(PAGE_PARAM);
    if (url.href === window.location.href) return;
    if (push) window.history.pushState(null, "", url.href);
    else window.history.replaceState(null, "", url.href);
  };

  // Load facets.json (once) and narrow the current results to the chosen filters.
  Search.prototype.withFacets = function (run) {
    var self = this;
    var st = this.state;
    if (!st || !st.all.length) return Promise.resolve();
    if (!this.facets) {
      this.facets = this.index.facets(st.manifest).catch(function (error) {
        self.facets = null;
        throw error;
      });
    }
    return this.facets.then(
      function (facets) {
        if (run !== self.run) return;
        st.facets = facets;
        st.numbers = facets.keep(st.all, self.chosen);
        self.drawFilters();
      },
      function () {} // no filters, the results stay
    );
  };

  Search.prototype.choose = function (name, value) {
    if (!this.state || !this.state.facets) return;
    if (value && this.chosen[name] !== value) this.chosen[name] = value;
    else delete this.chosen[name];
    var st = this.state;
    st.numbers = st.facets.keep(st.all, this.chosen);
    st.cursor = 0;
    st.hits = [];
    this.remember(this.input.value, 0, true);
    this.render(0, this.run);
  };

  Search.prototype.clearFilters = function () {
    while (this.filters.firstChild) this.filters.removeChild(this.filters.firstChild);
    this.filters.hidden = true;
  };

  // One row per field: its values with counts over the results (most first); the chosen value is pressed.
  Search.prototype.drawFilters = function () {
    var self = this;
    var st = this.state;
    this.clearFilters();
    if (!st || !st.facets || !st.all.length) return;
    var counts = st.facets.counts(st.all, this.chosen, st.rejected);
    st.facets.fields.forEach(function (name, f) {
      var values = Array.from(counts[f].entries()).sort(function (a, b) { return b[1] - a[1]; });
      if (self.chosen[name] && !counts[f].has(self.chosen[name])) values.unshift([self.chosen[name], 0]);
      if (!values.length) return; // e.g. 年份 of guide pages only
      var row = element("div", "bs-filter");
      row.setAttribute("role", "group");
      row.setAttribute("aria-label", "按" + name + "筛选");
      row.setAttribute("data-bs-field", name);
      row.appendChild(element("span", "bs-filter__name", name));
      var shown = self.expanded[name] ? values.length : Math.min(values.length, MAX_CHIPS);
      values.slice(0, shown).forEach(function (pair) {
        var chip = element("button", "bs-filter__chip");
        chip.type = "button";
        var pressed = self.chosen[name] === pair[0];
        chip.setAttribute("aria-pressed", pressed ? "true" : "false");
        chip.setAttribute("data-bs-value", pair[0]);
        chip.appendChild(document.createTextNode(pair[0] + " "));
        chip.appendChild(element("span", "bs-filter__count", String(pair[1])));
        chip.addEventListener("click", function () { self.choose(name, pressed ? "" : pair[0]); });
        row.appendChild(chip);
      });
      if (shown < values.length) {
        var more = element("button", "bs-filter__more", "更多（" + (values.length - shown) + "）");
        more.type = "button";
        more.addEventListener("click", function () {
          self.expanded[name] = true;
          self.drawFilters();
        });
        row.appendChild(more);
      }
      self.filters.appendChild(row);
    });
    if (Object.keys(this.chosen).length) {
      var reset = element("button", "bs-filter__reset", "清除筛选");
      reset.type = "button";
      reset.addEventListener("click", function () {
        self.chosen = {};
        self.choose("", "");
      });
      this.filters.appendChild(reset);
    }
    this.filters.hidden = !this.filters.firstChild;
  };

  Search.prototype.turn = function (step) {
    if (!this.state) return;
    var self = this;
    this.render(Math.max(0, this.state.page + step), this.run).then(function () {
      if (self.state) self.remember(self.input.value, self.state.page, true);
      self.box.scrollIntoView({ block: "start" });
    });
  };

  // ---- a search box in Material's header, on pages without Material's own search ----

  function siteBase() {
    var config = document.getElementById("__config");
    if (!config) return null;
    try {
      return JSON.parse(config.textContent).base || ".";
    } catch (error) {
      return null;
    }
  }

  function headerBox() {
    var header = document.querySelector(".md-header__inner");
    if (!header || document.querySelector(".md-search, .bs-search, .bs-header-search")) return;
    var base = siteBase();
    if (base === null) return;
    var form = element("form", "bs-header-search");
    form.setAttribute("role", "search");
    form.method = "get";
    form.action = base.replace(/\/?$/, "/") + SEARCH_PAGE;
    var input = element("input", "bs-header-search__input");
    input.type = "search";
    input.name = "q";
    input.placeholder = "搜索";
    input.setAttribute("aria-label", "搜索全部报送信息");
    input.autocomplete = "off";
    form.appendChild(input);
    var anchor = header.querySelector(".md-header__source");
    header.insertBefore(form, anchor);
  }

  function init() {
    headerBox();
    var box = document.querySelector(".bs-search");
    if (box && !box.hasAttribute("data-bs-ready")) {
      box.setAttribute("data-bs-ready", "");
      new Search(box).start();
    }
  }

  // Every result of `query` for the index at `base` (paths, rank order, no page limit): the benchmark's recall and
  // precision go through the same candidates and checks as the page.
  var everyIndex = new Map();
  function everything(base, query) {
    var url = new URL(base, document.baseURI).href;
    if (!everyIndex.has(url)) everyIndex.set(url, new Index(url));
    var index = everyIndex.get(url);
    var words = queryWords(query);
    return candidates(index, words).then(function (found) {
      var paths = [];
      // 64 candidates at a time: thousands of requests at once make Chromium fail some ("Failed to fetch")
      function from(at) {
        if (at >= found.numbers.length) return paths;
        var batch = found.numbers.slice(at, at + 64);
        return Promise.all(batch.map(function (x) { return index.doc(found.manifest, x); })).then(function (items) {
          items.forEach(function (it) { if (it && matches(it, words)) paths.push(it.path); });
          return from(at + 64);
        });
      }
      return from(0);
    });
  }

  // The term rule, decoder and URL rule, for tests that compare them with tokens.py, codec.py and urls.py.
  window.baosongSearch = {
    queryWords: queryWords, wordTerms: wordTerms, shardOf: shardOf, decode: decode, quotePath: quotePath,
    everything: everything,
  };

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
