// Package ingest is the one path by which a document becomes a source and
// candidate claims: a file's text is read by one rule (ReadFile), a
// source is named by one rule (kb.CheckSourceID), and documents read
// together are previewed before any is stored, so that what each proposes
// does not depend on the order they are read in (Ingester). The ingest
// and sources commands, eval and POST /sources all go through it.
package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"treatyline/extract"
	"treatyline/internal/report"
	"treatyline/kb"
)

// MaxBytes bounds the size of one document file.
const MaxBytes = report.MaxSourceBytes

// ReadFile reads a document file into its text, by the one rule every
// command uses: only a regular file is read (a FIFO, a device, a socket or
// a folder is refused before anything is read from it, and again after it
// is opened, without blocking, in case the name changed in between); at
// most limit bytes are read, counted as they stream in, whatever the file
// system says of its size; the bytes become text by extract.Plain (a
// byte-order mark dropped, UTF-16 and declared HTML charsets transcoded,
// Markdown and HTML turned into their words); a file with no text is
// refused. Errors name the file.
func ReadFile(path string, limit int64) (extract.Text, error) {
	info, err := os.Stat(path)
	if err != nil {
		return extract.Text{}, kb.Errorf(kb.EINVALID, "%v", err) // names the file
	}
	if err := regular(path, info); err != nil {
		return extract.Text{}, err
	}
	if info.Size() > limit {
		return extract.Text{}, tooBig(path, info.Size(), limit)
	}
	// O_NONBLOCK: should the name be a FIFO by now, opening it does not
	// wait for a writer.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return extract.Text{}, kb.Errorf(kb.EINVALID, "%v", err)
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil {
		return extract.Text{}, err
	}
	if err := regular(path, info); err != nil {
		return extract.Text{}, err
	}
	// Read into a buffer of the size the file has, so that reading it
	// does not hold twice its bytes (io.ReadAll grows by doubling); the
	// limit still counts what is read.
	var buf bytes.Buffer
	buf.Grow(int(min(info.Size(), limit)) + bytes.MinRead)
	_, err = buf.ReadFrom(io.LimitReader(f, limit+1))
	raw := buf.Bytes()
	if err != nil {
		return extract.Text{}, fmt.Errorf("%s: %w", path, err)
	}
	if int64(len(raw)) > limit {
		return extract.Text{}, tooBig(path, int64(len(raw)), limit)
	}
	if len(raw) == 0 {
		return extract.Text{}, kb.Errorf(kb.EINVALID, "%s: an empty file: nothing to read", path)
	}
	t, err := extract.PlainTextOwned(raw, path) // raw is not used again; its errors name the file
	if err != nil {
		return extract.Text{}, kb.Errorf(kb.EINVALID, "%v", err)
	}
	if strings.TrimSpace(t.Text) == "" {
		return extract.Text{}, kb.Errorf(kb.EINVALID, "%s: no text (%s with nothing but markup or white space)", path, t.Format)
	}
	return t, nil
}

func tooBig(path string, size, limit int64) error {
	return kb.Errorf(kb.EINVALID, "%s: more than the %d MB a source may have (%d bytes or more)", path, limit>>20, size)
}

// regular refuses what is not a regular file, naming what it is.
func regular(path string, info fs.FileInfo) error {
	m := info.Mode()
	if m.IsRegular() {
		return nil
	}
	what := "not a regular file"
	switch {
	case m.IsDir():
		what = "a folder"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeCharDevice != 0:
		what = "a character device"
	case m&fs.ModeDevice != 0:
		what = "a device"
	}
	return kb.Errorf(kb.EINVALID, "%s: %s, not a regular file: refused (only files are read as documents)", path, what)
}

// IDOf gives the source id a file is named by when no --id is given: its
// name without the extension.
func IDOf(path string) string {
	return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
}

// File is a document file to read, with what the user says of it.
type File struct {
	Path string
	ID   string // "" for IDOf(Path)
	// Language and Origin: "" for detected and the path.
	Language, Origin string
}

