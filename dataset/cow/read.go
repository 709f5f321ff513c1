// Package cow reads the Correlates of War Territorial Change data (v6,
// tc2018.csv), its territorial entity codes (Entities.txt) and the State
// System Membership file (states2016.csv), and turns them into a kb.Batch:
// polities with their membership spans, territories with their names, and
// for every territorial change an event with its claims and a provision
// whose evidence is the row itself. It knows nothing of storage.
//
// Missing values (-9 and ".") are missing, never zero; a month that is
// missing makes a date of year precision. The codebook is
// tcmanual.txt beside the data.
package cow

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"treatyline/kb"
)

// The files of the dataset, as published.
const (
	ChangesFile  = "tc2018.csv"
	StatesFile   = "states2016.csv"
	EntitiesFile = "Entities.txt"
)

// Procedure is how a territory changed hands (the codebook's procedur).
type Procedure int

// The procedures of the codebook; NoProcedure is its -9, "not
// applicable" (most often an independence).
const (
	NoProcedure Procedure = -9
	Conquest    Procedure = 1
	Annexation  Procedure = 2
	Cession     Procedure = 3
	Secession   Procedure = 4
	Unification Procedure = 5
	Mandate     Procedure = 6
)

// ProvisionType gives the kb provision type of a procedure, "" for
// NoProcedure.
func (p Procedure) ProvisionType() string {
	switch p {
	case Conquest:
		return "conquest"
	case Annexation:
		return "annexation"
	case Cession:
		return "cession"
	case Secession:
		return "secession"
	case Unification:
		return "unification"
	case Mandate:
		return "mandate"
	}
	return ""
}

// Missing marks an integer field the data leave out (-9 or ".").
const Missing = -9

// Change is one row of tc2018.csv. Integer fields that are missing hold
// Missing; Area and Pop are nil when missing.
type Change struct {
	Line      int // of the row in the file, from 1
	Start     int // code points before the row in the file's text
	End       int // code points to the end of the row, without its line break
	Row       string
	Year      int
	Month     int // 1–12, or Missing
	Gainer    int
	GainType  int // 1 homeland, 0 dependent territory
	Procedure Procedure
	Entity    int
	ContGain  int
	Area      *float64 // km²
	Pop       *float64
	Portion   int // 1 the entire unit, 0 part of it
	Loser     int
	LoseType  int
	ContLose  int
	Entry     int
	Exit      int
	Number    int
	Indep     int
	Conflict  int
	Version   int
}

// State is one row of states2016.csv: a span of a state's membership of
// the interstate system.
type State struct {
	Line                      int
	Start, End                int
	Row                       string
	Abbrev                    string
	Code                      int
	Name                      string
	StartYear, StartM, StartD int
	EndYear, EndMonth, EndDay int
}

// Data is the dataset read from its folder: the files' texts, the
// changes, the membership spans and the names of the territorial codes.
type Data struct {
	ChangesText string
	StatesText  string
	Changes     []Change
	States      []State
	// Names gives the names of each territorial entity code in
	// Entities.txt, the first first.
	Names map[int][]string
}

// ReadDir reads the three files of the dataset from dir.
func ReadDir(dir string) (*Data, error) {
	d := &Data{}
	read := func(name string) (string, error) {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return "", kb.Errorf(kb.EINVALID, "%s: %v", name, err)
		}
		if !utf8.Valid(b) {
			return "", kb.Errorf(kb.EINVALID, "%s: not UTF-8 text", name)
		}
		return string(b), nil
	}
	var err error
	if d.ChangesText, err = read(ChangesFile); err != nil {
		return nil, err
	}
	if d.StatesText, err = read(StatesFile); err != nil {
		return nil, err
	}
	ents, err := read(EntitiesFile)
	if err != nil {
		return nil, err
	}
	if d.Changes, err = ParseChanges(d.ChangesText); err != nil {
		return nil, err
	}
	if d.States, err = ParseStates(d.StatesText); err != nil {
		return nil, err
	}
	d.Names = ParseEntityNames(ents)
	return d, nil
}

// rowError is a malformed row: the file, line and column, and what is
// wrong.
func rowError(file string, line, col int, field, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if field != "" {
		msg = field + ": " + msg
	}
	return kb.Errorf(kb.EINVALID, "%s:%d:%d: %s", file, line, col, msg)
}

// table reads a CSV text with a header row, giving each record with its
// line, its span in code points and a lookup of fields by name.
type table struct {
	file   string
	text   string
	r      *csv.Reader
	cols   map[string]int
	prevB  int // byte offset after the previous record
	prevCP int // the same in code points
}

