package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"treatyline/internal/testkb"
	"treatyline/kb"
	"treatyline/server"
)

// chromiumPath is where Debian's chromium package puts the browser.
const chromiumPath = "/usr/bin/chromium"

// testToken is the bearer token of the server under test.
const testToken = "browser-test-token"

// The document planted to test escaping: every piece of markup in it must
// show as text.
const (
	xssSource = "900_markup_test"
	xssScript = "<script>alert(1)</script>"
	xssImg    = "<img src=x onerror=alert(1)>"
)

// site is the real server over a scratch store, and a browser to look at
// it with.
type site struct {
	url     string
	store   kb.Store
	browser context.Context // a context of the browser: tabs are made from it
}

// watch records what a tab's page should never do: open a JavaScript
// dialog, throw, or log an error (the browser logs a resource the content
// security policy refused, a failed request). A test names the errors it
// provokes with expect.
type watch struct {
	mu       sync.Mutex
	dialogs  []string
	problems []string
	expected []string
}

// newSite starts the server over a SQLite file in a temporary folder,
// loaded with the bundled knowledge base and the corpus texts, and a
// headless chromium. Without chromium the test is skipped, unless
// TREATYLINE_REQUIRE_BROWSER=1 (as in CI), where it fails.
func newSite(t *testing.T) *site {
	t.Helper()
	needBrowser(t)
	return newSiteOver(t, testkb.Bundled(t))
}

// needBrowser skips the test without chromium, unless
// TREATYLINE_REQUIRE_BROWSER=1, where it fails.
func needBrowser(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("TREATYLINE_REQUIRE_BROWSER") == "1" {
			t.Fatalf("%s not found and TREATYLINE_REQUIRE_BROWSER=1: install it (apt-get install -y chromium)", chromiumPath)
		}
		t.Skipf("browser tests skipped: %s not found (apt-get install -y chromium; TREATYLINE_REQUIRE_BROWSER=1 makes this a failure)", chromiumPath)
	}
}

// newSiteOver starts the server over a store, and a headless chromium.
func newSiteOver(t *testing.T, st kb.Store) *site {
	t.Helper()
	srv, err := server.New(st, server.Config{Token: testToken})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	s := newBrowser(t)
	s.url, s.store = ts.URL, st
	return s
}

// newBrowser starts a headless chromium, for a site whose address is set
// after.
func newBrowser(t *testing.T) *site {
	t.Helper()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
	})
	// The first action starts the browser, which lives as long as the
	// context it ran on: this one, not a shorter-lived child.
	if err := chromedp.Do(browser); err != nil {
		t.Fatalf("start %s: %v", chromiumPath, err)
	}
	return &site{browser: browser}
}

// tab opens a new browser tab for one test and watches it, closing any
// dialog (or the page would stay blocked). It closes with the test.
func (s *site) tab(t *testing.T) (context.Context, *watch) {
	t.Helper()
	ctx, cancel := chromedp.NewContext(s.browser)
	ctx, cancelTime := context.WithTimeout(ctx, 5*time.Minute)
	t.Cleanup(func() {
		cancelTime()
		cancel()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	w := &watch{}
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	console := chromedp.Console(ctx)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			w.mu.Lock()
			w.dialogs = append(w.dialogs, ev.Message)
			w.mu.Unlock()
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				w.mu.Lock()
				w.problems = append(w.problems, fmt.Sprintf("%s (%s:%d)", m.String(), m.URL, m.Line+1))
				w.mu.Unlock()
			}
		}
	}()
	return ctx, w
}

// expect lets the page log errors that contain any of these texts: the
// failed requests a test provokes on purpose.
func (w *watch) expect(texts ...string) {
	w.mu.Lock()
	w.expected = append(w.expected, texts...)
	w.mu.Unlock()
}

// check fails the test for any dialog, and any exception or error that it
// did not expect.
func (w *watch) check(t *testing.T) {
	t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, d := range w.dialogs {
		t.Errorf("a JavaScript dialog opened: %q", d)
	}
next:
	for _, p := range w.problems {
		for _, e := range w.expected {
			if strings.Contains(p, e) {
				continue next
			}
		}
		t.Errorf("the page reported %s", p)
	}
	w.dialogs, w.problems = nil, nil
}

