/* The document tab's browser side (layouts/document.py, callbacks/document.py).
 *
 * analyse: posts the pasted text (text/plain) or the chosen file (multipart, field "file") to
 *   POST /api/extract?text=1 and keeps the answer in the browser: the whole answer in document-result
 *   (never sent back to the server), its counts and first claims in document-summary (drawn by a
 *   server-side callback: small enough for the callbacks' 128 KB), a refusal in document-error.
 * highlight: the text with every listed mention as <mark>, built as Dash components with plain-string
 *   children (rendered as text, never as HTML).
 * download: the mentions as CSV or JSON through dcc.Download, from the browser's copy.
 */
(function () {
    "use strict";
    var NO = function () { return window.dash_clientside.no_update; };
    var KINDS = {province: "place", prefecture: "place", place: "place", country: "place",
                 macro_region: "region", strategy: "strategy", infrastructure: "infrastructure",
                 claim: "claim"};
    var MAX_SUMMARY_CLAIMS = 100;
    var MAX_UPLOAD_BYTES = 5 * 1024 * 1024;  // data.extract.uploads.MAX_UPLOAD_BYTES

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
        var claims = (answer.claims || []).slice(0, MAX_SUMMARY_CLAIMS).map(function (c) {
            var copy = Object.assign({}, c);
            copy.sentence = String(c.sentence || "").slice(0, 300);
            return copy;
        });
        return {doc: answer.doc, language: answer.language, characters: answer.characters,
                mention_count: answer.mention_count, truncated: answer.truncated,
                shown: (answer.mentions || []).length, provinces: answer.provinces || {},
                strategies: answer.strategies || {}, infrastructure: answer.infrastructure || {},
                claims: claims};
    }

    function analyse(nClicks, contents, text, filename) {
        var ctx = window.dash_clientside.callback_context;
        var trigger = ctx.triggered && ctx.triggered.length ? ctx.triggered[0].prop_id : "";
        var init;
        if (trigger.indexOf("document-upload") === 0 && contents) {
            var blob = dataUrlToBlob(contents);
            if (blob.size > MAX_UPLOAD_BYTES) {  // the server would refuse it from its Content-Length
                return [null, null, {status: 413, detail: "the file is " + blob.size.toLocaleString("en") +
                                     " bytes; the limit is 5 MB"}];
            }
            var form = new FormData();
            form.append("file", blob, filename || "document.txt");
            init = {method: "POST", body: form};
        } else if (trigger.indexOf("document-analyse") === 0 && text && text.trim()) {
            init = {method: "POST", body: text, headers: {"Content-Type": "text/plain; charset=utf-8"}};
        } else {
            return [NO(), NO(), NO()];
        }
        return fetch(apiUrl(), init).then(function (response) {
            return response.json().then(function (doc) {
                if (!response.ok) {
                    return [null, null, {status: response.status, detail: String(doc.detail || doc.error || "")}];
                }
                return [doc, summary(doc), null];
            }, function () {
                return [null, null, {status: response.status, detail: "HTTP " + response.status}];
            });
        }, function (err) {
            return [null, null, {status: 0, detail: String(err)}];
        });
    }

    function mark(piece, m) {
        var kind = KINDS[m.type] || "other";
        var title = m.type + ": " + (m.name || m.text);
        if (kind === "claim" && m.indicator) { title = m.indicator + ": " + m.text; }
        return {type: "Mark", namespace: "dash_html_components",
                props: {children: piece, className: "mention mention-" + kind, title: title}};
    }

    function highlight(result) {
        if (!result || typeof result.text !== "string") { return []; }
        var text = result.text;
        var spans = (result.mentions || []).slice().sort(function (a, b) {
            return a.start - b.start || (b.end - b.start) - (a.end - a.start);
        });
        var kept = [];
        var end = -1;
        spans.forEach(function (s) {
            if (s.start >= end && s.start >= 0 && s.start < s.end && s.end <= text.length) {
                kept.push(s);
                end = s.end;
            }
        });
        var paragraphs = [];
        var offset = 0;
        var k = 0;
        text.split("\n").forEach(function (line) {
            var lo = offset, hi = offset + line.length;
            offset = hi + 1;
            if (!line.trim()) { return; }
            var children = [];
            var pos = lo;
            while (k < kept.length && kept[k].end <= lo) { k++; }
            var j = k;
            while (j < kept.length && kept[j].start < hi) {
                var s = kept[j];
                var a = Math.max(s.start, lo), b = Math.min(s.end, hi);
                if (a > pos) { children.push(text.slice(pos, a)); }
                if (b > a) { children.push(mark(text.slice(a, b), s)); }
                pos = Math.max(pos, b);
                if (s.end > hi) { break; }
                j++;
            }
            k = j;
            if (pos < hi) { children.push(text.slice(pos, hi)); }
            paragraphs.push({type: "P", namespace: "dash_html_components", props: {children: children}});
        });
        return paragraphs;
    }

    function csvCell(value) {
        var s = value === null || value === undefined ? "" : String(value);
        return /[",\r\n]/.test(s) ? "\"" + s.replace(/"/g, "\"\"") + "\"" : s;
    }

    function download(csvClicks, jsonClicks, result) {
        var ctx = window.dash_clientside.callback_context;
        var trigger = ctx.triggered && ctx.triggered.length ? ctx.triggered[0].prop_id : "";
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
