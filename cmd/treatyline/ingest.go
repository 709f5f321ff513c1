package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"treatyline/extract"
	"treatyline/internal/report"
	"treatyline/kb"
)

// ingestCommand reads documents into candidate claims.
type ingestCommand struct{}

func (*ingestCommand) Summary() string {
	return "read documents (text, Markdown, HTML) into candidate claims with evidence"
}

func (c *ingestCommand) Run(ctx context.Context, m *Main, args []string) error {
	fs := newFlags(m, "ingest", "FILE|DIR...", `Reads documents — plain text, Markdown or HTML (tags stripped; positions count code points of
the extracted text) — registers each as a source, and proposes candidate claims with evidence:
dates (proposing Old Style where the same event is dated exactly the calendar offset later
elsewhere, and saying why; keeping both readings of an unmarked day or month before 1918 in a
Russian document or one that dates other events Old Style, with the reason), amounts, the entities named (every label and alias of the knowledge
base, in any script, Russian names in any case), and relations read from the words of English,
Dutch, German, French, Russian and Chinese: signed (date, place, signatories), ratified or
refused, ratifications exchanged, entry into force, ceded (territory, from, to, as a provision)
and area ceded, exchange of lands, return, lease, occupation, a claim to a land, superseded /
reversed / confirmed, held in common, opening of ports, navigation, trade, consular jurisdiction
and extraterritoriality (also Japanese). Names the knowledge base does not know that read as
treaties, places, people or countries become candidate entities (reviewed like claims), found
again in later documents in any language, script or transliteration; likely duplicates are
printed as merge suggestions. Candidates are stored with status candidate;
review them with treatyline review (docs/ingest.md). Each file is stored whole or not at all;
ingesting a file again adds nothing.`)
	db := dbFlag(fs)
	lang := fs.String("lang", "", "language of the documents (default: detected)")
	asJSON := fs.Bool("json", false, "print one JSON object per document, per line")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	files, err := documentFiles(rest)
	if err != nil {
		return &inputError{err}
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	x, err := report.NewExtractor(ctx, st)
	if err != nil {
		return err
	}
	progress := isTerminal(m.Stderr) && !*asJSON
	for i, f := range files {
		if progress {
			fmt.Fprintf(m.Stderr, "\r[%d/%d] %-60.60s", i+1, len(files), f)
		}
		r, err := ingestFile(ctx, st, x, f, *lang)
		if err != nil {
			if progress {
				fmt.Fprintln(m.Stderr)
			}
			return err
		}
		if *asJSON {
			if err := writeJSONLine(m.Stdout, reportIngest(r)); err != nil {
				return err
			}
			continue
		}
		if !progress {
			fmt.Fprintf(m.Stdout, "%s\t%s\t%d dates, %d amounts, %d names, %d candidates, %d candidate entities\n", r.Source, orDash(r.Lang), len(r.Dates), len(r.Quantities), len(r.Entities), len(r.Candidates), len(r.NewEntities))
			for _, mg := range r.Merges {
				fmt.Fprintf(m.Stdout, "\tmerge? %s = %s: %s\n", mg.Entities[0], mg.Entities[1], mg.Reason)
			}
		}
	}
	if progress {
		fmt.Fprintf(m.Stderr, "\r%d documents ingested%40s\n", len(files), "")
	}
	return nil
}

// documentFiles lists the files named, and the documents in folders
// named, in order.
func documentFiles(args []string) ([]string, error) {
	if len(args) == 0 {
		return nil, errors.New("give files or folders to ingest")
	}
	var out []string
	for _, a := range args {
		info, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			out = append(out, a)
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			switch strings.ToLower(filepath.Ext(p)) {
			case ".txt", ".md", ".markdown", ".html", ".htm":
				if !d.IsDir() {
					found = append(found, p)
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

// ingestFile registers one document and stores its candidates, in one
// transaction.
func ingestFile(ctx context.Context, st kb.Store, x *extract.Extractor, path, lang string) (extract.Result, error) {
	info, err := os.Stat(path)
	if err != nil {
		return extract.Result{}, &inputError{err}
	}
	if info.Size() > maxSourceBytes {
		return extract.Result{}, &inputError{fmt.Errorf("%s: %d bytes, more than the %d MB a source may have", path, info.Size(), maxSourceBytes>>20)}
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return extract.Result{}, &inputError{err}
	}
	t, err := extract.Plain(raw, path) // its errors already name the file
	if err != nil {
		return extract.Result{}, &inputError{err}
	}
	id := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	// The same checks as sources add and POST /sources: an empty document
	// is refused, not stored.
	src, err := report.NewSource(id, id, lang, path, t.Text)
	if err != nil {
		return extract.Result{}, &inputError{fmt.Errorf("%s: %w", path, err)}
	}
	r, err := report.Ingest(ctx, st, x, src)
	if err != nil {
		return r, domainError(fmt.Errorf("%s: %w", path, err))
	}
	return r, nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// ingestReport is one document as ingest --json prints it.
type ingestReport struct {
	Source     string              `json:"source"`
	Language   string              `json:"language"`
	Sentences  int                 `json:"sentences"`
	Dates      []ingestDate        `json:"dates"`
	Quantities []quantityMention   `json:"quantities"`
	Entities   []ingestEntity      `json:"entities"`
	Candidates []extract.Candidate `json:"candidates"`
	// NewEntities are the candidate entities the document named or added
	// forms to; Merges the likely duplicates among them, with the reason.
	NewEntities []extract.EntityCandidate `json:"new_entities"`
	Merges      []extract.MergeSuggestion `json:"merges,omitempty"`
}

type ingestDate struct {
	Start      int    `json:"start"`
	End        int    `json:"end"`
	Text       string `json:"text"`
	EDTF       string `json:"edtf"`
	Calendar   string `json:"calendar"`
	Why        string `json:"calendar_why,omitempty"`
	Incomplete bool   `json:"incomplete,omitempty"`
	// OtherReading is the date read in the other calendar, for a date
	// whose style the text leaves open (EDTF, Gregorian), with the reason.
	OtherReading         string `json:"other_reading,omitempty"`
	OtherReadingCalendar string `json:"other_reading_calendar,omitempty"`
	OtherReadingWhy      string `json:"other_reading_why,omitempty"`
}

type ingestEntity struct {
	Start  int     `json:"start"`
	End    int     `json:"end"`
	Text   string  `json:"text"`
	Entity string  `json:"entity"`
	Score  float64 `json:"score"`
}

func reportIngest(r extract.Result) ingestReport {
	out := ingestReport{Source: r.Source, Language: r.Lang, Sentences: len(r.Sentences), Dates: []ingestDate{},
		Quantities: []quantityMention{}, Entities: []ingestEntity{}, Candidates: r.Candidates,
		NewEntities: r.NewEntities, Merges: r.Merges}
	if out.NewEntities == nil {
		out.NewEntities = []extract.EntityCandidate{}
	}
	for _, d := range r.Dates {
		id := ingestDate{Start: d.Start, End: d.End, Text: d.Date.Written, EDTF: d.Date.EDTF(),
			Calendar: string(d.Date.Calendar), Why: d.Why, Incomplete: d.Incomplete}
		if o := d.Date.OtherReading; o != nil {
			id.OtherReading, id.OtherReadingCalendar, id.OtherReadingWhy = o.EDTF(), string(o.Calendar), d.Date.OtherReadingWhy
		}
		out.Dates = append(out.Dates, id)
	}
	for _, q := range r.Quantities {
		out.Quantities = append(out.Quantities, quantityMention{Start: q.Start, End: q.End, Text: q.Quantity.Written, Quantity: q.Quantity.Report()})
	}
	for _, e := range r.Entities {
		out.Entities = append(out.Entities, ingestEntity{Start: e.Start, End: e.End, Text: e.Text, Entity: e.Entity, Score: e.Score})
	}
	return out
}
