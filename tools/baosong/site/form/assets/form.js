/* 填报助手 and the click-time 新建报送 links (baosong, issue 16).
 *
 * Loaded on every page. Two jobs:
 *  1. Every element with data-bs-new (a 新建报送 link and what it shows) is rewritten when the page loads
 *     and again when the link is clicked, with today's date in the registry's time zone (not the
 *     browser's, not the build machine's): the file name, `date`, `event_date` and the year folder.
 *  2. On a unit's 填报 page (#bs-form), the form: fields filled from the JSON the build embedded
 *     (bs-form-data), checked as `baosong validate` checks them, written as the item file (every
 *     front-matter value double-quoted, SPEC §2.2) and handed to the forge (URL, clipboard or download).
 * Typed text is never parsed as HTML: everything shown is set with textContent / value.
 */
(function () {
  "use strict";

  var FALLBACK_TZ = "Asia/Shanghai";

  // --- dates ------------------------------------------------------------------------------------
  function todayIn(tz, now) {
    var options = { timeZone: tz || FALLBACK_TZ, year: "numeric", month: "2-digit", day: "2-digit" };
    var format;
    try {
      format = new Intl.DateTimeFormat("en-CA", options);
    } catch (e) {
      options.timeZone = FALLBACK_TZ;
      format = new Intl.DateTimeFormat("en-CA", options);
    }
    var parts = {};
    format.formatToParts(now || new Date()).forEach(function (p) {
      parts[p.type] = p.value;
    });
    return parts.year + "-" + parts.month + "-" + parts.day;
  }

  function isDate(text) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text || "")) return false;
    var d = new Date(text + "T00:00:00Z");
    return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
  }

  function daysBetween(a, b) {
    return Math.round((Date.parse(b + "T00:00:00Z") - Date.parse(a + "T00:00:00Z")) / 86400000);
  }

  // --- URLs ---------------------------------------------------------------------------------------
  // As Python's urllib.parse.quote(safe=""): also !'()* are encoded, so both sides count the same bytes.
  function enc(text) {
    return encodeURIComponent(text).replace(/[!'()*]/g, function (c) {
      return "%" + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }

  /* Bytes of the redirect_to cookie Gitea sets for a logged-out visitor of `url` (site/form/__init__.py
     cookie_bytes: each byte of path and query outside A-Z a-z 0-9 - _ . ~ costs 3). */
  function cookieBytes(url, name) {
    var u = new URL(url);
    var n = (name || "redirect_to").length;
    for (var ch of u.pathname + u.search) n += /[A-Za-z0-9\-_.~]/.test(ch) ? 1 : 3;
    return n;
  }

  function encPath(path) {
    return path.split("/").map(enc).join("/");
  }

  /* The forge's new-file page (site/pages/forge.py editor_url writes the same): Gitea `_new`, GitHub
     `new` with filename and value; GitLab `-/new` with file_name only (it ignores any content). */
  function editorUrl(forge, folder, filename, content) {
    var base = forge.url.replace(/\/+$/, "");
    var branch = enc(forge.branch);
    if (forge.kind === "gitlab") {
      return base + "/-/new/" + branch + "/" + encPath(folder) + "?file_name=" + enc(filename);
    }
    var query = "filename=" + enc(filename);
    if (content !== null && content !== undefined) query += "&value=" + enc(content);
    return base + "/" + (forge.kind === "gitea" ? "_new" : "new") + "/" + branch + "/" + encPath(folder) + "?" + query;
  }

  // --- 新建报送 links -----------------------------------------------------------------------------
  function newLink(spec, today) {
    var day = spec.day;
    var content = spec.content.replace(
      new RegExp("^((?:date|event_date):[ \\t]*\"?)" + day + "(?=\"?(?:[ \\t]|$))", "gm"),
      "$1" + today
    );
    var filename = today + "-" + spec.slug + ".md";
    var folder = "submissions/" + spec.unit + "/" + today.slice(0, 4);
    var url = null;
    if (spec.forge) {
      var forge = { kind: spec.kind, url: spec.forge.url, branch: spec.forge.branch };
      url = editorUrl(forge, folder, filename, spec.inUrl ? content : null);
    }
    return { content: content, filename: filename, folder: folder, url: url };
  }

  function refreshNewLink(box) {
    var spec;
    try {
      spec = JSON.parse(box.getAttribute("data-bs-new"));
    } catch (e) {
      return;
    }
    var link = newLink(spec, todayIn(spec.tz));
    box.querySelectorAll("a.bs-new__button").forEach(function (a) {
      if (link.url) a.setAttribute("href", link.url);
    });
    box.querySelectorAll("[data-bs-new-part]").forEach(function (el) {
      el.textContent = link[el.getAttribute("data-bs-new-part")];
    });
    box.querySelectorAll("[data-bs-new-note]").forEach(function (el) {
      el.hidden = true;
    });
  }

  function initNewLinks() {
    document.querySelectorAll("[data-bs-new]").forEach(refreshNewLink);
    // The date of the click, not of the page load: a page left open overnight still gives today.
    document.addEventListener(
      "click",
      function (event) {
        var a = event.target.closest && event.target.closest("a.bs-new__button");
        var box = a && a.closest("[data-bs-new]");
        if (box) refreshNewLink(box);
      },
      true
    );
  }

  // --- the item file --------------------------------------------------------------------------------
  /* A YAML double-quoted scalar that the strict reader reads back exactly: only " and \ and the
     characters YAML may not hold raw (controls, line separators, BOM) are escaped. */
  function yamlQuote(text) {
    var out = '"';
    for (var ch of text) {
      var c = ch.codePointAt(0);
      if (ch === '"' || ch === "\\") out += "\\" + ch;
      else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || c === 0xfeff || (c >= 0xd800 && c <= 0xdfff)) {
        out += "\\u" + ("000" + c.toString(16)).slice(-4);
      } else out += ch;
    }
    return out + '"';
  }

  var ORDER = ["title", "unit", "reporter", "reviewed_by", "date", "event_date", "type", "category", "sensitivity", "tags", "follows", "request"];

  function serialise(meta, body) {
    var lines = ["---"];
    ORDER.forEach(function (key) {
      var value = meta[key];
      if (key === "tags") {
        if (value && value.length) lines.push("tags: [" + value.map(yamlQuote).join(", ") + "]");
      } else if (value) {
        lines.push(key + ": " + yamlQuote(value));
      }
    });
    lines.push("---");
    var text = (body || "").replace(/\r\n?/g, "\n").replace(/\s+$/, "");
    return lines.join("\n") + "\n" + text + "\n";
  }

  /* SPEC §2.2: YYYY-MM-DD-<slug>.md, the slug the title's letters and digits (NFC; everything else, the
     forbidden / \ : * ? " < > | and spaces among it, becomes "-"), the whole name at most nameMax. A number of
     11 digits or more (a phone, an ID, a card, however split) is left out: the file name is the page's address
     (write/new.py's slug_for does the same). */
  function slugOf(title, room) {
    var s = (title || "").normalize("NFC").replace(/[^\p{L}\p{N}\p{M}]+/gu, "-");
    s = s.replace(/\p{Nd}(?:[^\p{L}\p{N}\p{M}]?\p{Nd}){10,}[xX]?/gu, "-").replace(/-{2,}/g, "-").replace(/^-+|-+$/g, "");
    s = Array.from(s).slice(0, room).join("").replace(/-+$/, "");
    return s || "信息";
  }

  function fileName(day, title, limits) {
    var room = limits.nameMax - day.length - 1 - limits.suffix.length;
    return day + "-" + slugOf(title, room) + limits.suffix;
  }

  // --- checks -------------------------------------------------------------------------------------
  function fmt(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (all, key) {
      return values[key] === undefined || values[key] === null ? "" : String(values[key]);
    });
  }

  function activeOn(person, day) {
    return (!person.since || person.since <= day) && (!person.until || day <= person.until);
  }

  function charName(data, ch) {
    var hex = ch.codePointAt(0).toString(16).toUpperCase();
    while (hex.length < 4) hex = "0" + hex;
    var name = data.charNames[hex];
    return "U+" + hex + (name ? " " + name : "");
  }

  /* F14's characters (ranges from Python's charnames.kind_of): spaces that are not a space, format, control. */
  function isOdd(ch, ranges) {
    var c = ch.codePointAt(0);
    for (var i = 0; i < ranges.length; i++) {
      if (c < ranges[i][0]) return false;
      if (c <= ranges[i][1]) return true;
    }
    return false;
  }

  function splitTags(text, limits) {
    return (text || "")
      .split(new RegExp(limits.tagSeparators))
      .map(function (t) {
        return t.trim();
      })
      .filter(Boolean);
  }

  /* Every rule the fields decide (SPEC §3): M01 required, M02 formats, M03 allowed values, M06/M07 people
     active on `date`, M09 dates, M10 title and body, M11 follows/request known, S01 refused sensitivity,
     S08 markup in a field, F14 invisible characters in a field, F06 file name, T01 late (a warning). */
  function check(data, meta, body, today) {
    var out = [];
    var m = data.messages;
    var L = data.limits;
    function add(code, severity, field, message) {
      out.push({ code: code, severity: severity, field: field, message: message });
    }
    var required = ["title", "reporter", "reviewed_by", "event_date", "type", "category", "sensitivity"];
    required.forEach(function (key) {
      if (!meta[key]) add("M01", "error", key, "还没有填写“" + data.fields[key] + "”（" + key + "）：请填写");
    });
    if (meta.event_date && !isDate(meta.event_date)) {
      add("M02", "error", "event_date", fmt(m.M02.date, { field: "event_date", value: meta.event_date, example: today }));
    }
    var choices = {
      type: data.types.map(function (t) { return t.name; }),
      category: data.categories.map(function (c) { return c.name; }),
      sensitivity: data.allowed.map(function (s) { return s.name; }),
    };
    var refused = {};
    data.refused.forEach(function (r) { refused[r.name] = r.kind; });
    Object.keys(choices).forEach(function (key) {
      var v = meta[key];
      if (!v || choices[key].indexOf(v) >= 0) return;
      if (key === "sensitivity" && refused[v]) {
        add("S01", "error", key, fmt(m.S01[refused[v]], { value: v }));
        return;
      }
      add("M03", "error", key, fmt(m.M03.default, { field: key, value: v, hint: "", allowed: choices[key].join("、") }));
    });
    [["reporter", "reporters", "M06", "信息员"], ["reviewed_by", "reviewers", "M07", "审核人"]].forEach(function (r) {
      var v = meta[r[0]];
      var active = data[r[1]].filter(function (p) { return activeOn(p, meta.date); });
      if (!active.length) {
        add(r[2], "error", r[0], data.unit.name + "在 " + meta.date + " 没有在任的" + r[3] + "：请先请党政办在 units.yaml 里登记");
      } else if (v && !active.some(function (p) { return p.name === v; })) {
        var hint = "（当日在任：" + active.map(function (p) { return p.name; }).join("、") + "）";
        add(r[2], "error", r[0], fmt(m[r[2]].default, { value: v, unit: data.unit.name, date: meta.date, hint: hint }));
      }
    });
    if (meta.event_date && isDate(meta.event_date) && meta.event_date > meta.date) {
      add("M09", "error", "event_date", fmt(m.M09.event, { value: meta.event_date, date: meta.date }));
    }
    if (meta.date > today) add("M09", "error", "date", fmt(m.M09.future, { value: meta.date, today: today }));
    var title = meta.title || "";
    if (title) {
      var length = Array.from(title).length;
      var words = (title.match(/[\p{L}\p{N}]/gu) || []).length;
      if (length < L.titleMin || length > L.titleMax) {
        var advice = length < L.titleMin ? "补充完整，说清楚谁、做了什么" : "精简到 " + L.titleMax + " 个字以内";
        add("M10", "error", "title", fmt(m.M10.title, { length: length, advice: advice }));
      } else if (words < L.titleMin) {
        add("M10", "error", "title", fmt(m.M10.title_words, { count: words }));
      }
    }
    if (!(body || "").trim()) add("M10", "error", "body", "正文是空的：请在“正文”框里写这条信息的内容");
    if (meta.follows && !data.follows.some(function (f) { return f.id === meta.follows; })) {
      add("M11", "error", "follows", fmt(m.M11.follows, { value: meta.follows }));
    }
    if (meta.request && !data.requests.some(function (r) { return r.id === meta.request; })) {
      add("M11", "error", "request", fmt(m.M11.request, { value: meta.request, hint: "" }));
    }
    var markup = new RegExp(L.markup, "i");
    [["title", [title]], ["tags", meta.tags || []]].forEach(function (pair) {
      var label = data.fields[pair[0]];
      pair[1].forEach(function (value) {
        if (markup.test(value)) {
          add("S08", "error", pair[0], "“" + label + "”里有 HTML 标签、字符实体或脚本链接：信息栏只能写文字，请删除尖括号等标记");
        }
        for (var ch of value) {
          if (isOdd(ch, L.odd)) {
            add("F14", "error", pair[0], "“" + label + "”里有看不见的字符或特殊空格 " + charName(data, ch) + "（常见于从微信、网页复制的文字）：请删除它，需要空格时用空格键重新输入");
            break;
          }
        }
      });
    });
    var name = meta.filename || "";
    if (Array.from(name).length > L.nameMax) {
      add("F06", "error", null, fmt(m.F06.long, { length: Array.from(name).length, rename: "" }));
    }
    if (name && name.normalize("NFC") !== name) add("F06", "error", null, fmt(m.F06.nfc, { rename: "" }));
    var type = data.types.filter(function (t) { return t.name === meta.type; })[0];
    if (type && isDate(meta.event_date) && meta.event_date <= meta.date) {
      var late = daysBetween(meta.event_date, meta.date) - type.days;
      if (late > 0) {
        var deadline = type.days === 0 ? "在发生当天报送" : "在发生后 " + type.days + " 日内报送";
        add("T01", "warning", "date", fmt(m.T01.default, { type: type.name, deadline: deadline, late: late, event_date: meta.event_date, date: meta.date }));
      }
    }
    return out;
  }

  // --- the form page ----------------------------------------------------------------------------------
  function byId(id) {
    return document.getElementById(id);
  }

  function option(select, value, text) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = text;
    select.appendChild(o);
    return o;
  }

  /* Options from [value, text] pairs; the chosen value is kept when it is still offered. `placeholder`
     ("" value) comes first unless null (then the first entry is chosen); `single` picks a lone entry. */
  function fillSelect(select, entries, placeholder, single) {
    var keep = select.value;
    while (select.firstChild) select.removeChild(select.firstChild);
    if (placeholder !== null) option(select, "", placeholder);
    entries.forEach(function (e) {
      option(select, e[0], e[1]);
    });
    var values = entries.map(function (e) { return e[0]; });
    if (keep && values.indexOf(keep) >= 0) select.value = keep;
    else if (placeholder === null && values.length) select.value = values[0];
    else if (single && values.length === 1) select.value = values[0];
    else select.value = "";
  }

  var KIND_ZH = { gitea: "Gitea", github: "GitHub", gitlab: "GitLab" };

  function Form(root, data) {
    this.root = root;
    this.data = data;
    this.scanData = null;
    var scanNode = byId("bs-scan-data");
    if (scanNode) {
      try {
        this.scanData = JSON.parse(scanNode.textContent);
      } catch (e) {
        this.scanData = null;
      }
    }
    this.today = todayIn(data.timezone);
  }

  Form.prototype.people = function (key, day) {
    return this.data[key]
      .filter(function (p) { return activeOn(p, day); })
      .map(function (p) { return [p.name, p.title ? p.name + "（" + p.title + "）" : p.name]; });
  };

  Form.prototype.setup = function () {
    var d = this.data;
    var self = this;
    this.root.querySelectorAll("[data-bs-form-nojs]").forEach(function (el) { el.hidden = true; });
    this.root.querySelectorAll("[data-bs-form-body]").forEach(function (el) { el.hidden = false; });
    fillSelect(byId("bs-f-type"), d.types.map(function (t) { return [t.name, t.name + "（" + t.words + "）"]; }), "请选择");
    fillSelect(byId("bs-f-category"), d.categories.map(function (c) { return [c.name, c.name]; }), "请选择");
    var sens = d.allowed.map(function (s) { return [s.name, s.note ? s.name + "（" + s.note + "）" : s.name]; });
    d.refused.forEach(function (r) {
      sens.push([r.name, r.name + "（不能在这里报送）"]);
    });
    fillSelect(byId("bs-f-sensitivity"), sens, null);
    fillSelect(byId("bs-f-follows"), d.follows.map(function (f) { return [f.id, f.date + " " + f.title]; }), "（不填）");
    var event = byId("bs-f-event_date");
    event.value = this.today;
    this.refreshDay();
    var go = byId("bs-f-go");
    go.textContent = d.forge ? "在 " + KIND_ZH[d.forge.kind] + " 中提交" : "下载文件";
    this.root.addEventListener("input", function () { self.update(); });
    this.root.addEventListener("change", function () { self.update(); });
    go.addEventListener("click", function () { self.handOff(); });
    byId("bs-f-copy").addEventListener("click", function () {
      self.copy(byId("bs-f-text").value);
    });
    byId("bs-f-copy-name").addEventListener("click", function () {
      self.copy(byId("bs-f-filename").value, byId("bs-f-filename"));
    });
    this.update();
  };

  /* Today's date (the report date) and everything that depends on it: who is active, which requests are open. */
  Form.prototype.refreshDay = function () {
    var d = this.data;
    var day = this.today;
    byId("bs-f-date").textContent = day;
    byId("bs-f-event_date").max = day;
    fillSelect(byId("bs-f-reporter"), this.people("reporters", day), "请选择", true);
    fillSelect(byId("bs-f-reviewed_by"), this.people("reviewers", day), "请选择", true);
    var open = d.requests.filter(function (r) { return r.issued <= day && day <= r.due; });
    fillSelect(byId("bs-f-request"), open.map(function (r) { return [r.id, r.title + "（" + r.id + "，" + r.due + " 截止）"]; }), "（不填）");
  };

  Form.prototype.values = function () {
    var d = this.data;
    var title = byId("bs-f-title").value.trim();
    var meta = {
      title: title,
      unit: d.unit.id,
      reporter: byId("bs-f-reporter").value,
      reviewed_by: byId("bs-f-reviewed_by").value,
      date: this.today,
      event_date: byId("bs-f-event_date").value,
      type: byId("bs-f-type").value,
      category: byId("bs-f-category").value,
      sensitivity: byId("bs-f-sensitivity").value,
      tags: splitTags(byId("bs-f-tags").value, d.limits),
      follows: byId("bs-f-follows").value,
      request: byId("bs-f-request").value,
    };
    meta.filename = fileName(this.today, title, d.limits);
    meta.folder = d.folderRoot + "/" + this.today.slice(0, 4);
    return meta;
  };

  /* The content scanners (S02–S07, window.baosongScan from scan.js, data bs-scan-data) on the title, the
     tags and the body, with the file's line numbers; their messages say where the hit is. */
  Form.prototype.scan = function (meta, body) {
    var out = [];
    if (!window.baosongScan || !this.scanData) return out;
    var firstLine = serialise(meta, "").split("\n").length - 1;
    var parts = [["title", meta.title, {}], ["tags", (meta.tags || []).join(" "), {}], ["body", body, { firstLine: firstLine }]];
    parts.forEach(function (part) {
      if (!part[1]) return;
      var options = Object.assign({ field: part[0], today: this.today }, part[2]);
      var found;
      try {
        found = window.baosongScan.scan(part[1], this.scanData, options) || [];
      } catch (e) {
        found = []; // a scanner failure must not stop the form: validate checks everything again
      }
      found.forEach(function (f) {
        out.push({ code: f.code, severity: f.severity, field: part[0], message: f.message });
      });
    }, this);
    return out;
  };

  var SCAN_PAUSE_MS = 250; // scan after a pause in typing: a 100 KB paste takes up to 150 ms (scan.js)

  /* Field checks at once, the scanners after a pause; `now` runs the scanners at once too (hand-off). */
  Form.prototype.update = function (now) {
    var self = this;
    var d = this.data;
    var meta = this.values();
    var body = byId("bs-f-body").value;
    var type = d.types.filter(function (t) { return t.name === meta.type; })[0];
    byId("bs-f-type-note").textContent = type ? "时限：" + type.words : "";
    var cat = d.categories.filter(function (c) { return c.name === meta.category; })[0];
    byId("bs-f-category-note").textContent = cat && cat.note ? cat.note : "";
    var count = Array.from(meta.title).length;
    var counter = byId("bs-f-title-count");
    counter.textContent = count + " / " + d.limits.titleMax + " 字";
    counter.className = "bs-counter" + (count && (count < d.limits.titleMin || count > d.limits.titleMax) ? " bs-counter--bad" : "");
    byId("bs-f-path").textContent = meta.folder + "/" + meta.filename;
    this.fieldFindings = check(d, meta, body, this.today);
    clearTimeout(this.timer);
    if (now) this.scanFindings = this.scan(meta, body);
    else {
      this.timer = setTimeout(function () {
        self.scanFindings = self.scan(meta, body);
        self.render();
      }, SCAN_PAUSE_MS);
    }
    var errors = this.render();
    return { meta: meta, body: body, errors: errors };
  };

  /* The findings list, the status line and the button; returns the number of errors. */
  Form.prototype.render = function () {
    var findings = (this.fieldFindings || []).concat(this.scanFindings || []);
    var list = byId("bs-f-findings");
    while (list.firstChild) list.removeChild(list.firstChild);
    var errors = 0;
    findings.forEach(function (f) {
      var li = document.createElement("li");
      li.className = "bs-finding bs-finding--" + f.severity;
      li.textContent = (f.severity === "error" ? "错误 " : "提醒 ") + f.code + "：" + f.message;
      list.appendChild(li);
      if (f.severity === "error") errors += 1;
    });
    byId("bs-f-status").textContent = errors
      ? "还有 " + errors + " 处要改正，改好后才能提交。"
      : findings.length
        ? "可以提交；上面的提醒请审核人留意。"
        : "检查通过，可以提交。";
    byId("bs-f-go").disabled = errors > 0;
    return errors;
  };

  /* What the form hands over: the file, where it goes, and how (url | clipboard | download). */
  Form.prototype.build = function () {
    var now = todayIn(this.data.timezone);
    if (now !== this.today) {
      this.today = now; // the page stayed open past midnight: the report date is the day of the click
      this.refreshDay();
    }
    var state = this.update(true);
    var meta = state.meta;
    var text = serialise(meta, state.body);
    var forge = this.data.forge;
    var out = { text: text, meta: meta, errors: state.errors, mode: "download", url: null };
    if (!forge) return out;
    if (forge.kind === "gitlab") {
      out.mode = "clipboard";
      out.url = editorUrl(forge, meta.folder, meta.filename, null);
      return out;
    }
    var full = editorUrl(forge, meta.folder, meta.filename, text);
    if (cookieBytes(full, this.data.limits.cookieName) <= this.data.limits.cookieBytes) {
      out.mode = "url";
      out.url = full;
    } else {
      out.mode = "clipboard";
      out.url = editorUrl(forge, meta.folder, meta.filename, null);
    }
    return out;
  };

  /* Copy `text`: navigator.clipboard where the page is a secure context, else (plain-http intranet) a
     selected textarea and execCommand("copy"). The text stays on the page to copy by hand either way. */
  Form.prototype.copy = function (text, field) {
    var area = field || byId("bs-f-text");
    area.value = text;
    area.focus();
    area.select();
    var done = false;
    try {
      done = document.execCommand("copy");
    } catch (e) {
      done = false;
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).catch(function () {});
      done = true;
    }
    return done;
  };

  Form.prototype.handOff = function () {
    var out = this.build();
    if (out.errors) return;
    var d = this.data;
    var meta = out.meta;
    byId("bs-f-handoff").hidden = false;
    byId("bs-f-filename").value = meta.filename;
    byId("bs-f-text").value = out.text;
    var msg = byId("bs-f-handoff-msg");
    var forgeName = d.forge ? KIND_ZH[d.forge.kind] : "";
    this.last = out;
    if (out.mode === "url") {
      msg.textContent = "正在打开 " + forgeName + " 的新建文件页面，文件名和内容都已填好；请选择“创建新分支”，提交后发起合并请求。";
      window.location.assign(out.url);
    } else if (out.mode === "clipboard") {
      var copied = this.copy(out.text);
      msg.textContent = (copied ? "文件内容已复制。" : "请先把下面框里的全部内容复制下来。") +
        "请在新打开的 " + forgeName + " 编辑页面里点编辑框，按 Ctrl+V 粘贴（文件名不对时把下面的文件名复制进去），再提交。";
      window.open(out.url, "_blank", "noopener");
    } else {
      var blob = new Blob([out.text], { type: "text/markdown;charset=utf-8" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = meta.filename;
      document.body.appendChild(a);
      a.click();
      document.body.removeChild(a);
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
      msg.textContent = "已下载 " + meta.filename + "。请把它放进仓库的 " + meta.folder + "/ 文件夹，运行 baosong validate " +
        meta.folder + "/" + meta.filename + " 检查，没有错误后提交并发起合并请求。";
    }
  };

  function initForm() {
    var root = byId("bs-form");
    var node = byId("bs-form-data");
    if (!root || !node) return null;
    var form = new Form(root, JSON.parse(node.textContent));
    form.setup();
    return form;
  }

  window.baosongForm = {
    todayIn: todayIn,
    yamlQuote: yamlQuote,
    serialise: serialise,
    slugOf: slugOf,
    fileName: fileName,
    editorUrl: editorUrl,
    cookieBytes: cookieBytes,
    newLink: newLink,
    check: check,
    form: null,
  };

  function init() {
    initNewLinks();
    window.baosongForm.form = initForm();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