// ReadSource reads a file into a source: ReadFile's text, and the id
// given or the file's (checked by kb.CheckSourceID; the error names the
// file and suggests --id).
func ReadSource(f File) (kb.Source, error) {
	id := f.ID
	if id == "" {
		id = IDOf(f.Path)
	}
	if err := kb.CheckSourceID(id); err != nil {
		hint := ""
		if f.ID == "" {
			hint = " (the id is the file's name; name the source with --id)"
		}
		return kb.Source{}, kb.Errorf(kb.EINVALID, "%s: %v%s", f.Path, err, hint)
	}
	t, err := ReadFile(f.Path, MaxBytes)
	if err != nil {
		return kb.Source{}, err
	}
	origin := f.Origin
	if origin == "" {
		origin = f.Path
	}
	s, err := report.NewSource(id, "", f.Language, origin, t.Text)
	if err != nil {
		return kb.Source{}, fmt.Errorf("%s: %w", f.Path, err)
	}
	return s, nil
}

// Ingester stores documents as sources with their candidate claims. The
// documents of one run are previewed first (Preview), so that each is
// read in the light of all the others, whatever their order.
type Ingester struct {
	st kb.Store
	x  *extract.Extractor
	// Keep says to keep in each Result every mention and candidate of a
	// long document, not only their counts (see report.Ingest): for a
	// report of them all, at the cost of holding them.
	Keep bool
	// Times adds up where the runs of Files spent their time.
	Times Times
}

// Times is where Files spends a run's time, step by step, in wall-clock
// time: what bounds an ingest (bench/ingest prints it).
type Times struct {
	// Preview is reading and previewing every file, on every core.
	Preview time.Duration
	// Read is reading the documents read whole for their candidates, one
	// at a time (each while the one before is written).
	Read time.Duration
	// Entities is writing a document's source and candidate entities and
	// learning them, before the next is read (the rest of it is written
	// meanwhile).
	Entities time.Duration
	// Wait is waiting for the rest of the document before to be written,
	// before the next is written.
	Wait time.Duration
	// Parts is reading and writing the long documents read in parts.
	Parts time.Duration
	// Commit is beginning and committing the groups' transactions, the
	// checkpoints SQLite runs in a commit included.
	Commit time.Duration
}

// New makes an ingester over a store's entities and claims.
func New(ctx context.Context, st kb.Store) (*Ingester, error) {
	x, err := report.NewExtractor(ctx, st)
	if err != nil {
		return nil, err
	}
	return &Ingester{st: st, x: x}, nil
}

// Preview reads a source for what it tells the others (see
// extract.Extractor.Preview). Call it for every source of a run before
// storing any.
func (in *Ingester) Preview(src kb.Source) { in.x.Preview(src) }

// Store stores a source and, with propose, its candidate entities, claims
// and provisions and the merges it suggests, in one transaction: all of it
// or none (report.Ingest). What a reviewer or a curator has decided is
// kept (kb.Store.Apply). The same source again stores nothing.
func (in *Ingester) Store(ctx context.Context, src kb.Source, propose bool) (extract.Result, error) {
	if !propose {
		return extract.Result{Source: src.ID, Lang: src.Language}, in.st.Apply(ctx, kb.Batch{Sources: []kb.Source{src}})
	}
	return report.Ingest(ctx, in.st, in.x, src, in.Keep)
}

// Report is what became of one file of a run.
type Report struct {
	File   File
	Result extract.Result
	Err    error
}

