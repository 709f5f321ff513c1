package kb

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io/fs"
	"path"
	"reflect"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"treatyline/histdate"
)

// Bundle is a knowledge base as read from data files: the curated one that
// ships with the binary, or a user's copy of it.
type Bundle struct {
	Sources    []Source
	Entities   []Entity
	Claims     []Claim
	Provisions []Provision
	// Hash identifies the files' contents, to tell whether a store holds
	// this bundle already.
	Hash string
	// Where records where each record (by id) and each piece of evidence
	// was written: "data/claims/aigun.yaml:42".
	Where map[string]string
}

// Batch gives the bundle as one batch for a store.
func (b *Bundle) Batch() Batch {
	return Batch{Sources: b.Sources, Entities: b.Entities, Claims: b.Claims, Provisions: b.Provisions}
}

// LoadError is a problem in a data file, with its place.
type LoadError struct {
	File string
	Line int
	Msg  string
}

func (e *LoadError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// LoadErrors is every problem found in a bundle.
type LoadErrors []*LoadError

func (es LoadErrors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// The file forms. Field names are those users write.
type (
	sourceFile struct {
		Sources []yaml.Node `yaml:"sources"`
	}
	entityFile struct {
		Entities []yaml.Node `yaml:"entities"`
	}
	claimFile struct {
		Claims []yaml.Node `yaml:"claims"`
	}
	provisionFile struct {
		Provisions []yaml.Node `yaml:"provisions"`
	}
	sourceRec struct {
		ID       string `yaml:"id"`
		Title    string `yaml:"title"`
		Language string `yaml:"language"`
		Origin   string `yaml:"origin"`
		SHA256   string `yaml:"sha256"`
	}
	aliasRec struct {
		Text string `yaml:"text"`
		Lang string `yaml:"lang"`
	}
	geometryRec struct {
		Approximate bool           `yaml:"approximate"`
		Note        string         `yaml:"note"`
		GeoJSON     map[string]any `yaml:"geojson"`
	}
	entityRec struct {
		ID          string            `yaml:"id"`
		Kind        Kind              `yaml:"kind"`
		Labels      map[string]string `yaml:"labels"`
		Aliases     []yaml.Node       `yaml:"aliases"`
		Description string            `yaml:"description"`
		Wikidata    string            `yaml:"wikidata"`
		Geometry    *geometryRec      `yaml:"geometry"`
	}
	valueRec struct {
		Entity   string            `yaml:"entity"`
		Date     string            `yaml:"date"`
		Quantity string            `yaml:"quantity"`
		Text     string            `yaml:"text"`
		Bool     *bool             `yaml:"bool"`
		Calendar histdate.Calendar `yaml:"calendar"`
		Lang     string            `yaml:"lang"`
	}
	evidenceRec struct {
		Source string `yaml:"source"`
		Exact  string `yaml:"exact"`
		Prefix string `yaml:"prefix"`
		Suffix string `yaml:"suffix"`
		Start  *int   `yaml:"start"`
		End    *int   `yaml:"end"`
	}
	claimRec struct {
		ID         string              `yaml:"id"`
		Subject    string              `yaml:"subject"`
		Property   string              `yaml:"property"`
		Value      *valueRec           `yaml:"value"`
		Qualifiers map[string]valueRec `yaml:"qualifiers"`
		Status     Status              `yaml:"status"`
		Rank       Rank                `yaml:"rank"`
		Note       string              `yaml:"note"`
		Evidence   []evidenceRec       `yaml:"evidence"`
	}
	provisionRec struct {
		ID        string        `yaml:"id"`
		Treaty    string        `yaml:"treaty"`
		Type      string        `yaml:"type"`
		Article   string        `yaml:"article"`
		Grantors  []string      `yaml:"grantors"`
		Grantees  []string      `yaml:"grantees"`
		Objects   []string      `yaml:"objects"`
		Excludes  []string      `yaml:"excludes"`
		Exclusive bool          `yaml:"exclusive"`
		Limits    string        `yaml:"limits"`
		Amount    *valueRec     `yaml:"amount"`
		Status    Status        `yaml:"status"`
		Rank      Rank          `yaml:"rank"`
		Note      string        `yaml:"note"`
		Evidence  []evidenceRec `yaml:"evidence"`
	}
)

// BundleRecorder is who the bundled knowledge base's claims are recorded by.
const BundleRecorder = "treatyline data/"

// Load reads a knowledge base from the YAML files of a file system:
// sources.yaml, entities/*.yaml, claims/*.yaml and provisions/*.yaml. It
// checks the schema, the vocabulary, that dates and quantities read, and
// that every reference resolves; every problem is reported with its file
// and line, as LoadErrors.
func Load(fsys fs.FS, prefix string) (*Bundle, error) {
	l := loader{fsys: fsys, prefix: prefix, b: &Bundle{Where: map[string]string{}}, ids: map[string]string{}}
	files, err := listFiles(fsys)
	if err != nil {
		return nil, err
	}
	hash := sha256.New()
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", l.name(f), err)
		}
		hashFile(hash, f, data)
		l.file(f, data)
	}
	l.b.Hash = hex.EncodeToString(hash.Sum(nil))
	l.resolve()
	if len(l.errs) > 0 {
		sort.SliceStable(l.errs, func(i, j int) bool {
			if l.errs[i].File != l.errs[j].File {
				return l.errs[i].File < l.errs[j].File
			}
			return l.errs[i].Line < l.errs[j].Line
		})
		return l.b, l.errs
	}
	return l.b, nil
}