func newTable(file, text string, want []string) (*table, error) {
	t := &table{file: file, text: text, r: csv.NewReader(strings.NewReader(text)), cols: map[string]int{}}
	t.r.ReuseRecord = false
	header, err := t.r.Read()
	if err != nil {
		return nil, t.csvError(err)
	}
	for i, h := range header {
		t.cols[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	for _, w := range want {
		if _, ok := t.cols[w]; !ok {
			return nil, rowError(file, 1, 1, "", "no column %q in the header (want %s)", w, strings.Join(want, ","))
		}
	}
	t.advance()
	return t, nil
}

func (t *table) csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return rowError(t.file, pe.Line, pe.Column, "", "%v", pe.Err)
	}
	return kb.Errorf(kb.EINVALID, "%s: %v", t.file, err)
}

// advance moves the span start past the record just read.
func (t *table) advance() {
	off := int(t.r.InputOffset())
	t.prevCP += utf8.RuneCountInString(t.text[t.prevB:off])
	t.prevB = off
}

// record is one CSV record with where it stands.
type record struct {
	t          *table
	fields     []string
	line       int
	start, end int // code points
	row        string
}

func (t *table) next() (*record, error) {
	startB, startCP := t.prevB, t.prevCP
	fields, err := t.r.Read()
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil {
		return nil, t.csvError(err)
	}
	line, _ := t.r.FieldPos(0)
	t.advance()
	row := strings.TrimRight(t.text[startB:t.prevB], "\r\n")
	return &record{t: t, fields: fields, line: line, start: startCP, end: startCP + utf8.RuneCountInString(row), row: row}, nil
}

func (rc *record) pos(name string) (int, int) {
	return rc.t.r.FieldPos(rc.t.cols[name])
}

func (rc *record) raw(name string) string { return strings.TrimSpace(rc.fields[rc.t.cols[name]]) }

func (rc *record) fail(name, format string, args ...any) error {
	line, col := rc.pos(name)
	return rowError(rc.t.file, line, col, name, format, args...)
}

func missing(s string) bool { return s == "." || s == "-9" || s == "" }

// int reads an integer field; a missing one gives Missing when optional.
func (rc *record) int(name string, optional bool, lo, hi int) (int, error) {
	s := rc.raw(name)
	if missing(s) {
		if optional {
			return Missing, nil
		}
		return 0, rc.fail(name, "missing, and it is required")
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, rc.fail(name, "%q is not a whole number", s)
	}
	if n < lo || n > hi {
		return 0, rc.fail(name, "%d is outside %d..%d", n, lo, hi)
	}
	return n, nil
}

