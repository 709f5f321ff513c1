// Package web holds treatyline's web page: the HTML, style sheet and
// JavaScript modules under static/, with the vendored libraries they use
// (d3-geo, d3-array, topojson-client and Natural Earth land from world-atlas)
// under static/vendor/. Everything is embedded in the binary, so the page
// works offline; the server serves fs.Sub(FS, "static") at "/".
//
// The page is a client of the HTTP JSON API (/api/v1/...): it builds every
// element from data with DOM calls, never from HTML text, so that nothing a
// document or a label says can run as markup.
package web

import "embed"

// FS holds the page's files under "static/".
//
//go:embed static
var FS embed.FS
