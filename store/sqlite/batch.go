package sqlite

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// maxRows is the most rows one INSERT statement writes. Rows are written
// in statements of 64, 32, …, 1 rows, so that each table has at most seven
// statements to prepare and keep, and a statement's parameters (at most
// 64 × 22) stay far below SQLite's limit of 32,766.
const maxRows = 64

// lookupChunk is the most ids one lookup query (ids IN json_each(?))
// reads: a batch's records are read a chunk at a time instead of one
// query each.
const lookupChunk = 1000

// inserts collects the rows of one INSERT and writes them many to a
// statement: the compiled SQLite costs about as much to start a statement
// as to insert a row, and a CHECK on an IN list builds its list once per
// statement, not per row.
type inserts struct {
	table   string // for errors
	prefix  string // INSERT INTO t (a, b, c) VALUES
	row     string // (?, ?, ?)
	suffix  string // ON CONFLICT …, or ""
	columns int
	args    []any
	first   string // the id of the first row buffered, for errors
}

func newInserts(table, columns, suffix string) *inserts {
	n := strings.Count(columns, ",") + 1
	return &inserts{
		table:   table,
		prefix:  `INSERT INTO ` + table + ` (` + columns + `) VALUES `,
		row:     `(` + strings.TrimSuffix(strings.Repeat(`?, `, n), `, `) + `)`,
		suffix:  suffix,
		columns: n,
	}
}

// reserve makes room for rows more rows, so that a batch's rows are
// gathered without the buffer's doublings.
func (in *inserts) reserve(rows int) { in.args = slices.Grow(in.args, rows*in.columns) }

// add buffers a row; its first value names it in errors.
func (in *inserts) add(args ...any) {
	if len(args) != in.columns {
		panic(fmt.Sprintf("insert into %s: %d values for %d columns", in.table, len(args), in.columns))
	}
	if len(in.args) == 0 {
		in.first = fmt.Sprint(args[0])
	}
	in.args = append(in.args, args...)
}

// flush writes the buffered rows and empties the buffer.
func (in *inserts) flush(t *txn) error {
	args := in.args
	for len(args) > 0 {
		rows := len(args) / in.columns
		k := maxRows
		for k > rows {
			k /= 2
		}
		var q strings.Builder
		q.WriteString(in.prefix)
		for i := range k {
			if i > 0 {
				q.WriteString(`, `)
			}
			q.WriteString(in.row)
		}
		q.WriteString(in.suffix)
		if err := t.exec(q.String(), args[:k*in.columns]...); err != nil {
			return fmt.Errorf("insert into %s (rows from %s on): %w", in.table, in.first, err)
		}
		args = args[k*in.columns:]
	}
	in.args = in.args[:0]
	return nil
}

// flushAll flushes each in order: the order the foreign keys need.
func flushAll(t *txn, ins ...*inserts) error {
	for _, in := range ins {
		if err := in.flush(t); err != nil {
			return err
		}
	}
	return nil
}

// head is what a writer needs to know of a record's current version to
// write the next.
type head struct {
	version int
	digest  string
	decided bool
	stored  string
}

// heads reads the current versions of records by id, lookupChunk ids a
// query; query selects id, version, digest, decided, stored_at for the ids
// of a JSON array given as its one argument. An id not stored is absent
// from the map.
func (w *writer) heads(query string, ids []string) (map[string]head, error) {
	out := make(map[string]head, len(ids))
	err := w.eachChunk(ids, query, func(scan func(...any) error) error {
		var id string
		var h head
		if err := scan(&id, &h.version, &h.digest, &h.decided, &h.stored); err != nil {
			return err
		}
		out[id] = h
		return nil
	})
	return out, err
}

// existing reads which of the ids a query (selecting id for the ids of a
// JSON array given as its one argument) finds.
func (w *writer) existing(query string, ids []string) (map[string]bool, error) {
	out := make(map[string]bool, len(ids))
	err := w.eachChunk(ids, query, func(scan func(...any) error) error {
		var id string
		if err := scan(&id); err != nil {
			return err
		}
		out[id] = true
		return nil
	})
	return out, err
}

// eachChunk runs query on the ids lookupChunk at a time, given as a JSON
// array, and calls row on each row.
func (w *writer) eachChunk(ids []string, query string, row func(scan func(...any) error) error) error {
	for len(ids) > 0 {
		n := min(len(ids), lookupChunk)
		list, err := json.Marshal(ids[:n])
		if err != nil {
			return err
		}
		ids = ids[n:]
		rows, err := w.query(query, string(list))
		if err != nil {
			return err
		}
		for rows.Next() {
			if err := row(rows.Scan); err != nil {
				rows.Close()
				return err
			}
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}