// loads counts page loads, so that each load has its own address: a
// change of the hash alone would not load the page again.
var loads atomic.Int64

// open loads the page at a route ("map?date=1859-01-01") and waits until
// its view has drawn.
func (s *site) open(t *testing.T, ctx context.Context, route, view string) {
	t.Helper()
	u := fmt.Sprintf("%s/?load=%d#/%s", s.url, loads.Add(1), route)
	sctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(sctx, chromedp.Navigate(u), chromedp.WaitVisible(chromedp.CSS(ready(view)))); err != nil {
		t.Fatalf("open #/%s: %v; the page shows:\n%s", route, err, shown(ctx))
	}
}

// ready is the selector of a view that has finished drawing.
func ready(view string) string {
	return fmt.Sprintf(`section.view[data-view=%q][data-ready="true"]`, view)
}

// shoot saves a PNG of the viewport (1400×900) to the screenshots folder:
// $TREATYLINE_SCREENSHOTS, or .screenshots/ at the repository's root,
// which git ignores: a test run leaves a clean checkout clean. The
// committed screenshots/ are chosen ones, copied there deliberately.
func shoot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("TREATYLINE_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join("..", ".screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// text gives the text of the first element a selector matches, once it
// is visible.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	out, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return out
}

// attr gives an attribute of the first element a selector matches.
func attr(t *testing.T, ctx context.Context, sel, name string) string {
	t.Helper()
	a, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(sel), name))
	if err != nil {
		t.Fatalf("attribute %s of %s: %v", name, sel, err)
	}
	if !a.Exists {
		t.Fatalf("%s has no attribute %s", sel, name)
	}
	return a.Value
}

// eval runs a JavaScript expression in the page and gives its value.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// do runs actions, failing the test on an error with what the page shows.
func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	// A step that waits too long fails here, while the tab still lives.
	sctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(sctx, steps...); err != nil {
		t.Fatalf("%v; the page shows:\n%s", err, shown(ctx))
	}
}

// stepTimeout bounds one group of actions: generous, for a shared and slow
// machine.
const stepTimeout = 90 * time.Second