// BundleHash gives the Hash that Load would give the files of fsys,
// without parsing them: a cheap way to tell whether a store holds them.
func BundleHash(fsys fs.FS) (string, error) {
	files, err := listFiles(fsys)
	if err != nil {
		return "", err
	}
	hash := sha256.New()
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return "", err
		}
		hashFile(hash, f, data)
	}
	return hex.EncodeToString(hash.Sum(nil)), nil
}

func hashFile(h hash.Hash, name string, data []byte) {
	fmt.Fprintf(h, "%s\x00%d\x00", name, len(data))
	h.Write(data)
}

func listFiles(fsys fs.FS) ([]string, error) {
	var files []string
	if _, err := fs.Stat(fsys, "sources.yaml"); err == nil {
		files = append(files, "sources.yaml")
	}
	for _, dir := range []string{"entities", "claims", "provisions"} {
		m, err := fs.Glob(fsys, dir+"/*.yaml")
		if err != nil {
			return nil, err
		}
		sort.Strings(m)
		files = append(files, m...)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no data files (want sources.yaml, entities/, claims/, provisions/)")
	}
	return files, nil
}

type loader struct {
	fsys   fs.FS
	prefix string
	b      *Bundle
	errs   LoadErrors
	ids    map[string]string // record id -> where
	// references to check once everything is read: id -> where used
	refs []ref
}

type ref struct {
	id, where, what string
}

func (l *loader) name(f string) string { return path.Join(l.prefix, f) }

func (l *loader) errf(file string, line int, format string, args ...any) {
	l.errs = append(l.errs, &LoadError{File: l.name(file), Line: line, Msg: fmt.Sprintf(format, args...)})
}

func (l *loader) where(file string, n *yaml.Node) string {
	return fmt.Sprintf("%s:%d", l.name(file), n.Line)
}

func (l *loader) file(f string, data []byte) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line := 0
		msg := err.Error()
		// yaml.v3 writes "yaml: line N: ...".
		if _, err2 := fmt.Sscanf(msg, "yaml: line %d:", &line); err2 == nil {
			msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
			msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
		}
		l.errf(f, line, "malformed YAML: %s", msg)
		return
	}
	if len(doc.Content) == 0 {
		l.errf(f, 0, "empty file")
		return
	}
	root := doc.Content[0]
	var top any
	var items *[]yaml.Node
	switch {
	case f == "sources.yaml":
		v := &sourceFile{}
		top, items = v, &v.Sources
	case strings.HasPrefix(f, "entities/"):
		v := &entityFile{}
		top, items = v, &v.Entities
	case strings.HasPrefix(f, "claims/"):
		v := &claimFile{}
		top, items = v, &v.Claims
	default:
		v := &provisionFile{}
		top, items = v, &v.Provisions
	}
	if !l.strict(f, root, reflect.TypeOf(top).Elem()) {
		return
	}
	if err := root.Decode(top); err != nil {
		l.errf(f, root.Line, "%v", err)
		return
	}
	for i := range *items {
		n := &(*items)[i]
		switch v := top.(type) {
		case *sourceFile:
			l.source(f, n)
		case *entityFile:
			l.entity(f, n)
		case *claimFile:
			l.claim(f, n)
		case *provisionFile:
			l.provision(f, n)
		default:
			_ = v
		}
	}
}

