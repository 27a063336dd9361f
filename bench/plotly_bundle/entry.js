// Partial plotly.js for the atlas: lib/core (which always holds `scatter`) plus only the traces
// the dashboard draws. tests/ops/test_bench_bundle.py fails if figures/ or views/ start using a trace not listed here.
// Assigning window.Plotly before dash-renderer mounts makes dcc.Graph skip its own plotly.min.js download.
'use strict';

var Plotly = require('plotly.js/lib/core');

Plotly.register([
    // @traces-begin (one require per trace; build.mjs and the test read this block)
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/choropleth'),
    require('plotly.js/lib/scattergeo'),
    // @traces-end
]);

module.exports = Plotly;
