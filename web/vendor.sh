#!/usr/bin/env bash
# Reproduces web/static/vendor/: the built files of the npm packages the page
# uses, with their licences. The vendored files are committed, so neither the
# binary nor CI needs npm or a network; run this only to change a version.
#
#	bash web/vendor.sh
set -euo pipefail
cd "$(dirname "$0")"

D3_ARRAY=3.2.4
D3_GEO=3.1.2
TOPOJSON_CLIENT=3.1.0
WORLD_ATLAS=2.0.2

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(
  cd "$tmp"
  npm init -y >/dev/null
  npm install --no-audit --no-fund --ignore-scripts --save-exact \
    "d3-array@$D3_ARRAY" "d3-geo@$D3_GEO" "topojson-client@$TOPOJSON_CLIENT" "world-atlas@$WORLD_ATLAS" >/dev/null
)
m="$tmp/node_modules"
out=static/vendor
rm -rf "$out"
mkdir -p "$out"

# UMD builds: d3-geo's attaches to the global d3 that d3-array's made, so the
# page loads d3-array first. The minified files are what the page loads.
cp "$m/d3-array/dist/d3-array.min.js" "$out/d3-array.min.js"
cp "$m/d3-array/LICENSE" "$out/d3-array.LICENSE"
cp "$m/d3-geo/dist/d3-geo.min.js" "$out/d3-geo.min.js"
cp "$m/d3-geo/LICENSE" "$out/d3-geo.LICENSE"
cp "$m/topojson-client/dist/topojson-client.min.js" "$out/topojson-client.min.js"
cp "$m/topojson-client/LICENSE" "$out/topojson-client.LICENSE"
cp "$m/world-atlas/land-50m.json" "$out/land-50m.json"
cp "$m/world-atlas/LICENSE" "$out/world-atlas.LICENSE"

# Check that the versions installed are the ones asked for.
for p in "d3-array $D3_ARRAY" "d3-geo $D3_GEO" "topojson-client $TOPOJSON_CLIENT" "world-atlas $WORLD_ATLAS"; do
  set -- $p
  got=$(node -p "require('$m/$1/package.json').version")
  if [ "$got" != "$2" ]; then
    echo "vendor.sh: $1 is $got, want $2" >&2
    exit 1
  fi
done

cat > "$out/README" <<README
Vendored front-end libraries, copied from their npm packages by web/vendor.sh.
Committed so that the binary serves the page offline and neither the build nor
CI needs npm or a network. Do not edit these files; change the versions in
web/vendor.sh and run it again.

d3-array $D3_ARRAY         d3-array.min.js          ISC licence (d3-array.LICENSE), Mike Bostock
  Needed by d3-geo (its only dependency); loaded first, it makes the global d3.
d3-geo $D3_GEO            d3-geo.min.js            ISC licence, Mike Bostock; includes parts of GeographicLib
  under the MIT licence, Charles Karney (both in d3-geo.LICENSE)
  Map projections and SVG paths for the map view.
topojson-client $TOPOJSON_CLIENT   topojson-client.min.js   ISC licence (topojson-client.LICENSE), Mike Bostock
  Turns the TopoJSON land file into GeoJSON.
world-atlas $WORLD_ATLAS       land-50m.json            ISC licence (world-atlas.LICENSE), Mike Bostock;
  the data are Natural Earth 1:50m land, public domain (naturalearthdata.com).
README
echo "vendor.sh: wrote $out"