// strict checks that every mapping key in n names a field of t (by its
// yaml tag), recursively, so that a misspelt field is an error.
func (l *loader) strict(f string, n *yaml.Node, t reflect.Type) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == reflect.TypeOf(yaml.Node{}) {
		return true // checked when the record is decoded
	}
	ok := true
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
				return true
			}
			l.errf(f, n.Line, "want a mapping with fields %s", fieldNames(t))
			return false
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, val := n.Content[i], n.Content[i+1]
			field, found := fieldByTag(t, key.Value)
			if !found {
				l.errf(f, key.Line, "unknown field %q (want %s)", key.Value, fieldNames(t))
				ok = false
				continue
			}
			ok = l.strict(f, val, field.Type) && ok
		}
	case reflect.Slice:
		if n.Kind == yaml.SequenceNode {
			for _, c := range n.Content {
				ok = l.strict(f, c, t.Elem()) && ok
			}
		}
	case reflect.Map:
		if n.Kind == yaml.MappingNode && t.Elem().Kind() == reflect.Struct {
			for i := 1; i < len(n.Content); i += 2 {
				ok = l.strict(f, n.Content[i], t.Elem()) && ok
			}
		}
	}
	return ok
}

func fieldByTag(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		if strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0] == name {
			return t.Field(i), true
		}
	}
	return reflect.StructField{}, false
}

func fieldNames(t reflect.Type) string {
	var names []string
	for i := 0; i < t.NumField(); i++ {
		names = append(names, strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0])
	}
	return strings.Join(names, ", ")
}

func (l *loader) decode(f string, n *yaml.Node, v any) bool {
	if !l.strict(f, n, reflect.TypeOf(v)) {
		return false
	}
	if err := n.Decode(v); err != nil {
		l.errf(f, n.Line, "%v", strings.TrimPrefix(err.Error(), "yaml: unmarshal errors:\n  "))
		return false
	}
	return true
}

func (l *loader) claimID(f string, n *yaml.Node, id string) bool {
	if id == "" {
		l.errf(f, n.Line, "record without an id")
		return false
	}
	if prev, dup := l.ids[id]; dup {
		l.errf(f, n.Line, "id %q is used twice (first at %s)", id, prev)
		return false
	}
	l.ids[id] = l.where(f, n)
	l.b.Where[id] = l.where(f, n)
	return true
}

func (l *loader) source(f string, n *yaml.Node) {
	var r sourceRec
	if !l.decode(f, n, &r) || !l.claimID(f, n, r.ID) {
		return
	}
	if len(r.SHA256) != 64 {
		l.errf(f, n.Line, "source %s: sha256 must be 64 hex digits", r.ID)
	}
	l.b.Sources = append(l.b.Sources, Source{ID: r.ID, Title: r.Title, Language: r.Language, Origin: r.Origin, SHA256: strings.ToLower(r.SHA256)})
}

func (l *loader) entity(f string, n *yaml.Node) {
	var r entityRec
	if !l.decode(f, n, &r) || !l.claimID(f, n, r.ID) {
		return
	}
	if !ValidKind(r.Kind) {
		l.errf(f, n.Line, "entity %s: unknown kind %q (want one of %v)", r.ID, r.Kind, Kinds)
	}
	if len(r.Labels) == 0 {
		l.errf(f, n.Line, "entity %s: no labels", r.ID)
	}
	e := Entity{ID: r.ID, Kind: r.Kind, Labels: r.Labels, Description: r.Description, Wikidata: r.Wikidata}
	for _, a := range r.Aliases {
		switch a.Kind {
		case yaml.ScalarNode:
			e.Aliases = append(e.Aliases, Alias{Text: a.Value})
		case yaml.MappingNode:
			var ar aliasRec
			if l.decode(f, &a, &ar) {
				e.Aliases = append(e.Aliases, Alias{Text: ar.Text, Lang: ar.Lang})
			}
		default:
			l.errf(f, a.Line, "entity %s: an alias is a text or {text, lang}", r.ID)
		}
	}
	if r.Geometry != nil {
		g, err := geometryOf(r.Geometry)
		if err != nil {
			l.errf(f, n.Line, "entity %s: geometry: %v", r.ID, err)
		} else {
			e.Geometry = g
		}
	}
	l.b.Entities = append(l.b.Entities, e)
}