// Files ingests files as one run: every file is read and previewed, then
// each is read again (not the file of a run of one: its text is kept) and
// stored, in order, all of it or none, a few files to a commit (groupFiles,
// groupBytes); each is handed to each once its commit is done (a run
// cancelled or failing to commit loses the files of its last group, none
// of which was handed over). Two files of the run under one id are an
// error of the second (EINVALID, naming both). With keepGoing a file that
// fails is reported and the run goes on; otherwise the first failure ends
// the run (what was stored before stays). Files returns the first error
// of the run (nil when every file was stored).
func (in *Ingester) Files(ctx context.Context, files []File, keepGoing bool, each func(Report) error) error {
	var first error
	fail := func(f File, err error) error {
		if first == nil {
			first = err
		}
		if each != nil {
			if e := each(Report{File: f, Err: err}); e != nil {
				return e
			}
		}
		if !keepGoing {
			return err
		}
		return nil
	}
	byID := map[string]string{}
	ok := make([]bool, len(files))
	var only *kb.Source // the source of a run of one file, read once
	began := time.Now()
	read := in.previewAll(ctx, files)
	in.Times.Preview += time.Since(began)
	for i, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		src, err := read[i].src, read[i].err
		if err == nil {
			if other, dup := byID[src.ID]; dup {
				err = kb.Errorf(kb.EINVALID, "%s: id %q is also the id of %s: name one of them with --id", f.Path, src.ID, other)
			}
		}
		if err != nil {
			if e := fail(f, err); e != nil {
				return e
			}
			continue
		}
		byID[src.ID] = f.Path
		in.x.KeepPreview(read[i].pv)
		read[i].pv = extract.Previewed{}
		ok[i] = true
		if len(files) == 1 {
			// A run of one document reads its file once.
			only = &src
		}
	}
	// The files are read again one ahead of the one being stored, on
	// another core when there is one: reading a file (its text, hash and
	// language) is no part of what the next one depends on.
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ahead := readAhead(rctx, files, ok, only, read)
	for i := 0; ; {
		for i < len(files) && !ok[i] {
			i++
		}
		if i == len(files) {
			break
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		// A group of documents is stored in one commit, each under its
		// own savepoint, and reported when the commit is done. A document
		// read whole is written on another goroutine (written), and the
		// next read meanwhile once the first's entities are learned.
		var done []Report
		var filled time.Duration
		began := time.Now()
		err := in.st.ApplyGroup(ctx, func(g kb.Group) error {
			began := time.Now()
			defer func() { filled = time.Since(began) }()
			var w written
			defer w.finish(in.x) // a group given up: its writer is waited for
			for n, size := 0, 0; i < len(files) && n < groupFiles && size < groupBytes; i++ {
				if !ok[i] {
					continue
				}
				if err := ctx.Err(); err != nil {
					return err
				}
				f := files[i]
				next, open := <-ahead
				if !open { // cancelled
					if err := ctx.Err(); err != nil {
						return err
					}
					return fmt.Errorf("%s: not read", f.Path) // cannot be: ahead reads every file marked ok
				}
				src, err := next.src, next.err
				n, size = n+1, size+len(src.Text)
				whole := err == nil && extract.ReadWhole(src)
				var rd report.Reading
				if whole {
					rd, err = in.read(src)
				}
				if r, stored := in.finish(&w); r != nil {
					done = append(done, *r)
					if !stored {
						if !keepGoing {
							return nil // the group's files before it are stored; the run ends
						}
						// What this document was read with is undone: read again.
						if whole {
							rd, err = in.read(src)
						}
					}
				}
				var r extract.Result
				switch {
				case err != nil:
					r = rd.Result
				case whole:
					began := time.Now()
					w.start(g, in.x, f, rd)
					in.Times.Entities += time.Since(began)
					continue
				default:
					began := time.Now()
					r, err = report.IngestIn(g, in.x, src, in.Keep)
					in.Times.Parts += time.Since(began)
				}
				if err != nil {
					err = fmt.Errorf("%s: %w", f.Path, err)
				}
				done = append(done, Report{File: f, Result: r, Err: err})
				if err != nil && !keepGoing {
					i++ // the group's files before it are stored; the run ends
					return nil
				}
			}
			if r, _ := in.finish(&w); r != nil {
				done = append(done, *r)
			}
			return nil
		})
		in.Times.Commit += time.Since(began) - filled
		if err != nil {
			return err // nothing of the group is stored
		}
		for _, r := range done {
			if r.Err != nil {
				if e := fail(r.File, r.Err); e != nil {
					return e
				}
				continue
			}
			if each != nil {
				if err := each(r); err != nil {
					return err
				}
			}
		}
	}
	return first
}

// read reads a document whole for its candidates (report.Read), timed.
func (in *Ingester) read(src kb.Source) (report.Reading, error) {
	began := time.Now()
	defer func() { in.Times.Read += time.Since(began) }()
	return report.Read(in.x, src, in.Keep)
}

// finish waits for the document being written (written.finish), timed.
func (in *Ingester) finish(w *written) (*Report, bool) {
	began := time.Now()
	defer func() { in.Times.Wait += time.Since(began) }()
	return w.finish(in.x)
}

// written is the document of a group being written on another goroutine
// (report.Reading.Write) while Files reads the next, with its report.
type written struct {
	rep *Report
	w   *report.Writing
}

// start writes a document read whole, and returns once its entities are
// learned (or its writing has failed before).
func (w *written) start(g kb.Group, x *extract.Extractor, f File, rd report.Reading) {
	*w = written{rep: &Report{File: f, Result: rd.Result}, w: rd.Write(g, x)}
}