// num reads a decimal field, nil when missing.
func (rc *record) num(name string) (*float64, error) {
	s := rc.raw(name)
	if missing(s) {
		return nil, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f != f {
		return nil, rc.fail(name, "%q is not a non-negative number", s)
	}
	return &f, nil
}

var changeColumns = []string{"year", "month", "gainer", "gaintype", "procedur", "entity", "contgain", "area", "pop",
	"portion", "loser", "losetype", "contlose", "entry", "exit", "number", "indep", "conflict", "version"}

// code bounds the state and entity codes of the data.
const maxCode = 99999

// ParseChanges reads tc2018.csv. A malformed row is an EINVALID error
// naming the file, line and column.
func ParseChanges(text string) ([]Change, error) {
	t, err := newTable(ChangesFile, text, changeColumns)
	if err != nil {
		return nil, err
	}
	var out []Change
	seen := map[int]int{}
	for {
		rc, err := t.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		c := Change{Line: rc.line, Start: rc.start, End: rc.end, Row: rc.row}
		ints := []struct {
			dst      *int
			name     string
			optional bool
			lo, hi   int
		}{
			{&c.Year, "year", false, 1000, 2999},
			{&c.Month, "month", true, 1, 12},
			{&c.Gainer, "gainer", true, 0, maxCode},
			{&c.GainType, "gaintype", true, 0, 1},
			{&c.Entity, "entity", true, 0, maxCode},
			{&c.ContGain, "contgain", true, 0, 1},
			{&c.Portion, "portion", true, 0, 1},
			{&c.Loser, "loser", true, 0, maxCode},
			{&c.LoseType, "losetype", true, 0, 1},
			{&c.ContLose, "contlose", true, 0, 1},
			{&c.Entry, "entry", true, 0, 1},
			{&c.Exit, "exit", true, 0, 1},
			{&c.Number, "number", false, 1, 1 << 30},
			{&c.Indep, "indep", true, 0, 1},
			{&c.Conflict, "conflict", true, 0, 1},
			{&c.Version, "version", true, 0, 1000},
		}
		for _, f := range ints {
			if *f.dst, err = rc.int(f.name, f.optional, f.lo, f.hi); err != nil {
				return nil, err
			}
		}
		proc, err := rc.int("procedur", true, 1, 6)
		if err != nil {
			return nil, err
		}
		c.Procedure = Procedure(proc)
		if c.Area, err = rc.num("area"); err != nil {
			return nil, err
		}
		if c.Pop, err = rc.num("pop"); err != nil {
			return nil, err
		}
		if prev, dup := seen[c.Number]; dup {
			return nil, rc.fail("number", "change %d is numbered again (first on line %d)", c.Number, prev)
		}
		seen[c.Number] = c.Line
		out = append(out, c)
	}
}

var stateColumns = []string{"stateabb", "ccode", "statenme", "styear", "stmonth", "stday", "endyear", "endmonth", "endday"}

// ParseStates reads states2016.csv, the membership spans.
func ParseStates(text string) ([]State, error) {
	t, err := newTable(StatesFile, text, stateColumns)
	if err != nil {
		return nil, err
	}
	var out []State
	for {
		rc, err := t.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		s := State{Line: rc.line, Start: rc.start, End: rc.end, Row: rc.row, Abbrev: rc.raw("stateabb"), Name: rc.raw("statenme")}
		if s.Name == "" {
			return nil, rc.fail("statenme", "empty")
		}
		ints := []struct {
			dst    *int
			name   string
			lo, hi int
		}{
			{&s.Code, "ccode", 0, maxCode},
			{&s.StartYear, "styear", 1000, 2999}, {&s.StartM, "stmonth", 1, 12}, {&s.StartD, "stday", 1, 31},
			{&s.EndYear, "endyear", 1000, 2999}, {&s.EndMonth, "endmonth", 1, 12}, {&s.EndDay, "endday", 1, 31},
		}
		for _, f := range ints {
			if *f.dst, err = rc.int(f.name, false, f.lo, f.hi); err != nil {
				return nil, err
			}
		}
		if [3]int{s.EndYear, s.EndMonth, s.EndDay} != [3]int{} && less(s.EndYear, s.EndMonth, s.EndDay, s.StartYear, s.StartM, s.StartD) {
			return nil, rc.fail("endyear", "the span ends before it starts")
		}
		out = append(out, s)
	}
}

func less(y1, m1, d1, y2, m2, d2 int) bool {
	if y1 != y2 {
		return y1 < y2
	}
	if m1 != m2 {
		return m1 < m2
	}
	return d1 < d2
}

var (
	entityLine = regexp.MustCompile(`^\s*(\d{1,5})\s+(\S.*)$`)
	// The name ends where the columns of years, or a wide gap, begin.
	nameEnd    = regexp.MustCompile(`\s{2,}|\s+-?\d{3,4}(\s|$)`)
	statusWord = regexp.MustCompile(`^(Became|Occupied|Claimed|Mandated|Number|Entity)\b`)
)

// ParseEntityNames reads the territorial entity codes of Entities.txt (a
// text made from the published PDF): lines of a code, a name, the years
// and the status. A name too long for its column runs over from the line
// above. Lines that are not entries (page headers, status notes) are
// skipped.
func ParseEntityNames(text string) map[int][]string {
	out := map[int][]string{}
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	pending := ""
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), " \t\r")
		trimmed := strings.TrimSpace(line)
		m := entityLine.FindStringSubmatch(line)
		if m == nil {
			if trimmed != "" && !statusWord.MatchString(trimmed) && line != trimmed {
				pending = trimmed
			} else {
				pending = ""
			}
			continue
		}
		code, _ := strconv.Atoi(m[1])
		name := m[2]
		if loc := nameEnd.FindStringIndex(name); loc != nil {
			name = name[:loc[0]]
		}
		name = strings.TrimSpace(name)
		if pending != "" {
			name = pending + " " + name
			pending = ""
		}
		if name == "" || statusWord.MatchString(name) {
			continue
		}
		known := false
		for _, n := range out[code] {
			known = known || n == name
		}
		if !known {
			out[code] = append(out[code], name)
		}
	}
	return out
}
