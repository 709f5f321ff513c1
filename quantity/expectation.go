package quantity

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Expectation is an amount as a gold file writes what a text means:
// ">600000 km2", "10000..99999 troops", "185000 mi2 (~479,000 km2)",
// "250000 RUB", "12". A sign gives the bound (>, <, >=, <=, ~); "a..b" a
// range; a unit code after the figure is checked when given; a bracketed
// "(~v unit)" is the canonical value (~: within 1 %).
type Expectation struct {
	Bound      Bound   // "" when the figure has no sign
	Value      float64 // the figure, NaN for a range
	Min, Max   float64 // for "a..b"
	Unit       string  // "" means: do not check the unit
	Canonical  float64 // 0 when absent
	CanonUnit  string
	CanonApprx bool
}

// ParseExpectation reads an expectation.
func ParseExpectation(s string) (Expectation, error) {
	e := Expectation{Value: math.NaN()}
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "("); i >= 0 {
		inner := strings.TrimSuffix(strings.TrimSpace(s[i+1:]), ")")
		s = strings.TrimSpace(s[:i])
		if strings.HasPrefix(inner, "~") {
			e.CanonApprx = true
			inner = inner[1:]
		}
		f := strings.Fields(inner)
		if len(f) != 2 {
			return e, fmt.Errorf("expectation %q: bad canonical part %q (want a value and a unit)", s, inner)
		}
		v, err := expectedNumber(f[0])
		if err != nil {
			return e, err
		}
		e.Canonical, e.CanonUnit = v, f[1]
	}
	fields := strings.Fields(s)
	if len(fields) == 0 || len(fields) > 2 {
		return e, fmt.Errorf("expectation %q: want a figure and an optional unit", s)
	}
	if len(fields) == 2 {
		e.Unit = fields[1]
	}
	v := fields[0]
	for _, p := range []struct {
		sign  string
		bound Bound
	}{{">=", BoundAtLeast}, {"<=", BoundAtMost}, {">", BoundMoreThan}, {"<", BoundLessThan}, {"~", BoundAbout}} {
		if strings.HasPrefix(v, p.sign) {
			e.Bound = p.bound
			v = v[len(p.sign):]
			break
		}
	}
	var err error
	if lo, hi, ok := strings.Cut(v, ".."); ok {
		if e.Min, err = expectedNumber(lo); err != nil {
			return e, err
		}
		e.Max, err = expectedNumber(hi)
		return e, err
	}
	e.Value, err = expectedNumber(v)
	return e, err
}

func expectedNumber(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil {
		return 0, fmt.Errorf("bad number %q in expectation", s)
	}
	return v, nil
}

// Check reports how q differs from the expectation, or "" when it meets it.
func (e Expectation) Check(q Quantity) string {
	var bad []string
	if !math.IsNaN(e.Value) && q.Value != e.Value {
		bad = append(bad, "value "+strconv.FormatFloat(q.Value, 'f', -1, 64))
	}
	if math.IsNaN(e.Value) && (q.Min != e.Min || q.Max != e.Max) {
		bad = append(bad, "bounds "+q.String())
	}
	if e.Bound != "" && q.Bound != e.Bound {
		bad = append(bad, "bound "+string(q.Bound))
	}
	if e.Bound == "" && !math.IsNaN(e.Value) && q.Bound != BoundExact {
		bad = append(bad, "bound "+string(q.Bound))
	}
	if e.Unit != "" && q.Unit != e.Unit {
		bad = append(bad, "unit "+q.Unit)
	}
	if e.CanonUnit != "" {
		c := q.Canonical()
		tol := 1e-9
		if e.CanonApprx {
			tol = 0.01
		}
		if c.Unit != e.CanonUnit || math.Abs(c.Value-e.Canonical) > tol*e.Canonical {
			bad = append(bad, "canonical "+strconv.FormatFloat(c.Value, 'f', -1, 64)+" "+c.Unit)
		}
	}
	return strings.Join(bad, ", ")
}
