package synth

import (
	"context"
	"fmt"
	"math"

	"treatyline/kb"
)

// Sized gives the Config of a system of n provisions, shaped as the
// engine's benchmarks shape theirs: ten provisions a treaty, twenty a
// territory, and polities growing slowly with the size (30 at ten
// thousand provisions, 200 at a million: 30·(n/10⁴)^0.412, never fewer
// than 2).
func Sized(n int, seed int64) Config {
	n = max(n, 0)
	polities := 2
	if n > 0 {
		polities = max(2, int(math.Round(30*math.Pow(float64(n)/1e4, math.Log(200.0/30)/math.Log(100)))))
	}
	return Config{Seed: seed, Polities: polities, Territories: n / 20, Treaties: n / 10, Provisions: n}
}

// Counts are the records of a synthetic system.
type Counts struct {
	Entities, Claims, Provisions int
}

// Total is the number of records, the source included.
func (c Counts) Total() int { return 1 + c.Entities + c.Claims + c.Provisions }

// DefaultBatch is how many records Write puts in one Apply (one
// transaction) when not told: large enough that a transaction's fixed cost
// is nothing beside its rows, small enough that a batch's records and the
// store's work for them stay a few megabytes.
const DefaultBatch = 10_000

// Write generates the system of cfg and stores it in st: the fake source,
// then the entities, the claims and the provisions, each in batches of at
// most batch records (DefaultBatch when batch ≤ 0), one Apply each, so that
// every reference is to a record already stored. The records are as
// Generate makes them: accepted, so that the engine counts them. progress,
// when not nil, is called after each batch with the records stored so far
// and the total. On error, what earlier batches wrote stays in the store.
func Write(ctx context.Context, st kb.Store, cfg Config, batch int, progress func(done, total int)) (Counts, error) {
	entities, claims, provisions := Generate(cfg)
	n := Counts{Entities: len(entities), Claims: len(claims), Provisions: len(provisions)}
	if batch <= 0 {
		batch = DefaultBatch
	}
	done := 0
	report := func(k int) {
		done += k
		if progress != nil {
			progress(done, n.Total())
		}
	}
	if err := st.Apply(ctx, kb.Batch{Sources: []kb.Source{Source()}}); err != nil {
		return n, fmt.Errorf("write the synthetic source: %w", err)
	}
	report(1)
	if err := inBatches(entities, batch, func(es []kb.Entity) error {
		if err := st.Apply(ctx, kb.Batch{Entities: es}); err != nil {
			return fmt.Errorf("write synthetic entities %s…: %w", es[0].ID, err)
		}
		report(len(es))
		return nil
	}); err != nil {
		return n, err
	}
	if err := inBatches(claims, batch, func(cs []kb.Claim) error {
		if err := st.Apply(ctx, kb.Batch{Claims: cs}); err != nil {
			return fmt.Errorf("write synthetic claims %s…: %w", cs[0].ID, err)
		}
		report(len(cs))
		return nil
	}); err != nil {
		return n, err
	}
	err := inBatches(provisions, batch, func(ps []kb.Provision) error {
		if err := st.Apply(ctx, kb.Batch{Provisions: ps}); err != nil {
			return fmt.Errorf("write synthetic provisions %s…: %w", ps[0].ID, err)
		}
		report(len(ps))
		return nil
	})
	return n, err
}

// inBatches calls f on successive slices of at most size elements of s.
func inBatches[T any](s []T, size int, f func([]T) error) error {
	for i := 0; i < len(s); i += size {
		if err := f(s[i:min(i+size, len(s))]); err != nil {
			return err
		}
	}
	return nil
}
