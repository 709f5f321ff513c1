package storetest

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"treatyline/kb"
)

// BenchDecisions measures review decisions per second with 1, 4 and 16
// reviewers deciding at once, on a store that holds the fixture and 2,000
// candidate claims. A decision is what a reviewer's accept is: read the
// claim's current version, then decide on it (Decide with that version
// expected, so that the store checks it). Reviewers take the candidates in
// turn, so that two rarely decide the same one; a decision refused as a
// conflict is read again and retried, and counted. open gives a new,
// empty store.
func BenchDecisions(b *testing.B, open func(b *testing.B) kb.Store) {
	const candidates = 2000
	for _, reviewers := range []int{1, 4, 16} {
		b.Run(fmt.Sprintf("reviewers=%d", reviewers), func(b *testing.B) {
			ctx := context.Background()
			st := open(b)
			defer st.Close()
			w := world()
			ev := ev(srcEN, "The Treaty of Aigun", false)
			for i := range candidates {
				w.Claims = append(w.Claims, kb.Claim{ID: fmt.Sprintf("claim/bench/%05d", i), Subject: aigun, Property: "negotiator",
					Value: kb.EntityValue(muravyov), Evidence: []kb.Evidence{ev}, Status: kb.Candidate, Rank: kb.Normal})
			}
			if err := st.Apply(ctx, w); err != nil {
				b.Fatal(err)
			}
			var next, conflicts atomic.Int64
			decide := func(who string) error {
				id := fmt.Sprintf("claim/bench/%05d", next.Add(1)%candidates)
				for {
					h, err := st.ClaimHistory(ctx, id)
					if err != nil {
						return err
					}
					c := h[len(h)-1]
					_, err = st.Decide(ctx, kb.Decision{ID: id, Status: []kb.Status{kb.Accepted, kb.Rejected}[c.Version%2],
						By: who, Expect: c.Version})
					if kb.ErrorCode(err) == kb.ECONFLICT {
						conflicts.Add(1)
						continue
					}
					return err
				}
			}
			b.ResetTimer()
			start := time.Now()
			var wg sync.WaitGroup
			errs := make(chan error, reviewers)
			per := (b.N + reviewers - 1) / reviewers
			for r := range reviewers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for range per {
						if err := decide(fmt.Sprint("reviewer ", r)); err != nil {
							errs <- err
							return
						}
					}
				}()
			}
			wg.Wait()
			elapsed := time.Since(start)
			close(errs)
			for err := range errs {
				b.Fatal(err)
			}
			b.ReportMetric(float64(per*reviewers)/elapsed.Seconds(), "decisions/s")
			b.ReportMetric(float64(conflicts.Load()), "conflicts")
		})
	}
}
