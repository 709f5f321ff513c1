package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"

	"treatyline/data"
	"treatyline/extract"
	"treatyline/kb"
)

// dump writes everything extraction proposes for the .txt documents of dir
// (language, sentences, dates, amounts, entity mentions, candidate claims
// and provisions with their evidence, candidate entities, merges), one
// JSON line per document and reading, in a fixed order, to the file out.
// A change that is meant to make extraction faster and nothing else must
// leave the file byte for byte the same. Each document is read three
// ways:
//   - "ingest": as treatyline ingest reads a folder: an extractor over the
//     bundled entities and claims previews every document, then extracts
//     each in order and learns the candidate entities each proposes;
//   - "alone": by a fresh extractor over the bundled entities alone;
//   - "again": as the throughput run reads them, by one extractor that
//     reads every document twice over (its second reading meets what the
//     first proposed).
func dump(dir, out string) error {
	docs, err := readDocs(dir, true)
	if err != nil {
		return err
	}
	b, err := kb.Load(data.FS, "data")
	if err != nil {
		return err
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	write := func(reading string, pass int, r extract.Result) error {
		// An amount's bound may be infinite ("more than 5"), which JSON
		// cannot write: amounts are written as Go writes them.
		qs := make([]string, len(r.Quantities))
		for i, q := range r.Quantities {
			qs[i] = fmt.Sprintf("%+v", q)
		}
		r.Quantities = nil
		return enc.Encode(struct {
			Reading    string         `json:"reading"`
			Pass       int            `json:"pass"`
			Quantities []string       `json:"quantities"`
			Result     extract.Result `json:"result"`
		}{reading, pass, qs, r})
	}

	x := extract.NewExtractor(b.Entities, b.Claims)
	for _, d := range docs {
		x.Preview(d)
	}
	for _, d := range docs {
		r := x.Extract(d)
		if err := write("ingest", 1, r); err != nil {
			return err
		}
		x.Learn(r.Batch(d).Entities)
	}
	for _, d := range docs {
		if err := write("alone", 1, extract.NewExtractor(b.Entities, nil).Extract(d)); err != nil {
			return err
		}
	}
	x = extract.NewExtractor(b.Entities, nil)
	for pass := 1; pass <= 2; pass++ {
		for _, d := range docs {
			if err := write("again", pass, x.Extract(d)); err != nil {
				return err
			}
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
