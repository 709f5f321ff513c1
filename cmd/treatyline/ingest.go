package main

import (
	"context"
	"errors"
	"fmt"

	"treatyline/extract"
	"treatyline/ingest"
	"treatyline/internal/progress"
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
review them with treatyline review (docs/ingest.md). Each file is stored whole or not at all (a
few files a commit, each undone alone if it fails; a file's line is printed once it is stored);
ingesting a file again adds nothing, and nothing a reviewer decided is replaced. The documents
of one run are read twice: first to learn what each says of the others (a signing dated elsewhere),
then to store each, so that what is proposed does not depend on their order.

Only regular files are read (a FIFO or a device is refused), up to 50 MB each, as text by the
same rule as sources add (a byte-order mark dropped; HTML and Markdown turned into their words; an
empty file refused). A file's source id is its name without the extension, or --id for one file;
an id must be UTF-8 without control characters, path separators, '?', '#' or a leading '.'.`)
	db := dbFlag(fs)
	lang := fs.String("lang", "", "language of the documents (default: detected)")
	id := fs.String("id", "", "the source id of the one file given (default: the file name without its extension)")
	keepGoing := fs.Bool("keep-going", false, "report a file that cannot be ingested and go on with the others (exit status 2 at the end)")
	asJSON := fs.Bool("json", false, "print one JSON object per document, per line")
	quiet := fs.Bool("quiet", false, "show no progress: without it, when standard error is a terminal, a line there shows the documents done, the rate and the time left, in place of a line per document")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return &inputError{errors.New("give files or folders to ingest")}
	}
	paths, walkErrs := ingest.Walk(rest)
	if *id != "" && (len(paths) != 1 || len(walkErrs) > 0) {
		return &inputError{fmt.Errorf("--id names the source of one file: give exactly one file (%d found)", len(paths))}
	}
	failed := 0
	for _, err := range walkErrs {
		if !*keepGoing {
			return &inputError{err}
		}
		fmt.Fprintf(m.Stderr, "treatyline ingest: %v\n", err)
		failed++
	}
	files := make([]ingest.File, len(paths))
	for i, p := range paths {
		files[i] = ingest.File{Path: p, ID: *id, Language: *lang}
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	in, err := ingest.New(ctx, st)
	if err != nil {
		return err
	}
	in.Keep = *asJSON // the report names every mention
	term := progress.Terminal(m.Stderr, *quiet || *asJSON)
	meter := progress.New(term, "documents", int64(len(files)))
	err = in.Files(ctx, files, *keepGoing, func(r ingest.Report) error {
		meter.Add(1)
		if r.Err != nil {
			failed++
			if *keepGoing {
				if term != nil {
					meter.Flush()
					fmt.Fprintln(m.Stderr)
				}
				fmt.Fprintf(m.Stderr, "treatyline ingest: %v\n", r.Err)
			}
			return nil
		}
		if *asJSON {
			return writeJSONLine(m.Stdout, reportIngest(r.Result))
		}
		if term == nil {
			res := r.Result
			n := res.Count()
			fmt.Fprintf(m.Stdout, "%s\t%s\t%d dates, %d amounts, %d names, %d candidates, %d candidate entities\n", res.Source, orDash(res.Lang), n.Dates, n.Quantities, n.Entities, n.Candidates, n.NewEntities)
			for _, mg := range res.Merges {
				fmt.Fprintf(m.Stdout, "\tmerge? %s = %s: %s\n", mg.Entities[0], mg.Entities[1], mg.Reason)
			}
		}
		return nil
	})
	meter.Done()
	if err != nil && !*keepGoing {
		return domainError(err)
	}
	if failed > 0 {
		return &inputError{fmt.Errorf("%d of %d files not ingested (see above)", failed, len(files)+len(walkErrs))}
	}
	return nil
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