// geometryOf checks the few GeoJSON geometry types the map draws.
func geometryOf(r *geometryRec) (*Geometry, error) {
	typ, _ := r.GeoJSON["type"].(string)
	switch typ {
	case "Point", "LineString", "Polygon", "MultiPolygon", "MultiLineString":
	default:
		return nil, fmt.Errorf("unknown GeoJSON geometry type %q", typ)
	}
	if _, ok := r.GeoJSON["coordinates"].([]any); !ok {
		return nil, fmt.Errorf("%s without coordinates", typ)
	}
	b, err := json.Marshal(r.GeoJSON)
	if err != nil {
		return nil, err
	}
	return &Geometry{GeoJSON: b, Approximate: r.Approximate, Note: r.Note}, nil
}

func (l *loader) value(f string, line int, r *valueRec, what string) (Value, bool) {
	set := 0
	var v Value
	if r.Entity != "" {
		set++
		v = EntityValue(r.Entity)
	}
	if r.Date != "" {
		set++
		v = DateValue(r.Date, r.Calendar, r.Lang)
	}
	if r.Quantity != "" {
		set++
		v = QuantityValue(r.Quantity, r.Lang)
	}
	if r.Text != "" {
		set++
		v = TextValue(r.Text)
	}
	if r.Bool != nil {
		set++
		v = BoolValue(*r.Bool)
	}
	if set != 1 {
		l.errf(f, line, "%s: give exactly one of entity, date, quantity, text, bool", what)
		return v, false
	}
	if r.Calendar != "" && v.Type != TDate {
		l.errf(f, line, "%s: calendar goes with a date", what)
		return v, false
	}
	if r.Calendar != "" {
		if _, err := histdate.ParseCalendar(string(r.Calendar)); err != nil {
			l.errf(f, line, "%s: %v", what, err)
			return v, false
		}
	}
	if err := v.Validate(); err != nil {
		l.errf(f, line, "%s: %v", what, err)
		return v, false
	}
	return v, true
}

func (l *loader) evidence(f string, n *yaml.Node, rs []evidenceRec, owner string) []Evidence {
	out := make([]Evidence, 0, len(rs))
	var nodes []*yaml.Node
	if ev := mappingValue(n, "evidence"); ev != nil {
		nodes = ev.Content
	}
	for i, r := range rs {
		line := n.Line
		if i < len(nodes) {
			line = nodes[i].Line
		}
		if r.Source == "" || r.Exact == "" {
			l.errf(f, line, "%s: evidence needs a source and an exact quote", owner)
			continue
		}
		e := Evidence{Source: r.Source, Quote: TextQuoteSelector{Exact: r.Exact, Prefix: r.Prefix, Suffix: r.Suffix}}
		if r.Start != nil && r.End != nil {
			e.Position = TextPositionSelector{Start: *r.Start, End: *r.End}
			if e.Position.End-e.Position.Start != len([]rune(r.Exact)) {
				l.errf(f, line, "%s: evidence %d..%d is %d characters, but the quote has %d", owner, *r.Start, *r.End, *r.End-*r.Start, len([]rune(r.Exact)))
			}
		} else {
			l.errf(f, line, "%s: evidence needs start and end (code points)", owner)
		}
		l.refs = append(l.refs, ref{r.Source, fmt.Sprintf("%s:%d", l.name(f), line), "source"})
		l.b.Where[evidenceKey(owner, i)] = fmt.Sprintf("%s:%d", l.name(f), line)
		out = append(out, e)
	}
	return out
}

// evidenceKey names one piece of evidence of a record in Bundle.Where.
func evidenceKey(owner string, i int) string { return fmt.Sprintf("%s#evidence%d", owner, i) }

