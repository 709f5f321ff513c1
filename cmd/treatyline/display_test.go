package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestDisplayFindings: the smaller display faults found in a read of the
// command line's answers stay fixed.
func TestDisplayFindings(t *testing.T) {
	db := tempDB(t)
	for _, c := range []struct {
		name    string
		args    []string
		want    []string
		notWant []string
		once    string // a line that must appear exactly once
	}{
		{"claims naming an entity give their subject", []string{"claims", "treaty/peking-1860", "--db", db},
			[]string{"treaty/aigun-1858 confirmed_by: treaty/peking-1860"}, []string{"\n  confirmed_by: treaty/peking-1860"}, ""},
		{"candidates are marked", []string{"claims", "treaty/peking-1860", "--db", db},
			[]string{"person/prince-gong [party=polity/qing] [CANDIDATE: not reviewed]"}, nil, ""},
		{"a right without objects reads", []string{"asof", "1859-01-01", "--perspective", "qing", "--db", db},
			[]string{"extraterritoriality for polity/russia, granted by polity/qing"}, []string{": , since"}, ""},
		{"a year is shown as a year", []string{"asof", "1800-01-01", "--db", db},
			[]string{"Treaty of Kyakhta: in_force (signed 1727)"}, []string{"1727-12-31"}, ""},
		{"dual dating names its calendar once", []string{"date", "2 October [O.S. 20 September] 1879"},
			[]string{"also        1879-09-20 (julian)\n"}, []string{"(julian) (julian)"}, ""},
		{"a quote is printed once", []string{"status", "treaty/livadia-1879", "--on", "1882-01-01", "--db", db},
			[]string{"superseded"}, nil, "“February 24, 1881”"},
		{"an uncertain window is said", []string{"asof", "1858-05-20", "--sources", "002_83b40dc56342f948", "--db", db},
			[]string{"Treaty of Aigun: uncertain (signed 1858-05) — signed between 1858-05-01 and 1858-05-31"}, nil, ""},
		{"rejected provisions are not shown as terms", []string{"show", "treaty/aigun-1858", "--db", db},
			[]string{"(2 rejected provisions not shown"}, []string{"relocation_of_subjects"}, ""},
		{"the consensus choice is said", []string{"status", "treaty/aigun-1858", "--on", "1859-01-01", "--db", db},
			[]string{"signed 1858-05-28", "one of 4 date claims"}, nil, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := run(t, c.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, w := range c.notWant {
				if strings.Contains(out, w) {
					t.Errorf("output has %q:\n%s", w, out)
				}
			}
			if c.once != "" && strings.Count(out, c.once) != 1 {
				t.Errorf("%q appears %d times:\n%s", c.once, strings.Count(out, c.once), out)
			}
		})
	}
}

// TestNewcomerFindings: what a newcomer met in the first hour.
func TestNewcomerFindings(t *testing.T) {
	db := tempDB(t)
	t.Run("sources alone lists", func(t *testing.T) {
		code, out, errs := run(t, "sources", "--db", db)
		if code != 0 || !strings.Contains(out, "002_83b40dc56342f948") {
			t.Errorf("exit %d, %q %q", code, out, errs)
		}
	})
	t.Run("version", func(t *testing.T) {
		code, out, _ := run(t, "--version")
		if code != 0 || !strings.HasPrefix(out, "treatyline ") {
			t.Errorf("exit %d, %q", code, out)
		}
	})
	t.Run("29 February 1700", func(t *testing.T) {
		code, _, errs := run(t, "asof", "1700-02-29", "--db", db)
		if code != 2 || !strings.Contains(errs, "1700 has no 29 February in the Gregorian calendar") || !strings.Contains(errs, "the Julian calendar has one") {
			t.Errorf("exit %d, %q", code, errs)
		}
	})
	t.Run("serve without a corpus says where it looked", func(t *testing.T) {
		t.Setenv("TREATYLINE_SHARED", "")
		t.Chdir(t.TempDir())
		ctx, cancel := context.WithCancel(context.Background())
		var out, errb bytes.Buffer
		m := NewMain()
		m.Stdout, m.Stderr = &out, &errb
		m.commands["serve"] = &serveCommand{Ready: func(string) { cancel() }}
		if code := m.Run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0"}); code != 0 {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
		if !strings.Contains(errb.String(), "no corpus folder found") || !strings.Contains(errb.String(), "--corpus DIR") {
			t.Errorf("serve said %q", errb.String())
		}
	})
}
