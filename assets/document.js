/* The document tab's browser side (layouts/document.py, callbacks/document.py).
 *
 * analyse: posts the pasted text (text/plain) or the chosen file (multipart, field "file") to
 *   POST /api/extract?text=1 and keeps the answer in this script (`current`), not in a Dash store: a 1 MB
 *   text's answer is about 3 MB, and Dash props that size make every later update slow. document-result
 *   gets a small key to it ({key, doc, mentions}); document-summary its counts and first claims (drawn by
 *   a server-side callback: small enough for the callbacks' 128 KB); document-error a refusal.
 * highlight: the text with every listed mention as <mark>, built as DOM text nodes and elements outside
 *   React (a Dash component per mark froze the page for minutes on a 1 MB text); text is only ever set
 *   as text (createTextNode), never as HTML.
 * download: the mentions as CSV or JSON through dcc.Download, from the browser's copy.
 */
(function () {
    "use strict";
    var NO = function () { return window.dash_clientside.no_update; };
    var KINDS = {province: "place", prefecture: "place", place: "place", country: "place",
                 macro_region: "region", strategy: "strategy", infrastructure: "infrastructure",
                 claim: "claim"};
    // claims drawn in the page: Dash's renderer slows down more than linearly with the number of
    // components (100 claims' rows took about 1 s to draw); the downloads hold every mention
    var MAX_SUMMARY_CLAIMS = 25;
    var MAX_UPLOAD_BYTES = 5 * 1024 * 1024;  // data.extract.uploads.MAX_UPLOAD_BYTES
    var current = null;  // the API's latest answer; document-result holds {key: current.key, ...}
    var sequence = 0;

    function apiUrl() {
        var prefix = "/";
        try {
            var cfg = JSON.parse(document.getElementById("_dash-config").textContent);
            prefix = cfg.requests_pathname_prefix || "/";
        } catch (e) { /* the default prefix */ }
        return prefix + "api/extract?text=1";
    }

    function dataUrlToBlob(url) {
        var comma = url.indexOf(",");
        var meta = url.slice(0, comma);
        var body = url.slice(comma + 1);
        var bytes;
        if (meta.indexOf(";base64") >= 0) {
            var raw = atob(body);
            bytes = new Uint8Array(raw.length);
            for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
        } else {
            bytes = new TextEncoder().encode(decodeURIComponent(body));
        }
        return new Blob([bytes], {type: "application/octet-stream"});
    }

    function summary(answer) {
        var all = answer.claims || [];
        var checked = function (c) {
            var v = c.reconciliation && c.reconciliation.verdict;
            return v === "agree" || v === "disagree";
        };
        // the claims the atlas could check first, then the others; shown in the text's order
        var chosen = all.filter(checked).concat(all.filter(function (c) { return !checked(c); }))
            .slice(0, MAX_SUMMARY_CLAIMS).sort(function (a, b) { return a.start - b.start; });
        var claims = chosen.map(function (c) {
            var copy = Object.assign({}, c);
            copy.sentence = String(c.sentence || "").slice(0, 300);
            return copy;
        });
        return {doc: answer.doc, language: answer.language, characters: answer.characters,
                mention_count: answer.mention_count, truncated: answer.truncated,
                shown: (answer.mentions || []).length, provinces: answer.provinces || {},
                strategies: answer.strategies || {}, infrastructure: answer.infrastructure || {},
                claims: claims, claim_count: answer.claim_count || all.length};
    }

    function analyse(nClicks, contents, text, filename) {
        var ctx = window.dash_clientside.callback_context;
        var trigger = ctx.triggered && ctx.triggered.length ? ctx.triggered[0].prop_id : "";
        var init;
        var clear = NO();
        if (trigger.indexOf("document-upload") === 0 && contents) {
            var blob = dataUrlToBlob(contents);
            if (blob.size > MAX_UPLOAD_BYTES) {  // the server would refuse it from its Content-Length
                return [null, null, {status: 413, detail: "the file is " + blob.size.toLocaleString("en") +
                                     " bytes; the limit is 5 MB"}, null];
            }
            var form = new FormData();
            form.append("file", blob, filename || "document.txt");
            init = {method: "POST", body: form};
            // the upload's copy of the file (a data URL) is not kept as a Dash prop: props that large
            // slow every later update of the page (about 1 s per update for a 1 MB file)
            clear = null;
        } else if (trigger.indexOf("document-analyse") === 0 && text && text.trim()) {
            init = {method: "POST", body: text, headers: {"Content-Type": "text/plain; charset=utf-8"}};
        } else {
            return [NO(), NO(), NO(), NO()];
        }
        return fetch(apiUrl(), init).then(function (response) {
            return response.json().then(function (doc) {
                if (!response.ok) {
                    return [null, null, {status: response.status, detail: String(doc.detail || doc.error || "")},
                            clear];
                }
                sequence += 1;
                current = doc;
                current.key = sequence;
                var key = {key: sequence, doc: doc.doc, mentions: (doc.mentions || []).length};
                return [key, summary(doc), null, clear];
            }, function () {
                return [null, null, {status: response.status, detail: "HTTP " + response.status}, clear];
            });
        }, function (err) {
            return [null, null, {status: 0, detail: String(err)}, clear];
        });
    }

    function mark(piece, m) {
        var kind = KINDS[m.type] || "other";
        var el = document.createElement("mark");
        el.className = "mention mention-" + kind;
        el.title = kind === "claim" && m.indicator ? m.indicator + ": " + m.text : m.type + ": " + (m.name || m.text);
        el.appendChild(document.createTextNode(piece));
        return el;
    }

    // The mentions to mark: in text order, the longest first where two start together, none overlapping.
    function kept(text, mentions) {
        var spans = mentions.slice().sort(function (a, b) {
            return a.start - b.start || (b.end - b.start) - (a.end - a.start);
        });
        var out = [];
        var end = -1;
        spans.forEach(function (s) {
            if (s.start >= end && s.start >= 0 && s.start < s.end && s.end <= text.length) {
                out.push(s);
                end = s.end;
            }
        });
        return out;
    }

    function highlight(key) {
        var box = document.getElementById("document-highlighted");
        if (!box) { return NO(); }
        var result = key && current && current.key === key.key ? current : null;
        var body = document.createElement("div");
        body.className = "document-text-body";
        if (result && typeof result.text === "string") {
            var text = result.text;
            var spans = kept(text, result.mentions || []);
            var offset = 0;
            var k = 0;
            text.split("\n").forEach(function (line) {
                var lo = offset, hi = offset + line.length;
                offset = hi + 1;
                if (!line.trim()) { return; }
                var p = document.createElement("p");
                var pos = lo;
                while (k < spans.length && spans[k].end <= lo) { k++; }
                var j = k;
                while (j < spans.length && spans[j].start < hi) {
                    var s = spans[j];
                    var a = Math.max(s.start, lo), b = Math.min(s.end, hi);
                    if (a > pos) { p.appendChild(document.createTextNode(text.slice(pos, a))); }
                    if (b > a) { p.appendChild(mark(text.slice(a, b), s)); }
                    pos = Math.max(pos, b);
                    if (s.end > hi) { break; }
                    j++;
                }
                k = j;
                if (pos < hi) { p.appendChild(document.createTextNode(text.slice(pos, hi))); }
                body.appendChild(p);
            });
        }
        box.replaceChildren(body);  // React renders this Div with no children: the DOM below is ours
        return result ? result.key : null;
    }

    function csvCell(value) {
        var s = value === null || value === undefined ? "" : String(value);
        return /[",\r\n]/.test(s) ? "\"" + s.replace(/"/g, "\"\"") + "\"" : s;
    }

    function download(csvClicks, jsonClicks, key) {
        var ctx = window.dash_clientside.callback_context;
        var trigger = ctx.triggered && ctx.triggered.length ? ctx.triggered[0].prop_id : "";
        var result = key && current && current.key === key.key ? current : null;
        if (!result || !result.mentions || !trigger) { return NO(); }
        var base = String(result.doc || "document").replace(/\.[A-Za-z0-9]+$/, "") + "_mentions";
        if (trigger.indexOf("document-json") === 0) {
            return {content: JSON.stringify(result.mentions, null, 1), filename: base + ".json",
                    type: "application/json", base64: false};
        }
        var fields = result.mentions.length ? Object.keys(result.mentions[0]) : ["doc"];
        var lines = [fields.join(",")];
        result.mentions.forEach(function (m) {
            lines.push(fields.map(function (f) { return csvCell(m[f]); }).join(","));
        });
        return {content: lines.join("\n") + "\n", filename: base + ".csv", type: "text/csv", base64: false};
    }

    window.dash_clientside = Object.assign({}, window.dash_clientside, {
        atlas_document: {analyse: analyse, highlight: highlight, download: download}
    });
}());
