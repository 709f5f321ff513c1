package sqlite

import (
	"context"
	"fmt"
	"testing"
	"time"

	"treatyline/kb"
)

// BenchmarkApply applies batches of 1,000 new claims (each with a date
// qualifier and one piece of evidence) to a file that grows with them, as
// an ingest of a long document does.
func BenchmarkApply(b *testing.B) {
	ctx := context.Background()
	db := openTemp(b)
	defer db.Close()
	base := sample(0)
	base.Entities = sample(1000).Entities
	if err := db.Apply(ctx, base); err != nil {
		b.Fatal(err)
	}
	batch := sample(1000)
	batch.Sources, batch.Entities = nil, nil
	for i := 0; b.Loop(); i++ {
		for j := range batch.Claims {
			batch.Claims[j].ID = fmt.Sprintf("claim/%d/%04d", i, j)
		}
		if err := db.Apply(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(batch.Claims)), "ns/claim")
}

// BenchmarkApplyAgain applies the same 1,000 claims again: nothing is new,
// so nothing is written, but every claim is checked and compared.
func BenchmarkApplyAgain(b *testing.B) {
	ctx := context.Background()
	db := openTemp(b)
	defer db.Close()
	batch := sample(1000)
	if err := db.Apply(ctx, batch); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := db.Apply(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkClaimsBySubject reads the 20 claims of one subject among
// 10,000.
func BenchmarkClaimsBySubject(b *testing.B) {
	ctx := context.Background()
	db := openTemp(b)
	defer db.Close()
	batch := sample(10000)
	for i := range batch.Claims {
		batch.Claims[i].Subject = fmt.Sprintf("person/%03d", i%500)
	}
	batch.Entities = []kb.Entity{{ID: "polity/bench", Kind: kb.KindPolity}}
	for i := range 500 {
		id := fmt.Sprintf("person/%03d", i)
		batch.Entities = append(batch.Entities, kb.Entity{ID: id, Kind: kb.KindPerson, Labels: map[string]string{"en": id}})
	}
	if err := db.Apply(ctx, batch); err != nil {
		b.Fatal(err)
	}
	for i := 0; b.Loop(); i++ {
		cs, err := db.Claims(ctx, kb.ClaimFilter{Subject: fmt.Sprintf("person/%03d", i%500)})
		if err != nil {
			b.Fatal(err)
		}
		if len(cs) != 20 {
			b.Fatalf("got %d claims; want 20", len(cs))
		}
	}
}

// BenchmarkEntity reads one entity, with labels in four languages and
// three aliases, among 5,000.
func BenchmarkEntity(b *testing.B) {
	ctx := context.Background()
	db := openTemp(b)
	defer db.Close()
	var batch kb.Batch
	for i := range 5000 {
		batch.Entities = append(batch.Entities, kb.Entity{
			ID: fmt.Sprintf("river/%04d", i), Kind: kb.KindRiver,
			Labels:  map[string]string{"en": "Amur", "ru": "Амур", "zh": "黑龍江", "nl": "Amoer"},
			Aliases: []kb.Alias{{Text: "Heilongjiang"}, {Text: "Sahaliyan ula", Lang: "mnc"}, {Text: "Хар мөрөн", Lang: "mn"}},
			Geometry: &kb.Geometry{GeoJSON: []byte(`{"type":"LineString","coordinates":[[121.5,53.3],[127.5,49.8],[135.1,48.5],[140.7,52.9]]}`),
				Approximate: true},
		})
	}
	if err := db.Apply(ctx, batch); err != nil {
		b.Fatal(err)
	}
	for i := 0; b.Loop(); i++ {
		e, err := db.Entity(ctx, fmt.Sprintf("river/%04d", i%5000))
		if err != nil {
			b.Fatal(err)
		}
		if len(e.Aliases) != 3 {
			b.Fatalf("got %d aliases", len(e.Aliases))
		}
	}
}

// BenchmarkMerge merges an entity named by 200 claims (subject) among
// 10,000 into another, and back: each merge writes 200 claim versions and
// the decision, in one transaction.
func BenchmarkMerge(b *testing.B) {
	ctx := context.Background()
	db := openTemp(b)
	defer db.Close()
	batch := sample(10000) // 50 subjects, 200 claims each
	if err := db.Apply(ctx, batch); err != nil {
		b.Fatal(err)
	}
	// Merging person/000 into a fresh entity each time, so that the chain
	// of merges stays one long.
	from := "person/000"
	for i := 0; b.Loop(); i++ {
		into := fmt.Sprintf("person/into-%d", i)
		if _, err := db.DecideEntity(ctx, kb.EntityDecision{Action: kb.ActionAdd, New: &kb.Entity{ID: into, Kind: kb.KindPerson}}); err != nil {
			b.Fatal(err)
		}
		if _, err := db.DecideEntity(ctx, kb.EntityDecision{Action: kb.ActionMerge, Entity: from, Into: into}); err != nil {
			b.Fatal(err)
		}
		from = into
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*200), "ns/claim")
}

// BenchmarkAcceptAll accepts 10,000 candidate claims about 50 candidate
// entities in one transaction.
func BenchmarkAcceptAll(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		db := openTemp(b)
		batch := sample(10000)
		for i := range batch.Entities {
			batch.Entities[i].Status, batch.Entities[i].Confidence = kb.Candidate, 0.8
		}
		for i := range batch.Claims {
			batch.Claims[i].Status, batch.Claims[i].Confidence = kb.Candidate, 0.7
		}
		if err := db.Apply(ctx, batch); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		n, err := db.AcceptAll(ctx, 0.5, "bench", time.Time{})
		if err != nil || n.Claims != 10000 {
			b.Fatalf("AcceptAll = %+v, %v", n, err)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}
