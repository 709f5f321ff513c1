package postgres

import (
	"testing"

	"treatyline/kb"
	"treatyline/store/storetest"
)

// BenchmarkDecisions: review decisions per second with 1, 4 and 16
// reviewers at once (storetest.BenchDecisions), against the test server
// (internal/pgtest; fsync off, as a benchmark of the store's own work).
func BenchmarkDecisions(b *testing.B) {
	storetest.BenchDecisions(b, func(b *testing.B) kb.Store { return openTest(b) })
}