// shown gives the text of the page, for a failure's message.
func shown(ctx context.Context) string {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText.slice(0, 3000)`))
	if err != nil {
		return "(unreadable: " + err.Error() + ")"
	}
	return s
}

// api reads a GET route of the server under test.
func (s *site) api(t *testing.T, path string, out any) {
	t.Helper()
	res, err := http.Get(s.url + "/api/v1/" + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", path, res.Status)
	}
	if err := json.NewDecoder(res.Body).Decode(out); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}

// TestBrowser drives the page in a real browser against the real server.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	s := newSite(t)
	t.Run("map", func(t *testing.T) { testMap(t, s) })
	t.Run("timeline", func(t *testing.T) { testTimeline(t, s) })
	t.Run("treaty", func(t *testing.T) { testTreaty(t, s) })
	t.Run("truth", func(t *testing.T) { testTruth(t, s) })
	t.Run("reader", func(t *testing.T) { testReader(t, s) })
	t.Run("conflicts", func(t *testing.T) { testConflicts(t, s) })
	t.Run("review", func(t *testing.T) { testReview(t, s) })
	t.Run("markup", func(t *testing.T) { testMarkup(t, s) })
}

const ussuri = `path.territory[data-id="territory/ussuri-sea"]`
const ussuriHolding = `.holding-list li[data-territory="territory/ussuri-sea"]`

// testMap: the holder of the land between the Ussuri and the sea changes
// from Russia and Qing jointly (Aigun, 1858) to Russia alone (Peking, 1860),
// on the map and in the list beside it; the date box reads prose and shows
// why it cannot read a date.
func testMap(t *testing.T, s *site) {
	ctx, w := s.tab(t)
	s.open(t, ctx, "map?date=1859-01-01&perspective=consensus", "map")
	if got := attr(t, ctx, ussuri, "data-holder"); got != "polity/qing polity/russia" {
		t.Errorf("1859-01-01: data-holder = %q, want %q", got, "polity/qing polity/russia")
	}
	if got := attr(t, ctx, ussuri, "data-mode"); got != "joint" {
		t.Errorf("1859-01-01: data-mode = %q, want joint", got)
	}
	holders := text(t, ctx, ussuriHolding+" .holders")
	for _, want := range []string{"Qing", "Russia", "joint"} {
		if !strings.Contains(holders, want) {
			t.Errorf("1859-01-01: holdings say %q, want %q in it", holders, want)
		}
	}
	legend := text(t, ctx, ".legend")
	for _, want := range []string{"Qing", "Russia", "held jointly"} {
		if !strings.Contains(legend, want) {
			t.Errorf("legend %q lacks %q", legend, want)
		}
	}
	land := eval[int](t, ctx, `document.querySelectorAll('svg.map path.land').length`)
	rivers := eval[int](t, ctx, `document.querySelectorAll('svg.map path.river').length`)
	places := eval[int](t, ctx, `document.querySelectorAll('svg.map .place').length`)
	if land != 1 || rivers == 0 || places == 0 {
		t.Errorf("map has %d land paths, %d rivers, %d places; want 1 and some of each", land, rivers, places)
	}

	// Choose the territory: its history of holders, with evidence.
	do(t, ctx,
		chromedp.Click(chromedp.CSS(ussuriHolding+" button")),
		chromedp.WaitVisible(chromedp.CSS(`#territory-detail[data-ready="true"] ol.history li`)),
	)
	if steps := eval[int](t, ctx, `document.querySelectorAll('#territory-detail ol.history > li').length`); steps < 2 {
		t.Errorf("history of territory/ussuri-sea has %d steps, want at least 2 (Aigun, Peking)", steps)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#territory-detail a.source-ref[href^="#/source/"]').length`); n == 0 {
		t.Error("the history links no quote to the reader")
	}
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
	shoot(t, ctx, "map-1859")

	// A date the server cannot read: its message shows, the map stays.
	w.expect("status of 400")
	do(t, ctx,
		chromedp.SetValue(chromedp.ID("date-text"), "the day after never"),
		chromedp.Click(chromedp.CSS(`#date-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#date-error:not(:empty)`)),
	)
	if msg := text(t, ctx, "#date-error"); !strings.Contains(msg, "not a date") {
		t.Errorf("date error shows %q, want the server's message", msg)
	}

	// Dutch prose in the date box: 1 January 1861, after Peking.
	do(t, ctx,
		chromedp.SetValue(chromedp.ID("date-text"), "1 januari 1861"),
		chromedp.Click(chromedp.CSS(`#date-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`section.view[data-view="map"][data-date="1861-01-01"][data-ready="true"]`)),
	)
	if got := attr(t, ctx, ussuri, "data-holder"); got != "polity/russia" {
		t.Errorf("1861-01-01: data-holder = %q, want polity/russia", got)
	}
	if got := attr(t, ctx, ussuri, "data-mode"); got != "sole" {
		t.Errorf("1861-01-01: data-mode = %q, want sole", got)
	}
	holders = text(t, ctx, ussuriHolding+" .holders")
	if !strings.Contains(holders, "Russia") || strings.Contains(holders, "Qing") {
		t.Errorf("1861-01-01: holdings say %q, want Russia alone", holders)
	}
	if got := text(t, ctx, ".date-shown"); got != "1 January 1861" {
		t.Errorf("the header shows %q, want 1 January 1861", got)
	}
	if got := text(t, ctx, "#date-error"); got != "" {
		t.Errorf("after a good date the error still shows %q", got)
	}
	shoot(t, ctx, "map-1861")

	// From the Qing side, which disowned the clause, the land is not joint in 1859.
	s.open(t, ctx, "map?date=1859-01-01&perspective=polity/qing", "map")
	if got := attr(t, ctx, ussuri, "data-holder"); got == "polity/qing polity/russia" {
		t.Errorf("Qing perspective, 1859-01-01: data-holder = %q, want it to differ from the consensus", got)
	}
	if got := eval[string](t, ctx, `document.getElementById('perspective').value`); got != "polity/qing" {
		t.Errorf("the perspective selector shows %q, want polity/qing", got)
	}
	w.check(t)
}

// testTimeline: the signing of Aigun shows the Julian and Gregorian
// readings of its date.
func testTimeline(t *testing.T, s *site) {
	ctx, w := s.tab(t)
	s.open(t, ctx, "timeline?date=1859-01-01", "timeline")
	row := `li.tl-row[data-subject="treaty/aigun-1858"][data-property="signed"]`
	got := text(t, ctx, row)
	for _, want := range []string{"16 May 1858 (Julian)", "28 May 1858", "sources differ", "003_835acd5ed4ef2496"} {
		if !strings.Contains(got, want) {
			t.Errorf("Aigun's signing on the timeline lacks %q:\n%s", want, got)
		}
	}
	if rows := eval[int](t, ctx, `document.querySelectorAll('li.tl-row').length`); rows < 20 {
		t.Errorf("the timeline has %d rows, want at least 20", rows)
	}
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('`+row+`').scrollIntoView({block: 'center'})`))
	shoot(t, ctx, "timeline")
	w.check(t)
}