func mappingValue(n *yaml.Node, key string) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func (l *loader) claim(f string, n *yaml.Node) {
	var r claimRec
	if !l.decode(f, n, &r) {
		return
	}
	c := Claim{Subject: r.Subject, Property: r.Property, Status: r.Status, Rank: r.Rank, Note: r.Note, RecordedBy: BundleRecorder}
	if c.Status == "" {
		c.Status = Accepted
	}
	if c.Rank == "" {
		c.Rank = Normal
	}
	if r.Value == nil {
		l.errf(f, n.Line, "claim on %s: no value", r.Subject)
		return
	}
	v, ok := l.value(f, valueLine(n, "value"), r.Value, "claim "+r.Subject+" "+r.Property)
	if !ok {
		return
	}
	c.Value = v
	if len(r.Qualifiers) > 0 {
		c.Qualifiers = map[string]Value{}
		for k, q := range r.Qualifiers {
			q := q
			qv, ok := l.value(f, valueLine(n, "qualifiers"), &q, "qualifier "+k)
			if !ok {
				return
			}
			c.Qualifiers[k] = qv
			if qv.Type == TEntity {
				l.refs = append(l.refs, ref{qv.Entity, l.where(f, n), "qualifier " + k})
			}
		}
	}
	c.ID = r.ID
	if c.ID == "" {
		c.ID = claimID(c, r.Evidence)
	}
	if !l.claimID(f, n, c.ID) {
		return
	}
	c.Evidence = l.evidence(f, n, r.Evidence, c.ID)
	if err := c.Validate(); err != nil {
		l.errf(f, n.Line, "claim %s: %v", c.ID, err)
		return
	}
	l.refs = append(l.refs, ref{c.Subject, l.where(f, n), "subject"})
	if v.Type == TEntity {
		l.refs = append(l.refs, ref{v.Entity, l.where(f, n), "value"})
	}
	l.b.Claims = append(l.b.Claims, c)
}

func valueLine(n *yaml.Node, key string) int {
	if v := mappingValue(n, key); v != nil {
		return v.Line
	}
	return n.Line
}

// claimID makes a stable id for a claim the file gives none: the same
// statement from the same place keeps its id across loads.
func claimID(c Claim, ev []evidenceRec) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s", c.Subject, c.Property, c.Value.Type, c.Value.Entity, c.Value.Text)
	keys := make([]string, 0, len(c.Qualifiers))
	for k := range c.Qualifiers {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(h, "\x00%s=%s", k, c.Qualifiers[k].String())
	}
	for _, e := range ev {
		fmt.Fprintf(h, "\x00%s:%s", e.Source, e.Exact)
	}
	return "claim/" + hex.EncodeToString(h.Sum(nil))[:12]
}

func (l *loader) provision(f string, n *yaml.Node) {
	var r provisionRec
	if !l.decode(f, n, &r) || !l.claimID(f, n, r.ID) {
		return
	}
	p := Provision{ID: r.ID, Treaty: r.Treaty, Type: r.Type, Article: r.Article, Grantors: r.Grantors, Grantees: r.Grantees,
		Objects: r.Objects, Excludes: r.Excludes, Exclusive: r.Exclusive, Limits: r.Limits, Status: r.Status, Rank: r.Rank, Note: r.Note}
	if p.Status == "" {
		p.Status = Accepted
	}
	if p.Rank == "" {
		p.Rank = Normal
	}
	if r.Amount != nil {
		v, ok := l.value(f, valueLine(n, "amount"), r.Amount, "provision "+r.ID+" amount")
		if !ok {
			return
		}
		p.Amount = &v
	}
	p.Evidence = l.evidence(f, n, r.Evidence, p.ID)
	if err := p.Validate(); err != nil {
		l.errf(f, n.Line, "%v", err)
		return
	}
	w := l.where(f, n)
	l.refs = append(l.refs, ref{p.Treaty, w, "treaty"})
	for _, lists := range [][]string{p.Grantors, p.Grantees, p.Objects, p.Excludes} {
		for _, id := range lists {
			l.refs = append(l.refs, ref{id, w, "party or object"})
		}
	}
	l.b.Provisions = append(l.b.Provisions, p)
}

// resolve checks every reference and fills in evidence hashes.
func (l *loader) resolve() {
	for _, r := range l.refs {
		if _, ok := l.ids[r.id]; !ok {
			file, line := splitWhere(r.where)
			l.errs = append(l.errs, &LoadError{File: file, Line: line, Msg: fmt.Sprintf("%s %q: no such record", r.what, r.id)})
		}
	}
	hashes := map[string]string{}
	for _, s := range l.b.Sources {
		hashes[s.ID] = s.SHA256
	}
	for i := range l.b.Claims {
		fillHashes(l.b.Claims[i].Evidence, hashes)
	}
	for i := range l.b.Provisions {
		fillHashes(l.b.Provisions[i].Evidence, hashes)
	}
}

func fillHashes(ev []Evidence, hashes map[string]string) {
	for i := range ev {
		ev[i].SHA256 = hashes[ev[i].Source]
	}
}

func splitWhere(w string) (string, int) {
	i := strings.LastIndex(w, ":")
	line := 0
	fmt.Sscanf(w[i+1:], "%d", &line)
	return w[:i], line
}
