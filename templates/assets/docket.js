/* docket: small enhancements for the handbook site. The pages work without it:
 * it adds relative deadline wording, local times, the current time on
 * the availability strip, filtering and sorting of the record indexes, search, and
 * the filters of a hub's organisation index.
 * Plain ES2017, no libraries. */
(function () {
  "use strict";

  var doc = document;
  var body = doc.body;
  if (!body) return;
  var root = body.getAttribute("data-root") || "";

  function $(sel, ctx) {
    return (ctx || doc).querySelector(sel);
  }
  function $all(sel, ctx) {
    return Array.prototype.slice.call((ctx || doc).querySelectorAll(sel));
  }
  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function params() {
    try {
      return new URLSearchParams(window.location.search);
    } catch (e) {
      return { get: function () { return null; } };
    }
  }

  /* 1. Deadlines: " (in 2 days)" or " (3 days overdue)", from the reader's clock,
   * so the HTML itself stays the same from build to build. */
  function plural(n, unit) {
    return n + " " + unit + (n === 1 ? "" : "s");
  }
  function distance(ms) {
    var minutes = Math.round(ms / 60000);
    if (minutes < 60) return plural(Math.max(minutes, 1), "minute");
    var hours = Math.round(ms / 3600000);
    if (hours < 36) return plural(hours, "hour");
    var days = Math.round(ms / 86400000);
    if (days < 60) return plural(days, "day");
    if (days < 730) return plural(Math.round(days / 30.44), "month");
    return plural(Math.round(days / 365.25), "year");
  }
  function deadlines() {
    var now = Date.now();
    $all("time[data-deadline]").forEach(function (t) {
      var when = Date.parse(t.getAttribute("datetime") || t.textContent);
      if (isNaN(when)) return;
      var old = t.nextElementSibling;
      if (old && old.classList.contains("relative-time")) old.parentNode.removeChild(old);
      var diff = when - now;
      var span = el("span", "relative-time");
      if (diff < 0) {
        span.textContent = " (" + distance(-diff) + " overdue)";
        span.classList.add("overdue");
        t.classList.add("overdue");
      } else {
        span.textContent = " (in " + distance(diff) + ")";
        t.classList.remove("overdue");
      }
      t.parentNode.insertBefore(span, t.nextSibling);
    });
  }

  /* Local time next to a time zone, e.g. "Europe/Berlin (14:05 there)". */
  function localTimes() {
    $all("[data-timezone]").forEach(function (node) {
      var zone = node.getAttribute("data-timezone");
      var text;
      try {
        text = new Intl.DateTimeFormat(undefined, {
          timeZone: zone,
          hour: "2-digit",
          minute: "2-digit",
          weekday: "short"
        }).format(new Date());
      } catch (e) {
        return; /* not a zone this browser knows */
      }
      var old = node.nextElementSibling;
      if (old && old.classList.contains("local-time")) old.parentNode.removeChild(old);
      var span = el("span", "local-time", " (" + text + " there)");
      node.parentNode.insertBefore(span, node.nextSibling);
    });
  }

  /* Blocker ages are not touched: the page states one age, to the newest update
   * (what the handbook can know); a second one from the reader's clock would
   * contradict it in the same sentence. */

  /* The availability strip: a line at the current time (UTC) across every row, and
   * its label on the hour axis. The strip itself is drawn at build time. */
  function stripNow() {
    var strips = $all(".strip[data-strip-date]");
    if (!strips.length) return;
    var d = new Date();
    var minutes = d.getUTCHours() * 60 + d.getUTCMinutes();
    var left = (minutes / 1440) * 100 + "%";
    var label = "now " + ("0" + d.getUTCHours()).slice(-2) + ":" + ("0" + d.getUTCMinutes()).slice(-2);
    strips.forEach(function (strip) {
      $all(".strip-track", strip).forEach(function (track) {
        var axis = track.classList.contains("strip-axis");
        var mark = $(axis ? ".strip-now-label" : ".strip-now", track);
        if (!mark) {
          mark = el("span", axis ? "strip-now-label" : "strip-now", axis ? label : null);
          track.appendChild(mark);
        }
        if (axis) mark.textContent = label;
        mark.style.left = left;
      });
    });
  }

  /* 2. The index of a record kind (the decisions, or a kind of the team's own):
   * filters, a count and sortable columns. Every select of the filter bar filters
   * on the row attribute its name says (`status`, `state`: the status's category,
   * `folder`, `owner`); `tag` on the row's tags; one with `data-facet` on the
   * values of that facet in the row's `data-facets` (JSON). Each filter's value is
   * kept in the address under its name (`?state=open&type=Core`).
   *
   * A long index is split into numbered pages (`page-2.html`, …); its table names
   * the folder's `index.js` (`data-records`), every record's row as data:
   * window.docketRecords = [[id, number, url, title, status, category, owner id,
   * owner name, owner url, date, deadline, deadline time, decided, tags, folder,
   * facets], ...]. Filtering or sorting such a page loads it (a script tag, for
   * file://) and shows the matching records of the whole set, `data-page-size` at
   * a time, in place of the page's own rows; clearing the filters brings the page
   * back. */
  function decisionIndex() {
    var table = $("#decision-index");
    if (!table || !table.tBodies.length) return;
    var tbody = table.tBodies[0];
    var pageRows = Array.prototype.slice.call(tbody.rows);
    var bar = $(".filters");
    var count = $("#decision-count");
    var none = $("#decision-none");
    var pager = $("#decision-pages");
    var control = function (name) {
      return bar ? $('[data-filter="' + name + '"]', bar) : null;
    };
    var selects = bar ? $all("select[data-filter]", bar) : [];
    var tag = control("tag");
    var text = control("text");
    var reset = control("reset");
    var caption = table.caption;
    var allCaption = caption ? caption.textContent : "";
    var title = table.getAttribute("data-title") || "Decisions";
    var noun = table.getAttribute("data-noun") || "decision";
    var nouns = table.getAttribute("data-nouns") || "decisions";
    var source = table.getAttribute("data-records");
    var paged = !!source;
    var total = paged ? Number(table.getAttribute("data-total")) || pageRows.length : pageRows.length;
    var pageSize = Number(table.getAttribute("data-page-size")) || 100;
    var indexUrl = table.getAttribute("data-url") || "";
    /* The whole set, once loaded (paged), or this page's rows. */
    var records = paged ? null : pageRows;
    var loading = false;
    var sorted = null; /* {index, type, sign} once a header was clicked */
    var shownLimit = pageSize;
    var more = null;

    function clearRows() {
      while (tbody.firstChild) tbody.removeChild(tbody.firstChild);
    }

    function facetsOf(json) {
      try {
        return JSON.parse(json || "{}") || {};
      } catch (e) {
        return {};
      }
    }
    pageRows.forEach(function (row, i) {
      row._docketOrder = i;
      row._docketFacets = facetsOf(row.getAttribute("data-facets"));
    });

    /* A record of index.js as a row-like object the filters read like a row. */
    function record(r, i) {
      return {
        data: r,
        _docketOrder: i,
        _docketFacets: r[15] || {},
        dataset: {
          id: String(r[1] != null ? r[1] : r[0]),
          status: r[4] || "",
          state: r[5] || "",
          folder: r[14] == null ? undefined : r[14],
          owner: r[6] || "",
          ownerName: r[7] || "",
          tags: (r[13] || []).join(" "),
          title: r[3] || ""
        }
      };
    }

    var waiting = [];
    function loadRecords(done) {
      if (records) return done();
      if (window.docketRecords) {
        records = window.docketRecords.map(record);
        return done();
      }
      waiting.push(done);
      if (loading) return;
      loading = true;
      if (count) count.textContent = "Loading every " + noun + "…";
      var finish = function () {
        loading = false;
        var calls = waiting;
        waiting = [];
        calls.forEach(function (f) {
          f();
        });
      };
      var s = doc.createElement("script");
      s.src = source;
      s.async = true;
      s.onload = function () {
        records = (window.docketRecords || []).map(record);
        finish();
      };
      s.onerror = function () {
        if (count) count.textContent = "The list of every " + noun + " could not be loaded; this page's rows are filtered.";
        records = pageRows;
        total = pageRows.length;
        paged = false;
        finish();
      };
      (doc.head || body).appendChild(s);
    }

    function val(c) {
      return c ? c.value : "";
    }
    function setSelect(select, value) {
      if (!select || value == null) return;
      for (var i = 0; i < select.options.length; i++) {
        if (select.options[i].value === value) {
          select.value = value;
          return;
        }
      }
    }

    /* What a select shows for its value (an owner's name, not their id). */
    function chosen(select) {
      var o = select && select.selectedIndex >= 0 ? select.options[select.selectedIndex] : null;
      return o ? o.textContent : "";
    }

    /* A select's label, as the caption names it ("status", "type"). */
    function labelOf(select) {
      var label = select.closest ? select.closest("label") : null;
      var span = label ? $("span", label) : null;
      return (span ? span.textContent : select.getAttribute("data-filter")).toLowerCase();
    }

    /* Whether `row` passes the filter `select` with value `v`. */
    function passes(row, select, v) {
      var name = select.getAttribute("data-filter");
      var facet = select.getAttribute("data-facet");
      if (facet) {
        var values = row._docketFacets[facet] || [];
        return values.indexOf(v) >= 0;
      }
      if (name === "tag") return (" " + (row.dataset.tags || "") + " ").indexOf(" " + v + " ") >= 0;
      return row.dataset[name] === v;
    }

    /* The caption says what the table shows: "Decisions: status accepted, owner
     * Alice Ng (3 of 10)", or the page's own caption without filters. */
    function describe(shown) {
      if (!caption) return;
      var parts = [];
      selects.forEach(function (s) {
        if (val(s)) parts.push(labelOf(s) + " " + chosen(s));
      });
      if (val(text).trim()) parts.push("containing \u201c" + val(text).trim() + "\u201d");
      caption.textContent = parts.length
        ? title + ": " + parts.join(", ") + " (" + shown + " of " + total + ")"
        : allCaption;
    }

    /* The row of a record of index.js, as the template writes it. */
    function rowOf(rec) {
      var r = rec.data;
      var tr = el("tr");
      tr.setAttribute("data-id", rec.dataset.id);
      tr.appendChild(el("td", r[1] != null ? "num" : "id-text", r[0]));
      var cell = el("td");
      var a = el("a", null, r[3]);
      a.href = root + r[2];
      cell.appendChild(a);
      tr.appendChild(cell);
      cell = el("td");
      var status = r[4] || "";
      cell.appendChild(el("span", "badge status-" + status.toLowerCase().replace(/ /g, "-") + (r[5] ? " badge-" + r[5] : ""), status));
      tr.appendChild(cell);
      cell = el("td");
      if (r[6]) {
        if (r[8]) {
          a = el("a", null, r[7]);
          a.href = root + r[8];
          cell.appendChild(a);
        } else {
          cell.textContent = r[7];
        }
      } else {
        cell.appendChild(el("span", "muted", "No owner"));
      }
      tr.appendChild(cell);
      cell = el("td");
      if (r[9]) {
        var t = el("time", null, r[9]);
        t.setAttribute("datetime", r[9]);
        cell.appendChild(t);
      }
      tr.appendChild(cell);
      cell = el("td");
      cell.setAttribute("data-value", r[10] || r[12] || "");
      if (r[10] || r[12]) {
        var span = el("span", "nowrap", r[10] ? "due " : "decided ");
        var when = el("time", null, r[10] || r[12]);
        when.setAttribute("datetime", r[10] ? r[11] || r[10] : r[12]);
        if (r[10]) when.setAttribute("data-deadline", "");
        span.appendChild(when);
        cell.appendChild(span);
      }
      tr.appendChild(cell);
      cell = el("td");
      if (r[13] && r[13].length) {
        var ul = el("ul", "tags");
        r[13].forEach(function (name) {
          var li = el("li");
          var link = el("a", "tag", name);
          link.href = indexUrl + "?tag=" + encodeURIComponent(name);
          li.appendChild(link);
          ul.appendChild(li);
        });
        cell.appendChild(ul);
      }
      tr.appendChild(cell);
      return tr;
    }

    /* Sorting keys: the id as a number, else a cell's `data-value` or text. */
    var OWNERLESS = "no owner";
    function sortKey(row, index, type) {
      if (type === "number" && index === 0) {
        var id = row.dataset.id || "";
        var n = Number(id);
        return id !== "" && isFinite(n) ? n : id.toLowerCase();
      }
      var v;
      if (row.data) {
        var r = row.data;
        v = [null, r[3], r[4], r[6] ? r[7] : OWNERLESS, r[9], r[10] || r[12]][index] || "";
      } else {
        var cell = row.cells[index];
        if (!cell) return "";
        v = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent;
      }
      v = String(v).trim();
      if (type === "number") {
        var m = Number(v);
        return v !== "" && isFinite(m) ? m : v.toLowerCase();
      }
      return v.toLowerCase();
    }
    function compare(a, b) {
      if (a === "" && b === "") return 0;
      if (a === "") return 1; /* blanks last, either way */
      if (b === "") return -1;
      if (typeof a === "number" && typeof b === "number") return a - b;
      if (typeof a === "number") return -1;
      if (typeof b === "number") return 1;
      return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
    }
    function sortRows(list) {
      if (!sorted) return list;
      var keyed = list.map(function (row) {
        return { row: row, key: sortKey(row, sorted.index, sorted.type) };
      });
      keyed.sort(function (x, y) {
        var blankX = x.key === "";
        var blankY = y.key === "";
        if (blankX !== blankY) return blankX ? 1 : -1;
        return sorted.sign * compare(x.key, y.key) || x.row._docketOrder - y.row._docketOrder;
      });
      return keyed.map(function (k) {
        return k.row;
      });
    }

    /* Shows `list` (rows of this page, or records of the whole set) in the table:
     * a page's own rows in place, records as new rows, `shownLimit` at a time. */
    function show(list) {
      var frag = doc.createDocumentFragment();
      if (!paged) {
        sortRows(list).forEach(function (row) {
          frag.appendChild(row);
        });
        tbody.appendChild(frag);
        return;
      }
      sortRows(list).slice(0, shownLimit).forEach(function (rec) {
        frag.appendChild(rowOf(rec));
      });
      clearRows();
      tbody.appendChild(frag);
      if (!more) {
        more = el("button", "button-quiet show-more");
        more.type = "button";
        more.addEventListener("click", function () {
          shownLimit += pageSize;
          apply(false);
        });
        var wrap = table.closest ? table.closest(".table-wrap") : null;
        (wrap || table).insertAdjacentElement("afterend", more);
      }
      var left = list.length - Math.min(list.length, shownLimit);
      more.hidden = left <= 0;
      more.textContent = "Show " + Math.min(left, pageSize) + " more (" + left + " not shown)";
      deadlines();
    }

    function apply(updateUrl) {
      var active = selects.filter(function (s) {
        return val(s);
      });
      var words = val(text).toLowerCase().split(/\s+/).filter(Boolean);
      if (updateUrl && window.history && window.history.replaceState) {
        var q = [];
        active.forEach(function (s) {
          q.push(encodeURIComponent(s.getAttribute("data-filter")) + "=" + encodeURIComponent(s.value));
        });
        if (val(text)) q.push("q=" + encodeURIComponent(val(text)));
        try {
          window.history.replaceState(null, "", window.location.pathname + (q.length ? "?" + q.join("&") : "") + window.location.hash);
        } catch (e) {
          /* some browsers refuse this on file:// */
        }
      }
      var filtering = active.length || words.length;
      if (paged && !filtering && !sorted) {
        /* The page as built: its own rows and its numbered pages. */
        clearRows();
        pageRows.forEach(function (row) {
          row.hidden = false;
          tbody.appendChild(row);
        });
        if (more) more.hidden = true;
        if (pager) pager.hidden = false;
        if (count) count.textContent = total + " " + (total === 1 ? noun : nouns);
        if (none) none.hidden = true;
        describe(total);
        return;
      }
      if (!records) {
        loadRecords(function () {
          apply(false);
        });
        return;
      }
      if (pager && paged) pager.hidden = true;
      var matched = records.filter(function (row) {
        var d = row.dataset;
        var ok = active.every(function (s) {
          return passes(row, s, s.value);
        });
        if (ok && words.length) {
          /* What the text box searches, made once per row (at 100,000 rows a
           * keystroke must not build them all again). */
          var hay = row._docketHay;
          if (hay == null) {
            hay = row._docketHay = [d.id, d.title, d.tags, d.owner, d.ownerName, d.status, d.folder || ""].join(" ").toLowerCase();
          }
          ok = words.every(function (w) {
            return hay.indexOf(w) >= 0;
          });
        }
        if (!paged) row.hidden = !ok;
        return ok;
      });
      var shown = matched.length;
      if (paged) show(matched);
      if (count) {
        count.textContent = shown === total
          ? total + " " + (total === 1 ? noun : nouns)
          : shown + " of " + total + " " + nouns;
      }
      if (none) none.hidden = shown !== 0;
      describe(shown);
    }

    if (bar) {
      bar.hidden = false;
      var p = params();
      selects.forEach(function (s) {
        setSelect(s, p.get(s.getAttribute("data-filter")));
        s.addEventListener("change", function () {
          shownLimit = pageSize;
          apply(true);
        });
      });
      if (text && p.get("q")) text.value = p.get("q");
      if (text) {
        text.addEventListener("input", function () {
          shownLimit = pageSize;
          apply(true);
        });
        /* Typing is the likely next step: load the whole set now. */
        if (paged) text.addEventListener("focus", function () { loadRecords(function () {}); });
      }
      if (reset) {
        reset.addEventListener("click", function () {
          selects.concat(text ? [text] : []).forEach(function (c) {
            c.value = "";
          });
          apply(true);
        });
      }
      /* A tag link on this page filters in place. */
      table.addEventListener("click", function (ev) {
        var a = ev.target.closest ? ev.target.closest("a.tag") : null;
        if (!a || !tag || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button !== 0) return;
        ev.preventDefault();
        setSelect(tag, a.textContent);
        shownLimit = pageSize;
        apply(true);
        tag.focus();
      });
      apply(false);
    }

    /* Sorting: a button in each sortable header. */
    var headers = $all("thead th", table);
    headers.forEach(function (th, index) {
      var type = th.getAttribute("data-sort");
      if (!type) return;
      var button = el("button", "sort");
      button.type = "button";
      while (th.firstChild) button.appendChild(th.firstChild);
      button.appendChild(el("span", "sort-icon"));
      th.appendChild(button);
      button.addEventListener("click", function () {
        var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        headers.forEach(function (h) {
          if (h.hasAttribute("data-sort")) h.setAttribute("aria-sort", "none");
        });
        th.setAttribute("aria-sort", dir);
        sorted = { index: index, type: type, sign: dir === "ascending" ? 1 : -1 };
        if (paged) {
          shownLimit = pageSize;
          apply(false);
        } else {
          show(pageRows);
        }
      });
    });
    headers.forEach(function (h) {
      if (h.hasAttribute("data-sort") && !h.hasAttribute("aria-sort")) h.setAttribute("aria-sort", "none");
    });
  }

  /* 3. Search over search-index.js, loaded on first use as a script (fetch of a
   * local file is blocked from file://). Shape:
   * window.DOCKET_SEARCH = {docs: [[url, title, kind, summary], ...],
   *                         words: {word: [doc, ...], ...}}
   * with each posting list delta-encoded (gaps between ascending doc numbers). */
  var WORD_RE;
  try {
    WORD_RE = new RegExp("[\\p{L}\\p{N}]+", "gu");
  } catch (e) {
    WORD_RE = /[0-9A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u1fff\u2070-\u218f\u2c00-\u2fef\u3040-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+/g;
  }
  var MAX_RESULTS = 20;
  var MAX_WORDS_PER_TOKEN = 400;

  function tokenize(q) {
    return (q.toLowerCase().match(WORD_RE) || []).filter(function (t, i, all) {
      return all.indexOf(t) === i;
    });
  }

  var search = {
    state: "idle", /* idle, loading, ready, failed */
    waiting: [],
    docs: null,
    words: null,
    keys: null,
    cache: {}
  };

  function loadIndex(done) {
    if (search.state === "ready") {
      if (done) done();
      return;
    }
    if (done) search.waiting.push(done);
    if (search.state === "loading") return;
    if (window.DOCKET_SEARCH) return indexReady();
    search.state = "loading";
    var s = doc.createElement("script");
    s.src = root + "search-index.js";
    s.async = true;
    s.onload = indexReady;
    s.onerror = function () {
      search.state = "failed";
      search.waiting = [];
      showMessage(currentTarget(), "The search index could not be loaded.");
    };
    (doc.head || body).appendChild(s);
  }

  function indexReady() {
    var data = window.DOCKET_SEARCH;
    if (!data || !data.docs || !data.words) {
      search.state = "failed";
      showMessage(currentTarget(), "The search index could not be loaded.");
      return;
    }
    search.docs = data.docs;
    search.words = data.words;
    search.keys = Object.keys(data.words).sort();
    search.state = "ready";
    var waiting = search.waiting;
    search.waiting = [];
    waiting.forEach(function (f) {
      f();
    });
  }

  function postings(word) {
    var list = search.cache[word];
    if (list) return list;
    var deltas = search.words[word] || [];
    list = new Array(deltas.length);
    var n = 0;
    for (var i = 0; i < deltas.length; i++) {
      n += deltas[i];
      list[i] = n;
    }
    search.cache[word] = list;
    return list;
  }

  /* Index words that start with `token`: a binary search in the sorted keys. */
  function wordsWithPrefix(token) {
    var keys = search.keys;
    var lo = 0;
    var hi = keys.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (keys[mid] < token) lo = mid + 1;
      else hi = mid;
    }
    var out = [];
    for (var i = lo; i < keys.length && out.length < MAX_WORDS_PER_TOKEN; i++) {
      if (keys[i].lastIndexOf(token, 0) !== 0) break;
      out.push(keys[i]);
    }
    return out;
  }

  function query(q) {
    var tokens = tokenize(q);
    if (!tokens.length) return { tokens: tokens, hits: [], total: 0 };
    var found = null; /* doc number -> score */
    for (var t = 0; t < tokens.length; t++) {
      var token = tokens[t];
      var docsForToken = {};
      wordsWithPrefix(token).forEach(function (w) {
        var exact = w === token ? 2 : 1;
        postings(w).forEach(function (n) {
          if ((docsForToken[n] || 0) < exact) docsForToken[n] = exact;
        });
      });
      var next = {};
      var any = false;
      Object.keys(docsForToken).forEach(function (n) {
        if (found === null || n in found) {
          next[n] = (found === null ? 0 : found[n]) + docsForToken[n];
          any = true;
        }
      });
      found = next;
      if (!any) break;
    }
    var hits = Object.keys(found || {}).map(function (n) {
      var d = search.docs[n];
      var title = String((d && d[1]) || "").toLowerCase();
      var titleWords = title.match(WORD_RE) || [];
      var inTitle = 0;
      tokens.forEach(function (token) {
        if (titleWords.some(function (w) { return w.lastIndexOf(token, 0) === 0; })) inTitle++;
      });
      return {
        n: Number(n),
        doc: d,
        score: (inTitle === tokens.length ? 100 : 0) + inTitle * 10 + found[n]
      };
    }).filter(function (h) {
      return h.doc;
    });
    hits.sort(function (a, b) {
      return b.score - a.score || a.n - b.n;
    });
    return { tokens: tokens, hits: hits.slice(0, MAX_RESULTS), total: hits.length };
  }

  var input = $("#search");
  var dropdown = $("#search-results");
  var form = input ? input.form : null;
  var pageResults = $("#search-page-results");
  var pageStatus = $("#search-page-status");

  function currentTarget() {
    return pageResults || dropdown;
  }

  function clear(node) {
    if (!node) return;
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function showMessage(node, text) {
    if (!node) return;
    if (node === pageResults && pageStatus) {
      clear(pageResults);
      pageStatus.textContent = text;
      return;
    }
    clear(node);
    node.appendChild(el("p", "search-message", text));
  }

  function render(node, q, result) {
    if (!node) return;
    clear(node);
    var status = node === pageResults ? pageStatus : null;
    if (!result.tokens.length) {
      if (status) status.textContent = "Type in the search box to find decisions, briefs, people and pages.";
      return;
    }
    if (!result.hits.length) {
      showMessage(node, "No results for “" + q.trim() + "”.");
      return;
    }
    var summary = result.total > result.hits.length
      ? "Showing " + result.hits.length + " of " + result.total + " results."
      : result.total + (result.total === 1 ? " result." : " results.");
    if (status) status.textContent = summary;
    else node.appendChild(el("p", "search-message visually-hidden", summary));
    var list = el("ul", "search-list");
    result.hits.forEach(function (h) {
      var d = h.doc;
      var li = el("li");
      var a = el("a", "search-hit");
      a.href = root + d[0];
      a.appendChild(el("span", "search-title", d[1]));
      if (d[2]) a.appendChild(el("span", "search-kind", d[2]));
      if (d[3]) a.appendChild(el("span", "search-summary", d[3]));
      li.appendChild(a);
      list.appendChild(li);
    });
    node.appendChild(list);
    if (node === dropdown && pageResults == null) {
      form.classList.add("is-open");
    }
  }

  function runSearch(node) {
    var q = input.value;
    if (!q.trim()) {
      clear(dropdown);
      if (form) form.classList.remove("is-open");
      if (node === pageResults) render(pageResults, q, { tokens: [], hits: [], total: 0 });
      return;
    }
    if (node === dropdown && form) form.classList.add("is-open");
    if (search.state !== "ready") {
      if (search.state !== "failed") showMessage(node, "Loading the search index…");
      loadIndex(function () {
        runSearch(node);
      });
      return;
    }
    render(node, q, query(q));
  }

  function resultLinks() {
    return $all("a.search-hit", dropdown);
  }

  function closeDropdown() {
    clear(dropdown);
    if (form) form.classList.remove("is-open");
  }

  if (input && dropdown && form) {
    var timer = null;
    var target = pageResults || dropdown;
    input.addEventListener("focus", function () {
      loadIndex(null);
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        runSearch(target);
      }, 80);
    });
    form.addEventListener("submit", function (ev) {
      if (search.state === "failed") return; /* let search.html say why */
      ev.preventDefault();
      clearTimeout(timer);
      var q = input.value;
      var open = function () {
        var first = $("a.search-hit", target);
        if (!first) return;
        if (target === dropdown) window.location.href = first.href;
        else first.focus();
      };
      if (!q.trim()) return;
      loadIndex(function () {
        render(target, q, query(q));
        open();
      });
    });
    form.addEventListener("keydown", function (ev) {
      var links = resultLinks();
      var i = links.indexOf(doc.activeElement);
      if (ev.key === "Escape") {
        if (input.value || dropdown.firstChild) {
          ev.preventDefault();
          input.value = "";
          closeDropdown();
          if (pageResults) runSearch(pageResults);
          input.focus();
        }
      } else if (ev.key === "ArrowDown" && links.length) {
        ev.preventDefault();
        links[Math.min(i + 1, links.length - 1)].focus();
      } else if (ev.key === "ArrowUp" && links.length && i >= 0) {
        ev.preventDefault();
        if (i === 0) input.focus();
        else links[i - 1].focus();
      }
    });
    /* Close the dropdown when focus or a click goes elsewhere. */
    doc.addEventListener("click", function (ev) {
      if (!form.contains(ev.target)) closeDropdown();
    });
    form.addEventListener("focusout", function (ev) {
      if (ev.relatedTarget && !form.contains(ev.relatedTarget)) closeDropdown();
    });
    /* "/" focuses the search box, as on many documentation sites. */
    doc.addEventListener("keydown", function (ev) {
      if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      var a = doc.activeElement;
      var tag = a && a.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (a && a.isContentEditable)) return;
      ev.preventDefault();
      input.focus();
    });
  }

  /* search.html: with JavaScript, it is a results page. */
  function searchPage() {
    var fallback = $(".search-fallback");
    if (fallback) fallback.hidden = true;
    if (!pageResults || !input) return;
    var q = params().get("q") || "";
    input.value = q;
    if (q.trim()) {
      runSearch(pageResults);
    } else {
      render(pageResults, q, { tokens: [], hits: [], total: 0 });
    }
  }

  /* 4. The organisation index of a hub (org/index.html and its pages): the form
   * loads org/index.js (as a script, for file://) on first use, then shows the
   * rows of every page that match, at most ORG_MAX of them, in place of the
   * page's own. Shape: window.docketOrg = [[source, id, title, status, owner,
   * tags, url, local], ...]; a local url is relative to the site root. */
  var ORG_MAX = 200;
  function orgIndex() {
    var form = $("#org-filters");
    var table = $("#org-index");
    if (!form || !table) return;
    form.hidden = false;
    var tbody = $("tbody", table);
    var original = tbody.innerHTML;
    var count = $("#org-count");
    var pager = $("#org-pages");
    var fields = $all("[data-org]", form);
    var state = "idle";
    function value(name) {
      var f = $("[data-org=\"" + name + "\"]", form);
      return f ? f.value.trim().toLowerCase() : "";
    }
    function filtered() {
      var src = value("source"), st = value("status"), owner = value("owner");
      var tag = value("tag"), text = value("text");
      var pageSource = $("[data-org=\"source\"]", form);
      var onlySource = ((pageSource && pageSource.getAttribute("data-page-source")) || "").toLowerCase();
      var any = (src && src !== onlySource) || st || owner || tag || text;
      if (!any) return null;
      return window.docketOrg.filter(function (r) {
        if (src && r[0].toLowerCase() !== src) return false;
        if (st && r[3].toLowerCase() !== st) return false;
        if (owner && r[4].toLowerCase() !== owner) return false;
        if (tag && (" " + r[5].toLowerCase() + " ").indexOf(" " + tag + " ") < 0) return false;
        if (text) {
          var hay = (r[0] + ":" + r[1] + " " + r[2] + " " + r[4] + " " + r[5]).toLowerCase();
          if (hay.indexOf(text) < 0) return false;
        }
        return true;
      });
    }
    function show() {
      var rows = filtered();
      if (!rows) {
        tbody.innerHTML = original;
        if (pager) pager.hidden = false;
        if (count) count.textContent = "";
        return;
      }
      if (pager) pager.hidden = true;
      tbody.textContent = "";
      rows.slice(0, ORG_MAX).forEach(function (r) {
        var tr = el("tr");
        tr.appendChild(el("td", null, r[0]));
        tr.appendChild(el("td", null, r[0] + ":" + r[1]));
        var td = el("td");
        var a = el("a", null, r[2]);
        a.href = (r[7] ? root : "") + r[6];
        td.appendChild(a);
        tr.appendChild(td);
        var status = el("td");
        if (r[3]) status.appendChild(el("span", "badge status-" + r[3].toLowerCase(), r[3]));
        tr.appendChild(status);
        tr.appendChild(el("td", null, r[4]));
        tr.appendChild(el("td"));
        tr.appendChild(el("td", null, r[5].split(" ").join(", ")));
        tbody.appendChild(tr);
      });
      if (count) {
        count.textContent = rows.length > ORG_MAX
          ? rows.length + " match; the first " + ORG_MAX + " are shown"
          : rows.length + (rows.length === 1 ? " matches" : " match");
      }
    }
    function load() {
      if (state === "ready") return show();
      if (state === "loading") return;
      if (window.docketOrg) { state = "ready"; return show(); }
      state = "loading";
      if (count) count.textContent = "Loading the index of every source…";
      var s = doc.createElement("script");
      s.src = root + "org/index.js";
      s.async = true;
      s.onload = function () { state = "ready"; show(); };
      s.onerror = function () {
        state = "failed";
        if (count) count.textContent = "The organisation index could not be loaded.";
      };
      (doc.head || body).appendChild(s);
    }
    fields.forEach(function (f) {
      f.addEventListener(f.tagName === "SELECT" ? "change" : "input", load);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); load(); });
  }

  deadlines();
  localTimes();
  stripNow();
  decisionIndex();
  orgIndex();
  if (pageResults) searchPage();
  /* Keep the wording current on a page left open. */
  setInterval(function () {
    deadlines();
    localTimes();
    stripNow();
  }, 60000);
})();