// testTreaty: Aigun's page shows its date in the original calendar and the
// Gregorian one, its status, parties, provisions and evidence.
func testTreaty(t *testing.T, s *site) {
	ctx, w := s.tab(t)
	s.open(t, ctx, "treaty/treaty/aigun-1858?date=1859-01-01&perspective=consensus", "treaty")
	body := text(t, ctx, "section.view")
	for _, want := range []string{"Treaty of Aigun", "16 May 1858 (Julian)", "28 May 1858", "Qing", "Russia",
		"Muravyov", "Provisions", "condominium", "jointly administered by Russia and China"} {
		if !strings.Contains(body, want) {
			t.Errorf("Aigun's page lacks %q", want)
		}
	}
	if got := attr(t, ctx, ".status-card", "data-status"); got != "in_force" {
		t.Errorf("status on 1859-01-01 = %q, want in_force", got)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('section.view a[href^="#/source/003_835acd5ed4ef2496"]').length`); n == 0 {
		t.Error("no evidence links to source 003")
	}
	shoot(t, ctx, "treaty-aigun")
	w.check(t)
}

// testReader: document 003 opens with its evidence highlighted, each mark
// the exact quote of its span (offsets are code points).
func testReader(t *testing.T, s *site) {
	const id = "003_835acd5ed4ef2496"
	var doc struct {
		Spans []struct {
			Start, End int
			Quote      string
		}
	}
	s.api(t, "sources/"+id, &doc)
	if len(doc.Spans) == 0 {
		t.Fatalf("source %s has no spans", id)
	}
	// Spans that overlap no other are drawn as one mark each.
	var alone []int
	for i, a := range doc.Spans {
		ok := true
		for j, b := range doc.Spans {
			if i != j && a.Start < b.End && b.Start < a.End && (a.Start != b.Start || a.End != b.End) {
				ok = false
				break
			}
		}
		if ok {
			alone = append(alone, i)
		}
	}
	if len(alone) == 0 {
		t.Fatal("every span overlaps another: nothing to compare")
	}

	ctx, w := s.tab(t)
	s.open(t, ctx, "source/"+id, "source")
	if marks := eval[int](t, ctx, `document.querySelectorAll('#doc-text mark').length`); marks == 0 {
		t.Fatal("no mark in the reader")
	}
	for _, i := range []int{alone[0], alone[len(alone)/2], alone[len(alone)-1]} {
		sp := doc.Spans[i]
		sel := fmt.Sprintf(`#doc-text mark[data-start="%d"][data-end="%d"]`, sp.Start, sp.End)
		got := eval[string](t, ctx, fmt.Sprintf(`document.querySelector(%q).textContent`, sel))
		if got != sp.Quote {
			t.Errorf("mark %d–%d reads %q, want the quote %q", sp.Start, sp.End, got, sp.Quote)
		}
	}

	// A link at a span opens the reader there and says what it supports.
	sp := doc.Spans[alone[len(alone)/2]]
	s.open(t, ctx, fmt.Sprintf("source/%s?start=%d&end=%d", id, sp.Start, sp.End), "source")
	if got := text(t, ctx, ".span-info blockquote"); got != sp.Quote {
		t.Errorf("the span panel quotes %q, want %q", got, sp.Quote)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('.span-info a[href^="#/"]').length`); n == 0 {
		t.Error("the chosen span links to no claim or treaty")
	}
	shoot(t, ctx, "reader-003")
	w.check(t)
}

// testConflicts: the disagreements page shows each group with its class
// and its claims' quotes.
func testConflicts(t *testing.T, s *site) {
	var groups []struct {
		Class string
	}
	s.api(t, "conflicts", &groups)
	ctx, w := s.tab(t)
	s.open(t, ctx, "conflicts", "conflicts")
	if shown := eval[int](t, ctx, `document.querySelectorAll('article.group').length`); shown != len(groups) || shown == 0 {
		t.Errorf("the page shows %d groups, the API has %d", shown, len(groups))
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('article.group[data-class="conflict"] q').length`); n == 0 {
		t.Error("no quote under a conflict")
	}
	// Who started the mediation of 1860 (002 vs 003): named, not by id.
	med := text(t, ctx, `article.group[data-subject="event/mediation-1860"]`)
	if !strings.Contains(med, "Prince Gong") || !strings.Contains(med, "Ignatiev") || strings.Contains(med, "person/") {
		t.Errorf("the mediation group reads:\n%s", med)
	}
	shoot(t, ctx, "conflicts")
	w.check(t)
}

