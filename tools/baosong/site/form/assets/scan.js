/* 信息报送 填报助手: the content scanners S02–S07 in the reporter's browser (issue 16).
 *
 * A copy of baosong.scan (Python) driven by data generated from it at build time
 * (baosong/site/form/scanner_data.py): every pattern, label word, table and message comes from the
 * data; this file holds only the steps. tests/test_form_scan_parity.py runs the labelled corpus through
 * both and requires the same findings.
 *
 *   window.baosongScan.scan(text, data, {field: "body" | "title" | "tags", firstLine: 1, today: "YYYY-MM-DD"})
 *   (tags: the tags joined by one space, as validate reads them)
 *     → [{code, severity, message, excerpt, line, column}]
 *
 * Offsets are UTF-16 indexes; wherever Python counts characters (windows, lengths, columns) this file
 * counts code points. Plain ES2020, no build step, no network.
 */
(function () {
  "use strict";

  const prepared = new WeakMap();
  const CODES = ["S02", "S03", "S04", "S05", "S06", "S07"];

  // ---------------------------------------------------------------- code points and tables
  function cpLen(s) {
    let n = s.length;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          n--;
          i++;
        }
      }
    }
    return n;
  }
  function back(s, i, n) {
    // the index n code points before i (not below 0)
    while (n > 0 && i > 0) {
      i--;
      const c = s.charCodeAt(i);
      if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
        const h = s.charCodeAt(i - 1);
        if (h >= 0xd800 && h <= 0xdbff) i--;
      }
      n--;
    }
    return i;
  }
  function fwd(s, i, n) {
    while (n > 0 && i < s.length) {
      const c = s.charCodeAt(i);
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
      n--;
    }
    return i;
  }
  function cpAt(s, i) {
    const c = s.codePointAt(i);
    return c === undefined ? "" : String.fromCodePoint(c);
  }
  function cps(s) {
    return Array.from(s);
  }
  function inRanges(code, ranges) {
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (code < ranges[mid][0]) hi = mid - 1;
      else if (code > ranges[mid][1]) lo = mid + 1;
      else return mid;
    }
    return -1;
  }
  function hex4(ch) {
    return ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
  }

  function prepare(data) {
    let p = prepared.get(data);
    if (p) return p;
    const digit = data.classes.digit;
    const space = data.classes.space;
    const expand = (src) =>
      src
        .split("\ue000").join("[" + digit + "]")
        .split("\ue001").join(digit)
        .split("\ue002").join("[^" + digit + "]")
        .split("\ue003").join("[" + space + "]")
        .split("\ue004").join(space)
        .split("\ue005").join("[^" + space + "]");
    const rx = (r) => ({
      g: new RegExp(expand(r.source), r.flags + "g"),
      y: new RegExp(expand(r.source), r.flags + "y"),
      it: new RegExp(expand(r.source), r.flags + "g"),
      // without lookbehind a pattern never reads before its start: search a slice instead of the whole text
      behind: r.source.includes("(?<"),
    });
    const regex = {};
    for (const [name, r] of Object.entries(data.regex)) regex[name] = rx(r);
    const ndRanges = [];
    for (const [a, b] of parseRanges(digit)) ndRanges.push([a, b]);
    const kinds = [];
    for (const [k, body] of Object.entries(data.kinds)) for (const r of parseRanges(body)) kinds.push([r[0], r[1], k]);
    kinds.sort((x, y) => x[0] - y[0]);
    p = {
      data,
      regex,
      nd: ndRanges,
      digitExtra: data.digitExtra,
      ignored: data.ignored,
      ignoredRe: new RegExp("[" + data.ignored.map(([a, b]) => `\\u{${a.toString(16)}}-\\u{${b.toString(16)}}`).join("") + "]", "gu"),
      combining: data.combining,
      kinds,
      spaceRun: new RegExp("[" + space + "]+", "u"),
      strip: new RegExp("^[" + space + "]+|[" + space + "]+$", "gu"), // str.strip()
      labels: data.labels.map(([kind, r]) => [kind, rx(r)]),
      words: data.words.regex ? rx(data.words.regex) : null,
      allowDigits: new Set(data.allowDigits),
      generic: new Set(data.generic),
      weak: new Set(data.numbers.weak),
      notACard: new Set(data.numbers.notACard),
      idWords: new Set(data.numbers.idWords),
      notAnId: new Set(data.numbers.notAnId),
      lengths: new Set(data.numbers.lengths),
      escapable: new Set(cps(data.reader.escapable)),
      markers: new Set(cps(data.reader.markers)),
      invalidCodepoints: new Set(data.reader.invalidCodepoints),
      wordCodes: new Set(data.wordCodes),
    };
    prepared.set(data, p);
    return p;
  }

  function parseRanges(body) {
    // "\u{30}-\u{39}\u{660}..." (class bodies written by jsregex.class_body) → [[first, last], ...]
    const out = [];
    const re = /\\u\{([0-9a-f]+)\}(?:-\\u\{([0-9a-f]+)\})?/g;
    let m;
    while ((m = re.exec(body))) {
      const a = parseInt(m[1], 16);
      out.push([a, m[2] ? parseInt(m[2], 16) : a]);
    }
    return out;
  }

  // Python's str.isdigit() on one character, and the value of a decimal digit (category Nd).
  function isDigit(P, ch) {
    if (!ch) return false;
    const c = ch.codePointAt(0);
    return inRanges(c, P.nd) >= 0 || inRanges(c, P.digitExtra) >= 0;
  }
  function allDigits(P, s) {
    if (!s) return false;
    for (const ch of s) if (!isDigit(P, ch)) return false;
    return true;
  }
  function digitValue(P, ch) {
    const c = ch.codePointAt(0);
    const k = inRanges(c, P.nd);
    return k < 0 ? NaN : (c - P.nd[k][0]) % 10; // Nd comes in runs of ten (checked by the tests)
  }
  function toInt(P, s) {
    let n = 0;
    for (const ch of s) n = n * 10 + digitValue(P, ch);
    return n;
  }

  // ---------------------------------------------------------------- regex helpers (Python re semantics)
  // pattern.search(s, pos, endpos) and pattern.match(s, pos, endpos): endpos ends the text (for $ and
  // lookaheads) while lookbehinds may still read before pos, as in Python.
  function execAt(rx, r, s, pos, endpos) {
    pos = pos || 0;
    if (endpos !== undefined && !r.behind) {
      rx.lastIndex = 0; // callers pass short windows here (ENDS: 64 characters)
      const m = rx.exec(s.slice(pos, endpos));
      if (m) m.index += pos;
      return m;
    }
    rx.lastIndex = pos;
    return rx.exec(endpos === undefined ? s : s.slice(0, endpos));
  }
  function search(r, s, pos, endpos) {
    return execAt(r.g, r, s, pos, endpos);
  }
  function matchAt(r, s, pos, endpos) {
    return execAt(r.y, r, s, pos, endpos);
  }
  function* finditer(r, s) {
    const g = r.it;
    g.lastIndex = 0;
    let m;
    while ((m = g.exec(s))) {
      if (m[0] === "") g.lastIndex = fwd(s, g.lastIndex, 1);
      yield m;
    }
  }
  function findAll(r, s) {
    return [...finditer(r, s)];
  }

  // ---------------------------------------------------------------- normalised text (scan/text.py)
  function normalise(P, text) {
    let t = text.normalize("NFKC");
    P.ignoredRe.lastIndex = 0;
    if (P.ignoredRe.test(t)) t = t.replace(P.ignoredRe, "");
    return t;
  }
  function isIgnored(P, ch) {
    return inRanges(ch.codePointAt(0), P.ignored) >= 0;
  }
  function isPrintable(s) {
    // Python str.isprintable(): no Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs other than the space
    return !/[\p{C}\p{Z}]/u.test(s.split(" ").join(""));
  }

  class ScanText {
    constructor(text, firstLine, key, raw) {
      this.text = text;
      this.firstLine = firstLine;
      this.key = key;
      this.raw = raw;
      this.starts = null;
      this.maps = new Map();
      this.rawLines = null;
    }
    static of(P, raw, firstLine, key) {
      let text = normalise(P, raw);
      if (text.split("\n").length !== raw.split("\n").length) {
        text = raw.split("\n").map((l) => normalise(P, l)).join("\n");
      }
      return new ScanText(text, firstLine, key, text === raw ? null : raw);
    }
    lineIndex(offset) {
      if (this.starts === null) {
        this.starts = [0];
        for (let i = this.text.indexOf("\n"); i >= 0; i = this.text.indexOf("\n", i + 1)) this.starts.push(i + 1);
      }
      return bisectRight(this.starts, offset) - 1;
    }
    lineOf(offset) {
      return this.firstLine === null ? null : this.firstLine + this.lineIndex(offset);
    }
    map(P, index) {
      const start = this.starts[index];
      if (this.raw === null) return [[], start, null];
      if (!this.maps.has(index)) {
        if (this.rawLines === null) this.rawLines = this.raw.split("\n").map(cps);
        const rawLine = this.rawLines[index];
        const end = this.text.indexOf("\n", start);
        const normLine = this.text.slice(start, end < 0 ? undefined : end);
        const rawText = rawLine.join("");
        const oneToOne =
          rawText === normLine ||
          (rawLine.length === cpLen(normLine) && isPrintable(rawText.split("\t").join(" ")));
        this.maps.set(index, oneToOne ? null : offsetMap(P, rawLine, normLine));
      }
      return [this.rawLines ? this.rawLines[index] : [], start, this.maps.get(index)];
    }
    columnOf(P, offset) {
      const [, start, mapping] = this.map(P, this.lineIndex(offset));
      const col = cpLen(this.text.slice(start, offset));
      return (mapping ? mapping[Math.min(col, mapping.length - 1)] : col) + 1;
    }
    hidden(P, start, end) {
      // ignored characters written inside [start, end): [normalised characters before it, the character]
      const index = this.lineIndex(start);
      const [rawLine, lineStart, mapping] = this.map(P, index);
      if (!mapping) return [];
      const lo = cpLen(this.text.slice(lineStart, start));
      const hi = Math.min(cpLen(this.text.slice(lineStart, end)), mapping.length - 1);
      if (hi <= lo) return [];
      const first = mapping[lo];
      const last = mapping[hi - 1];
      const out = [];
      for (let at = first; at < last; at++) {
        if (isIgnored(P, rawLine[at])) out.push([bisectLeft(mapping, at, lo, hi) - lo, rawLine[at]]);
      }
      return out;
    }
    marked(P, start, end) {
      const shown = cps(this.text.slice(start, end));
      for (const [before, ch] of this.hidden(P, start, end).reverse()) shown.splice(before, 0, `[U+${hex4(ch)}]`);
      return shown.join("");
    }
  }

  function bisectRight(a, x) {
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (x < a[mid]) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
  function bisectLeft(a, x, lo, hi) {
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function offsetMap(P, raw, norm) {
    // raw: the line's code points; norm: its normalised text → offsets in raw for each normalised code point
    const out = [];
    const pieces = [];
    const n = raw.length;
    let i = 0;
    while (i < n) {
      let j = i + 1;
      while (j < n && inRanges(raw[j].codePointAt(0), P.combining) >= 0) j++;
      let piece = raw.slice(i, j).join("");
      if (!/^[\x00-\x7f]*$/.test(piece)) piece = normalise(P, piece);
      pieces.push(piece);
      for (let k = cpLen(piece); k > 0; k--) out.push(i);
      i = j;
    }
    out.push(n);
    if (pieces.join("") !== norm) {
      const size = Math.max(1, cpLen(norm));
      const len = cpLen(norm);
      const even = [];
      for (let k = 0; k <= len; k++) even.push(Math.min(n, Math.floor((k * n) / size)));
      return even;
    }
    return out;
  }

  function Hit(code, start, end, excerpt, extra) {
    return Object.assign(
      { code, start, end, excerpt, severity: null, advice: "", variant: "default", values: {} },
      extra || {},
    );
  }

  // ---------------------------------------------------------------- S02, S07 (scan/markings.py)
  function clean(P, s) {
    return cps(s.split(P.spaceRun).filter((x) => x !== "").join(" ")).slice(0, 30).join("");
  }
  function findMarkings(P, st) {
    const hits = [];
    const text = st.text;
    for (const m of finditer(P.regex.markings, text)) {
      if (m[0].startsWith("内部")) {
        const before = text.slice(back(text, m.index, P.data.markingsWindow), m.index);
        if (search(P.regex.proseBefore, before)) continue;
      }
      hits.push(Hit("S02", m.index, m.index + m[0].length, clean(P, m[0])));
    }
    return hits;
  }
  function findDrafts(P, st) {
    const hits = [];
    const text = st.text;
    const [wb, wa] = P.data.draftsWindow;
    for (const m of finditer(P.regex.drafts, text)) {
      const end = m.index + m[0].length;
      const before = text.slice(back(text, m.index, wb), m.index);
      const after = text.slice(end, fwd(text, end, wa));
      if (search(P.regex.ruleQuoteBefore, before) || search(P.regex.ruleQuoteAfter, after)) continue;
      hits.push(Hit("S07", m.index, end, m[0]));
    }
    return hits;
  }

  // ---------------------------------------------------------------- S06 (scan/words.py)
  function findWords(P, st) {
    if (!P.words) return [];
    const hits = [];
    for (const m of finditer(P.words, st.text)) {
      const w = P.data.words.byText[m[0]];
      hits.push(Hit("S06", m.index, m.index + m[0].length, w[0], { severity: w[1], advice: w[2] }));
    }
    return hits;
  }

  // ---------------------------------------------------------------- validators (scan/validators.py)
  function birthDate(y, m, d, today) {
    if (!(y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1)) return false;
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
    if (d > days) return false;
    const v = y * 10000 + m * 100 + d;
    return v >= today.earliest && v <= today.value;
  }
  function idDate(P, c, today) {
    return birthDate(toInt(P, c.slice(6, 10).join("")), toInt(P, c.slice(10, 12).join("")), toInt(P, c.slice(12, 14).join("")), today);
  }
  function isResidentId(P, number, today) {
    const c = cps(number);
    if (c.length !== 18 || !allDigits(P, c.slice(0, 17).join("")) || "09".includes(c[0])) return false;
    let sum = 0;
    P.data.id.weights.forEach((w, i) => (sum += w * digitValue(P, c[i])));
    if (P.data.id.check[sum % 11] !== c[17].toUpperCase()) return false;
    return idDate(P, c, today);
  }
  function isIdShaped(P, number, today) {
    const c = cps(number);
    if (c.length !== 18 || !allDigits(P, c.slice(0, 17).join("")) || "09".includes(c[0])) return false;
    if (!"0123456789Xx".includes(c[17])) return false;
    return idDate(P, c, today);
  }
  function isLegacyId(P, number, today) {
    const c = cps(number);
    if (c.length !== 15 || !allDigits(P, number) || "09".includes(c[0])) return false;
    return birthDate(1900 + toInt(P, c.slice(6, 8).join("")), toInt(P, c.slice(8, 10).join("")), toInt(P, c.slice(10, 12).join("")), today);
  }
  function isCardLength(P, number) {
    const n = cpLen(number);
    return n >= 16 && n <= 19 && allDigits(P, number);
  }
  function isLuhn(number) {
    if (!/^[0-9]+$/.test(number)) return false; // python-stdnum's alphabet is ASCII
    let sum = 0;
    for (let i = number.length - 1, k = 0; i >= 0; i--, k++) {
      let d = number.charCodeAt(i) - 48;
      if (k % 2 === 1) {
        d *= 2;
        d = Math.floor(d / 10) + (d % 10);
      }
      sum += d;
    }
    return sum % 10 === 0;
  }
  function hasCardPrefix(P, number) {
    return P.data.card.issuer.includes(cpAt(number, 0)) && new Set(cps(number)).size > 1;
  }
  function startsWithDate(P, number) {
    const c = cps(number);
    const y = toInt(P, c.slice(0, 4).join(""));
    const m = toInt(P, c.slice(4, 6).join(""));
    const [lo, hi] = P.data.card.serialYears;
    return lo <= y && y <= hi && m >= 1 && m <= 12;
  }
  function isMobile(P, number) {
    let c = cps(number);
    if (c.length === 13 && number.startsWith(P.data.mobile.country)) c = c.slice(2);
    return c.length === 11 && allDigits(P, c.join("")) && c[0] === "1" && P.data.mobile.second.includes(c[1]);
  }
  function isUscc(P, number) {
    const u = P.data.uscc;
    const s = number.toUpperCase().trim();
    const c = cps(s);
    if (c.length !== 18 || !/^[0-9]+$/.test(c.slice(0, 8).join(""))) return false;
    if (c.slice(8).some((x) => !u.alphabet.includes(x))) return false;
    let total = 0;
    for (let i = 0; i < 17; i++) total += u.alphabet.indexOf(c[i]) * u.weights[i];
    return c[17] === u.alphabet[(31 - (total % 31)) % 31];
  }

  // ---------------------------------------------------------------- S03–S05 (scan/numbers.py)
  function kindOf(P, ch) {
    const c = ch.codePointAt(0);
    let lo = 0;
    let hi = P.kinds.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (c < P.kinds[mid][0]) hi = mid - 1;
      else if (c > P.kinds[mid][1]) lo = mid + 1;
      else return P.kinds[mid][2];
    }
    return ch;
  }
  function gapKind(P, s) {
    let out = "";
    for (const ch of s) out += kindOf(P, ch);
    return out;
  }
  function joinable(N, lengths) {
    const max = Math.max(...lengths);
    if (lengths.length === 1 || max === 1) return true;
    if (lengths.length > N.maxGroups) return false;
    if (Math.min(...lengths.slice(0, -1)) < 2) return false;
    if (max <= N.maxGroup) return true;
    const sum = lengths.reduce((a, b) => a + b, 0);
    return lengths.length === 2 && lengths[0] === 6 && (sum === 15 || sum === 18);
  }
  function groupsOf(P, text, run) {
    const out = [];
    for (const m of findAll(P.regex.group, run[0])) {
      const a = run.index + m.index;
      const b = a + m[0].length;
      out.push([a, b, cpLen(m[0])]);
    }
    return out;
  }
  function* candidates(P, text) {
    const N = P.data.numbers;
    for (const run of findAll(P.regex.run, text)) {
      const start = run.index;
      if (cpLen(run[0]) < N.minDigits) continue;
      if (start >= 2 && isDigit(P, cpAt(text, back(text, start, 2))) && text[start - 1] === ".") continue;
      const groups = groupsOf(P, text, run);
      const gaps = [];
      for (let k = 1; k < groups.length; k++) gaps.push(gapKind(P, text.slice(groups[k - 1][1], groups[k][0])));
      for (let i = 0; i < groups.length; i++) {
        let sep = null;
        const lengths = [];
        for (let j = i; j < Math.min(i + N.maxDigits, groups.length); j++) {
          if (j > i) {
            const gap = gaps[j - 1];
            if (sep === null) sep = gap;
            if (gap !== sep) break;
          }
          lengths.push(groups[j][2]);
          const sum = lengths.reduce((a, b) => a + b, 0);
          if (sum > N.maxDigits || (lengths.length > N.maxGroups && Math.max(...lengths) > 1)) break;
          if (joinable(N, lengths) && !inDecimal(N, groups, gaps, i, j, sep)) {
            let digits = "";
            for (let k = i; k <= j; k++) digits += text.slice(groups[k][0], groups[k][1]);
            yield { start: groups[i][0], end: groups[j][1], digits, loose: false };
          }
        }
      }
    }
  }
  function* looseCandidates(P, text) {
    const N = P.data.numbers;
    const [lo, hi] = N.looseLengths;
    for (const run of findAll(P.regex.looseRun, text)) {
      const groups = groupsOf(P, text, run);
      for (let i = 0; i < groups.length - 1; i++) {
        let total = groups[i][2];
        for (let j = i + 1; j < Math.min(i + N.looseGroups, groups.length); j++) {
          total += groups[j][2];
          if (total > hi) break;
          if (total >= lo) {
            let digits = "";
            for (let k = i; k <= j; k++) digits += text.slice(groups[k][0], groups[k][1]);
            yield { start: groups[i][0], end: groups[j][1], digits, loose: true };
          }
        }
      }
    }
  }
  function inDecimal(N, groups, gaps, i, j, sep) {
    if (sep === ".") return false;
    if (i > 0 && gaps[i - 1] === "." && groups[i - 1][2] < N.minDigits) return true;
    return j + 1 < groups.length && gaps[j] === "." && groups[j + 1][2] < N.minDigits;
  }

  function labelsAround(P, text, start, end) {
    const N = P.data.numbers;
    let before = text.slice(back(text, start, N.windowBefore), start);
    before = before.slice(before.lastIndexOf("\n") + 1);
    const bc = cps(before);
    const cpIndex = (u) => cpLen(before.slice(0, u));
    const found = []; // [end, start, kind, word] in code points of `before`
    const kinds = new Set();
    for (const [kind, r] of P.labels) {
      for (const m of findAll(r, before)) {
        kinds.add(kind);
        if (!P.weak.has(kind)) found.push([cpIndex(m.index + m[0].length), cpIndex(m.index), kind, m[0]]);
      }
    }
    const key = (f) => [f[0], f[0] - f[1]];
    const greater = (a, b) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
    const best = (list) => list.reduce((acc, f) => (acc === null || greater(key(f), key(acc)) ? f : acc), null);
    const nearest = new Set();
    let word = "";
    if (found.length) {
      let b = best(found);
      if (P.generic.has(b[3])) {
        const head = found.filter((f) => (f[0] === b[1] || f[0] === b[1] - 1) && !P.generic.has(f[3]));
        if (head.length && (head[0][0] === b[1] || bc[b[1] - 1] === "的")) b = best(head);
      }
      const bk = key(b);
      for (const f of found) {
        const fk = key(f);
        if (fk[0] === bk[0] && fk[1] === bk[1]) nearest.add(f[2]);
      }
      word = b[3];
    }
    const after = text.slice(end, fwd(text, end, N.windowAfter)).split("\n")[0];
    for (const [kind, r] of P.labels) {
      if (!N.afterKinds.includes(kind)) continue;
      const m = search(r, after);
      if (m) {
        kinds.add(kind);
        if (!word) {
          nearest.add(kind);
          word = m[0];
        }
      }
    }
    const quantity = matchAt(P.regex.unitAfter, text, end) !== null;
    return { nearest, kinds, quantity, word };
  }

  function any(set, other) {
    for (const x of set) if (other.has(x)) return true;
    return false;
  }
  function validates(P, digits, today) {
    if (cpLen(digits) === 18 && isResidentId(P, digits, today)) return true;
    return allDigits(P, digits) && isCardLength(P, digits) && isLuhn(digits);
  }
  function classifyLoose(P, digits, labels, today) {
    if (cpLen(digits) === 18 && isResidentId(P, digits, today)) {
      if (any(labels.kinds, P.idWords) && !any(labels.nearest, P.notAnId)) return ["S03", "default"];
      return null;
    }
    const card = allDigits(P, digits) && isCardLength(P, digits) && isLuhn(digits) && !startsWithDate(P, digits);
    if (card && labels.nearest.has("card") && !labels.quantity) return ["S04", "default"];
    return null;
  }
  function classify(P, digits, labels, today) {
    const n = cpLen(digits);
    const near = labels.nearest;
    const idWord = any(labels.kinds, P.idWords) && !any(near, P.notAnId);
    if (n === 18 && (isResidentId(P, digits, today) || (idWord && isIdShaped(P, digits, today)))) {
      return labels.kinds.has("uscc") && isUscc(P, digits) ? null : ["S03", "default"];
    }
    if (n > 18 && idWord && isIdShaped(P, cps(digits).slice(0, 18).join(""), today)) return ["S03", "longer"];
    if (!allDigits(P, digits)) return null;
    if (n === 15 && labels.kinds.has("id") && isLegacyId(P, digits, today)) return ["S03", "default"];
    if (isCardLength(P, digits)) {
      if (near.has("card") && !labels.quantity) return ["S04", "default"];
      if (isLuhn(digits) && hasCardPrefix(P, digits) && !startsWithDate(P, digits) && !any(near, P.notACard) && !labels.quantity) {
        return ["S04", "default"];
      }
      return null;
    }
    if (isMobile(P, digits) && !near.has("other") && !labels.quantity) return ["S05", "default"];
    return null;
  }

  function mask(digits) {
    const c = cps(digits);
    const n = c.length;
    let head = 0;
    let tail = 0;
    if (n >= 15) [head, tail] = [6, 4];
    else if (n >= 11) [head, tail] = [3, 4];
    else if (n >= 6) [head, tail] = [2, 2];
    if (!tail) return "*".repeat(n);
    return c.slice(0, head).join("") + "*".repeat(n - head - tail) + c.slice(n - tail).join("");
  }

  function findNumbers(P, st, today) {
    const text = st.text;
    const plain = search(P.regex.longEnough, text) !== null;
    const read = st.key === null ? views(P, text) : [];
    if (!plain && !read.length) return [];
    const found = [];
    if (plain) foundIn(P, st, null, today, found);
    for (const view of read) {
      if (search(P.regex.longEnough, view.text)) foundIn(P, new ScanText(view.text, null, null, null), view, today, found);
    }
    found.sort((a, b) => {
      for (let k = 0; k < 5; k++) if (a.rank[k] !== b.rank[k]) return a.rank[k] - b.rank[k];
      return 0;
    });
    const taken = new Uint8Array(text.length);
    const hits = [];
    for (const f of found) {
      const [, , , start, end] = f.rank;
      if (taken.subarray(start, end).some((x) => x)) continue;
      taken.fill(1, start, end);
      if (f.view === null) hits.push(numberHit(P, st, start, end, f.code, f.variant, f.plain, f.word));
      else {
        const hit = numberHit(P, f.st, f.local[0], f.local[1], f.code, f.variant, f.plain, f.word);
        hit.start = f.view.spans[hit.start][0];
        hit.end = f.view.spans[hit.end - 1][1];
        hits.push(hit);
      }
    }
    hits.sort((a, b) => a.start - b.start);
    return hits;
  }

  function foundIn(P, st, view, today, found) {
    const text = st.text;
    const N = P.data.numbers;
    const all = [...candidates(P, text), ...looseCandidates(P, text)];
    for (const c of all) {
      const n = cpLen(c.digits);
      if (!P.lengths.has(n) && n <= 18) continue;
      if (c.loose && !validates(P, c.digits, today)) continue;
      const around = labelsAround(P, text, c.start, c.end);
      const kind = (c.loose ? classifyLoose : classify)(P, c.digits, around, today);
      if (kind === null) continue;
      const [code, variant] = kind;
      const plainDigits = c.digits.toUpperCase();
      const pc = cps(plainDigits);
      if (P.allowDigits.has(plainDigits) || (code === "S05" && P.allowDigits.has(pc.slice(-11).join("")))) continue;
      const [start, end] = view === null ? [c.start, c.end] : [view.spans[c.start][0], view.spans[c.end - 1][1]];
      const rank = [N.priority[code], -pc.length, view === null ? 0 : 1, start, end];
      found.push({ rank, code, variant, plain: plainDigits, word: around.word, view, st, local: [c.start, c.end] });
    }
  }

  function numberHit(P, st, start, end, code, variant, plain, word) {
    let prefix = "";
    const digitsFrom = start;
    const pc = cps(plain);
    let units;
    let tail;
    if (code === "S05") {
      const national = pc.slice(-11);
      const country = pc.slice(0, -11);
      units = country.length ? new Array(country.length - 1).fill("").concat(["+86 "]) : [];
      units = units.concat(cps(mask(national.join(""))));
      if (country.length && start > 0 && st.text[start - 1] === "+") start -= 1;
      else if (!country.length) {
        const m = search(P.regex.countryBefore, st.text, back(st.text, start, 8), start);
        if (m) {
          start = m.index;
          prefix = "+86 ";
        }
      }
      tail = national.slice(-4).join("");
    } else if (variant === "longer") {
      units = cps(mask(pc.slice(0, 18).join(""))).concat(new Array(pc.length - 18).fill("*"));
      tail = "";
    } else {
      units = cps(mask(plain));
      tail = pc.slice(-4).join("");
    }
    const [marks, note] = hiddenMarks(P, st, start, end, digitsFrom);
    let shown = prefix;
    units.forEach((unit, d) => (shown += (marks.get(d) || "") + unit));
    return Hit(code, start, end, shown, { variant, values: { tail, label: word, hidden: note } });
  }

  function describe(P, ch) {
    const code = "U+" + hex4(ch);
    const key = ch.codePointAt(0).toString(16);
    const zh = P.data.names[key];
    if (zh) return `${zh} ${code}`;
    return `${code} ${P.data.unicodeNames[key] || "看不见的字符"}`;
  }

  function hiddenMarks(P, st, start, end, digitsFrom) {
    const hidden = st.hidden(P, start, end);
    const marks = new Map();
    if (!hidden.length) return [marks, ""];
    const names = [];
    const text = st.text;
    for (const [before, ch] of hidden) {
      let digit = 0;
      for (const c of text.slice(digitsFrom, fwd(text, start, before))) if (isDigit(P, c) || c === "X" || c === "x") digit++;
      marks.set(digit, (marks.get(digit) || "") + `[U+${hex4(ch)}]`);
      const name = describe(P, ch);
      if (!names.includes(name)) names.push(name);
    }
    return [marks, P.data.numbers.hiddenNote.split("{names}").join(names.join("、"))];
  }

  // ---------------------------------------------------------------- reader views (scan/reader.py)
  let decoder = null;
  const named = new Map(); // a DOM round trip per reference is slow: each name is decoded once
  function unescapeRef(P, ref) {
    // html.unescape of one character reference (&#51; &#x31; &nbsp;)
    if (ref[1] === "#") {
      const hex = ref[2] === "x" || ref[2] === "X";
      const num = parseInt(ref.slice(hex ? 3 : 2, -1), hex ? 16 : 10);
      const fixed = P.data.reader.invalidCharrefs[String(num)];
      if (fixed !== undefined) return fixed;
      if ((num >= 0xd800 && num <= 0xdfff) || num > 0x10ffff) return "\ufffd";
      if (P.invalidCodepoints.has(num)) return "";
      return String.fromCodePoint(num);
    }
    // named references: the browser's HTML parser has the same WHATWG table as Python's html.entities.html5
    if (typeof document === "undefined") return ref;
    let value = named.get(ref);
    if (value === undefined) {
      if (decoder === null) decoder = document.createElement("textarea");
      decoder.innerHTML = ref; // RCDATA: only references are decoded, no element is ever created
      value = decoder.value;
      named.set(ref, value);
    }
    return value;
  }

  function views(P, text) {
    const R = P.data.reader;
    const needs = search(P.regex.any, text) ? search(P.regex.needs, text) : null;
    const joins = [];
    for (const m of finditer(P.regex.nextStarts, text)) {
      if (search(P.regex.ends, text, back(text, m.index, R.joinLookBack), m.index)) joins.push(m.index);
    }
    if (needs === null && !joins.length) return [];
    const starts = [0];
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    const lines = new Set();
    const joined = new Set();
    if (needs !== null) for (const m of finditer(P.regex.needs, text)) lines.add(bisectRight(starts, m.index) - 1);
    for (const at of joins) {
      const i = bisectRight(starts, at) - 1;
      joined.add(i);
      lines.add(i);
      lines.add(i + 1);
    }
    const out = [];
    const order = [...lines].sort((a, b) => a - b);
    let k = 0;
    while (k < order.length) {
      const first = order[k];
      let last = first;
      while (joined.has(last) && last - first < R.maxLines - 1) last++;
      while (k < order.length && order[k] <= last) k++;
      const view = build(P, text, starts, first, last);
      if (view.text !== text.slice(starts[first], lineEnd(text, starts, last))) out.push(view);
    }
    return out;
  }
  function lineEnd(text, starts, index) {
    return index + 1 < starts.length ? starts[index + 1] - 1 : text.length;
  }
  function build(P, text, starts, first, last) {
    const chars = [];
    const spans = [];
    for (let index = first; index <= last; index++) {
      let lo = starts[index];
      let hi = lineEnd(text, starts, index);
      if (index > first) {
        while (lo < hi && (text[lo] === " " || text[lo] === "\t")) lo++;
        chars.push(" ");
        spans.push([lo - 1, lo]);
      }
      if (index < last) while (hi > lo && (text[hi - 1] === " " || text[hi - 1] === "\t")) hi--;
      readLine(P, text, lo, hi, chars, spans);
    }
    return { text: chars.join(""), spans };
  }
  function lastChar(chars) {
    if (!chars.length) return "";
    const last = chars[chars.length - 1];
    const c = last.charCodeAt(0);
    if (c >= 0xdc00 && c <= 0xdfff && chars.length > 1) return chars[chars.length - 2] + last;
    return last;
  }
  function push(chars, spans, s, span) {
    // one entry per UTF-16 unit, so view offsets index spans directly
    for (let u = 0; u < s.length; u++) {
      chars.push(s[u]);
      spans.push(span);
    }
  }
  function readLine(P, text, i, hi, chars, spans) {
    const upto = text.slice(0, hi); // the line ends the text for the matches below (Python: match(text, i, hi))
    while (i < hi) {
      const ch = text[i];
      let m;
      if (ch === "&" && (m = matchAt(P.regex.charRef, upto, i))) {
        const end = i + m[0].length;
        const decoded = unescapeRef(P, m[0]);
        if (decoded !== m[0]) {
          push(chars, spans, normalise(P, decoded), [i, end]);
          i = end;
          continue;
        }
      } else if (ch === "\\" && i + 1 < hi && P.escapable.has(text[i + 1])) {
        push(chars, spans, text[i + 1], [i, i + 2]);
        i += 2;
        continue;
      } else if (ch === "\\" && chars.length && isDigit(P, lastChar(chars)) && i + 1 < hi && isDigit(P, cpAt(text, i + 1))) {
        i += 1; // a stray backslash between digits: the digits still read as one (reader.py)
        continue;
      } else if (ch === "[" && i + 1 < hi && isDigit(P, cpAt(text, i + 1))) {
        i += 1;
        continue;
      } else if (ch === "]" && chars.length && isDigit(P, lastChar(chars)) && (m = matchAt(P.regex.linkTail, upto, i))) {
        i += m[0].length;
        continue;
      } else if (P.markers.has(ch)) {
        const j = i + matchAt(P.regex.markerRun, upto, i)[0].length;
        const after = j < hi ? cpAt(text, j) : "";
        if ((chars.length && isDigit(P, lastChar(chars))) || isDigit(P, after) || text.startsWith("&#", j)) {
          i = j;
          continue;
        }
        for (let k = i; k < j; k++) push(chars, spans, text[k], [k, k + 1]);
        i = j;
        continue;
      }
      push(chars, spans, ch, [i, i + 1]);
      i += 1;
    }
  }

  // ---------------------------------------------------------------- the checks (checks/sensitive.py)
  function allowed(text, hit, allow) {
    for (const entry of allow) {
      const start = text.indexOf(entry, Math.max(0, hit.end - entry.length));
      if (start >= 0 && start <= hit.start && hit.end <= start + entry.length) return true;
    }
    return false;
  }
  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
  }
  function todayOf(opts, data) {
    let iso = opts.today;
    if (!iso) {
      const d = new Date();
      iso = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    }
    const num = (s) => Number(s.slice(0, 4)) * 10000 + Number(s.slice(5, 7)) * 100 + Number(s.slice(8, 10));
    return { value: num(iso), earliest: num(data.id.earliestBirth) };
  }

  function scan(text, data, opts) {
    opts = opts || {};
    const P = prepare(data);
    const field = opts.field === "title" || opts.field === "tags" ? opts.field : "body";
    const firstLine = opts.firstLine === undefined ? 1 : opts.firstLine;
    const today = todayOf(opts, data);
    if (typeof text !== "string") return [];
    if (field === "title") text = text.replace(P.strip, ""); // validate reads the title stripped (Item.text)
    if (!text) return [];
    // only the body is Markdown the site renders: titles and tags are not read as a reader sees them
    const st = ScanText.of(P, text, firstLine, field === "body" ? null : field);
    let numbers = null;
    const finders = {
      S02: () => findMarkings(P, st),
      S03: () => (numbers = numbers || findNumbers(P, st, today)).filter((h) => h.code === "S03"),
      S04: () => (numbers = numbers || findNumbers(P, st, today)).filter((h) => h.code === "S04"),
      S05: () => (numbers = numbers || findNumbers(P, st, today)).filter((h) => h.code === "S05"),
      S06: () => findWords(P, st),
      S07: () => findDrafts(P, st),
    };
    const out = [];
    for (const code of CODES) {
      const severity = data.severity[code];
      if (severity === "off") continue;
      const seen = new Set();
      for (let hit of finders[code]()) {
        const line = st.lineOf(hit.start);
        const key = line + "\u0000" + hit.excerpt;
        if (seen.has(key) || allowed(st.text, hit, data.allow)) continue;
        if (seen.size >= data.maxPerCode) break;
        seen.add(key);
        let excerpt = hit.excerpt;
        if (st.raw !== null && P.wordCodes.has(code) && st.hidden(P, hit.start, hit.end).length) {
          excerpt = excerpt.split(st.text.slice(hit.start, hit.end)).join(st.marked(P, hit.start, hit.end));
        }
        const column = st.columnOf(P, hit.start);
        const where = format(data.where[field], { line, column });
        const values = Object.assign({ excerpt, word: excerpt, advice: hit.advice, where }, hit.values);
        out.push({
          code,
          severity: hit.severity || severity,
          message: format(data.messages[code][hit.variant], values),
          excerpt,
          line,
          column,
        });
      }
    }
    return out;
  }

  const api = { scan, normalise: (text, data) => normalise(prepare(data), text) };
  if (typeof window !== "undefined") window.baosongScan = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})();
