package server

import (
	"net/http"
	"net/url"
	"strconv"
)

// Paging: a listing that can grow with the store (conflicts, candidates,
// sources) answers one page at a time. The body is the page's items, in
// the shape the command line prints the whole list in; the headers say
// the rest: X-Total-Count the number of items in the list, and Link the
// next page (rel="next"), absent on the last.
const (
	// DefaultPageSize is the page size when the request gives no limit.
	DefaultPageSize = 1000
	// MaxPageSize is the largest limit a request may ask.
	MaxPageSize = 10000
)

// page is one page of a listing, which read writes with its headers.
type page struct {
	items any
	total int
	next  int // the cursor of the next page; -1 on the last
}

// paging reads limit and cursor (or offset, its synonym): limit from 1 to
// MaxPageSize (DefaultPageSize when absent); cursor the position of the
// page's first item, as the Link of the page before gives it.
func paging(r *http.Request) (offset, limit int, err error) {
	q := queryOf(r)
	limit = DefaultPageSize
	if l := q.Get("limit"); l != "" {
		if limit, err = strconv.Atoi(l); err != nil || limit < 1 || limit > MaxPageSize {
			return 0, 0, invalid("limit: %q (want a whole number from 1 to %d)", l, MaxPageSize)
		}
	}
	c := q.Get("cursor")
	name := "cursor"
	if c == "" {
		c, name = q.Get("offset"), "offset"
	}
	if c != "" {
		if offset, err = strconv.Atoi(c); err != nil || offset < 0 {
			return 0, 0, invalid("%s: %q (want the cursor of a Link rel=\"next\", a whole number from 0)", name, c)
		}
	}
	return offset, limit, nil
}

// pageOf gives one page of a list.
func pageOf[T any](r *http.Request, all []T) (page, error) {
	offset, limit, err := paging(r)
	if err != nil {
		return page{}, err
	}
	start := min(offset, len(all))
	end := min(start+limit, len(all))
	items := all[start:end]
	if items == nil {
		items = []T{}
	}
	next := -1
	if end < len(all) {
		next = end
	}
	return page{items: items, total: len(all), next: next}, nil
}

// headers sets the paging headers of a page answering r.
func (p page) headers(h http.Header, r *http.Request) {
	h.Set("X-Total-Count", strconv.Itoa(p.total))
	if p.next < 0 {
		return
	}
	q := queryOf(r)
	q.Del("offset")
	q.Set("cursor", strconv.Itoa(p.next))
	u := url.URL{Path: r.URL.Path, RawQuery: q.Encode()}
	h.Set("Link", "<"+u.String()+`>; rel="next"`)
}