// testReview: a decision without the token is refused, the page shows the
// server's message, and the candidate stays a candidate; with the token it
// is accepted.
func testReview(t *testing.T, s *site) {
	const id = "claim/browser-test-candidate"
	cand := kb.Claim{ID: id, Subject: "treaty/aigun-1858", Property: "place_signed", Value: kb.EntityValue("city/aigun"),
		Status: kb.Candidate, Rank: kb.Normal, Note: "planted by the browser test", RecordedBy: "browser-test", RecordedAt: time.Now(),
		Evidence: []kb.Evidence{evidence(t, s.store, "001_edea92537101e3cc", "Treaty of Aigun")}}
	if err := s.store.Apply(context.Background(), kb.Batch{Claims: []kb.Claim{cand}}); err != nil {
		t.Fatal(err)
	}

	ctx, w := s.tab(t)
	s.open(t, ctx, "review", "review")
	card := fmt.Sprintf(`li.candidate[data-claim=%q]`, id)
	w.expect("status of 401")
	do(t, ctx,
		chromedp.Click(chromedp.CSS(card+` button[data-action="accept"]`)),
		chromedp.WaitVisible(chromedp.CSS(card+` .decision.error`)),
	)
	msg := text(t, ctx, card+" .decision")
	if !strings.Contains(msg, "Refused") || !strings.Contains(msg, "bearer token") {
		t.Errorf("the refusal shows %q, want the server's message about the bearer token", msg)
	}
	if got := attr(t, ctx, card, "data-status"); got != "candidate" {
		t.Errorf("after the refusal the card says %q, want candidate", got)
	}
	if got := claimStatus(t, s.store, id); got != kb.Candidate {
		t.Errorf("after the refusal the store has %s, want candidate", got)
	}

	// With the token kept for the tab, the same click accepts it.
	do(t, ctx,
		chromedp.SetValue(chromedp.ID("token"), testToken),
		chromedp.Click(chromedp.CSS(`.token-form button[type="submit"]`)),
		chromedp.Click(chromedp.CSS(card+` button[data-action="accept"]`)),
		chromedp.WaitVisible(chromedp.CSS(card+`[data-status="accepted"] .decision.ok`)),
	)
	if got := claimStatus(t, s.store, id); got != kb.Accepted {
		t.Errorf("after accepting with the token the store has %s, want accepted", got)
	}
	w.check(t)
}

// evidence anchors a quote at its first place in a stored source.
func evidence(t *testing.T, st kb.Store, source, quote string) kb.Evidence {
	t.Helper()
	src, err := st.Source(context.Background(), source)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(src.Text, quote)
	if i < 0 {
		t.Fatalf("%s does not say %q", source, quote)
	}
	start := utf8.RuneCountInString(src.Text[:i])
	return kb.Evidence{Source: source, SHA256: src.SHA256, Quote: kb.TextQuoteSelector{Exact: quote},
		Position: kb.TextPositionSelector{Start: start, End: start + utf8.RuneCountInString(quote)}}
}