// finish waits for the document being written, if any, and gives its
// report, and whether it was stored: when it was not, what the extractor
// learned from it is undone, and the document read since must be read
// again.
func (w *written) finish(x *extract.Extractor) (*Report, bool) {
	if w.rep == nil {
		return nil, true
	}
	r, err := w.rep, w.w.Wait(x)
	*w = written{}
	if err != nil {
		r.Err = fmt.Errorf("%s: %w", r.File.Path, err)
	}
	return r, err == nil
}

// readSource is a file of a run read (or the error reading it gave).
type readSource struct {
	src kb.Source
	err error
}

// readAhead reads the files of a run marked ok, in order, each while the
// one before is taken: at most one text read ahead of the reader's. A run
// of one file hands over only, read already. The channel is closed after
// the last file, or when ctx is done.
func readAhead(ctx context.Context, files []File, ok []bool, only *kb.Source, before []previewed) <-chan readSource {
	out := make(chan readSource)
	go func() {
		defer close(out)
		for i, f := range files {
			if !ok[i] {
				continue
			}
			var r readSource
			if only != nil {
				r.src = *only
			} else {
				r.src, r.err = readAgain(f, before[i].src)
			}
			select {
			case out <- r:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// readAgain reads a file of a run a second time: when its text is the one
// read before (its hash is the source's), it gives the source read then
// with the text (its language is not detected again); otherwise the file
// is read afresh.
func readAgain(f File, before kb.Source) (kb.Source, error) {
	if before.SHA256 == "" {
		return ReadSource(f)
	}
	t, err := ReadFile(f.Path, MaxBytes)
	if err != nil || kb.HashText(t.Text) != before.SHA256 {
		return ReadSource(f)
	}
	before.Text = t.Text
	return before, nil
}

// previewed is a file of a run read and previewed by previewAll: its
// source (without the text, but for a run of one file, whose text is kept
// to be stored), or the error reading it gave.
type previewed struct {
	src kb.Source
	pv  extract.Previewed
	err error
}

// previewAll reads and previews the files of a run on every core (at most
// previewWorkers), each reader with a Previewer of its own and one text at
// a time; what each found is for Files to keep in the files' order, as
// previewing them in turn would have left it.
func (in *Ingester) previewAll(ctx context.Context, files []File) []previewed {
	out := make([]previewed, len(files))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), len(files), previewWorkers)) {
		p := in.x.Previewer()
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) || ctx.Err() != nil {
					return
				}
				src, err := ReadSource(files[i])
				if err == nil {
					out[i].pv = p.Preview(src)
					if len(files) > 1 {
						src.Text = ""
					}
				}
				out[i].src, out[i].err = src, err
			}
		}()
	}
	wg.Wait()
	return out
}

// previewWorkers bounds the files of a run read and previewed at once.
const previewWorkers = 8

// groupFiles and groupBytes bound the documents of a run stored in one
// commit (kb.Store.ApplyGroup): at most so many files, and no more once
// they hold so many bytes of text. A commit writes and syncs every page
// its documents changed, most of which (the B-trees' inner pages, a
// leaf shared by several) are the same for documents stored together;
// sixteen short documents a commit write about a quarter of the pages
// sixteen commits write, and sixty-four a commit take a fifth less time
// than sixteen (bench/README.md, "Ingest's writes"). The store is held
// for writing while a group is read and stored (other writers, a
// server's review decisions, wait for it): the megabyte of text bounds
// that to about a second on a slow machine, far within the store's
// five seconds of patience.
const (
	groupFiles = 64
	groupBytes = 1 << 20
)

// Walk lists the files named, and the documents (.txt, .md, .markdown,
// .html, .htm) in the folders named, in order: each folder's sorted. What
// cannot be listed (a missing name, an unreadable folder) is an error in
// errs, and the walk goes on.
func Walk(args []string) (paths []string, errs []error) {
	for _, a := range args {
		info, err := os.Stat(a)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !info.IsDir() {
			paths = append(paths, a)
			continue
		}
		var found []string
		_ = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, err)
				if d != nil && d.IsDir() && p != a {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			switch strings.ToLower(filepath.Ext(p)) {
			case ".txt", ".md", ".markdown", ".html", ".htm":
				found = append(found, p)
			}
			return nil
		})
		slices.Sort(found)
		paths = append(paths, found...)
	}
	if len(paths) == 0 && len(errs) == 0 {
		errs = append(errs, errors.New("no documents (.txt, .md, .markdown, .html, .htm) in the folders given"))
	}
	return paths, errs
}