func claimStatus(t *testing.T, st kb.Store, id string) kb.Status {
	t.Helper()
	hist, err := st.ClaimHistory(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return hist[len(hist)-1].Status
}

// testMarkup: a source whose text and title hold a script element and an
// image with an onerror handler, registered through the API, shows them as
// text: no element is made from them and no dialog opens.
func testMarkup(t *testing.T, s *site) {
	text0 := "A document that quotes markup. " + xssScript + " Then an image: " + xssImg + " The end."
	body, _ := json.Marshal(map[string]string{"id": xssSource, "title": "Markup " + xssImg, "text": text0})
	req, err := http.NewRequest("POST", s.url+"/api/v1/sources", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+testToken)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("POST /sources: %s", res.Status)
	}
	// A candidate claim quoting the image tag, so that it is also a mark.
	cand := kb.Claim{ID: "claim/browser-test-markup", Subject: "treaty/aigun-1858", Property: "described_as",
		Value: kb.TextValue(xssImg), Status: kb.Candidate, Rank: kb.Normal, RecordedBy: "browser-test", RecordedAt: time.Now(),
		Evidence: []kb.Evidence{evidence(t, s.store, xssSource, xssImg)}}
	if err := s.store.Apply(context.Background(), kb.Batch{Claims: []kb.Claim{cand}}); err != nil {
		t.Fatal(err)
	}

	ctx, w := s.tab(t)
	s.open(t, ctx, "source/"+url.PathEscape(xssSource), "source")
	shown := text(t, ctx, "#doc-text")
	for _, want := range []string{xssScript, xssImg} {
		if !strings.Contains(shown, want) {
			t.Errorf("the reader does not show %q as text:\n%s", want, shown)
		}
	}
	if got := text(t, ctx, "section.view h1"); got != "Markup "+xssImg {
		t.Errorf("the title shows %q, want %q", got, "Markup "+xssImg)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#doc-text *:not(mark)').length`); n != 0 {
		t.Errorf("the reader made %d elements other than marks from the document", n)
	}
	if n := eval[int](t, ctx, `document.images.length + document.querySelectorAll('main script, main img').length`); n != 0 {
		t.Errorf("the page made %d images or scripts from the document", n)
	}
	if got := eval[string](t, ctx, `document.querySelector('#doc-text mark').textContent`); got != xssImg {
		t.Errorf("the mark reads %q, want %q", got, xssImg)
	}

	// The same text in the review queue and the list of documents.
	s.open(t, ctx, "review", "review")
	if got := text(t, ctx, `li.candidate[data-claim="claim/browser-test-markup"] .value`); got != xssImg {
		t.Errorf("the review queue shows the value %q, want %q", got, xssImg)
	}
	if got := text(t, ctx, `li.candidate[data-claim="claim/browser-test-markup"] .evidence q`); got != xssImg {
		t.Errorf("the review queue quotes %q, want %q", got, xssImg)
	}
	s.open(t, ctx, "sources", "sources")
	if got := text(t, ctx, `li[data-source="`+xssSource+`"] h2`); got != "Markup "+xssImg {
		t.Errorf("the list of documents shows the title %q", got)
	}
	if n := eval[int](t, ctx, `document.images.length + document.querySelectorAll('main script, main img').length`); n != 0 {
		t.Errorf("the review queue or the list made %d images or scripts", n)
	}
	// Let two frames pass, time for a handler that should not exist to run.
	_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](
		`new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	w.check(t)
}

// idText matches an entity or provision id in the text a reader sees.
const idText = `/\b(polity|treaty|provision|person|territory)\/[a-z0-9-]+/`

// testTruth: the page shows review status and precision as they are:
// rejected claims and provisions are not shown as facts, candidates are
// marked, a year is a year, integrity findings show on the treaty page,
// entities are named by label, and no two territories share one outline.
func testTruth(t *testing.T, s *site) {
	ctx, w := s.tab(t)

	// Aigun: its two rejected draft provisions are not among its terms.
	s.open(t, ctx, "treaty/treaty/aigun-1858?date=1859-01-01&perspective=consensus", "treaty")
	if n := eval[int](t, ctx, `document.querySelectorAll('li.provision[data-provision^="provision/aigun-1858/draft-"]').length`); n != 0 {
		t.Errorf("Aigun's page shows %d rejected draft provisions as terms", n)
	}
	if got := text(t, ctx, ".rejected-note"); !strings.Contains(got, "not facts") {
		t.Errorf("the page does not say rejected items are left out: %q", got)
	}
	if got := eval[string](t, ctx, `document.querySelector('.status-card').innerText.match(`+idText+`)?.[0] || ''`); got != "" {
		t.Errorf("the status card shows the id %q where a name belongs", got)
	}

	// Peking: the candidate negotiator is marked as a candidate.
	s.open(t, ctx, "treaty/treaty/peking-1860?date=1861-01-01&perspective=consensus", "treaty")
	facts := text(t, ctx, ".facts")
	if !strings.Contains(facts, "Prince Gong") || !strings.Contains(facts, "candidate: not reviewed") {
		t.Errorf("Peking's facts do not mark the candidate negotiator:\n%s", facts)
	}

	// Kyakhta, dated to the year: shown as the year, never as 31 December.
	s.open(t, ctx, "treaty/treaty/kyakhta-1727?date=1800-01-01&perspective=consensus", "treaty")
	card := text(t, ctx, ".status-card")
	if !strings.Contains(card, "Signed: 1727") || strings.Contains(card, "31 December") || strings.Contains(card, "1727-12-31") {
		t.Errorf("Kyakhta's status card:\n%s\nwant 'Signed: 1727', no 31 December", card)
	}

	// Livadia: 000 dates it to the day of its successor; the finding shows.
	s.open(t, ctx, "treaty/treaty/livadia-1879?date=1882-01-01&perspective=consensus", "treaty")
	findings := text(t, ctx, "section.findings")
	if !strings.Contains(findings, "signed after it") || !strings.Contains(findings, "Treaty of Saint Petersburg") {
		t.Errorf("Livadia's page does not show the integrity finding:\n%s", findings)
	}

	// The map: names, not ids; one outline per territory; the villages split.
	s.open(t, ctx, "map?date=1859-01-01&perspective=polity/qing", "map")
	if got := eval[string](t, ctx, `(document.querySelector('.map-side').innerText + document.querySelector('.treaty-status').innerText).match(`+idText+`)?.[0] || ''`); got != "" {
		t.Errorf("the map page shows the id %q where a name belongs", got)
	}
	dup := eval[int](t, ctx, `(() => { const ds = [...document.querySelectorAll('path.territory')].map((p) => p.getAttribute('d'));
		return ds.length - new Set(ds).size; })()`)
	if dup != 0 {
		t.Errorf("%d territories share an outline with another", dup)
	}
	s.open(t, ctx, "map?date=1859-01-01&perspective=consensus", "map")
	villages := `.holding-list li[data-territory="territory/sixty-four-villages"]`
	if got := attr(t, ctx, villages, "data-mode"); got != "split" {
		t.Errorf("the Sixty-Four Villages in 1859: mode %q, want split", got)
	}
	if got := text(t, ctx, villages+" .holders"); !strings.Contains(got, "jurisdiction kept by Qing") {
		t.Errorf("the villages' holding reads %q", got)
	}
	if got := text(t, ctx, villages+" .since"); !strings.Contains(got, "28 May 1858") {
		t.Errorf("the villages' holding since %q", got)
	}
	// The history of a territory and its evidence name treaties, not ids.
	do(t, ctx,
		chromedp.Click(chromedp.CSS(ussuriHolding+" button")),
		chromedp.WaitVisible(chromedp.CSS(`#territory-detail[data-ready="true"] ol.history li`)),
	)
	if got := eval[string](t, ctx, `document.getElementById('territory-detail').textContent.match(`+idText+`)?.[0] || ''`); got != "" {
		t.Errorf("the territory's history shows the id %q where a name belongs", got)
	}
	w.check(t)
}
